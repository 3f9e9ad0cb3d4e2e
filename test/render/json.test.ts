import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  SEVERITIES,
  emptyInventory,
  type Bucket,
  type DbInstance,
  type DnsRecord,
  type EcsService,
  type Edge,
  type EdgeAttributes,
  type Finding,
  type HostedZone,
  type IamRole,
  type Inventory,
  type Listener,
  type ListenerRule,
  type LoadBalancer,
  type ManagedPolicy,
  type MissingCall,
  type PolicyStatement,
  type Queue,
  type SecurityGroup,
  type Subnet,
  type TargetGroup,
  type TaskDefinition,
  type Topology,
  type Vpc,
  type VpcEndpoint,
  type VpcPeering,
  type TransitGatewayAttachment,
} from '../../src/model/index.js';
import { REPORT_SCHEMA, renderJson } from '../../src/render/json.js';
import { ACCOUNT, ARNS, IDS, NAMES, REGION, shopInventory } from '../fixtures/model/shop-account.js';
import { auroraCluster, topologyOf } from './tables-fixtures.js';

const schemaPath = fileURLToPath(new URL('../../docs/topology.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $defs: Record<string, { enum?: string[] }> };
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function errorsOf(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const report = (topology: Topology) => JSON.parse(renderJson(topology)) as Topology & { schema: string };

// Each constant below sets every optional field of its model type (`Required<...>`): when the model
// gains a field, this file stops type-checking until the fixture, and so the schema, cover it.
const statement: Required<PolicyStatement> = {
  sid: 'ReadJobs',
  effect: 'Allow',
  actions: ['sqs:ReceiveMessage'],
  notActions: [],
  resources: [ARNS.queue],
  notResources: [],
  conditions: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
  principals: [{ type: 'AWS', value: `arn:aws:iam::${ACCOUNT}:root` }],
};

function everyFieldInventory(): Required<Inventory> {
  const inventory = shopInventory();
  const zone: Required<HostedZone> = { id: 'ZINTERNAL000000000', name: 'internal.corp.io.', private: true, recordCount: 3 };
  const record: Required<DnsRecord> = {
    zoneId: zone.id,
    name: 'api.internal.corp.io.',
    type: 'A',
    ttl: 60,
    setIdentifier: 'blue',
    aliasTarget: { dnsName: NAMES.albDns, hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: false },
    values: [],
  };
  const lb: Required<LoadBalancer> = { ...inventory.loadBalancers[0]!, state: 'provisioning', canonicalHostedZoneId: 'Z35SXDOTRQ7X7K', ipAddressType: 'dualstack', vpcId: IDS.vpc, dnsName: NAMES.albDns };
  const listener: Required<Listener> = {
    ...inventory.listeners[1]!,
    sslPolicy: 'ELBSecurityPolicy-2016-08',
    defaultActions: [
      { type: 'redirect', order: 1, targetGroups: [], redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } },
    ],
  };
  const rule: Required<ListenerRule> = {
    ...inventory.listenerRules[0]!,
    priority: 5,
    conditions: [{ field: 'path-pattern', values: ['/maintenance'] }],
    actions: [
      { type: 'fixed-response', order: 1, targetGroups: [], fixedResponse: { statusCode: '503', contentType: 'text/plain' } },
      { type: 'forward', order: 2, targetGroups: [{ targetGroupArn: ARNS.targetGroup, weight: 100 }] },
    ],
  };
  const targetGroup: Required<TargetGroup> = {
    ...inventory.targetGroups[0]!,
    protocol: 'HTTP',
    port: 3000,
    vpcId: IDS.vpc,
    targetHealth: { total: 2, healthy: 1, unhealthy: 1 },
    usedBy: ['AWS::AutoScaling::AutoScalingGroup WebAsg'],
    healthCheck: { protocol: 'HTTP', port: '3000', path: '/health', intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 2, unhealthyThresholdCount: 2, matcher: '200-299' },
  };
  const service: Required<EcsService> = {
    ...inventory.services[0]!,
    runningCount: 2,
    status: 'ACTIVE',
    launchType: 'FARGATE',
    hostSecurityGroupIds: [IDS.sgBastion],
    loadBalancers: [{ targetGroupArn: ARNS.targetGroup, loadBalancerName: 'legacy-elb', containerName: 'web', containerPort: 3000 }],
  };
  const taskDefinition: Required<TaskDefinition> = {
    ...inventory.taskDefinitions[0]!,
    taskRoleArn: ARNS.webTaskRole,
    executionRoleArn: ARNS.executionRole,
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    containers: [{ ...inventory.taskDefinitions[0]!.containers[0]!, portMappings: [{ containerPort: 3000, hostPort: 3000, protocol: 'tcp' }], logDriver: 'awslogs' }],
  };
  const vpc: Required<Vpc> = {
    ...inventory.vpcs[0]!,
    name: 'shop-vpc',
    peerRoutes: [{ routeTableId: IDS.rtbPrivate, destination: '10.50.0.0/16', targetKind: 'vpc-peering', targetId: 'pcx-0a1b2c3d4e5f60718' }],
  };
  const peering: Required<VpcPeering> = {
    id: 'pcx-0a1b2c3d4e5f60718',
    region: REGION,
    requester: { vpcId: IDS.vpc, accountId: ACCOUNT, region: REGION, cidrBlocks: ['10.0.0.0/16'] },
    accepter: { vpcId: 'vpc-0333aaaabbbbcccc3', accountId: '210987654321', region: REGION, cidrBlocks: ['10.50.0.0/16'] },
  };
  const attachment: Required<TransitGatewayAttachment> = {
    id: 'tgw-attach-0a1b2c3d4e5f60718',
    transitGatewayId: 'tgw-0a1b2c3d4e5f60718',
    transitGatewayOwnerId: '210987654321',
    vpcId: IDS.vpc,
    vpcOwnerId: ACCOUNT,
    region: REGION,
    state: 'available',
  };
  const subnet: Required<Subnet> = {
    ...(inventory.subnets[0]! as Required<Subnet>),
    name: 'shop-public-a',
    availabilityZone: 'us-east-1a',
    cidrBlock: '10.0.0.0/24',
    routeTableId: 'rtb-0public000000000',
    defaultRoute: { targetKind: 'internet-gateway', targetId: IDS.igw },
  };
  const securityGroup: Required<SecurityGroup> = {
    ...inventory.securityGroups[0]!,
    vpcId: IDS.vpc,
    usedBy: ['AWS::EC2::LaunchTemplate ContainerInstances'],
    inbound: [
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'security-group', groupId: IDS.sgBastion, ownerId: ACCOUNT }, description: 'bastion' },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'prefix-list', prefixListId: 'pl-0123456789abcdef0' } },
      { protocol: 'icmp', fromPort: -1, toPort: -1, peer: { kind: 'cidr', cidr: '10.0.0.0/16' } },
    ],
  };
  const endpoint: Required<VpcEndpoint> = { ...inventory.vpcEndpoints[0]!, state: 'pending' };
  const dbInstance: Required<DbInstance> = {
    ...inventory.dbInstances[0]!,
    arn: `${ARNS.db}-aurora-1`,
    identifier: 'shop-aurora-1',
    engineVersion: '16.4',
    instanceClass: 'db.r6g.large',
    status: 'available',
    endpoint: { address: 'shop-aurora-1.c9akciq32.us-east-1.rds.amazonaws.com', port: 5432 },
    port: 5432,
    vpcId: IDS.vpc,
    clusterIdentifier: 'shop-aurora',
  };
  const dbCluster = auroraCluster();
  const role: Required<IamRole> = {
    ...inventory.roles[0]!,
    permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
    inlinePolicies: [{ name: 'jobs', document: { statements: [statement] } }],
  };
  const policy: Required<ManagedPolicy> = { ...inventory.managedPolicies[0]!, document: { statements: [statement] } };
  const bucket: Required<Bucket> = {
    ...(inventory.buckets[0]! as Required<Bucket>),
    name: 'shop-logs',
    arn: 'arn:aws:s3:::shop-logs',
    encryption: { algorithm: 'aws:kms', kmsKeyId: 'mrk-0123456789abcdef0123456789abcdef' },
    versioning: 'Suspended',
    policy: null,
  };
  const queue: Required<Queue> = {
    ...(inventory.queues[0]! as Required<Queue>),
    encryption: { kind: 'kms', kmsKeyId: 'alias/aws/sqs' },
    policy: { statements: [statement] },
  };
  const missing: Required<MissingCall> = {
    action: 'iam:GetAccountAuthorizationDetails',
    reason: 'denied',
    code: 'AccessDenied',
    resource: role.name,
    recoveredBy: 'iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies',
  };
  return {
    ...inventory,
    accountId: ACCOUNT,
    accounts: [{ id: ACCOUNT, regions: [REGION] }, { id: '210987654321', regions: [REGION] }],
    resourceAccounts: { [IDS.vpc]: ACCOUNT, 'arn:aws:s3:::shop-logs': '210987654321' },
    hostedZones: [...inventory.hostedZones, zone],
    dnsRecords: [...inventory.dnsRecords, record],
    loadBalancers: [lb],
    listeners: [inventory.listeners[0]!, listener],
    listenerRules: [...inventory.listenerRules, rule],
    targetGroups: [targetGroup],
    services: [service, inventory.services[1]!],
    taskDefinitions: [taskDefinition, inventory.taskDefinitions[1]!],
    vpcs: [vpc],
    subnets: [subnet, ...inventory.subnets.slice(1)],
    securityGroups: [securityGroup, ...inventory.securityGroups.slice(1)],
    vpcEndpoints: [endpoint, ...inventory.vpcEndpoints.slice(1)],
    vpcPeerings: [peering],
    transitGatewayAttachments: [attachment],
    dbInstances: [...inventory.dbInstances, dbInstance],
    dbClusters: [dbCluster],
    roles: [role, ...inventory.roles.slice(1)],
    managedPolicies: [policy, ...inventory.managedPolicies.slice(1)],
    buckets: [...inventory.buckets, bucket, { ...bucket, name: 'shop-tmp', arn: 'arn:aws:s3:::shop-tmp', publicAccessBlock: null, encryption: null }],
    queues: [queue, inventory.queues[1]!],
    coverage: [
      { service: 'iam', region: 'us-east-1', status: 'partial', missing: [missing] },
      { service: 'ecs', region: REGION, account: '210987654321', status: 'ok', missing: [] },
    ],
    sourceWarnings: [{ code: 'unresolved', message: 'web-service: Resources.Service.Properties.DesiredCount is ${Param:Count}' }],
  };
}

const everyEdgeAttribute: Required<EdgeAttributes> = {
  weight: 1,
  isDefault: true,
  containerName: 'web',
  containerPort: 3000,
  protocol: 'tcp',
  fromPort: 1,
  toPort: 1,
  direction: 'producer',
  roleSlot: 'task',
  dbTargetType: 'cluster',
      access: 'read-write',
};

const everyFieldFinding: Required<Finding> = {
  ruleId: 'rds-cidr-ingress',
  title: 'Database reachable from a CIDR range',
  severity: 'medium',
  message: 'shop-db-sg admits 10.20.0.0/16 on tcp 5432.',
  resources: [{ kind: 'security-group', id: IDS.sgDb }],
  evidence: [{ matchType: 'sg-rule', matchedValue: '10.20.0.0/16', field: `${IDS.sgDb} inbound` }],
  suppressed: { reason: 'office VPN' },
};

/** The shop report as --public would shape it: pseudonyms for names, ids, ARNs and the account. */
function redactedLookingReport(): unknown {
  let text = renderJson(topologyOf(shopInventory(), { findings: [everyFieldFinding] }));
  const pseudonyms: [string, string][] = [
    [ACCOUNT, 'account'],
    [NAMES.albDns, 'alb.example.internal'],
    [NAMES.dbEndpoint, 'writer.db.example.internal'],
    ...Object.values(IDS).map((id, i): [string, string] => [id, `${id.split('-')[0]}-${i + 1}`]),
    ['shop-edge-alb', 'public-app-alb'],
    ['shop-web', 'service-1'],
    ['shop-worker', 'service-2'],
    ['shop-db', 'db-instance-1'],
  ];
  for (const [real, alias] of pseudonyms) text = text.split(real).join(alias);
  const document = JSON.parse(text) as Topology;
  document.redacted = true;
  document.warnings.push({ code: 'public-mode', message: 'Public mode enabled: identifiers replaced.' });
  return document;
}

describe('renderJson', () => {
  it('writes the whole topology under the report schema name, and reads back to the same topology', () => {
    const topology = topologyOf(shopInventory());
    const { schema: name, ...rest } = report(topology);
    expect(name).toBe(REPORT_SCHEMA);
    expect(rest).toEqual(JSON.parse(JSON.stringify(topology)));
    expect(renderJson(topology).endsWith('}\n')).toBe(true);
  });

  it('keeps null ("none configured") apart from absent ("not known")', () => {
    const topology = topologyOf(everyFieldInventory());
    const buckets = report(topology).inventory.buckets;
    expect(buckets.find((b) => b.name === 'shop-tmp')!.publicAccessBlock).toBeNull();
    expect('publicAccessBlock' in buckets.find((b) => b.name === 'shop-tmp')!).toBe(true);
    const unknown = topologyOf({ ...shopInventory(), buckets: [{ ...shopInventory().buckets[0]!, publicAccessBlock: undefined }] });
    expect('publicAccessBlock' in report(unknown).inventory.buckets[0]!).toBe(false);
  });
});

describe('docs/topology.schema.json', () => {
  it('accepts the shop account report', () => {
    expect(errorsOf(report(topologyOf(shopInventory())))).toEqual([]);
  });

  it('accepts a report that sets every optional field of the model', () => {
    const topology = topologyOf(everyFieldInventory(), {
      findings: [everyFieldFinding],
      warnings: [{ code: 'access-denied', message: 'Access denied: s3:GetBucketPolicy (s3 in us-east-1 for shop-logs).' }],
    });
    const attributesSet = new Set(topology.edges.flatMap((edge) => Object.keys(edge.attributes)));
    expect([...attributesSet].sort()).toEqual(Object.keys(everyEdgeAttribute).sort());
    expect(errorsOf(report(topology))).toEqual([]);
  });

  it('accepts a redacted-looking report', () => {
    expect(errorsOf(redactedLookingReport())).toEqual([]);
  });

  it('accepts the report of an empty inventory', () => {
    expect(errorsOf(report(topologyOf(emptyInventory({ kind: 'template', label: 'template empty.json' }))))).toEqual([]);
  });

  const broken: [string, (document: Topology & { schema: string }) => void, string][] = [
    ['an unknown field on a service', (d) => Object.assign(d.inventory.services[0]!, { clusterName: 'shop' }), '/inventory/services/0 must NOT have additional properties'],
    ['an unknown match type', (d) => Object.assign(d.edges[0]!.evidence[0]!, { matchType: 'guess' }), '/edges/0/evidence/0/matchType must be equal to one of the allowed values'],
    ['an edge without evidence', (d) => Object.assign(d.edges[0]!, { evidence: [] }), '/edges/0/evidence must NOT have fewer than 1 items'],
    ['a missing regions list', (d) => delete (d.inventory as Partial<Inventory>).regions, "/inventory must have required property 'regions'"],
    ['a non-numeric rule priority', (d) => Object.assign(d.inventory.listenerRules[0]!, { priority: 'first' }), '/inventory/listenerRules/0/priority must match exactly one schema in oneOf'],
    ['another report version', (d) => Object.assign(d, { schema: 'topology/report@2' }), '/schema must be equal to constant'],
    ['a CIDR peer carrying a group id', (d) => Object.assign(d.inventory.securityGroups[0]!.inbound[0]!.peer, { groupId: IDS.sgWeb }), '/inventory/securityGroups/0/inbound/0/peer must match exactly one schema in oneOf'],
    ['an unknown edge kind', (d) => Object.assign(d.edges[0] as Edge, { kind: 'guessed-link' }), '/edges/0/kind must be equal to one of the allowed values'],
  ];

  it.each(broken)('rejects %s', (_name, breakIt, expected) => {
    const document = report(topologyOf(shopInventory()));
    breakIt(document);
    expect(errorsOf(document)).toContain(expected);
  });

  it('rejects an unknown severity and a bad coverage action', () => {
    const document = report(topologyOf(shopInventory(), { findings: [{ ...everyFieldFinding, severity: 'urgent' as Finding['severity'] }] }));
    document.inventory.coverage.push({ service: 'ecs', region: REGION, status: 'denied', missing: [{ action: 'DescribeServices', reason: 'denied' }] });
    expect(errorsOf(document)).toEqual(
      expect.arrayContaining(['/findings/0/severity must be equal to one of the allowed values', '/inventory/coverage/0/missing/0/action must match pattern "^[a-z0-9-]+:[A-Za-z0-9]+$"']),
    );
  });

  it('lists the severities of the model, most severe first', () => {
    expect(schema.$defs['severity']!.enum).toEqual([...SEVERITIES]);
  });

  it('references every definition it declares', () => {
    const text = readFileSync(schemaPath, 'utf8');
    const referenced = new Set([...text.matchAll(/"\$ref": "#\/\$defs\/([A-Za-z]+)"/g)].map((m) => m[1]));
    expect(Object.keys(schema.$defs).filter((name) => !referenced.has(name))).toEqual([]);
  });
});
