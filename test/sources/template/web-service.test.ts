import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import { correlate } from '../../../src/correlate/index.js';
import type { Edge, Inventory } from '../../../src/model/index.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const FILE = 'test/fixtures/templates/web-service.yaml';
const ELB = 'arn:aws:elasticloadbalancing:us-east-1:000000000000';
const ALB = `${ELB}:loadbalancer/app/shop-alb/ApplicationLoadBalancer`;
const HTTP_LISTENER = `${ELB}:listener/app/shop-alb/ApplicationLoadBalancer/HttpListener`;
const HTTPS_LISTENER = `${ELB}:listener/app/shop-alb/ApplicationLoadBalancer/HttpsListener`;
const RULES = `${ELB}:listener-rule/app/shop-alb/ApplicationLoadBalancer/HttpsListener`;
const WEB_TG = `${ELB}:targetgroup/shop-web/WebTargetGroup`;
const BLUE_TG = `${ELB}:targetgroup/ApiBlueTargetGroup/ApiBlueTargetGroup`;
const GREEN_TG = `${ELB}:targetgroup/ApiGreenTargetGroup/ApiGreenTargetGroup`;
const SERVICE = 'arn:aws:ecs:us-east-1:000000000000:service/shop-cluster';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:shop-jobs';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/shop-jobs';
const BUCKET_ARN = 'arn:aws:s3:::shop-uploads-000000000000';
const DB_ARN = 'arn:aws:rds:us-east-1:000000000000:db:database';
const DB_HOST = 'database.000000000000.us-east-1.rds.amazonaws.com';

let inventory: Inventory;
let edges: Edge[];

beforeAll(async () => {
  inventory = await loadTemplateInventory(FILE, silentProgress);
  edges = correlate(inventory);
});

function find<T>(items: T[], predicate: (item: T) => boolean): T {
  const found = items.find(predicate);
  if (found === undefined) throw new Error('not in the inventory');
  return found;
}

/** `kind from → to` for every edge of the given kind, sorted. */
function edgeSet(kind: Edge['kind']): string[] {
  return edges
    .filter((edge) => edge.kind === kind)
    .map((edge) => `${edge.from.id} → ${edge.to.id}`)
    .sort();
}

describe('web-service.yaml: source and network', () => {
  it('labels the source and uses the placeholder account and default region', () => {
    expect(inventory.source).toEqual({ kind: 'template', label: `template ${FILE}` });
    expect(inventory.accountId).toBe('000000000000');
    expect(inventory.regions).toEqual(['us-east-1']);
  });

  it('tiers subnets by their route table default route', () => {
    const tiers = Object.fromEntries(inventory.subnets.map((subnet) => [subnet.id, [subnet.tier, subnet.defaultRoute?.targetId]]));
    expect(tiers).toEqual({
      'subnet-PublicSubnetOne': ['public', 'igw-InternetGateway'],
      'subnet-PublicSubnetTwo': ['public', 'igw-InternetGateway'],
      'subnet-PrivateSubnetOne': ['private', 'nat-NatGateway'],
      'subnet-PrivateSubnetTwo': ['private', 'nat-NatGateway'],
      'subnet-IsolatedSubnetOne': ['isolated', undefined],
      'subnet-IsolatedSubnetTwo': ['isolated', undefined],
    });
    const publicOne = find(inventory.subnets, (subnet) => subnet.id === 'subnet-PublicSubnetOne');
    expect(publicOne).toMatchObject({
      name: 'shop-public-1',
      vpcId: 'vpc-VPC',
      availabilityZone: 'us-east-1a',
      cidrBlock: '10.20.0.0/24',
      routeTableId: 'rtb-PublicRouteTable',
      mapPublicIpOnLaunch: true,
    });
    expect(find(inventory.subnets, (subnet) => subnet.id === 'subnet-PrivateSubnetTwo').cidrBlock).toBe('10.20.11.0/24');
    expect(inventory.vpcs).toEqual([
      {
        id: 'vpc-VPC',
        name: 'shop-vpc',
        region: 'us-east-1',
        cidrBlocks: ['10.20.0.0/16'],
        isDefault: false,
        tags: { Name: 'shop-vpc', 'aws:cloudformation:logical-id': 'VPC', 'aws:cloudformation:stack-name': 'web-service' },
      },
    ]);
  });

  it('reads inline and standalone security group rules, with the default egress EC2 adds', () => {
    const database = find(inventory.securityGroups, (group) => group.id === 'sg-DatabaseSecurityGroup');
    expect(database.inbound).toEqual([
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group', groupId: 'sg-ServiceSecurityGroup' } },
      {
        protocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        peer: { kind: 'security-group', groupId: 'sg-WorkerSecurityGroup' },
        description: 'Worker to PostgreSQL',
      },
    ]);
    expect(database.outbound).toEqual([{ protocol: 'all', peer: { kind: 'cidr', cidr: '0.0.0.0/0' } }]);
    const service = find(inventory.securityGroups, (group) => group.id === 'sg-ServiceSecurityGroup');
    expect(service.name).toBe('shop-service');
    expect(service.outbound).toEqual([{ protocol: 'all', peer: { kind: 'cidr', cidr: '0.0.0.0/0' } }]);
    const endpoints = find(inventory.securityGroups, (group) => group.id === 'sg-EndpointSecurityGroup');
    expect(endpoints.inbound[0]?.peer).toEqual({ kind: 'cidr', cidr: '10.20.0.0/16' });
  });

  it('maps gateway and interface endpoints', () => {
    expect(inventory.vpcEndpoints.map((endpoint) => [endpoint.id, endpoint.type, endpoint.serviceName, endpoint.routeTableIds, endpoint.dnsNames])).toEqual([
      ['vpce-S3GatewayEndpoint', 'Gateway', 'com.amazonaws.us-east-1.s3', ['rtb-PrivateRouteTable', 'rtb-IsolatedRouteTable'], []],
      ['vpce-SqsInterfaceEndpoint', 'Interface', 'com.amazonaws.us-east-1.sqs', [], ['vpce-SqsInterfaceEndpoint.sqs.us-east-1.vpce.amazonaws.com']],
    ]);
  });
});

describe('web-service.yaml: load balancer', () => {
  it('gives the ALB the same ARN and DNS name its Refs and GetAtts resolve to', () => {
    expect(inventory.loadBalancers).toHaveLength(1);
    expect(inventory.loadBalancers[0]).toMatchObject({
      arn: ALB,
      name: 'shop-alb',
      scheme: 'internet-facing',
      type: 'application',
      vpcId: 'vpc-VPC',
      subnetIds: ['subnet-PublicSubnetOne', 'subnet-PublicSubnetTwo'],
      securityGroupIds: ['sg-LoadBalancerSecurityGroup'],
      dnsName: 'ApplicationLoadBalancer.us-east-1.elb.amazonaws.com',
      tags: { Team: 'storefront', 'aws:cloudformation:logical-id': 'ApplicationLoadBalancer', 'aws:cloudformation:stack-name': 'web-service' },
    });
  });

  it('maps the HTTP→HTTPS redirect (ELB defaults filled in) and the certificate placeholder', () => {
    const [http, https] = inventory.listeners;
    expect(http).toMatchObject({ arn: HTTP_LISTENER, loadBalancerArn: ALB, protocol: 'HTTP', port: 80 });
    expect(http?.defaultActions).toEqual([
      {
        type: 'redirect',
        targetGroups: [],
        redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' },
      },
    ]);
    expect(https).toMatchObject({ arn: HTTPS_LISTENER, protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(https?.certificateArns).toEqual(['${Param:CertificateArn}']);
  });

  it('orders rules by priority with each listener default last', () => {
    expect(inventory.listenerRules.map((rule) => [rule.arn, rule.priority])).toEqual([
      [`${ELB}:listener-rule/app/shop-alb/ApplicationLoadBalancer/HttpListener/default`, 'default'],
      [`${RULES}/MaintenanceRule`, 5],
      [`${RULES}/ApiRule`, 10],
      [`${RULES}/default`, 'default'],
    ]);
    const [, maintenance, api] = inventory.listenerRules;
    expect(maintenance?.conditions).toEqual([{ field: 'host-header', values: ['admin.shop.example.com'] }]);
    expect(maintenance?.actions[0]?.fixedResponse).toEqual({ statusCode: '503', contentType: 'text/plain' });
    expect(api?.conditions).toEqual([{ field: 'path-pattern', values: ['/api/*'] }]);
    expect(api?.actions[0]?.targetGroups).toEqual([
      { targetGroupArn: BLUE_TG, weight: 90 },
      { targetGroupArn: GREEN_TG, weight: 10 },
    ]);
  });

  it('fills health check defaults only where the template is silent, and links groups to the ALB', () => {
    const web = find(inventory.targetGroups, (group) => group.arn === WEB_TG);
    expect(web).toMatchObject({ name: 'shop-web', protocol: 'HTTP', port: 8080, targetType: 'ip', vpcId: 'vpc-VPC', loadBalancerArns: [ALB] });
    expect(web.healthCheck).toEqual({
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/healthz',
      intervalSeconds: 15,
      timeoutSeconds: 5,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: '200-299',
    });
    expect(find(inventory.targetGroups, (group) => group.arn === GREEN_TG).name).toBe('ApiGreenTargetGroup');
    expect(web.targetHealth).toBeUndefined();
  });
});

describe('web-service.yaml: ECS', () => {
  it('resolves cluster Ref and GetAtt to the same cluster', () => {
    expect(inventory.clusters.map((cluster) => [cluster.arn, cluster.name])).toEqual([['arn:aws:ecs:us-east-1:000000000000:cluster/shop-cluster', 'shop-cluster']]);
    expect(new Set(inventory.services.map((service) => service.clusterArn))).toEqual(new Set(['arn:aws:ecs:us-east-1:000000000000:cluster/shop-cluster']));
  });

  it('maps services with their network, bindings and deployment settings', () => {
    const web = find(inventory.services, (service) => service.name === 'web');
    expect(web).toMatchObject({
      arn: `${SERVICE}/web`,
      desiredCount: 2,
      launchType: 'FARGATE',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/shop-web:1',
      subnetIds: ['subnet-PrivateSubnetOne', 'subnet-PrivateSubnetTwo'],
      securityGroupIds: ['sg-ServiceSecurityGroup'],
      assignPublicIp: false,
      loadBalancers: [{ targetGroupArn: WEB_TG, containerName: 'web', containerPort: 8080 }],
      deployment: { circuitBreaker: { enable: true, rollback: true }, minimumHealthyPercent: 100, maximumPercent: 200 },
    });
    const worker = find(inventory.services, (service) => service.name === 'worker');
    expect(worker.capacityProviders).toEqual(['FARGATE_SPOT']);
    expect(worker.loadBalancers).toEqual([]);
  });

  it('resolves container environment, secrets and roles to the identities of what they name', () => {
    const web = find(inventory.taskDefinitions, (task) => task.family === 'shop-web');
    expect(web.executionRoleArn).toBe('arn:aws:iam::000000000000:role/shop-task-execution');
    expect(web.taskRoleArn).toBe('arn:aws:iam::000000000000:role/app/WebTaskRole');
    expect(web).toMatchObject({ cpu: '512', memory: '1024', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'] });
    const container = web.containers[0]!;
    expect(container.image).toBe('000000000000.dkr.ecr.us-east-1.amazonaws.com/shop-web:1.4.2');
    expect(container.portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp' }]);
    expect(container.logDriver).toBe('awslogs');
    expect(Object.fromEntries(container.environment.map((variable) => [variable.name, variable.value]))).toEqual({
      QUEUE_URL: QUEUE_URL,
      UPLOAD_BUCKET: 'shop-uploads-000000000000',
      DATABASE_URL: `postgres://app@${DB_HOST}:5432/shop`,
      // HasCertificate depends on a parameter without a default: the true branch is taken.
      PUBLIC_URL: 'https://shop.example.com',
      AUDIT_LOG_BUCKET: '${Import:shared-AuditLogBucketName}',
      FEATURE_FLAGS: '',
    });
    expect(container.secrets).toEqual([{ name: 'DATABASE_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:shop/database:password::' }]);
  });
});

describe('web-service.yaml: data stores, IAM and DNS', () => {
  it('maps the database, leaving out the replica whose condition is false', () => {
    expect(inventory.dbInstances).toHaveLength(1);
    expect(inventory.dbInstances[0]).toMatchObject({
      arn: DB_ARN,
      identifier: 'database',
      engine: 'postgres',
      engineVersion: '16.4',
      instanceClass: 'db.t4g.medium',
      endpoint: { address: DB_HOST, port: 5432 },
      vpcId: 'vpc-VPC',
      subnetIds: ['subnet-IsolatedSubnetOne', 'subnet-IsolatedSubnetTwo'],
      securityGroupIds: ['sg-DatabaseSecurityGroup'],
      publiclyAccessible: false,
      storageEncrypted: true,
      deletionProtection: true,
    });
  });

  it('gathers inline, separate and managed policies onto their roles', () => {
    const execution = find(inventory.roles, (role) => role.name === 'shop-task-execution');
    expect(execution.trustPrincipals).toEqual([{ type: 'Service', value: 'ecs-tasks.amazonaws.com' }]);
    expect(execution.attachedPolicies).toEqual([
      { arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy', name: 'AmazonECSTaskExecutionRolePolicy', awsManaged: true },
      { arn: 'arn:aws:iam::000000000000:policy/ReadDatabaseSecretPolicy', name: 'ReadDatabaseSecretPolicy', awsManaged: false },
    ]);
    expect(inventory.managedPolicies[0]?.document?.statements[0]?.resources).toEqual(['arn:aws:secretsmanager:us-east-1:000000000000:secret:shop/database']);
    const web = find(inventory.roles, (role) => role.name === 'WebTaskRole');
    expect(web.path).toBe('/app/');
    expect(web.inlinePolicies[0]?.document.statements.map((statement) => [statement.sid, statement.actions, statement.resources])).toEqual([
      ['PresignUploads', ['s3:PutObject'], [`${BUCKET_ARN}/incoming/*`]],
      ['EnqueueJobs', ['sqs:SendMessage', 'sqs:GetQueueAttributes'], [QUEUE_ARN]],
    ]);
    const worker = find(inventory.roles, (role) => role.name === 'WorkerTaskRole');
    expect(worker.inlinePolicies.map((policy) => policy.name)).toEqual(['worker-consume']);
    expect(worker.inlinePolicies[0]?.document.statements[1]?.resources).toEqual([`${BUCKET_ARN}/*`]);
  });

  it('maps buckets with their policy, and the S3 defaults for a bare bucket', () => {
    const uploads = find(inventory.buckets, (bucket) => bucket.name === 'shop-uploads-000000000000');
    expect(uploads).toMatchObject({ arn: BUCKET_ARN, versioning: 'Enabled', encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/aws/s3' } });
    expect(uploads.policy?.statements[0]).toMatchObject({ sid: 'DenyInsecureTransport', effect: 'Deny', principals: [{ type: '*', value: '*' }] });
    const reports = find(inventory.buckets, (bucket) => bucket.name === 'ReportsBucket');
    expect(reports).toMatchObject({
      arn: 'arn:aws:s3:::ReportsBucket',
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      encryption: { algorithm: 'AES256' },
      versioning: 'Disabled',
      policy: null,
    });
  });

  it('maps queues with redrive, encryption and policy', () => {
    const jobs = find(inventory.queues, (queue) => queue.name === 'shop-jobs');
    expect(jobs).toMatchObject({
      url: QUEUE_URL,
      arn: QUEUE_ARN,
      fifo: false,
      redrive: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:shop-jobs-dlq', maxReceiveCount: 5 },
      encryption: { kind: 'sse-sqs' },
      visibilityTimeoutSeconds: 120,
      receiveWaitTimeSeconds: 20,
    });
    expect(jobs.policy?.statements[0]?.principals).toEqual([{ type: 'Service', value: 's3.amazonaws.com' }]);
    expect(find(inventory.queues, (queue) => queue.name === 'shop-jobs-dlq').messageRetentionSeconds).toBe(1209600);
  });

  it('maps the hosted zone and its records, by zone id and by zone name', () => {
    expect(inventory.hostedZones).toEqual([{ id: 'ZPublicZone', name: 'example.com.', private: false }]);
    expect(inventory.dnsRecords).toEqual([
      { zoneId: 'ZPublicZone', name: 'status.example.com.', type: 'CNAME', ttl: 60, values: ['ApplicationLoadBalancer.us-east-1.elb.amazonaws.com'] },
      {
        zoneId: 'ZPublicZone',
        name: 'shop.example.com.',
        type: 'A',
        aliasTarget: {
          dnsName: 'ApplicationLoadBalancer.us-east-1.elb.amazonaws.com.',
          hostedZoneId: '${ApplicationLoadBalancer.CanonicalHostedZoneID}',
          evaluateTargetHealth: true,
        },
        values: [],
      },
      { zoneId: 'ZPublicZone', name: 'www.shop.example.com.', type: 'CNAME', ttl: 300, values: ['shop.example.com'] },
    ]);
  });
});

describe('web-service.yaml: correlated edges', () => {
  it('links DNS records to the ALB by alias and CNAME', () => {
    expect(edgeSet('dns-alias')).toEqual([`ZPublicZone|shop.example.com.|A| → ${ALB}`, `ZPublicZone|status.example.com.|CNAME| → ${ALB}`]);
  });

  it('links listener rules to target groups, weights and defaults included', () => {
    expect(edgeSet('rule-target')).toEqual([`${RULES}/ApiRule → ${BLUE_TG}`, `${RULES}/ApiRule → ${GREEN_TG}`, `${RULES}/default → ${WEB_TG}`]);
    const weights = edges.filter((edge) => edge.kind === 'rule-target').map((edge) => edge.attributes.weight);
    expect(weights.sort()).toEqual([10, 90, undefined]);
  });

  it('links target groups to the services bound to them', () => {
    expect(edgeSet('target-service')).toEqual([`${BLUE_TG} → ${SERVICE}/api`, `${WEB_TG} → ${SERVICE}/web`]);
  });

  it('derives SG edges from inline and standalone rules', () => {
    expect(edgeSet('sg-ingress')).toEqual([
      '0.0.0.0/0 → sg-LoadBalancerSecurityGroup',
      '0.0.0.0/0 → sg-LoadBalancerSecurityGroup',
      '10.20.0.0/16 → sg-EndpointSecurityGroup',
      'sg-LoadBalancerSecurityGroup → sg-ServiceSecurityGroup',
      'sg-ServiceSecurityGroup → sg-DatabaseSecurityGroup',
      'sg-WorkerSecurityGroup → sg-DatabaseSecurityGroup',
    ]);
  });

  it('links services to the queue, bucket and database their env and task roles name', () => {
    const queueEdges = edges.filter((edge) => edge.kind === 'service-queue').map((edge) => [edge.from.id, edge.to.id, edge.attributes.direction]);
    expect(queueEdges).toEqual([
      [`${SERVICE}/api`, QUEUE_ARN, 'producer'],
      [`${SERVICE}/web`, QUEUE_ARN, 'producer'],
      [`${SERVICE}/worker`, QUEUE_ARN, 'consumer'],
    ]);
    expect(edgeSet('service-bucket')).toEqual([`${SERVICE}/api → ${BUCKET_ARN}`, `${SERVICE}/web → ${BUCKET_ARN}`, `${SERVICE}/worker → ${BUCKET_ARN}`, `${SERVICE}/worker → s3`]);
    expect(edgeSet('service-db')).toEqual([`${SERVICE}/api → ${DB_ARN}`, `${SERVICE}/web → ${DB_ARN}`, `${SERVICE}/worker → ${DB_ARN}`]);
    const workerDb = find(edges, (edge) => edge.kind === 'service-db' && edge.from.id === `${SERVICE}/worker`);
    expect(workerDb.evidence.map((evidence) => [evidence.matchType, evidence.matchedValue])).toEqual([
      ['sg-reference', 'sg-WorkerSecurityGroup'],
      ['env', DB_HOST],
    ]);
  });

  it('links services to their task and execution roles', () => {
    expect(edgeSet('service-role')).toEqual([
      `${SERVICE}/api → arn:aws:iam::000000000000:role/app/WebTaskRole`,
      `${SERVICE}/api → arn:aws:iam::000000000000:role/shop-task-execution`,
      `${SERVICE}/web → arn:aws:iam::000000000000:role/app/WebTaskRole`,
      `${SERVICE}/web → arn:aws:iam::000000000000:role/shop-task-execution`,
      `${SERVICE}/worker → arn:aws:iam::000000000000:role/WorkerTaskRole`,
      `${SERVICE}/worker → arn:aws:iam::000000000000:role/shop-task-execution`,
    ]);
  });
});
