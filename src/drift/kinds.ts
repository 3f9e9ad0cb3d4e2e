import { arnResourceName, dnsRecordId, type EdgeKind, type SecurityGroupRule, type SgPeer } from '../model/index.js';
import type { SnapshotInventory } from '../snapshot/format.js';

/**
 * What drift knows about each kind of resource: where it lives in the inventory, its stable
 * identity (the same ids correlation uses for edges), the name a reader recognizes, and the value
 * compared field by field.
 */
export interface ResourceKind<T = never> {
  kind: string;
  group: string;
  collection: Exclude<keyof SnapshotInventory, 'partition' | 'accountId' | 'regions'>;
  key(item: T): string;
  /** `names` holds the labels of the kinds listed before this one (a listener names its load balancer). */
  label(item: T, names: ReadonlyMap<string, string>): string;
  /** The compared value: the item without its key field, with composite fields split where that helps. */
  value(item: T): Record<string, unknown>;
  /** Live resources name themselves with these fields; IaC matching pairs them (see iac.ts). */
  identities: readonly string[];
}

function kind<C extends ResourceKind['collection']>(
  spec: Omit<ResourceKind<SnapshotInventory[C][number]>, 'collection' | 'key' | 'value' | 'identities'> & {
    collection: C;
    /** The identity field, dropped from the compared value; the key unless `key` says otherwise. */
    keyField: string;
    key?: (item: SnapshotInventory[C][number]) => string;
    value?: (item: SnapshotInventory[C][number]) => Record<string, unknown>;
    identities?: readonly string[];
  },
): ResourceKind<SnapshotInventory[C][number]> {
  const { keyField, key, value, identities, ...rest } = spec;
  return {
    ...rest,
    key: key ?? ((item) => String((item as unknown as Record<string, unknown>)[keyField])),
    identities: identities ?? [keyField, 'name'],
    value: (item) => without(value ? value(item) : (item as unknown as Record<string, unknown>), keyField),
  };
}

function without(value: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[field];
  return copy;
}

/** `…:task-definition/shop-web:42` → `…:task-definition/shop-web`: a family keeps its identity across revisions. */
export function taskDefinitionFamilyArn(arn: string): string {
  return arn.replace(/:\d+$/, '');
}

function revisionOf(arn: string): number | undefined {
  const match = /:(\d+)$/.exec(arn);
  return match ? Number(match[1]) : undefined;
}

/** `repo/name:tag` → repository and tag (or `@sha256:…` digest), so a new tag alone can be ignored. */
export function splitImage(image: string): { image: string; imageTag?: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { image: image.slice(0, at), imageTag: image.slice(at) };
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { image: image.slice(0, colon), imageTag: image.slice(colon + 1) };
  return { image };
}

function peerText(peer: SgPeer): string {
  if (peer.kind === 'security-group') return peer.ownerId ? `${peer.groupId} (account ${peer.ownerId})` : peer.groupId;
  return peer.kind === 'cidr' ? peer.cidr : peer.prefixListId;
}

/** `tcp 5432 from sg-0b22…` / `all to 0.0.0.0/0 "egress"`: one readable line per rule. */
export function ruleText(rule: SecurityGroupRule, direction: 'from' | 'to'): string {
  const ports =
    rule.fromPort === undefined || rule.fromPort === -1
      ? ''
      : rule.toPort === undefined || rule.toPort === rule.fromPort
        ? ` ${rule.fromPort}`
        : ` ${rule.fromPort}-${rule.toPort}`;
  const description = rule.description ? ` "${rule.description}"` : '';
  return `${rule.protocol}${ports} ${direction} ${peerText(rule.peer)}${description}`;
}

const nameOrId = (item: { id: string; name?: string }) => item.name ?? item.id;

/** In report order; a kind's labels may use those of the kinds before it. */
export const RESOURCE_KINDS: ResourceKind<never>[] = [
  kind({
    kind: 'hosted-zone',
    group: 'DNS',
    collection: 'hostedZones',
    keyField: 'id',
    label: (zone) => (zone.private ? `${zone.name} (private)` : zone.name),
  }),
  kind({
    kind: 'dns-record',
    group: 'DNS',
    collection: 'dnsRecords',
    keyField: 'zoneId',
    key: (record) => dnsRecordId(record),
    label: (record) => `${record.name} ${record.type}${record.setIdentifier ? ` (${record.setIdentifier})` : ''}`,
    // DNS names are case-insensitive; Route53 and templates spell them as they were given.
    value: (record) => ({
      ...record,
      name: record.name.toLowerCase(),
      ...(record.aliasTarget ? { aliasTarget: { ...record.aliasTarget, dnsName: record.aliasTarget.dnsName.toLowerCase() } } : {}),
    }),
    identities: ['zoneId'],
  }),
  kind({ kind: 'load-balancer', group: 'Load balancers', collection: 'loadBalancers', keyField: 'arn', label: (lb) => lb.name, identities: ['arn', 'name', 'dnsName'] }),
  kind({
    kind: 'listener',
    group: 'Listeners and rules',
    collection: 'listeners',
    keyField: 'arn',
    label: (listener, names) => `${names.get(listener.loadBalancerArn) ?? arnResourceName(listener.loadBalancerArn)} ${listener.protocol}:${listener.port}`,
    identities: ['arn'],
  }),
  kind({
    kind: 'listener-rule',
    group: 'Listeners and rules',
    collection: 'listenerRules',
    keyField: 'arn',
    label: (rule, names) => `${names.get(rule.listenerArn) ?? arnResourceName(rule.listenerArn)} rule ${rule.priority}`,
    identities: ['arn'],
  }),
  kind({ kind: 'target-group', group: 'Target groups', collection: 'targetGroups', keyField: 'arn', label: (tg) => tg.name }),
  kind({ kind: 'ecs-cluster', group: 'ECS clusters and services', collection: 'clusters', keyField: 'arn', label: (c) => c.name }),
  kind({
    kind: 'ecs-service',
    group: 'ECS clusters and services',
    collection: 'services',
    keyField: 'arn',
    label: (service) => service.name,
    value: ({ taskDefinitionArn, ...service }) => ({
      ...service,
      taskDefinition: taskDefinitionFamilyArn(taskDefinitionArn),
      taskDefinitionRevision: revisionOf(taskDefinitionArn),
    }),
  }),
  kind({
    kind: 'task-definition',
    group: 'Task definitions',
    collection: 'taskDefinitions',
    keyField: 'arn',
    key: (definition) => taskDefinitionFamilyArn(definition.arn),
    label: (definition) => definition.family,
    value: (definition) => ({ ...definition, containers: definition.containers.map((c) => ({ ...c, ...splitImage(c.image) })) }),
    identities: ['arn', 'family'],
  }),
  kind({
    kind: 'security-group',
    group: 'Security groups and rules',
    collection: 'securityGroups',
    keyField: 'id',
    label: (group) => group.name,
    value: (group) => ({
      ...group,
      inbound: group.inbound.map((rule) => ruleText(rule, 'from')),
      outbound: group.outbound.map((rule) => ruleText(rule, 'to')),
    }),
  }),
  kind({ kind: 'vpc', group: 'Network', collection: 'vpcs', keyField: 'id', label: nameOrId }),
  kind({
    kind: 'subnet',
    group: 'Network',
    collection: 'subnets',
    keyField: 'id',
    label: nameOrId,
    identities: ['id', 'name', 'routeTableId', 'defaultRoute.targetId'],
  }),
  kind({
    kind: 'vpc-endpoint',
    group: 'VPC endpoints',
    collection: 'vpcEndpoints',
    keyField: 'id',
    label: (endpoint) => endpoint.serviceName,
    identities: ['id'],
  }),
  kind({
    kind: 'db-instance',
    group: 'Databases',
    collection: 'dbInstances',
    keyField: 'arn',
    label: (db) => db.identifier,
    identities: ['arn', 'identifier', 'endpoint.address'],
  }),
  kind({
    kind: 'db-cluster',
    group: 'Databases',
    collection: 'dbClusters',
    keyField: 'arn',
    label: (db) => db.identifier,
    identities: ['arn', 'identifier', 'endpoint', 'readerEndpoint'],
  }),
  kind({ kind: 'bucket', group: 'Buckets', collection: 'buckets', keyField: 'arn', label: (b) => b.name }),
  kind({ kind: 'queue', group: 'Queues', collection: 'queues', keyField: 'arn', label: (q) => q.name, identities: ['arn', 'name', 'url'] }),
  kind({ kind: 'iam-role', group: 'IAM roles and policies', collection: 'roles', keyField: 'arn', label: (r) => r.name }),
  kind({ kind: 'managed-policy', group: 'IAM roles and policies', collection: 'managedPolicies', keyField: 'arn', label: (p) => p.name }),
];

/**
 * Edges drift compares, with their report headings. `sg-ingress` is left out: it mirrors the
 * inbound rules, which are compared on their security groups (outbound rules too).
 */
export const LINK_GROUPS: Partial<Record<EdgeKind, string>> = {
  'dns-alias': 'Links: DNS → load balancer',
  'lb-listener': 'Links: load balancer → listener',
  'listener-rule': 'Links: listener → rule',
  'rule-target': 'Links: rule → target group',
  'target-service': 'Links: target group → ECS service',
  'service-db': 'Links: ECS → RDS',
  'service-bucket': 'Links: ECS → S3',
  'service-queue': 'Links: ECS → SQS',
  'service-endpoint': 'Links: ECS → VPC endpoints',
  'service-role': 'Links: ECS → IAM roles',
};

export const ACCOUNT_GROUP = 'Account';

/** Every heading in report order. */
export const GROUP_ORDER: string[] = [ACCOUNT_GROUP, ...new Set(RESOURCE_KINDS.map((k) => k.group)), ...Object.values(LINK_GROUPS)];
