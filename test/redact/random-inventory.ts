import fc from 'fast-check';
import type { Inventory, PolicyDocument, Tags } from '../../src/model/index.js';

/**
 * Random accounts for the property tests: every identifier, name, DNS label, CIDR, environment
 * value, tag and description is generated, in the shape AWS gives it, and wired together the way
 * the correlators expect (env values that name the bucket, queue and database; task roles with
 * policies on them), so redaction sees the same kinds of strings in the same places as live data.
 */
const word = fc.stringMatching(/^[a-z][a-z0-9]{3,8}$/);
const name = fc.tuple(word, word).map(([a, b]) => `${a}-${b}`);
const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const ec2Id = (prefix: string) => hex(17).map((h) => `${prefix}-${h}`);
const octet = fc.integer({ min: 0, max: 255 });
const sentence = fc.array(word, { minLength: 3, maxLength: 6 }).map((words) => words.join(' '));
const tags: fc.Arbitrary<Tags> = fc.tuple(name, word, word, name).map(([team, costCenter, key, owner]) => ({ team, 'cost-center': costCenter, [`${key}-owner`]: owner }));

const serviceSeed = fc.record({
  name,
  container: name,
  family: name,
  sgId: ec2Id('sg'),
  sgName: name,
  sgDescription: sentence,
  taskRole: name,
  policy: name,
  image: name,
  secret: name,
  extraEnv: fc.tuple(word, name),
  tags,
});

export const accountSeeds = fc.record({
  account: fc.stringMatching(/^[1-9]\d{11}$/),
  otherAccount: fc.stringMatching(/^[1-9]\d{11}$/),
  region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1'),
  zone: fc.tuple(word, fc.constantFrom('io', 'com', 'net', 'dev')).map(([a, tld]) => `${a}.${tld}`),
  recordLabel: word,
  apiLabel: word,
  lbName: name,
  lbDnsId: fc.stringMatching(/^\d{10}$/),
  lbId: hex(16),
  listenerIds: fc.tuple(hex(16), hex(16)),
  ruleId: hex(16),
  certificate: fc.uuid(),
  tgName: name,
  tgId: hex(16),
  clusterName: name,
  services: fc.array(serviceSeed, { minLength: 1, maxLength: 3 }),
  executionRole: name,
  rolePath: word,
  inlinePolicy: name,
  sid: word,
  vpcId: ec2Id('vpc'),
  vpcName: name,
  vpcOctet: octet,
  officeCidr: fc.tuple(octet, octet).map(([a, b]) => `${a}.${b}.0.0/16`),
  subnetIds: fc.tuple(ec2Id('subnet'), ec2Id('subnet')),
  subnetNames: fc.tuple(name, name),
  routeTable: ec2Id('rtb'),
  nat: ec2Id('nat'),
  prefixList: hex(8).map((h) => `pl-${h}`),
  endpointId: ec2Id('vpce'),
  endpointDns: fc.stringMatching(/^[a-z0-9]{8}$/),
  dbName: name,
  dbHash: fc.stringMatching(/^[a-z0-9]{12}$/),
  dbSgId: ec2Id('sg'),
  dbSgName: name,
  clusterDbName: name,
  bucket: name,
  queue: name,
  kmsKey: fc.uuid(),
  ruleDescription: sentence,
  sourceLabel: sentence,
  deniedResource: name,
});

export type AccountSeeds = typeof accountSeeds extends fc.Arbitrary<infer T> ? T : never;

export const randomInventory: fc.Arbitrary<Inventory> = accountSeeds.map(buildInventory);

function allow(actions: string[], resources: string[]): PolicyDocument['statements'][number] {
  return { effect: 'Allow', actions, notActions: [], resources, notResources: [] };
}

export function buildInventory(s: AccountSeeds): Inventory {
  const partition = s.region.startsWith('us-gov') ? 'aws-us-gov' : 'aws';
  const arn = (service: string, resource: string, region = s.region) => `arn:${partition}:${service}:${region}:${s.account}:${resource}`;
  const lbArn = arn('elasticloadbalancing', `loadbalancer/app/${s.lbName}/${s.lbId}`);
  const listenerArns = s.listenerIds.map((id) => arn('elasticloadbalancing', `listener/app/${s.lbName}/${s.lbId}/${id}`));
  const ruleArn = arn('elasticloadbalancing', `listener-rule/app/${s.lbName}/${s.lbId}/${s.listenerIds[0]}/${s.ruleId}`);
  const tgArn = arn('elasticloadbalancing', `targetgroup/${s.tgName}/${s.tgId}`);
  const clusterArn = arn('ecs', `cluster/${s.clusterName}`);
  const roleArn = (roleName: string) => `arn:${partition}:iam::${s.account}:role/${s.rolePath}/${roleName}`;
  const policyArn = (policyName: string) => `arn:${partition}:iam::${s.account}:policy/${s.rolePath}/${policyName}`;
  const dbArn = arn('rds', `db:${s.dbName}`);
  const dbEndpoint = `${s.dbName}.${s.dbHash}.${s.region}.rds.amazonaws.com`;
  const clusterEndpoint = `${s.clusterDbName}.cluster-${s.dbHash}.${s.region}.rds.amazonaws.com`;
  const bucketArn = `arn:${partition}:s3:::${s.bucket}`;
  const queueArn = arn('sqs', s.queue);
  const dlqArn = arn('sqs', `${s.queue}-dlq.fifo`);
  const queueUrl = `https://sqs.${s.region}.amazonaws.com/${s.account}/${s.queue}`;
  const lbDns = `${s.lbName}-${s.lbDnsId}.${s.region}.elb.amazonaws.com`;
  const vpcCidr = `10.${s.vpcOctet}.0.0/16`;
  const secretArn = (secret: string) => arn('secretsmanager', `secret:${secret}-AbCdEf`);
  const services = s.services.map((seed) => ({
    ...seed,
    arn: arn('ecs', `service/${s.clusterName}/${seed.name}`),
    taskDefinitionArn: arn('ecs', `task-definition/${seed.family}:3`),
    taskRoleArn: roleArn(seed.taskRole),
    policyArn: policyArn(seed.policy),
  }));
  return {
    source: { kind: 'aws', label: s.sourceLabel },
    partition,
    accountId: s.account,
    regions: [s.region],
    hostedZones: [{ id: `Z${s.lbId.toUpperCase()}`, name: `${s.zone}.`, private: false, recordCount: 3 }],
    dnsRecords: [
      {
        zoneId: `Z${s.lbId.toUpperCase()}`,
        name: `${s.recordLabel}.${s.zone}.`,
        type: 'A',
        aliasTarget: { dnsName: `dualstack.${lbDns}.`, hostedZoneId: `Z${s.tgId.toUpperCase()}`, evaluateTargetHealth: true },
        values: [],
      },
      { zoneId: `Z${s.lbId.toUpperCase()}`, name: `${s.apiLabel}.${s.zone}.`, type: 'CNAME', ttl: 300, setIdentifier: s.apiLabel, values: [lbDns] },
      { zoneId: `Z${s.lbId.toUpperCase()}`, name: `${s.zone}.`, type: 'TXT', ttl: 300, values: [`"verify=${s.dbHash}"`] },
    ],
    loadBalancers: [
      {
        arn: lbArn,
        name: s.lbName,
        region: s.region,
        type: 'application',
        scheme: 'internet-facing',
        state: 'active',
        vpcId: s.vpcId,
        subnetIds: [...s.subnetIds],
        securityGroupIds: [services[0]!.sgId],
        dnsName: lbDns,
        canonicalHostedZoneId: `Z${s.tgId.toUpperCase()}`,
        ipAddressType: 'ipv4',
        tags: { Name: s.lbName, ...services[0]!.tags },
      },
    ],
    listeners: [
      {
        arn: listenerArns[0]!,
        loadBalancerArn: lbArn,
        region: s.region,
        protocol: 'HTTPS',
        port: 443,
        certificateArns: [arn('acm', `certificate/${s.certificate}`)],
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: tgArn }] }],
      },
      {
        arn: listenerArns[1]!,
        loadBalancerArn: lbArn,
        region: s.region,
        protocol: 'HTTP',
        port: 80,
        certificateArns: [],
        defaultActions: [{ type: 'redirect', targetGroups: [], redirect: { protocol: 'HTTPS', port: '443', host: `${s.recordLabel}.${s.zone}`, path: `/${s.apiLabel}/#{path}`, statusCode: 'HTTP_301' } }],
      },
    ],
    listenerRules: [
      {
        arn: ruleArn,
        listenerArn: listenerArns[0]!,
        region: s.region,
        priority: 10,
        conditions: [
          { field: 'host-header', values: [`${s.apiLabel}.${s.zone}`] },
          { field: 'path-pattern', values: [`/${s.apiLabel}/*`] },
          { field: 'source-ip', values: [s.officeCidr] },
        ],
        actions: [{ type: 'forward', targetGroups: [{ targetGroupArn: tgArn, weight: 90 }, { targetGroupArn: tgArn, weight: 10 }] }],
      },
    ],
    targetGroups: [
      {
        arn: tgArn,
        name: s.tgName,
        region: s.region,
        protocol: 'HTTP',
        port: 8080,
        targetType: 'ip',
        vpcId: s.vpcId,
        loadBalancerArns: [lbArn],
        healthCheck: { protocol: 'HTTP', port: 'traffic-port', path: `/${s.apiLabel}/status`, matcher: '200' },
        targetHealth: { total: 2, healthy: 2, unhealthy: 0 },
        tags: {},
      },
    ],
    clusters: [{ arn: clusterArn, name: s.clusterName, region: s.region, tags: services[0]!.tags }],
    services: services.map((service, i) => ({
      arn: service.arn,
      name: service.name,
      clusterArn,
      region: s.region,
      desiredCount: 2,
      launchType: 'FARGATE',
      capacityProviders: [],
      taskDefinitionArn: service.taskDefinitionArn,
      subnetIds: [...s.subnetIds],
      securityGroupIds: [service.sgId],
      assignPublicIp: false,
      loadBalancers: i === 0 ? [{ targetGroupArn: tgArn, containerName: service.container, containerPort: 8080 }] : [],
      deployment: { minimumHealthyPercent: 100, maximumPercent: 200 },
      tags: service.tags,
    })),
    taskDefinitions: services.map((service) => ({
      arn: service.taskDefinitionArn,
      family: service.family,
      revision: 3,
      region: s.region,
      taskRoleArn: service.taskRoleArn,
      executionRoleArn: roleArn(s.executionRole),
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      requiresCompatibilities: ['FARGATE'],
      containers: [
        {
          name: service.container,
          image: `${s.account}.dkr.ecr.${s.region}.amazonaws.com/${service.image}:1.0.${s.vpcOctet}`,
          essential: true,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
          environment: [
            { name: 'DATABASE_URL', value: `postgres://app@${dbEndpoint}:5432/${service.extraEnv[0]}` },
            { name: 'BUCKET', value: `s3://${s.bucket}/${service.extraEnv[0]}/` },
            { name: 'QUEUE_URL', value: queueUrl },
            { name: 'STORAGE', value: 's3' },
            { name: service.extraEnv[0].toUpperCase(), value: service.extraEnv[1] },
          ],
          secrets: [{ name: 'DB_PASSWORD', valueFrom: `${secretArn(service.secret)}:password::` }],
          logDriver: 'awslogs',
        },
      ],
    })),
    vpcs: [{ id: s.vpcId, name: s.vpcName, region: s.region, cidrBlocks: [vpcCidr], isDefault: false, tags: { Name: s.vpcName } }],
    subnets: s.subnetIds.map((id, i) => ({
      id,
      name: s.subnetNames[i],
      vpcId: s.vpcId,
      region: s.region,
      availabilityZone: `${s.region}${'ab'[i]}`,
      cidrBlock: `10.${s.vpcOctet}.${i}.0/24`,
      tier: 'private' as const,
      routeTableId: s.routeTable,
      defaultRoute: { targetKind: 'nat-gateway' as const, targetId: s.nat },
      mapPublicIpOnLaunch: false,
      tags: { Name: s.subnetNames[i]! },
    })),
    securityGroups: [
      ...services.map((service, i) => ({
        id: service.sgId,
        name: service.sgName,
        description: service.sgDescription,
        vpcId: s.vpcId,
        region: s.region,
        inbound: i === 0 ? [{ protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr' as const, cidr: '0.0.0.0/0' } }] : [],
        outbound: [{ protocol: 'all', peer: { kind: 'prefix-list' as const, prefixListId: s.prefixList } }],
        tags: service.tags,
      })),
      {
        id: s.dbSgId,
        name: s.dbSgName,
        description: s.ruleDescription,
        vpcId: s.vpcId,
        region: s.region,
        inbound: [
          ...services.map((service) => ({ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group' as const, groupId: service.sgId, ownerId: s.account } })),
          { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr' as const, cidr: s.officeCidr }, description: s.ruleDescription },
          { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr' as const, cidr: vpcCidr } },
        ],
        outbound: [],
        tags: {},
      },
    ],
    vpcPeerings: [],
    transitGatewayAttachments: [],
    vpcEndpoints: [
      {
        id: s.endpointId,
        vpcId: s.vpcId,
        region: s.region,
        serviceName: `com.amazonaws.${s.region}.sqs`,
        type: 'Interface',
        subnetIds: [...s.subnetIds],
        securityGroupIds: [s.dbSgId],
        routeTableIds: [],
        privateDnsEnabled: true,
        state: 'available',
        dnsNames: [`${s.endpointId}-${s.endpointDns}.sqs.${s.region}.vpce.amazonaws.com`, `sqs.${s.region}.amazonaws.com`],
        tags: services[0]!.tags,
      },
      {
        id: s.endpointId.replace(/.$/, 'f'),
        vpcId: s.vpcId,
        region: s.region,
        serviceName: `com.amazonaws.vpce.${s.region}.vpce-svc-${s.lbId}abcd0`,
        type: 'Interface',
        subnetIds: [...s.subnetIds],
        securityGroupIds: [s.dbSgId],
        routeTableIds: [s.routeTable],
        privateDnsEnabled: false,
        dnsNames: [],
        tags: {},
      },
    ],
    dbInstances: [
      {
        arn: dbArn,
        identifier: s.dbName,
        region: s.region,
        engine: 'postgres',
        engineVersion: '16.4',
        instanceClass: 'db.t4g.micro',
        status: 'available',
        endpoint: { address: dbEndpoint, port: 5432 },
        port: 5432,
        vpcId: s.vpcId,
        subnetIds: [...s.subnetIds],
        securityGroupIds: [s.dbSgId],
        publiclyAccessible: false,
        multiAz: false,
        storageEncrypted: true,
        deletionProtection: true,
        clusterIdentifier: s.clusterDbName,
        tags: services[0]!.tags,
      },
    ],
    dbClusters: [
      {
        arn: arn('rds', `cluster:${s.clusterDbName}`),
        identifier: s.clusterDbName,
        region: s.region,
        engine: 'aurora-postgresql',
        endpoint: clusterEndpoint,
        readerEndpoint: clusterEndpoint.replace('.cluster-', '.cluster-ro-'),
        port: 5432,
        securityGroupIds: [s.dbSgId],
        multiAz: true,
        storageEncrypted: true,
        deletionProtection: true,
        memberInstanceIds: [s.dbName],
        tags: {},
      },
    ],
    roles: [
      ...services.map((service) => ({
        arn: service.taskRoleArn,
        name: service.taskRole,
        path: `/${s.rolePath}/`,
        trustPrincipals: [{ type: 'Service' as const, value: 'ecs-tasks.amazonaws.com' }],
        attachedPolicies: [{ arn: service.policyArn, name: service.policy, awsManaged: false }],
        inlinePolicies: [],
        permissionsBoundaryArn: policyArn(s.inlinePolicy),
        tags: service.tags,
      })),
      {
        arn: roleArn(s.executionRole),
        name: s.executionRole,
        path: `/${s.rolePath}/`,
        trustPrincipals: [
          { type: 'Service' as const, value: 'ecs-tasks.amazonaws.com' },
          { type: 'AWS' as const, value: `arn:${partition}:iam::${s.otherAccount}:root` },
        ],
        attachedPolicies: [{ arn: `arn:${partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`, name: 'AmazonECSTaskExecutionRolePolicy', awsManaged: true }],
        inlinePolicies: [
          {
            name: s.inlinePolicy,
            document: { statements: [{ ...allow(['secretsmanager:GetSecretValue'], services.map((service) => secretArn(service.secret))), sid: s.sid }] },
          },
        ],
        tags: {},
      },
    ],
    managedPolicies: services.map((service) => ({
      arn: service.policyArn,
      name: service.policy,
      path: `/${s.rolePath}/`,
      awsManaged: false,
      document: {
        statements: [
          allow(['s3:GetObject', 's3:PutObject'], [`${bucketArn}/*`]),
          allow(['sqs:SendMessage', 'sqs:ReceiveMessage'], [queueArn]),
          { ...allow(['kms:Decrypt'], [arn('kms', `key/${s.kmsKey}`)]), conditions: { StringEquals: { 'aws:SourceVpce': s.endpointId, 'aws:PrincipalAccount': s.account } } },
        ],
      },
    })),
    buckets: [
      {
        name: s.bucket,
        arn: bucketArn,
        region: s.region,
        publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
        encryption: { algorithm: 'aws:kms', kmsKeyId: arn('kms', `key/${s.kmsKey}`) },
        versioning: 'Enabled',
        policy: {
          statements: [
            {
              ...allow(['s3:GetObject'], [`${bucketArn}/*`]),
              principals: [{ type: 'AWS', value: s.otherAccount }],
              conditions: { IpAddress: { 'aws:SourceIp': [s.officeCidr] } },
            },
          ],
        },
        tags: services[0]!.tags,
      },
    ],
    queues: [
      {
        url: queueUrl,
        arn: queueArn,
        name: s.queue,
        region: s.region,
        fifo: false,
        redrive: { deadLetterTargetArn: dlqArn, maxReceiveCount: 5 },
        encryption: { kind: 'kms', kmsKeyId: s.kmsKey },
        policy: null,
        tags: services[0]!.tags,
      },
      {
        url: queueUrl.replace(s.queue, `${s.queue}-dlq.fifo`),
        arn: dlqArn,
        name: `${s.queue}-dlq.fifo`,
        region: s.region,
        fifo: true,
        encryption: { kind: 'sse-sqs' },
        tags: {},
      },
    ],
    dynamoTables: [
      {
        name: `${s.queue}-table`,
        arn: arn('dynamodb', `table/${s.queue}-table`),
        region: s.region,
        status: 'ACTIVE',
        billingMode: 'PAY_PER_REQUEST',
        encryption: { kind: 'kms', kmsKeyId: s.kmsKey },
        deletionProtection: false,
        pointInTimeRecovery: true,
        streamViewType: 'NEW_IMAGE',
        replicaRegions: [s.region],
      },
    ],
    coverage: [
      {
        service: 'iam',
        region: s.region,
        status: 'partial',
        missing: [{ action: 'iam:GetRolePolicy', reason: 'denied', code: 'AccessDenied', resource: roleArn(s.deniedResource) }],
      },
    ],
  };
}
