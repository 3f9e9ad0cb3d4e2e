import { describe, expect, it } from 'vitest';
import { KIND_LIST, KINDS, type KindCopy, type Redactor, type Subnet } from '../../src/model/index.js';
import { redactTopology } from '../../src/redact/index.js';
import { COPIED_KINDS, REDACTED_KINDS, REGISTRY_ARN_WORDS, REGISTRY_PUBLIC_FIELDS, REGISTRY_REGION_FIELDS, redactedKindsOf } from '../../src/redact/registry.js';
import { toolWords } from '../../src/redact/tool-words.js';
import { shopTopology } from '../render/diagram-support.js';

describe('redaction asks the registry', () => {
  it('knows the kinds the registry redacts, by the service of their ARNs and calls', () => {
    expect(REDACTED_KINDS.map((kind) => kind.descriptor.kind)).toEqual(['dynamodb-table']);
    expect(redactedKindsOf('dynamodb').map((kind) => kind.redaction.name)).toEqual([{ namespace: 'dynamodb-table', prefix: 'table' }]);
    expect(redactedKindsOf('sqs')).toEqual([]);
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
  };

  it('copies the older kinds whose names and ARNs are still spelled by hand from their descriptors; the rest say hand-written', () => {
    expect(COPIED_KINDS.map((kind) => kind.descriptor.collection)).toEqual([
      'hostedZones',
      'dnsRecords',
      'clusters',
      'taskDefinitions',
      'vpcs',
      'subnets',
      'vpcPeerings',
      'transitGatewayAttachments',
      'dbInstances',
      'dbClusters',
      'buckets',
      'dynamoTables',
      'managedPolicies',
    ]);
    expect(KIND_LIST.filter((descriptor) => descriptor.redaction === 'hand-written').map((descriptor) => descriptor.collection)).toEqual([
      'loadBalancers',
      'listeners',
      'listenerRules',
      'targetGroups',
      'services',
      'securityGroups',
      'vpcEndpoints',
      'queues',
      'roles',
    ]);
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
