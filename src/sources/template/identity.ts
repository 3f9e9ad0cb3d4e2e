import { urlSuffix, type StackEnvironment } from './environment.js';
import { asBoolean, asNumber, asString, attributePlaceholder } from './values.js';

/**
 * Deterministic stand-ins for the identifiers AWS assigns at deployment, derived from the logical
 * ID. A `Ref` or `Fn::GetAtt` anywhere in the stack resolves to the same stand-in the resource
 * itself gets in the inventory, so correlation matches them exactly as it matches live ARNs.
 * Names are the explicit name property when set, the logical ID otherwise.
 */
export interface IdentitySubject {
  logicalId: string;
  /** The logical ID, qualified by the stack when another stack of the input declares it too. */
  physicalId: string;
  type: string;
  env: StackEnvironment;
  /** One property of the resource, resolved. */
  property(name: string): unknown;
}

interface IdentityRule {
  ref(subject: IdentitySubject): unknown;
  attributes?: Record<string, (subject: IdentitySubject) => unknown>;
}

export function refValue(subject: IdentitySubject): unknown {
  return ruleFor(subject.type).ref(subject);
}

export function attributeValue(subject: IdentitySubject, attribute: string): unknown {
  const own = ruleFor(subject.type).attributes?.[attribute];
  if (own) return own(subject);
  if (attribute === 'Arn' && subject.type.startsWith('AWS::')) return genericArn(subject);
  return attributePlaceholder(subject.logicalId, attribute);
}

/** The explicit name property when it is set, the logical ID otherwise. */
export function nameOf(subject: IdentitySubject, property: string): string {
  return asString(subject.property(property)) ?? subject.physicalId;
}

function arn(subject: IdentitySubject, service: string, resource: string, options: { region?: boolean; account?: boolean } = {}): string {
  const { partition, region, accountId } = subject.env;
  return `arn:${partition}:${service}:${options.region === false ? '' : region}:${options.account === false ? '' : accountId}:${resource}`;
}

/** `AWS::Logs::LogGroup` → `arn:aws:logs:<region>:<account>:loggroup/<LogicalId>`. */
function genericArn(subject: IdentitySubject): string {
  const [, service = 'cloudformation', kind = 'resource'] = subject.type.split('::');
  return arn(subject, service.toLowerCase(), `${kind.toLowerCase()}/${subject.physicalId}`);
}

function prefixed(prefix: string): (subject: IdentitySubject) => string {
  return (subject) => `${prefix}-${subject.physicalId}`;
}

const ENGINE_PORTS: Record<string, number> = {
  postgres: 5432,
  'aurora-postgresql': 5432,
  mysql: 3306,
  mariadb: 3306,
  aurora: 3306,
  'aurora-mysql': 3306,
  'oracle-ee': 1521,
  'oracle-se2': 1521,
  'sqlserver-ee': 1433,
  'sqlserver-se': 1433,
  'sqlserver-ex': 1433,
  'sqlserver-web': 1433,
};

/** The port a DB listens on: explicit, else the engine's default. */
export function databasePort(subject: IdentitySubject): number | undefined {
  return asNumber(subject.property('Port')) ?? ENGINE_PORTS[(asString(subject.property('Engine')) ?? '').toLowerCase()];
}

export function dbInstanceIdentifier(subject: IdentitySubject): string {
  return nameOf(subject, 'DBInstanceIdentifier').toLowerCase();
}

export function dbClusterIdentifier(subject: IdentitySubject): string {
  return nameOf(subject, 'DBClusterIdentifier').toLowerCase();
}

const LOAD_BALANCER_KINDS: Record<string, string> = { application: 'app', network: 'net', gateway: 'gwy' };

function loadBalancerPath(subject: IdentitySubject): string {
  const kind = LOAD_BALANCER_KINDS[asString(subject.property('Type')) ?? 'application'] ?? 'app';
  return `${kind}/${nameOf(subject, 'Name')}/${subject.physicalId}`;
}

function loadBalancerArn(subject: IdentitySubject): string {
  return arn(subject, 'elasticloadbalancing', `loadbalancer/${loadBalancerPath(subject)}`);
}

/** `...:loadbalancer/app/web/WebAlb` → `...:listener/app/web/WebAlb/<LogicalId>`. */
function listenerArn(subject: IdentitySubject): string {
  const parent = asString(subject.property('LoadBalancerArn')) ?? '';
  const match = /^(arn:[^:]*:elasticloadbalancing:[^:]*:[^:]*:)loadbalancer\/(.+)$/.exec(parent);
  if (match) return `${match[1]}listener/${match[2]}/${subject.physicalId}`;
  return arn(subject, 'elasticloadbalancing', `listener/app/${parent || 'unknown'}/${subject.physicalId}`);
}

/** `...:listener/app/web/WebAlb/Https` + rule id → `...:listener-rule/app/web/WebAlb/Https/<id>`. */
export function listenerRuleArn(listener: string, ruleId: string): string {
  return `${listener.replace(':listener/', ':listener-rule/')}/${ruleId}`;
}

function targetGroupArn(subject: IdentitySubject): string {
  return arn(subject, 'elasticloadbalancing', `targetgroup/${nameOf(subject, 'Name')}/${subject.physicalId}`);
}

/** ECS accepts a cluster name or ARN; the default cluster when none is given. */
export function ecsClusterName(cluster: unknown): string {
  const value = asString(cluster);
  if (value === undefined || value === '') return 'default';
  return value.includes(':cluster/') ? value.slice(value.indexOf(':cluster/') + ':cluster/'.length) : value;
}

function ecsServiceArn(subject: IdentitySubject): string {
  return arn(subject, 'ecs', `service/${ecsClusterName(subject.property('Cluster'))}/${nameOf(subject, 'ServiceName')}`);
}

function taskDefinitionArn(subject: IdentitySubject): string {
  return arn(subject, 'ecs', `task-definition/${nameOf(subject, 'Family')}:1`);
}

function queueName(subject: IdentitySubject): string {
  const explicit = asString(subject.property('QueueName'));
  if (explicit !== undefined) return explicit;
  return asBoolean(subject.property('FifoQueue')) ? `${subject.physicalId}.fifo` : subject.physicalId;
}

function iamPath(subject: IdentitySubject): string {
  return asString(subject.property('Path')) ?? '/';
}

function bucketName(subject: IdentitySubject): string {
  return nameOf(subject, 'BucketName');
}

function rdsHost(subject: IdentitySubject, identifier: string, infix = ''): string {
  return `${identifier}.${infix}${subject.env.accountId}.${subject.env.region}.rds.${urlSuffix(subject.env.partition)}`;
}

function portText(subject: IdentitySubject): string | undefined {
  const port = databasePort(subject);
  return port === undefined ? undefined : String(port);
}

/** `com.amazonaws.us-east-1.ecr.dkr` → `ecr.dkr`. */
function endpointServiceSuffix(serviceName: string, region: string): string {
  const at = serviceName.indexOf(`.${region}.`);
  return at < 0 ? serviceName.split('.').pop() || 'endpoint' : serviceName.slice(at + region.length + 2);
}

/** Interface endpoints get a regional DNS name shaped like AWS's; gateway endpoints get none. */
export function vpcEndpointDnsNames(subject: IdentitySubject, id: string): string[] {
  const type = asString(subject.property('VpcEndpointType')) ?? 'Gateway';
  if (type !== 'Interface') return [];
  const service = endpointServiceSuffix(asString(subject.property('ServiceName')) ?? '', subject.env.region);
  return [`${id}.${service}.${subject.env.region}.vpce.${urlSuffix(subject.env.partition)}`];
}

const RULES: Record<string, IdentityRule> = {
  'AWS::EC2::VPC': {
    ref: prefixed('vpc'),
    attributes: {
      VpcId: prefixed('vpc'),
      CidrBlock: (s) => s.property('CidrBlock'),
      CidrBlockAssociations: (s) => [`vpc-cidr-assoc-${s.physicalId}`],
      DefaultSecurityGroup: (s) => `sg-${s.physicalId}Default`,
      Ipv6CidrBlocks: (s) => [attributePlaceholder(s.logicalId, 'Ipv6CidrBlocks')],
    },
  },
  'AWS::EC2::Subnet': {
    ref: prefixed('subnet'),
    attributes: {
      SubnetId: prefixed('subnet'),
      VpcId: (s) => s.property('VpcId'),
      AvailabilityZone: (s) => s.property('AvailabilityZone'),
      CidrBlock: (s) => s.property('CidrBlock'),
    },
  },
  'AWS::EC2::RouteTable': { ref: prefixed('rtb'), attributes: { RouteTableId: prefixed('rtb') } },
  'AWS::EC2::InternetGateway': { ref: prefixed('igw'), attributes: { InternetGatewayId: prefixed('igw') } },
  'AWS::EC2::EgressOnlyInternetGateway': { ref: prefixed('eigw'), attributes: { Id: prefixed('eigw') } },
  'AWS::EC2::NatGateway': { ref: prefixed('nat'), attributes: { NatGatewayId: prefixed('nat') } },
  'AWS::EC2::TransitGateway': { ref: prefixed('tgw'), attributes: { Id: prefixed('tgw') } },
  'AWS::EC2::VPNGateway': { ref: prefixed('vgw'), attributes: { VPNGatewayId: prefixed('vgw') } },
  'AWS::EC2::VPCPeeringConnection': { ref: prefixed('pcx'), attributes: { Id: prefixed('pcx') } },
  'AWS::EC2::TransitGatewayAttachment': { ref: prefixed('tgw-attach'), attributes: { Id: prefixed('tgw-attach') } },
  'AWS::EC2::TransitGatewayVpcAttachment': { ref: prefixed('tgw-attach'), attributes: { Id: prefixed('tgw-attach') } },
  'AWS::EC2::NetworkInterface': { ref: prefixed('eni'), attributes: { Id: prefixed('eni') } },
  'AWS::EC2::Instance': { ref: prefixed('i'), attributes: { InstanceId: prefixed('i') } },
  'AWS::EC2::PrefixList': { ref: prefixed('pl'), attributes: { PrefixListId: prefixed('pl') } },
  'AWS::EC2::EIP': { ref: (s) => attributePlaceholder(s.logicalId, 'PublicIp'), attributes: { AllocationId: prefixed('eipalloc') } },
  'AWS::EC2::SecurityGroup': {
    ref: prefixed('sg'),
    attributes: { GroupId: prefixed('sg'), VpcId: (s) => s.property('VpcId') },
  },
  'AWS::EC2::SecurityGroupIngress': { ref: prefixed('sgr') },
  'AWS::EC2::SecurityGroupEgress': { ref: prefixed('sgr') },
  'AWS::EC2::VPCEndpoint': {
    ref: prefixed('vpce'),
    attributes: {
      Id: prefixed('vpce'),
      DnsEntries: (s) => vpcEndpointDnsNames(s, `vpce-${s.physicalId}`).map((name) => `${attributePlaceholder(s.logicalId, 'HostedZoneId')}:${name}`),
    },
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    ref: loadBalancerArn,
    attributes: {
      LoadBalancerArn: loadBalancerArn,
      DNSName: (s) => `${s.physicalId}.${s.env.region}.elb.${urlSuffix(s.env.partition)}`,
      LoadBalancerFullName: loadBalancerPath,
      LoadBalancerName: (s) => nameOf(s, 'Name'),
      SecurityGroups: (s) => s.property('SecurityGroups') ?? [],
    },
  },
  'AWS::ElasticLoadBalancingV2::Listener': { ref: listenerArn, attributes: { ListenerArn: listenerArn } },
  'AWS::ElasticLoadBalancingV2::ListenerRule': {
    ref: (s) => listenerRuleArn(asString(s.property('ListenerArn')) ?? '', s.physicalId),
    attributes: { RuleArn: (s) => listenerRuleArn(asString(s.property('ListenerArn')) ?? '', s.physicalId), IsDefault: () => false },
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    ref: targetGroupArn,
    attributes: {
      TargetGroupArn: targetGroupArn,
      TargetGroupName: (s) => nameOf(s, 'Name'),
      TargetGroupFullName: (s) => `targetgroup/${nameOf(s, 'Name')}/${s.physicalId}`,
    },
  },
  'AWS::ECS::Cluster': {
    ref: (s) => nameOf(s, 'ClusterName'),
    attributes: { Arn: (s) => arn(s, 'ecs', `cluster/${nameOf(s, 'ClusterName')}`) },
  },
  'AWS::ECS::Service': {
    ref: ecsServiceArn,
    attributes: { ServiceArn: ecsServiceArn, Name: (s) => nameOf(s, 'ServiceName') },
  },
  'AWS::ECS::TaskDefinition': { ref: taskDefinitionArn, attributes: { TaskDefinitionArn: taskDefinitionArn } },
  'AWS::RDS::DBInstance': {
    ref: dbInstanceIdentifier,
    attributes: {
      DBInstanceArn: (s) => arn(s, 'rds', `db:${dbInstanceIdentifier(s)}`),
      'Endpoint.Address': (s) => rdsHost(s, dbInstanceIdentifier(s)),
      'Endpoint.Port': portText,
    },
  },
  'AWS::RDS::DBCluster': {
    ref: dbClusterIdentifier,
    attributes: {
      DBClusterArn: (s) => arn(s, 'rds', `cluster:${dbClusterIdentifier(s)}`),
      'Endpoint.Address': (s) => rdsHost(s, dbClusterIdentifier(s), 'cluster-'),
      'ReadEndpoint.Address': (s) => rdsHost(s, dbClusterIdentifier(s), 'cluster-ro-'),
      'Endpoint.Port': portText,
    },
  },
  'AWS::RDS::DBSubnetGroup': { ref: (s) => nameOf(s, 'DBSubnetGroupName').toLowerCase() },
  'AWS::IAM::Role': {
    ref: (s) => nameOf(s, 'RoleName'),
    attributes: { Arn: (s) => arn(s, 'iam', `role${iamPath(s)}${nameOf(s, 'RoleName')}`, { region: false }) },
  },
  'AWS::IAM::ManagedPolicy': {
    ref: (s) => arn(s, 'iam', `policy${iamPath(s)}${nameOf(s, 'ManagedPolicyName')}`, { region: false }),
    attributes: { PolicyArn: (s) => arn(s, 'iam', `policy${iamPath(s)}${nameOf(s, 'ManagedPolicyName')}`, { region: false }) },
  },
  'AWS::IAM::InstanceProfile': {
    ref: (s) => nameOf(s, 'InstanceProfileName'),
    attributes: { Arn: (s) => arn(s, 'iam', `instance-profile${iamPath(s)}${nameOf(s, 'InstanceProfileName')}`, { region: false }) },
  },
  'AWS::S3::Bucket': {
    ref: bucketName,
    attributes: {
      Arn: (s) => arn(s, 's3', bucketName(s), { region: false, account: false }),
      DomainName: (s) => `${bucketName(s)}.s3.${urlSuffix(s.env.partition)}`,
      RegionalDomainName: (s) => `${bucketName(s)}.s3.${s.env.region}.${urlSuffix(s.env.partition)}`,
      DualStackDomainName: (s) => `${bucketName(s)}.s3.dualstack.${s.env.region}.${urlSuffix(s.env.partition)}`,
      WebsiteURL: (s) => `http://${bucketName(s)}.s3-website-${s.env.region}.${urlSuffix(s.env.partition)}`,
    },
  },
  'AWS::SQS::Queue': {
    ref: (s) => `https://sqs.${s.env.region}.${urlSuffix(s.env.partition)}/${s.env.accountId}/${queueName(s)}`,
    attributes: {
      Arn: (s) => arn(s, 'sqs', queueName(s)),
      QueueName: queueName,
      QueueUrl: (s) => `https://sqs.${s.env.region}.${urlSuffix(s.env.partition)}/${s.env.accountId}/${queueName(s)}`,
    },
  },
  'AWS::DynamoDB::Table': {
    ref: (s) => nameOf(s, 'TableName'),
    attributes: {
      Arn: (s) => arn(s, 'dynamodb', `table/${nameOf(s, 'TableName')}`),
      StreamArn: (s) => arn(s, 'dynamodb', `table/${nameOf(s, 'TableName')}/stream/${attributePlaceholder(s.logicalId, 'StreamArn')}`),
    },
  },
  'AWS::DynamoDB::GlobalTable': {
    ref: (s) => nameOf(s, 'TableName'),
    attributes: {
      Arn: (s) => arn(s, 'dynamodb', `table/${nameOf(s, 'TableName')}`),
      StreamArn: (s) => arn(s, 'dynamodb', `table/${nameOf(s, 'TableName')}/stream/${attributePlaceholder(s.logicalId, 'StreamArn')}`),
      TableId: (s) => attributePlaceholder(s.logicalId, 'TableId'),
    },
  },
  'AWS::SNS::Topic': {
    ref: (s) => arn(s, 'sns', nameOf(s, 'TopicName')),
    attributes: { TopicArn: (s) => arn(s, 'sns', nameOf(s, 'TopicName')), TopicName: (s) => nameOf(s, 'TopicName') },
  },
  'AWS::Route53::HostedZone': {
    ref: (s) => `Z${s.physicalId}`,
    attributes: { Id: (s) => `Z${s.physicalId}`, NameServers: (s) => [attributePlaceholder(s.logicalId, 'NameServers')] },
  },
  'AWS::Route53::RecordSet': { ref: (s) => s.property('Name') },
  'AWS::CertificateManager::Certificate': { ref: (s) => arn(s, 'acm', `certificate/${s.physicalId}`) },
  'AWS::SecretsManager::Secret': {
    ref: (s) => arn(s, 'secretsmanager', `secret:${nameOf(s, 'Name')}`),
    attributes: { Id: (s) => arn(s, 'secretsmanager', `secret:${nameOf(s, 'Name')}`) },
  },
  /** Its Ref is the ARN of the secret it attaches to, which is how CDK hands DB secrets to ECS. */
  'AWS::SecretsManager::SecretTargetAttachment': { ref: (s) => s.property('SecretId') },
  'AWS::KMS::Key': {
    ref: (s) => s.physicalId,
    attributes: { Arn: (s) => arn(s, 'kms', `key/${s.physicalId}`), KeyId: (s) => s.physicalId },
  },
  'AWS::KMS::Alias': { ref: (s) => s.property('AliasName') },
  'AWS::Logs::LogGroup': {
    ref: (s) => nameOf(s, 'LogGroupName'),
    attributes: { Arn: (s) => arn(s, 'logs', `log-group:${nameOf(s, 'LogGroupName')}:*`) },
  },
  'AWS::Lambda::Function': {
    ref: (s) => nameOf(s, 'FunctionName'),
    attributes: { Arn: (s) => arn(s, 'lambda', `function:${nameOf(s, 'FunctionName')}`) },
  },
  'AWS::ECR::Repository': {
    ref: (s) => nameOf(s, 'RepositoryName'),
    attributes: {
      Arn: (s) => arn(s, 'ecr', `repository/${nameOf(s, 'RepositoryName')}`),
      RepositoryUri: (s) => `${s.env.accountId}.dkr.ecr.${s.env.region}.${urlSuffix(s.env.partition)}/${nameOf(s, 'RepositoryName')}`,
    },
  },
  'AWS::SSM::Parameter': { ref: (s) => nameOf(s, 'Name') },
};

/** Types without a rule (custom resources included): Ref is the logical ID, attributes are placeholders. */
const GENERIC_RULE: IdentityRule = { ref: (s) => s.physicalId };

function ruleFor(type: string): IdentityRule {
  return RULES[type] ?? GENERIC_RULE;
}
