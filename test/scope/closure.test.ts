import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { correlate } from '../../src/correlate/index.js';
import { NODE_KIND_LABELS, stripTrailingDot, type Edge, type Inventory } from '../../src/model/index.js';
import { emptySelectors, stubText, type ScopeSelectors } from '../../src/model/scope.js';
import { inStack, matchesTags, scopeParts } from '../../src/scope/index.js';
import { loadTemplateInventory } from '../../src/sources/template/index.js';

/**
 * Two applications (orders, billing) on one platform stack: one VPC, one ALB whose HTTPS listener
 * sends each host to its application, one database both use, one cluster, one interface endpoint.
 */
export const TWO_APPS = 'test/fixtures/templates/two-apps';

let inventory: Inventory;
let edges: Edge[];

beforeAll(async () => {
  inventory = await loadTemplateInventory(TWO_APPS, silentProgress, {});
  edges = correlate(inventory);
});

const selectors = (partial: Partial<ScopeSelectors>): ScopeSelectors => ({ ...emptySelectors(), ...partial });
const scoped = (partial: Partial<ScopeSelectors>) => scopeParts(inventory, edges, selectors(partial));
const names = (items: { name: string }[]) => items.map((item) => item.name).sort();
const label = (kind: keyof typeof NODE_KIND_LABELS) => NODE_KIND_LABELS[kind];

describe('an application by tag: its own paths, the shared pieces as stubs', () => {
  it('takes the service, what sends it requests and what it uses', () => {
    const { inventory: orders } = scoped({ tags: [{ key: 'app', value: 'orders' }] });
    expect(names(orders.services)).toEqual(['orders-web']);
    expect(names(orders.targetGroups)).toEqual(['orders-tg']);
    expect(names(orders.loadBalancers)).toEqual(['shared-alb']);
    expect(orders.dnsRecords.map((record) => stripTrailingDot(record.name))).toEqual(['orders.shopco.io']);
    expect(orders.listenerRules.map((rule) => rule.priority).sort()).toEqual([10, 'default', 'default']);
    expect(orders.listeners.map((listener) => listener.port).sort()).toEqual([443, 80]);
    expect(orders.dbInstances.map((db) => db.identifier)).toEqual(['shared-db']);
    expect(names(orders.queues)).toEqual(['orders-jobs']);
    expect(orders.buckets).toEqual([]);
    expect(names(orders.roles)).toEqual(['orders-task']);
    expect(orders.taskDefinitions.map((task) => task.family)).toEqual(['orders-web']);
    expect(names(orders.clusters)).toEqual(['apps']);
    expect(orders.vpcs).toHaveLength(1);
    expect(orders.vpcEndpoints.map((endpoint) => endpoint.serviceName)).toEqual(['com.amazonaws.us-east-1.sqs']);
    expect(orders.securityGroups.map((group) => group.description).sort()).toEqual([
      'Endpoint ENIs of the platform VPC',
      'Orders tasks',
      'PostgreSQL, from the application services',
      'Public HTTPS to the shared load balancer',
    ]);
    expect(orders.hostedZones.map((zone) => zone.name)).toEqual(['shopco.io.']);
  });

  it('never takes the other application', () => {
    const { inventory: billing } = scoped({ tags: [{ key: 'app', value: 'billing' }] });
    expect(names(billing.services)).toEqual(['billing-web']);
    expect(names(billing.buckets)).toEqual(['billing-invoices']);
    expect(billing.queues).toEqual([]);
    expect(billing.dnsRecords.map((record) => stripTrailingDot(record.name))).toEqual(['billing.shopco.io']);
    expect(billing.listenerRules.map((rule) => rule.priority).sort()).toEqual([20, 'default', 'default']);
  });

  it('keeps only edges between taken nodes, with their evidence', () => {
    const { edges: kept, inventory: orders } = scoped({ tags: [{ key: 'app', value: 'orders' }] });
    const service = orders.services[0]!.arn;
    const db = kept.find((edge) => edge.kind === 'service-db');
    expect(db?.from.id).toBe(service);
    expect(db?.evidence.map((evidence) => evidence.matchType).sort()).toEqual(['env', 'sg-reference']);
    expect(kept.filter((edge) => edge.kind === 'target-service').map((edge) => edge.to.id)).toEqual([service]);
    expect(kept.some((edge) => edge.kind === 'service-bucket')).toBe(false);
    expect(kept.every((edge) => edge.from.id !== inventory.services.find((s) => s.name === 'billing-web')!.arn)).toBe(true);
  });

  it('shows what lies beyond as stubs: the shared database, the other host rule, the other record, the other groups', () => {
    const { scope } = scoped({ tags: [{ key: 'app', value: 'orders' }] });
    const text = scope.stubs.map((stub) => `${stub.node.kind} ${stubText(stub, label)}`);
    expect(text).toEqual([
      'db-instance shared with 1 ECS service outside this scope',
      'listener 1 listener rule outside this scope sends traffic elsewhere',
      'load-balancer also named by 1 Route53 record outside this scope',
      // The load balancer's group is admitted by billing's tasks; the database's group admits them.
      'security-group admitted by 1 security group outside this scope',
      'security-group admits 1 security group outside this scope',
    ]);
    expect(scope.matched).toBe(5);
  });

  it('a stub counts distinct outside nodes', () => {
    const { scope } = scoped({ services: ['apps/orders-web'] });
    const db = scope.stubs.find((stub) => stub.node.kind === 'db-instance');
    expect(db).toMatchObject({ edgeKind: 'service-db', direction: 'in', outsideKind: 'ecs-service', count: 1 });
  });
});

describe('selectors', () => {
  it('same tag key: either value; different keys: both', () => {
    expect(names(scoped({ tags: [{ key: 'app', value: 'orders' }, { key: 'app', value: 'billing' }] }).inventory.services)).toEqual(['billing-web', 'orders-web']);
    expect(names(scoped({ tags: [{ key: 'app', value: 'orders' }, { key: 'team', value: 'commerce' }] }).inventory.services)).toEqual(['orders-web']);
    expect(scoped({ tags: [{ key: 'app', value: 'orders' }, { key: 'team', value: 'finance' }] }).selection.keys.size).toBe(0);
    expect(matchesTags({ app: 'orders' }, [{ key: 'app', value: 'orders' }, { key: 'team', value: 'x' }])).toBe(false);
  });

  it('--stack takes the stack\'s resources (the aws:cloudformation:stack-name tag every source carries), nested stacks included', () => {
    const orders = scoped({ stacks: ['orders'] });
    expect(names(orders.inventory.services)).toEqual(['orders-web']);
    expect(orders.inventory.dnsRecords.map((record) => stripTrailingDot(record.name))).toEqual(['orders.shopco.io']);
    expect(inStack('orders-Jobs-ABCDEFGH1234', 'orders')).toBe(true);
    expect(inStack('orders-web', 'orders')).toBe(false);
    expect(inStack('orders', 'orders')).toBe(true);
  });

  it('--stack of the platform takes what its load balancer routes to: both applications', () => {
    const platform = scoped({ stacks: ['platform'] });
    expect(names(platform.inventory.services)).toEqual(['billing-web', 'orders-web']);
    expect(platform.scope.stubs.map((stub) => stubText(stub, label))).toEqual(['also named by 2 Route53 records outside this scope']);
  });

  it('--cluster takes its services; --service one of them', () => {
    expect(names(scoped({ clusters: ['apps'] }).inventory.services)).toEqual(['billing-web', 'orders-web']);
    expect(names(scoped({ services: ['apps/billing-web'] }).inventory.services)).toEqual(['billing-web']);
    expect(scoped({ services: ['other/billing-web'] }).selection.keys.size).toBe(0);
  });

  it('--vpc takes every resource in the VPC, by id or Name', () => {
    const vpcId = inventory.vpcs[0]!.id;
    expect(names(scoped({ vpcs: [vpcId] }).inventory.services)).toEqual(['billing-web', 'orders-web']);
    expect(scoped({ vpcs: ['platform-vpc'] }).selection.keys.size).toBe(scoped({ vpcs: [vpcId] }).selection.keys.size);
  });

  it('several selectors: the union', () => {
    const both = scoped({ services: ['apps/orders-web'], tags: [{ key: 'app', value: 'billing' }] });
    expect(names(both.inventory.services)).toEqual(['billing-web', 'orders-web']);
    expect(both.scope.stubs.some((stub) => stub.node.kind === 'db-instance')).toBe(false);
  });
});
