import { readFileSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DOMAIN, type Synthesized, logicalIds, onlyLogicalId, synthesize } from './synthesized.js';

// The full mode: a domain is given, so HTTPS, the certificate and the alias record exist.
// Synthesized as on a user's machine: with aws-cdk-lib's built-in CloudFormation validation, which
// the rest of the test run turns off (vitest.config.ts), so its report is checked here.
let s: Synthesized;
const runValidation = process.env.CDK_VALIDATION;
beforeAll(async () => {
  delete process.env.CDK_VALIDATION;
  s = await synthesize(EXAMPLE_DOMAIN);
});
afterAll(() => {
  if (runValidation !== undefined) process.env.CDK_VALIDATION = runValidation;
  rmSync(s.outdir, { recursive: true, force: true });
});

const ref = (id: string) => ({ Ref: id });
const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

function subnetIds(groupName: string): string[] {
  return logicalIds(s, 'AWS::EC2::Subnet', { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-name', Value: groupName }]) });
}

function routesOfSubnet(subnetId: string): Record<string, unknown>[] {
  const association = Object.values(s.json.Resources).find(
    (r) => r.Type === 'AWS::EC2::SubnetRouteTableAssociation' && JSON.stringify(r.Properties?.SubnetId) === JSON.stringify(ref(subnetId)),
  );
  const routeTable = JSON.stringify(association?.Properties?.RouteTableId);
  return Object.values(s.json.Resources)
    .filter((r) => r.Type === 'AWS::EC2::Route' && JSON.stringify(r.Properties?.RouteTableId) === routeTable)
    .map((r) => r.Properties!);
}

/** Ingress rules declared as separate resources on one group: `source:port`. */
function ingressResourcesOf(securityGroupId: string): string[] {
  return Object.values(s.json.Resources)
    .filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress' && JSON.stringify(r.Properties?.GroupId) === JSON.stringify(groupId(securityGroupId)))
    .map((r) => {
      const p = r.Properties!;
      const source = p.SourceSecurityGroupId ? (p.SourceSecurityGroupId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] : String(p.CidrIp);
      return `${source}:${String(p.IpProtocol)}/${String(p.FromPort)}-${String(p.ToPort)}`;
    })
    .sort();
}

function container(name: string): { taskDefinitionId: string; definition: Record<string, any>; taskDefinition: Record<string, any> } {
  for (const [taskDefinitionId, resource] of Object.entries(s.json.Resources)) {
    if (resource.Type !== 'AWS::ECS::TaskDefinition') continue;
    const definition = (resource.Properties!.ContainerDefinitions as Record<string, any>[]).find((c) => c.Name === name);
    if (definition) return { taskDefinitionId, definition, taskDefinition: resource.Properties! };
  }
  throw new Error(`no container ${name}`);
}

function serviceOf(containerName: string): Record<string, any> {
  const { taskDefinitionId } = container(containerName);
  return s.template.findResources('AWS::ECS::Service', { Properties: { TaskDefinition: ref(taskDefinitionId) } })[
    onlyLogicalId(s, 'AWS::ECS::Service', { TaskDefinition: ref(taskDefinitionId) })
  ]!.Properties;
}

function roleActions(roleArn: unknown): string[] {
  const roleId = (roleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
  const role = s.json.Resources[roleId]!.Properties!;
  const inline = ((role.Policies ?? []) as { PolicyDocument: { Statement: { Action: string | string[] }[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
  const attached = Object.values(s.json.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties?.Roles).includes(`"${roleId}"`))
    .flatMap((r) => (r.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement);
  return [...inline, ...attached].flatMap((st) => [st.Action].flat()).sort();
}

describe('synthesis', () => {
  it('writes the template and stages one build context per image without Docker', () => {
    expect(s.stackName).toBe('TopologyReference');
    expect(s.templatePath).toBe(path.join(s.outdir, 'TopologyReference.template.json'));
    const assets = JSON.parse(readFileSync(path.join(s.outdir, 'TopologyReference.assets.json'), 'utf8')) as {
      dockerImages: Record<string, { source: { directory: string; dockerBuildArgs: Record<string, string> } }>;
    };
    const images = Object.values(assets.dockerImages).map(({ source }) => ({
      service: source.dockerBuildArgs.SERVICE,
      staged: readdirSync(path.join(s.outdir, source.directory)).sort(),
    }));
    expect(images.sort((a, b) => a.service!.localeCompare(b.service!))).toEqual([
      { service: 'web', staged: ['Dockerfile', 'shared', 'web'] },
      { service: 'worker', staged: ['Dockerfile', 'shared', 'worker'] },
    ]);
  });

  it('is environment-agnostic: no account or region is written into the template', () => {
    const text = readFileSync(s.templatePath, 'utf8');
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).not.toMatch(/\b(us|eu|ap|sa|ca|me|af)-[a-z]+-\d\b/);
    expect(text).toContain('"Fn::GetAZs"');
  });
});

describe('network', () => {
  it('spreads public, private-with-egress and isolated subnets over two AZs', () => {
    const tiers = { Public: 'Public', App: 'Private', Data: 'Isolated' };
    for (const [name, type] of Object.entries(tiers)) {
      const ids = subnetIds(name);
      expect(ids).toHaveLength(2);
      const zones = ids.map((id) => JSON.stringify(s.json.Resources[id]!.Properties!.AvailabilityZone)).sort();
      expect(zones).toEqual([0, 1].map((i) => JSON.stringify({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })));
      for (const id of ids) {
        expect(s.json.Resources[id]!.Properties!.Tags).toContainEqual({ Key: 'aws-cdk:subnet-type', Value: type });
        expect(s.json.Resources[id]!.Properties!.MapPublicIpOnLaunch).toBe(name === 'Public');
      }
    }
  });

  it('routes the app subnets through the one NAT gateway from cdk.json and gives the data subnets no route out', () => {
    const nat = onlyLogicalId(s, 'AWS::EC2::NatGateway');
    for (const id of subnetIds('App')) {
      expect(routesOfSubnet(id)).toEqual([expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(nat) })]);
    }
    for (const id of subnetIds('Data')) expect(routesOfSubnet(id)).toEqual([]);
  });

  it('records flow logs of the whole VPC to the log bucket', () => {
    s.template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: { 'Fn::Join': ['', [Match.objectLike({ 'Fn::GetAtt': Match.arrayWith([Match.stringLikeRegexp('^StorageLogBucket')]) }), '/vpc-flow-logs/']] },
    });
  });
});

describe('VPC endpoints', () => {
  const serviceSuffix = (props: Record<string, unknown>) => ((props.ServiceName as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][2] as string).slice(1);

  it('has an S3 gateway endpoint on the app route tables', () => {
    const gateway = s.template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Gateway' } });
    expect(Object.values(gateway).map((r) => serviceSuffix(r.Properties))).toEqual(['s3']);
    expect(Object.values(gateway)[0]!.Properties.RouteTableIds).toHaveLength(2);
  });

  it('has interface endpoints for SQS, Secrets Manager, ECR api/dkr and Logs in the app subnets, behind one group', () => {
    const endpointGroup = onlyLogicalId(s, 'AWS::EC2::SecurityGroup', { GroupDescription: Match.stringLikeRegexp('^Interface VPC endpoints') });
    const interfaces = Object.values(s.template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }));
    expect(interfaces.map((r) => serviceSuffix(r.Properties)).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'sqs']);
    for (const endpoint of interfaces) {
      expect(endpoint.Properties.SecurityGroupIds).toEqual([groupId(endpointGroup)]);
      expect(endpoint.Properties.SubnetIds).toEqual(subnetIds('App').map(ref));
      expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
    }
  });

  it('admits HTTPS to the endpoints from the web and worker groups only', () => {
    const endpointGroup = onlyLogicalId(s, 'AWS::EC2::SecurityGroup', { GroupDescription: Match.stringLikeRegexp('^Interface VPC endpoints') });
    expect(s.json.Resources[endpointGroup]!.Properties!.SecurityGroupIngress).toBeUndefined();
    const web = serviceOf('web').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    const worker = serviceOf('worker').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    expect(ingressResourcesOf(endpointGroup)).toEqual([`${web}:tcp/443-443`, `${worker}:tcp/443-443`].sort());
  });
});

describe('edge: Route53, ACM and the ALB', () => {
  const loadBalancer = () => onlyLogicalId(s, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const targetGroup = () => onlyLogicalId(s, 'AWS::ElasticLoadBalancingV2::TargetGroup');

  it('validates the certificate through DNS in the imported zone', () => {
    s.template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'app.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'app.example.com', HostedZoneId: EXAMPLE_DOMAIN.hostedZoneId }],
    });
    s.template.resourceCountIs('AWS::Route53::HostedZone', 0);
  });

  it('points an alias A record at the load balancer', () => {
    s.template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: EXAMPLE_DOMAIN.hostedZoneId,
      Name: 'app.example.com.',
      Type: 'A',
      AliasTarget: {
        DNSName: { 'Fn::Join': ['', ['dualstack.', { 'Fn::GetAtt': [loadBalancer(), 'DNSName'] }]] },
        HostedZoneId: { 'Fn::GetAtt': [loadBalancer(), 'CanonicalHostedZoneID'] },
      },
    });
  });

  it('is an internet-facing ALB in the public subnets', () => {
    s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: subnetIds('Public').map(ref),
    });
  });

  it('forwards HTTPS to the web target group and redirects HTTP to HTTPS', () => {
    s.template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: ref(onlyLogicalId(s, 'AWS::CertificateManager::Certificate')) }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(targetGroup()) }],
    });
    s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
  });

  it('opens the ALB group on 80 and 443 only', () => {
    const [albGroup] = s.json.Resources[loadBalancer()]!.Properties!.SecurityGroups as { 'Fn::GetAtt': string[] }[];
    const group = albGroup!['Fn::GetAtt'][0]!;
    const inline = (s.json.Resources[group]!.Properties!.SecurityGroupIngress as Record<string, unknown>[]).map(
      (rule) => `${String(rule.CidrIp)}:${String(rule.IpProtocol)}/${String(rule.FromPort)}-${String(rule.ToPort)}`,
    );
    expect(inline.sort()).toEqual(['0.0.0.0/0:tcp/443-443', '0.0.0.0/0:tcp/80-80']);
    expect(ingressResourcesOf(group)).toEqual([]);
  });

  it('health-checks the web tasks on port 3000 at /health', () => {
    s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 3000,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/health',
      Matcher: { HttpCode: '200' },
    });
  });
});

describe('ECS services', () => {
  it('runs a cluster with Container Insights', () => {
    s.template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  it('puts the web service behind the target group on port 3000', () => {
    expect(serviceOf('web').LoadBalancers).toEqual([
      { ContainerName: 'web', ContainerPort: 3000, TargetGroupArn: ref(onlyLogicalId(s, 'AWS::ElasticLoadBalancingV2::TargetGroup')) },
    ]);
    expect(container('web').definition.PortMappings).toEqual([{ ContainerPort: 3000, Name: 'http', Protocol: 'tcp' }]);
  });

  it('gives the worker no load balancer and no port', () => {
    expect(serviceOf('worker').LoadBalancers).toBeUndefined();
    expect(container('worker').definition.PortMappings).toBeUndefined();
  });

  it.each(['web', 'worker'])('runs %s on Fargate in the app subnets, without public IP, with a rolling-back circuit breaker', (name) => {
    const service = serviceOf(name);
    expect(service.LaunchType).toBe('FARGATE');
    expect(service.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    expect(service.NetworkConfiguration.AwsvpcConfiguration.Subnets).toEqual(subnetIds('App').map(ref));
    expect(service.DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
  });

  it('admits the ALB, and only the ALB, to the web tasks on 3000; the worker group admits nothing', () => {
    const alb = onlyLogicalId(s, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    const albGroup = (s.json.Resources[alb]!.Properties!.SecurityGroups as { 'Fn::GetAtt': string[] }[])[0]!['Fn::GetAtt'][0];
    const web = serviceOf('web').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    const worker = serviceOf('worker').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    expect(ingressResourcesOf(web)).toEqual([`${albGroup}:tcp/3000-3000`]);
    expect(ingressResourcesOf(worker)).toEqual([]);
  });

  it.each(['web', 'worker'])('names the queue, bucket and database host in the %s environment, with STORAGE_BACKEND=s3', (name) => {
    const environment = Object.fromEntries((container(name).definition.Environment as { Name: string; Value: unknown }[]).map((e) => [e.Name, e.Value]));
    expect(environment).toMatchObject({
      STORAGE_BACKEND: 's3',
      UPLOAD_BUCKET: ref(onlyLogicalId(s, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } })),
      JOB_QUEUE_URL: ref(onlyLogicalId(s, 'AWS::SQS::Queue', { RedrivePolicy: Match.anyValue() })),
      DB_HOST: { 'Fn::GetAtt': [onlyLogicalId(s, 'AWS::RDS::DBInstance'), 'Endpoint.Address'] },
      DB_NAME: 'uploads',
    });
  });

  it.each(['web', 'worker'])('injects the database credentials into %s as ECS secrets, not environment', (name) => {
    const { definition } = container(name);
    const attachment = onlyLogicalId(s, 'AWS::SecretsManager::SecretTargetAttachment');
    expect(definition.Secrets).toEqual([
      { Name: 'DB_USER', ValueFrom: { 'Fn::Join': ['', [ref(attachment), ':username::']] } },
      { Name: 'DB_PASSWORD', ValueFrom: { 'Fn::Join': ['', [ref(attachment), ':password::']] } },
    ]);
    expect(JSON.stringify(definition.Environment)).not.toMatch(/PASSWORD|secretsmanager/i);
  });
});

describe('messaging', () => {
  it('encrypts the job queue, long-polls it and parks poison messages in the DLQ after 5 receives', () => {
    const dlq = onlyLogicalId(s, 'AWS::SQS::Queue', { MessageRetentionPeriod: 1209600 });
    s.template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      ReceiveMessageWaitTimeSeconds: 20,
      RedrivePolicy: { deadLetterTargetArn: arnOf(dlq), maxReceiveCount: 5 },
    });
    s.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
  });

  it('denies non-TLS access to both queues', () => {
    const policies = s.template.findResources('AWS::SQS::QueuePolicy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } },
    });
    expect(Object.keys(policies)).toHaveLength(2);
  });

  it('sends ObjectCreated events under uploads/ to the job queue, and lets only this bucket send', () => {
    const queue = onlyLogicalId(s, 'AWS::SQS::Queue', { RedrivePolicy: Match.anyValue() });
    const bucket = onlyLogicalId(s, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    s.template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: ref(bucket),
      NotificationConfiguration: {
        QueueConfigurations: [
          { Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } }, QueueArn: arnOf(queue) },
        ],
      },
    });
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [ref(queue)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: { ArnLike: { 'aws:SourceArn': arnOf(bucket) } },
          }),
        ]),
      },
    });
  });
});

describe('storage: S3', () => {
  const uploadBucket = () => onlyLogicalId(s, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });

  it('blocks public access, encrypts, versions and logs the upload bucket', () => {
    const props = s.json.Resources[uploadBucket()]!.Properties!;
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(props.LoggingConfiguration).toEqual({
      DestinationBucketName: ref(onlyLogicalId(s, 'AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'expire-logs' })] } })),
      LogFilePrefix: 'uploads-access/',
    });
  });

  it('enforces TLS on the upload bucket', () => {
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(uploadBucket()),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets browsers PUT to presigned URLs only from the app origin', () => {
    expect(s.json.Resources[uploadBucket()]!.Properties!.CorsConfiguration).toEqual({
      CorsRules: [{ AllowedMethods: ['PUT'], AllowedOrigins: ['https://app.example.com'], AllowedHeaders: ['content-type'], MaxAge: 3000 }],
    });
  });
});

describe('data: RDS PostgreSQL', () => {
  const database = () => onlyLogicalId(s, 'AWS::RDS::DBInstance');

  it('is an encrypted, private PostgreSQL instance in the isolated subnets', () => {
    const props = s.json.Resources[database()]!.Properties!;
    expect(props).toMatchObject({ Engine: 'postgres', StorageEncrypted: true, PubliclyAccessible: false, Port: '5432' });
    const subnetGroup = (props.DBSubnetGroupName as { Ref: string }).Ref;
    expect(s.json.Resources[subnetGroup]!.Properties!.SubnetIds).toEqual(subnetIds('Data').map(ref));
  });

  it('takes its master password from Secrets Manager', () => {
    const password = JSON.stringify(s.json.Resources[database()]!.Properties!.MasterUserPassword);
    expect(password).toContain('{{resolve:secretsmanager:');
    expect(password).toContain(onlyLogicalId(s, 'AWS::SecretsManager::Secret'));
  });

  it('admits only the web and worker groups, on 5432', () => {
    const [dbGroupRef] = s.json.Resources[database()]!.Properties!.VPCSecurityGroups as { 'Fn::GetAtt': string[] }[];
    const dbGroup = dbGroupRef!['Fn::GetAtt'][0]!;
    expect(s.json.Resources[dbGroup]!.Properties!.SecurityGroupIngress).toBeUndefined();
    const web = serviceOf('web').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    const worker = serviceOf('worker').NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    expect(ingressResourcesOf(dbGroup)).toEqual([`${web}:tcp/5432-5432`, `${worker}:tcp/5432-5432`].sort());
  });
});

describe('IAM', () => {
  it('gives web and worker separate task roles and one shared execution role, all trusted by ecs-tasks only', () => {
    const web = container('web').taskDefinition;
    const worker = container('worker').taskDefinition;
    expect(web.TaskRoleArn).not.toEqual(worker.TaskRoleArn);
    expect(web.ExecutionRoleArn).toEqual(worker.ExecutionRoleArn);
    expect([web.TaskRoleArn, worker.TaskRoleArn]).not.toContainEqual(web.ExecutionRoleArn);
    for (const arn of [web.TaskRoleArn, web.ExecutionRoleArn, worker.TaskRoleArn]) {
      const role = s.json.Resources[(arn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!]!.Properties!;
      expect(role.AssumeRolePolicyDocument).toEqual({
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
        Version: '2012-10-17',
      });
      expect(role.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets the web task presign uploads and enqueue jobs, nothing more', () => {
    expect(roleActions(container('web').taskDefinition.TaskRoleArn)).toEqual(['s3:PutObject', 'sqs:SendMessage']);
  });

  it('lets the worker task receive and delete jobs and get/put objects, nothing more', () => {
    expect(roleActions(container('worker').taskDefinition.TaskRoleArn)).toEqual([
      's3:GetObject',
      's3:PutObject',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:ReceiveMessage',
    ]);
  });

  it('lets the execution role pull images, write logs and read the database secret', () => {
    expect(roleActions(container('web').taskDefinition.ExecutionRoleArn)).toEqual([
      'ecr:BatchCheckLayerAvailability',
      'ecr:BatchGetImage',
      'ecr:GetAuthorizationToken',
      'ecr:GetDownloadUrlForLayer',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
  });

  it('sends each container to its own log group with a 30-day retention', () => {
    const groups = ['web', 'worker'].map((name) => container(name).definition.LogConfiguration.Options['awslogs-group'].Ref as string);
    expect(new Set(groups).size).toBe(2);
    for (const group of groups) expect(s.json.Resources[group]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
  });
});

describe('cdk-nag AwsSolutions', () => {
  const acknowledged = (): Record<string, string> => {
    const metadata = JSON.parse(readFileSync(path.join(s.outdir, `${s.stackName}.metadata.json`), 'utf8')) as Record<
      string,
      { type: string; data: Record<string, string> }[]
    >;
    const rules: Record<string, string> = {};
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const entry of entries.filter((e) => e.type === 'aws:cdk:acknowledged-rules')) {
        for (const [id, reason] of Object.entries(entry.data)) {
          if (id.includes('AwsSolutions-')) rules[`${constructPath} ${id.replace(/^Annotation::/, '')}`] = reason;
        }
      }
    }
    return rules;
  };

  it('reports no unacknowledged violation (synthesis would have thrown) and an empty validation report, the built-in CloudFormation validation included', () => {
    const report = JSON.parse(readFileSync(path.join(s.outdir, 'validation-report.json'), 'utf8')) as { pluginReports: unknown[] };
    expect(report.pluginReports).toEqual([]);
  });

  it('acknowledges exactly these findings, each with a reason', () => {
    const rules = acknowledged();
    expect(Object.keys(rules).sort()).toEqual([
      '/TopologyReference/BucketNotificationsHandler050a0587b7544547bf325f094a3db834 AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      '/TopologyReference/Database/Instance AwsSolutions-RDS10',
      '/TopologyReference/Database/Instance AwsSolutions-RDS11',
      '/TopologyReference/Database/Instance AwsSolutions-RDS3',
      '/TopologyReference/Database/Instance AwsSolutions-SMG4',
      '/TopologyReference/Edge/LoadBalancer AwsSolutions-ELB2',
      '/TopologyReference/Edge/SecurityGroup AwsSolutions-EC23',
      '/TopologyReference/Services/ExecutionRole AwsSolutions-IAM5[Resource::*]',
      '/TopologyReference/Services/WebTaskDefinition AwsSolutions-ECS2',
      '/TopologyReference/Services/WebTaskRole AwsSolutions-IAM5[Resource::<StorageUploadBucket27F6648B.Arn>/uploads/*]',
      '/TopologyReference/Services/WorkerTaskDefinition AwsSolutions-ECS2',
      '/TopologyReference/Services/WorkerTaskRole AwsSolutions-IAM5[Resource::<StorageUploadBucket27F6648B.Arn>/derived/*]',
      '/TopologyReference/Services/WorkerTaskRole AwsSolutions-IAM5[Resource::<StorageUploadBucket27F6648B.Arn>/uploads/*]',
    ]);
    for (const reason of Object.values(rules)) expect(reason.length).toBeGreaterThan(60);
  });
});
