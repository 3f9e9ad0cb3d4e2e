import type {
  Bucket,
  DbCluster,
  DbInstance,
  EcsCluster,
  EcsService,
  IamRole,
  Inventory,
  Listener,
  ListenerRule,
  LoadBalancer,
  ManagedPolicy,
  Queue,
  SecurityGroup,
  Subnet,
  TargetGroup,
  TaskDefinition,
  VpcEndpoint,
} from './inventory.js';
import type { Edge, EdgeKind, NodeKind, NodeRef } from './topology.js';

export * from './inventory.js';
export * from './topology.js';

/** Lookup tables over an inventory. Build once per stage; the inventory is not mutated. */
export interface InventoryIndex {
  loadBalancers: Map<string, LoadBalancer>;
  listeners: Map<string, Listener>;
  listenerRules: Map<string, ListenerRule>;
  targetGroups: Map<string, TargetGroup>;
  clusters: Map<string, EcsCluster>;
  services: Map<string, EcsService>;
  taskDefinitions: Map<string, TaskDefinition>;
  subnets: Map<string, Subnet>;
  securityGroups: Map<string, SecurityGroup>;
  vpcEndpoints: Map<string, VpcEndpoint>;
  dbInstances: Map<string, DbInstance>;
  dbClusters: Map<string, DbCluster>;
  roles: Map<string, IamRole>;
  managedPolicies: Map<string, ManagedPolicy>;
  buckets: Map<string, Bucket>;
  queues: Map<string, Queue>;
}

function byKey<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

export function indexInventory(inventory: Inventory): InventoryIndex {
  return {
    loadBalancers: byKey(inventory.loadBalancers, (x) => x.arn),
    listeners: byKey(inventory.listeners, (x) => x.arn),
    listenerRules: byKey(inventory.listenerRules, (x) => x.arn),
    targetGroups: byKey(inventory.targetGroups, (x) => x.arn),
    clusters: byKey(inventory.clusters, (x) => x.arn),
    services: byKey(inventory.services, (x) => x.arn),
    taskDefinitions: byKey(inventory.taskDefinitions, (x) => x.arn),
    subnets: byKey(inventory.subnets, (x) => x.id),
    securityGroups: byKey(inventory.securityGroups, (x) => x.id),
    vpcEndpoints: byKey(inventory.vpcEndpoints, (x) => x.id),
    dbInstances: byKey(inventory.dbInstances, (x) => x.arn),
    dbClusters: byKey(inventory.dbClusters, (x) => x.arn),
    roles: byKey(inventory.roles, (x) => x.arn),
    managedPolicies: byKey(inventory.managedPolicies, (x) => x.arn),
    buckets: byKey(inventory.buckets, (x) => x.arn),
    queues: byKey(inventory.queues, (x) => x.arn),
  };
}

export function dnsRecordId(record: { zoneId: string; name: string; type: string; setIdentifier?: string }): string {
  return [record.zoneId, record.name, record.type, record.setIdentifier ?? ''].join('|');
}

export function sameNode(a: NodeRef, b: NodeRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** One string per node, for maps keyed by node (kinds never contain the separator). */
export function nodeKey(node: NodeRef): string {
  return `${node.kind}\u0000${node.id}`;
}

/**
 * The edges leaving and arriving at each node, looked up in constant time. A stage that asks for
 * many nodes' edges builds this once instead of scanning every edge per node (`edgesFrom` /
 * `edgesTo`); the lists keep the edges' order, so answers equal the scans' answers.
 */
export interface EdgeIndex {
  from(node: NodeRef, kind?: EdgeKind): Edge[];
  to(node: NodeRef, kind?: EdgeKind): Edge[];
}

const NO_EDGES: readonly Edge[] = Object.freeze([]);

export function indexEdges(edges: readonly Edge[]): EdgeIndex {
  const bySource = new Map<string, Edge[]>();
  const byTarget = new Map<string, Edge[]>();
  const add = (map: Map<string, Edge[]>, key: string, edge: Edge): void => {
    const list = map.get(key);
    if (list) list.push(edge);
    else map.set(key, [edge]);
  };
  for (const edge of edges) {
    const from = nodeKey(edge.from);
    const to = nodeKey(edge.to);
    add(bySource, from, edge);
    add(bySource, `${edge.kind}\u0000${from}`, edge);
    add(byTarget, to, edge);
    add(byTarget, `${edge.kind}\u0000${to}`, edge);
  }
  const lookup = (map: Map<string, Edge[]>, node: NodeRef, kind: EdgeKind | undefined): Edge[] =>
    [...(map.get(kind === undefined ? nodeKey(node) : `${kind}\u0000${nodeKey(node)}`) ?? NO_EDGES)];
  return {
    from: (node, kind) => lookup(bySource, node, kind),
    to: (node, kind) => lookup(byTarget, node, kind),
  };
}

export function edgesFrom(edges: Edge[], node: NodeRef, kind?: EdgeKind): Edge[] {
  return edges.filter((e) => sameNode(e.from, node) && (kind === undefined || e.kind === kind));
}

export function edgesTo(edges: Edge[], node: NodeRef, kind?: EdgeKind): Edge[] {
  return edges.filter((e) => sameNode(e.to, node) && (kind === undefined || e.kind === kind));
}

export function ref(kind: NodeKind, id: string): NodeRef {
  return { kind, id };
}

/** The last path segment of an ARN resource (`arn:aws:iam::1:role/app/web` → `web`). */
export function arnResourceName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts[parts.length - 1] ?? resource;
}

/** Splits an ARN into its six parts; undefined when the string is not an ARN. */
export function parseArn(
  arn: string,
): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1] ?? '',
    service: parts[2] ?? '',
    region: parts[3] ?? '',
    account: parts[4] ?? '',
    resource: parts.slice(5).join(':'),
  };
}
