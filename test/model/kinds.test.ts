import { describe, expect, it } from 'vitest';
import { CORRELATORS } from '../../src/correlate/index.js';
import { serviceContexts } from '../../src/correlate/service-context.js';
import {
  emptyInventory,
  endpointServiceShortName,
  indexInventory,
  KIND_LIST,
  nameFromId,
  REGISTRY_DATA_SOURCES,
  NODE_KIND_LABELS,
  nodeIdShape,
  resourceName,
  type CollectionKey,
} from '../../src/model/index.js';
import { DATA_SOURCES } from '../../src/model/coverage.js';
import { topologyTables } from '../../src/render/views.js';
import { kindTableId } from '../../src/render/views/registry-tables.js';
import { ARNS, shopInventory } from '../fixtures/model/shop-account.js';

describe('registry of resource kinds', () => {
  it('has one descriptor per collection of the inventory, with distinct kinds', () => {
    const inventory = emptyInventory({ kind: 'aws', label: 'test' });
    const collections = Object.entries(inventory)
      .filter(([key, value]) => Array.isArray(value) && key !== 'coverage' && key !== 'regions')
      .map(([key]) => key)
      .sort();
    expect(KIND_LIST.map((descriptor) => descriptor.collection).sort()).toEqual(collections);
    expect(new Set(KIND_LIST.map((descriptor) => descriptor.kind)).size).toBe(KIND_LIST.length);
  });

  it('lists each kind in a table that exists', () => {
    const tableIds = new Set(topologyTables({ inventory: shopInventory(), edges: [], findings: [], warnings: [], redacted: false }).map((t) => t.id));
    for (const descriptor of KIND_LIST) {
      const id = kindTableId(descriptor);
      if (id !== undefined) expect(tableIds, descriptor.kind).toContain(id);
    }
    expect(KIND_LIST.filter((descriptor) => descriptor.view === null).map((descriptor) => descriptor.kind)).toEqual(['vpc', 'subnet']);
  });

  it('adds the calls the registry declares to the data sources tables and rules name', () => {
    expect(DATA_SOURCES.tableBackups).toEqual(['dynamodb:ListTables', 'dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups']);
    for (const [source, calls] of Object.entries(REGISTRY_DATA_SOURCES)) expect(DATA_SOURCES[source as keyof typeof DATA_SOURCES], source).toBe(calls);
  });

  it('indexes every collection by its id (a DNS record by its composite id)', () => {
    const inventory = shopInventory();
    const index = indexInventory(inventory);
    for (const descriptor of KIND_LIST) {
      expect(index[descriptor.collection as CollectionKey].size, descriptor.kind).toBe(inventory[descriptor.collection].length);
    }
    const record = inventory.dnsRecords[0]!;
    expect(index.dnsRecords.get(`${record.zoneId}|${record.name}|${record.type}|${record.setIdentifier ?? ''}`)).toBe(record);
  });

  it('names a node from the inventory, shortly under its parent, and from its id when the inventory lacks it', () => {
    const inventory = shopInventory();
    const index = indexInventory(inventory);
    const listener = inventory.listeners[0]!;
    const lb = inventory.loadBalancers.find((x) => x.arn === listener.loadBalancerArn)!;
    expect(resourceName(index, { kind: 'listener', id: listener.arn })).toBe(`${lb.name} ${listener.protocol}:${listener.port}`);
    expect(resourceName(index, { kind: 'listener', id: listener.arn }, 'short')).toBe(`${listener.protocol} ${listener.port}`);
    expect(resourceName(index, { kind: 'load-balancer', id: ARNS.alb })).toBe(lb.name);
    expect(resourceName(index, { kind: 'queue', id: 'arn:aws:sqs:us-east-1:1:gone' })).toBeUndefined();
    expect(nameFromId({ kind: 'queue', id: 'arn:aws:sqs:us-east-1:1:gone' })).toBe('gone');
    expect(nameFromId({ kind: 'dns-record', id: 'Z1|api.example.com.|A|' })).toBe('api.example.com');
    expect(nameFromId({ kind: 'security-group', id: 'sg-1' })).toBe('sg-1');
  });

  it('gives every node kind a label and an id shape', () => {
    expect(NODE_KIND_LABELS.bucket).toBe('S3 bucket');
    expect(NODE_KIND_LABELS['service-mode']).toBe('Storage mode');
    expect(nodeIdShape('iam-role')).toBe('arn');
    expect(nodeIdShape('vpc-endpoint')).toBe('ec2-id');
    expect(nodeIdShape('cidr')).toBe('cidr');
  });
});

describe('correlators', () => {
  it('each derive only the edge kinds they declare, and together every kind the shop account has', () => {
    const inventory = shopInventory();
    const index = indexInventory(inventory);
    const input = { inventory, index, services: serviceContexts(index) };
    const made = new Set<string>();
    for (const correlator of CORRELATORS) {
      const kinds = new Set(correlator.run(input).map((edge) => edge.kind));
      for (const kind of kinds) {
        expect(correlator.produces as readonly string[], correlator.name).toContain(kind);
        made.add(kind);
      }
    }
    expect(made.size).toBeGreaterThanOrEqual(10);
  });
});

describe('endpointServiceShortName', () => {
  it('keeps every label after the region, so ECR\'s two endpoints read ecr.api and ecr.dkr', () => {
    expect(endpointServiceShortName('com.amazonaws.us-east-1.ecr.api')).toBe('ecr.api');
    expect(endpointServiceShortName('com.amazonaws.us-east-1.ecr.dkr')).toBe('ecr.dkr');
    expect(endpointServiceShortName('com.amazonaws.eu-west-1.secretsmanager')).toBe('secretsmanager');
    expect(endpointServiceShortName('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0')).toBe('vpce-svc-0123456789abcdef0');
  });

  it('falls back to the last label for a name of another shape', () => {
    expect(endpointServiceShortName('aws.sagemaker.us-east-1.notebook')).toBe('notebook');
  });
});
