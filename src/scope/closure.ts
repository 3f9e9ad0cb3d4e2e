import {
  dnsRecordId,
  idOf,
  indexEdges,
  KIND_LIST,
  nodeKey,
  pushTo,
  serviceTrafficGroups,
  stripTrailingDot,
  type Edge,
  type EdgeIndex,
  type EdgeKind,
  type Inventory,
  type NodeRef,
} from '../model/index.js';
import type { ScopeStub } from '../model/scope.js';
import { itemKey } from './select.js';

/**
 * The application around what the selectors matched, the same for every source (docs/scoping.md):
 *
 * 1. downstream: from each matched resource, every edge in its direction (what it uses), on and on,
 *    except security-group rules (groups come by attachment, step 4);
 * 2. upstream: from each matched resource, the request path backwards (target group, listener
 *    rule, listener, load balancer, DNS record: what sends it requests); a DNS record only when its
 *    name can reach the application through the rules taken (their host-header conditions);
 * 3. a taken load balancer's listeners and rules that send traffic nowhere (redirects, fixed
 *    responses) serve every application on it alike: taken;
 * 4. attached: the security groups of every taken resource, a service's task definition, cluster,
 *    subnets and VPC, the endpoints of a taken service's VPC, a record's hosted zone, a role's
 *    managed policies, a database's cluster or members, the CIDRs and prefix lists a taken group admits.
 *
 * Every edge with one end taken and the other not becomes a stub on the taken end: counted, never
 * walked further.
 */

/** The edges of a request, walked backwards from the application to what sends it requests. */
export const REQUEST_PATH_EDGES: readonly EdgeKind[] = ['target-service', 'rule-target', 'listener-rule', 'lb-listener', 'dns-alias'];

/** Not walked: a group's rules are followed by attachment, so another application's group is never taken through them. */
const NOT_WALKED_DOWNSTREAM: readonly EdgeKind[] = ['sg-ingress'];

export interface Closure {
  /** Keys (`kind\0id`) of every taken resource and edge end. */
  taken: Set<string>;
  edges: Edge[];
  stubs: ScopeStub[];
}

export function scopeClosure(inventory: Inventory, edges: readonly Edge[], matched: ReadonlySet<string>): Closure {
  const edgeIndex = indexEdges(edges);
  const taken = new Set(matched);
  const matchedNodes = [...matched].map(parseKey);
  walkDownstream(edgeIndex, matchedNodes, taken);
  walkUpstream(inventory, edgeIndex, matchedNodes, taken);
  takeSilentListeners(inventory, edgeIndex, taken);
  takeAttachments(inventory, edgeIndex, taken);
  const kept = edges.filter((edge) => taken.has(nodeKey(edge.from)) && taken.has(nodeKey(edge.to)));
  return { taken, edges: kept, stubs: stubsOf(edges, taken) };
}

function parseKey(key: string): NodeRef {
  const at = key.indexOf('\u0000');
  return { kind: key.slice(0, at), id: key.slice(at + 1) } as NodeRef;
}

function walkDownstream(edgeIndex: EdgeIndex, start: NodeRef[], taken: Set<string>): void {
  const queue = [...start];
  const seen = new Set(start.map(nodeKey));
  while (queue.length > 0) {
    const node = queue.pop()!;
    for (const edge of edgeIndex.from(node)) {
      if (NOT_WALKED_DOWNSTREAM.includes(edge.kind)) continue;
      const key = nodeKey(edge.to);
      taken.add(key);
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(edge.to);
      }
    }
  }
}

function walkUpstream(inventory: Inventory, edgeIndex: EdgeIndex, start: NodeRef[], taken: Set<string>): void {
  const hosts = hostMatchers(inventory);
  const queue = [...start];
  const seen = new Set(start.map(nodeKey));
  const reachedRules = new Set<string>();
  // Records are decided once every rule is known: a record needs a taken rule of its load balancer that accepts its name.
  const candidateRecords: Edge[] = [];
  while (queue.length > 0) {
    const node = queue.pop()!;
    for (const edge of edgeIndex.to(node)) {
      if (!REQUEST_PATH_EDGES.includes(edge.kind)) continue;
      if (edge.kind === 'dns-alias') {
        candidateRecords.push(edge);
        continue;
      }
      const key = nodeKey(edge.from);
      if (edge.from.kind === 'listener-rule') reachedRules.add(edge.from.id);
      taken.add(key);
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(edge.from);
      }
    }
  }
  for (const edge of candidateRecords) {
    const accepts = hosts.rulesOf(edge.to.id).filter((rule) => reachedRules.has(rule.arn));
    const name = hosts.recordName(edge.from.id);
    if (accepts.some((rule) => rule.accepts(name))) taken.add(nodeKey(edge.from));
  }
}

interface RuleHosts {
  arn: string;
  accepts(host: string | undefined): boolean;
}

/** Per load balancer, its rules and the host names each accepts (every name when it has no host-header condition). */
function hostMatchers(inventory: Inventory): { rulesOf(lbArn: string): RuleHosts[]; recordName(id: string): string | undefined } {
  const lbOfListener = new Map(inventory.listeners.map((listener) => [listener.arn, listener.loadBalancerArn]));
  const rules = new Map<string, RuleHosts[]>();
  for (const rule of inventory.listenerRules) {
    const lb = lbOfListener.get(rule.listenerArn);
    if (lb === undefined) continue;
    const patterns = rule.conditions.filter((condition) => condition.field === 'host-header').map((condition) => condition.values.map(hostPattern));
    const accepts = (host: string | undefined): boolean =>
      patterns.length === 0 || (host !== undefined && patterns.every((alternatives) => alternatives.some((pattern) => pattern.test(host))));
    pushTo(rules, lb, { arn: rule.arn, accepts });
  }
  const names = new Map<string, string>();
  for (const record of inventory.dnsRecords) names.set(dnsRecordId(record), stripTrailingDot(record.name).toLowerCase());
  return { rulesOf: (lbArn) => rules.get(lbArn) ?? [], recordName: (id) => names.get(id) };
}

/** An ALB host condition: case-insensitive, `*` any run of characters, `?` one. */
function hostPattern(value: string): RegExp {
  const body = stripTrailingDot(value)
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Listeners and rules of a taken load balancer that forward to no target group. */
function takeSilentListeners(inventory: Inventory, edgeIndex: EdgeIndex, taken: Set<string>): void {
  const forwards = (ruleArn: string) => edgeIndex.from({ kind: 'listener-rule', id: ruleArn }, 'rule-target').length > 0;
  for (const listener of inventory.listeners) {
    if (!taken.has(itemKey('load-balancer', listener.loadBalancerArn))) continue;
    const rules = inventory.listenerRules.filter((rule) => rule.listenerArn === listener.arn);
    const listenerKey = itemKey('listener', listener.arn);
    if (!taken.has(listenerKey) && rules.every((rule) => !forwards(rule.arn))) taken.add(listenerKey);
    if (!taken.has(listenerKey)) continue;
    for (const rule of rules) if (!forwards(rule.arn)) taken.add(itemKey('listener-rule', rule.arn));
  }
}

function takeAttachments(inventory: Inventory, edgeIndex: EdgeIndex, taken: Set<string>): void {
  const has = (kind: string, id: string) => taken.has(itemKey(kind, id));
  const add = (kind: string, ids: readonly (string | undefined)[]) => {
    for (const id of ids) if (id !== undefined) taken.add(itemKey(kind, id));
  };
  const subnetVpc = new Map(inventory.subnets.map((subnet) => [subnet.id, subnet.vpcId]));
  const serviceVpcs = new Set<string>();
  for (const service of inventory.services) {
    if (!has('ecs-service', service.arn)) continue;
    add('security-group', serviceTrafficGroups(service));
    add('task-definition', [service.taskDefinitionArn]);
    add('ecs-cluster', [service.clusterArn]);
    add('subnet', service.subnetIds);
    for (const id of service.subnetIds) {
      const vpc = subnetVpc.get(id);
      if (vpc !== undefined) serviceVpcs.add(vpc);
    }
  }
  add('vpc', [...serviceVpcs]);
  for (const endpoint of inventory.vpcEndpoints) if (serviceVpcs.has(endpoint.vpcId)) add('vpc-endpoint', [endpoint.id]);
  for (const lb of inventory.loadBalancers) {
    if (has('load-balancer', lb.arn)) add('security-group', lb.securityGroupIds), add('subnet', lb.subnetIds), add('vpc', [lb.vpcId]);
  }
  for (const tg of inventory.targetGroups) if (has('target-group', tg.arn)) add('vpc', [tg.vpcId]);
  for (const endpoint of inventory.vpcEndpoints) {
    if (has('vpc-endpoint', endpoint.id)) add('security-group', endpoint.securityGroupIds), add('subnet', endpoint.subnetIds), add('vpc', [endpoint.vpcId]);
  }
  const clusterIds = new Set(inventory.dbClusters.filter((cluster) => has('db-cluster', cluster.arn)).map((cluster) => cluster.identifier));
  for (const db of inventory.dbInstances) {
    if (db.clusterIdentifier !== undefined && clusterIds.has(db.clusterIdentifier)) add('db-instance', [db.arn]);
    if (!has('db-instance', db.arn)) continue;
    add('security-group', db.securityGroupIds), add('subnet', db.subnetIds), add('vpc', [db.vpcId]);
    if (db.clusterIdentifier !== undefined) {
      add('db-cluster', inventory.dbClusters.filter((cluster) => cluster.identifier === db.clusterIdentifier).map((cluster) => cluster.arn));
    }
  }
  for (const cluster of inventory.dbClusters) if (has('db-cluster', cluster.arn)) add('security-group', cluster.securityGroupIds);
  for (const record of inventory.dnsRecords) if (has('dns-record', dnsRecordId(record))) add('hosted-zone', [record.zoneId]);
  for (const role of inventory.roles) if (has('iam-role', role.arn)) add('managed-policy', role.attachedPolicies.map((policy) => policy.arn));
  for (const subnet of inventory.subnets) if (has('subnet', subnet.id)) add('vpc', [subnet.vpcId]);
  // The CIDRs and prefix lists a taken group admits are the rule's own words, not another application.
  for (const group of inventory.securityGroups) {
    if (!has('security-group', group.id)) continue;
    for (const edge of edgeIndex.to({ kind: 'security-group', id: group.id }, 'sg-ingress')) {
      if (edge.from.kind === 'cidr' || edge.from.kind === 'prefix-list') taken.add(nodeKey(edge.from));
    }
  }
}

/** One stub per taken node, edge kind, direction and kind of outside node, counting distinct outside nodes. */
function stubsOf(edges: readonly Edge[], taken: ReadonlySet<string>): ScopeStub[] {
  const groups = new Map<string, { stub: Omit<ScopeStub, 'count'>; outside: Set<string> }>();
  const add = (inside: NodeRef, outside: NodeRef, edge: Edge, direction: 'in' | 'out') => {
    const key = [nodeKey(inside), edge.kind, direction, outside.kind].join('\u0001');
    const group = groups.get(key) ?? { stub: { node: inside, edgeKind: edge.kind, direction, outsideKind: outside.kind }, outside: new Set<string>() };
    group.outside.add(outside.id);
    groups.set(key, group);
  };
  for (const edge of edges) {
    const fromTaken = taken.has(nodeKey(edge.from));
    const toTaken = taken.has(nodeKey(edge.to));
    if (fromTaken && !toTaken) add(edge.from, edge.to, edge, 'out');
    if (toTaken && !fromTaken) add(edge.to, edge.from, edge, 'in');
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({ ...group.stub, count: group.outside.size }));
}

/** The inventory with only the taken resources; account, regions, coverage and source notices kept. */
export function scopedInventory(inventory: Inventory, taken: ReadonlySet<string>): Inventory {
  const scoped: Record<string, unknown> = { ...inventory };
  for (const descriptor of KIND_LIST) {
    scoped[descriptor.collection] = (inventory[descriptor.collection] as object[]).filter((item) => taken.has(itemKey(descriptor.kind, idOf(descriptor, item as never))));
  }
  return scoped as unknown as Inventory;
}
