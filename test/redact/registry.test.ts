import { describe, expect, it } from 'vitest';
import { KIND_LIST, KINDS, type KindCopy, type ListenerRule, type Redactor, type SecurityGroup, type Subnet } from '../../src/model/index.js';
import { redactTopology } from '../../src/redact/index.js';
import { ARN_KINDS, arnKindsOf, REDACTED_KINDS, REGISTRY_ARN_WORDS, REGISTRY_PUBLIC_FIELDS, REGISTRY_REGION_FIELDS, redactedKindsOf } from '../../src/redact/registry.js';
import { toolWords } from '../../src/redact/tool-words.js';
import { shopTopology } from '../render/diagram-support.js';

describe('redaction asks the registry', () => {
  it('knows the kinds the registry redacts, by the service of their ARNs and calls', () => {
    expect(REDACTED_KINDS.map((kind) => kind.descriptor.kind)).toEqual(['dynamodb-table']);
    expect(redactedKindsOf('dynamodb').map((kind) => kind.redaction.name)).toEqual([{ namespace: 'dynamodb-table', prefix: 'table' }]);
    expect(redactedKindsOf('sqs')).toEqual([]);
  });

  it('reads the ARNs of the kinds whose descriptors say their shape, each with its public name (DynamoDB tables, RDS instances and clusters, S3 buckets, ECS clusters and task definitions, managed policies, load balancers, target groups, queues)', () => {
    expect(KIND_LIST.filter((descriptor) => descriptor.redaction.arn !== undefined && descriptor.redaction.name === undefined)).toEqual([]);
    expect(ARN_KINDS.map((kind) => kind.descriptor.collection)).toEqual(['loadBalancers', 'targetGroups', 'clusters', 'taskDefinitions', 'dbInstances', 'dbClusters', 'buckets', 'queues', 'dynamoTables', 'managedPolicies']);
    expect(arnKindsOf('rds').map((kind) => [kind.arn.type, kind.name.namespace])).toEqual([
      ['db', 'db-instance'],
      ['cluster', 'db-cluster'],
    ]);
  });

  it('takes the leak guard\'s public and region fields and the tool\'s ARN words from the descriptors', () => {
    expect(REGISTRY_PUBLIC_FIELDS).toEqual(['billingMode', 'streamViewType']);
    expect(REGISTRY_REGION_FIELDS).toEqual(['replicaRegions']);
    expect(REGISTRY_ARN_WORDS).toEqual(['dynamodb', 'table', 'index', 'stream', 'backup', 'export', 'import']);
    for (const word of ['dynamodb', 'table', 'index', 'stream']) expect(toolWords().has(word), word).toBe(true);
  });
});

describe('public copies the descriptors make (redaction.copy in model/kinds.ts)', () => {
  /** A redactor that says which of its parts made each value: `label(subnet-name,shop-public-a,public-subnet)`. */
  const tracing: Redactor = {
    arn: (value) => `arn(${value})`,
    region: (value) => `region(${value})`,
    kmsKey: (value) => `kms(${value})`,
    ec2Id: (value) => `ec2(${value})`,
    host: (value) => `host(${value})`,
    cidr: (value) => `cidr(${value})`,
    account: (value) => `account(${value})`,
    availabilityZone: (value) => `az(${value})`,
    hidden: () => '<redacted>',
    label: (namespace, real, prefix) => `label(${namespace},${real},${prefix ?? ''})`,
    segment: (namespace, real, prefix) => `segment(${namespace},${real},${prefix ?? ''})`,
    tags: (tags) => Object.fromEntries(Object.keys(tags).map((key) => [key, 'tag'])),
    policy: () => ({ statements: [] }),
    iamPath: (value) => `path(${value})`,
    kindName: (name, real) => `name(${name.namespace},${real},${name.prefix})`,
    serviceName: (cluster, name) => `service(${cluster},${name})`,
    queueUrl: (url) => `queue-url(${url})`,
    roleName: (name) => `role(${name})`,
    urlPath: (path) => `url-path(${path})`,
    description: () => undefined,
    principal: (principal) => ({ type: principal.type, value: `principal(${principal.value})` }),
    endpointService: (name) => `endpoint-service(${name})`,
  };

  it('makes every kind\'s public copy from its descriptor: the older kinds copied (names and ARNs spelled by redact/), DynamoDB tables wholly', () => {
    const whole = KIND_LIST.filter((descriptor) => 'redact' in descriptor.redaction).map((descriptor) => descriptor.collection);
    const copied = KIND_LIST.filter((descriptor) => 'copy' in descriptor.redaction).map((descriptor) => descriptor.collection);
    expect(whole).toEqual(['dynamoTables']);
    expect(copied).toHaveLength(KIND_LIST.length - 1);
    expect(copied).toEqual(expect.arrayContaining(['loadBalancers', 'listeners', 'listenerRules', 'targetGroups', 'services', 'securityGroups', 'vpcEndpoints', 'queues', 'roles']));
  });

  it('rebuilds an item field by field through the redactor it is given (a subnet: tier kept, its name by tier)', () => {
    const subnet = shopTopology().inventory.subnets.find((s) => s.tier === 'private')!;
    const copy = (KINDS.subnets.redaction as KindCopy<Subnet>).copy({ ...subnet, extra: 'not in the model' } as Subnet, tracing);
    expect(copy).toEqual({
      id: `ec2(${subnet.id})`,
      name: `label(subnet-name,${subnet.name},private-subnet)`,
      vpcId: `ec2(${subnet.vpcId})`,
      region: `region(${subnet.region})`,
      availabilityZone: `az(${subnet.availabilityZone})`,
      cidrBlock: `cidr(${subnet.cidrBlock})`,
      tier: 'private',
      routeTableId: `ec2(${subnet.routeTableId})`,
      defaultRoute: { targetKind: 'nat-gateway', targetId: `ec2(${subnet.defaultRoute!.targetId})` },
      mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
      tags: Object.fromEntries(Object.keys(subnet.tags).map((key) => [key, 'tag'])),
    });
  });

  it('copies a security group through the redactor: a neutral description replaced by the neutral sentence, rule descriptions left out, peers by kind', () => {
    const group = shopTopology().inventory.securityGroups.find((g) => g.inbound.some((rule) => rule.peer.kind === 'security-group'))!;
    const described: SecurityGroup = { ...group, inbound: group.inbound.map((rule) => ({ ...rule, description: 'from the office' })) };
    const copy = (KINDS.securityGroups.redaction as KindCopy<SecurityGroup>).copy(described, tracing);
    expect(copy.description).toBe('Security group description redacted.');
    expect(copy.inbound.some((rule) => 'description' in rule)).toBe(false);
    const peer = group.inbound.find((rule) => rule.peer.kind === 'security-group')!.peer as { groupId: string };
    expect(copy.inbound.map((rule) => rule.peer)).toContainEqual(expect.objectContaining({ kind: 'security-group', groupId: `ec2(${peer.groupId})` }));
    const kept = (KINDS.securityGroups.redaction as KindCopy<SecurityGroup>).copy(described, { ...tracing, description: (text) => `kept(${text})` });
    expect(kept.description).toBe(`kept(${group.description})`);
    expect(kept.inbound.map((rule) => rule.description)).toEqual(group.inbound.map(() => 'kept(from the office)'));
  });

  it('copies a listener rule\'s conditions by field: HTTP\'s methods kept, another method a label, paths as URL paths, hosts as hosts', () => {
    const rule: ListenerRule = {
      arn: 'arn:rule',
      listenerArn: 'arn:listener',
      region: 'us-east-1',
      priority: 10,
      conditions: [
        { field: 'http-request-method', values: ['GET', 'CORP_SYNC'] },
        { field: 'path-pattern', values: ['/api/*'] },
        { field: 'host-header', values: ['shop.example.com'] },
      ],
      actions: [{ type: 'redirect', targetGroups: [], redirect: { host: '#{host}', path: '/new', query: 'a=1' } }],
    };
    const copy = (KINDS.listenerRules.redaction as KindCopy<ListenerRule>).copy(rule, tracing);
    expect(copy.conditions).toEqual([
      { field: 'http-request-method', values: ['GET', 'label(http-method,CORP_SYNC,method)'] },
      { field: 'path-pattern', values: ['url-path(/api/*)'] },
      { field: 'host-header', values: ['host(shop.example.com)'] },
    ]);
    expect(copy.actions[0]!.redirect).toEqual({ host: '#{host}', path: 'url-path(/new)', query: '<redacted>' });
  });

  it('keeps each older collection\'s place in the public inventory; a kind the registry added follows them', () => {
    const redacted = redactTopology(shopTopology(), { redactRegion: false, config: {}, key: 'k'.repeat(32) });
    const keys = Object.keys(redacted.inventory);
    expect(keys.slice(keys.indexOf('hostedZones'))).toEqual([
      'hostedZones',
      'dnsRecords',
      'loadBalancers',
      'listeners',
      'listenerRules',
      'targetGroups',
      'clusters',
      'services',
      'taskDefinitions',
      'vpcs',
      'subnets',
      'securityGroups',
      'vpcEndpoints',
      'vpcPeerings',
      'transitGatewayAttachments',
      'dbInstances',
      'dbClusters',
      'roles',
      'managedPolicies',
      'buckets',
      'queues',
      'dynamoTables',
      'coverage',
    ]);
    expect(redacted.inventory.subnets.map((s) => s.name)).toEqual(shopTopology().inventory.subnets.map((s) => expect.stringMatching(new RegExp(`^${s.tier}-subnet`))));
  });
});
