import {
  KINDS,
  arnResourceName,
  idOf,
  indexEdges,
  indexInventory,
  pushTo,
  type CollectionKey,
  type Edge,
  type Inventory,
  type ItemOf,
  type NodeKind,
  type NodeRef,
  type Topology,
} from '../model/index.js';
import { REDACTED_KINDS } from './registry.js';

/**
 * Names a reader understands: each resource named by its place in the topology (`public-alb`, the
 * `web` service behind it, the `worker` that consumes `jobs-queue`, `app-db`, `uploads-bucket`,
 * `web-task-role`, `web-table`), never by anything in its real name. Several of one role are numbered
 * (`web-1`, `web-2`) in the order of their keyed digests, so the numbers are stable from run to
 * run and say nothing about the real names either.
 *
 * The result maps `namespace \0 real value` (the namespaces `PublicNames` asks pseudonyms in) to
 * the role name; anything left out keeps its keyed pseudonym.
 */
export type RoleNames = Map<string, string>;

/** Orders values of one role: a keyed digest, so that numbering depends on no real name. */
export type Ordering = (namespace: string, real: string) => string;

interface Candidate {
  namespace: string;
  real: string;
  base: string;
}

export function roleKey(namespace: string, real: string): string {
  return `${namespace}\u0000${real}`;
}

export function roleNames(topology: Pick<Topology, 'inventory' | 'edges'>, order: Ordering, taken: ReadonlySet<string>): RoleNames {
  const { inventory, edges } = topology;
  // Looked up by node, never by reading every edge for each resource (38,400 edges at 1,000 services).
  const edgeIndex = indexEdges(edges);
  const from = (kind: Edge['kind'], node: NodeRef) => edgeIndex.from(node, kind);
  const to = (kind: Edge['kind'], node: NodeRef) => edgeIndex.to(node, kind);
  const servicesByArn = firstByKey(inventory.services, (service) => service.arn);
  const candidates: Candidate[] = [];
  const add = (namespace: string, real: string, base: string) => candidates.push({ namespace, real, base });

  // Load balancers: by scheme and type.
  const lbBase = new Map<string, string>();
  for (const lb of inventory.loadBalancers) {
    const type = lb.type === 'network' ? 'nlb' : lb.type === 'gateway' ? 'gwlb' : 'alb';
    const base = `${lb.scheme === 'internet-facing' ? 'public' : 'internal'}-${type}`;
    lbBase.set(lb.arn, base);
    add(KINDS.loadBalancers.redaction.name.namespace, lb.name, base);
  }

  // Services: behind a load balancer → web; consuming a queue → worker; else service.
  const serviceBase = new Map<string, string>();
  for (const service of inventory.services) {
    const node: NodeRef = { kind: 'ecs-service', id: service.arn };
    const behindLb = to('target-service', node).length > 0 || service.loadBalancers.length > 0;
    const consumes = from('service-queue', node).some((edge) => edge.attributes.direction === 'consumer' || edge.attributes.direction === 'producer-consumer');
    const base = behindLb ? 'web' : consumes ? 'worker' : 'service';
    serviceBase.set(service.arn, base);
    add('ecs-service', `${arnResourceName(service.clusterArn)}/${service.name}`, base);
  }
  const numbered = number(candidates, order, taken);
  const serviceName = (arn: string) => numbered.get(roleKey('ecs-service', serviceKey(servicesByArn.get(arn)))) ?? 'service';
  const loadBalancersByArn = firstByKey(inventory.loadBalancers, (lb) => lb.arn);
  const lbName = (arn: string) => numbered.get(roleKey('load-balancer', loadBalancersByArn.get(arn)?.name ?? '')) ?? 'lb';

  // Everything else is named after what it serves.
  const second: Candidate[] = [];
  const add2 = (namespace: string, real: string, base: string) => second.push({ namespace, real, base });
  for (const tg of inventory.targetGroups) {
    const services = from('target-service', { kind: 'target-group', id: tg.arn }).map((edge) => serviceName(edge.to.id));
    add2(KINDS.targetGroups.redaction.name.namespace, tg.name, services.length === 1 ? `${services[0]}-tg` : 'target-group');
  }
  const familyOwner = new Map<string, string>();
  const taskDefinitionsByArn = firstByKey(inventory.taskDefinitions, (definition) => definition.arn);
  for (const service of inventory.services) {
    const family = taskDefinitionsByArn.get(service.taskDefinitionArn)?.family;
    if (family !== undefined && !familyOwner.has(family)) familyOwner.set(family, serviceName(service.arn));
  }
  for (const definition of inventory.taskDefinitions) {
    const owner = familyOwner.get(definition.family);
    add2(KINDS.taskDefinitions.redaction.name.namespace, definition.family, owner === undefined ? 'task' : `${owner}-task`);
    for (const container of definition.containers) add2('container', container.name, owner === undefined ? 'container' : `${owner}-container`);
  }
  const roleOwners = new Map<string, { slot: string; services: string[] }>();
  for (const edge of edges.filter((e) => e.kind === 'service-role')) {
    const name = arnResourceName(edge.to.id);
    const entry = roleOwners.get(name) ?? { slot: edge.attributes.roleSlot ?? 'role', services: [] };
    if (entry.slot !== edge.attributes.roleSlot) entry.slot = 'role';
    entry.services.push(serviceName(edge.from.id));
    roleOwners.set(name, entry);
  }
  for (const role of inventory.roles) {
    const owner = roleOwners.get(role.name);
    const slot = owner?.slot === 'task' ? 'task-role' : owner?.slot === 'execution' ? 'execution-role' : 'role';
    const services = [...new Set(owner?.services ?? [])];
    add2('iam-role', role.name, services.length === 1 ? `${services[0]}-${slot}` : services.length > 1 ? `shared-${slot}` : slot);
  }
  const dlqs = new Set(inventory.queues.flatMap((queue) => (queue.redrive ? [queue.redrive.deadLetterTargetArn] : [])));
  for (const queue of inventory.queues) {
    const base = dlqs.has(queue.arn) ? 'jobs-dlq' : to('service-queue', { kind: 'queue', id: queue.arn }).length > 0 ? 'jobs-queue' : 'queue';
    const { namespace, suffix } = KINDS.queues.redaction.name;
    add2(namespace, suffix !== undefined && queue.name.endsWith(suffix) ? queue.name.slice(0, -suffix.length) : queue.name, base);
  }
  for (const bucket of inventory.buckets) {
    add2(KINDS.buckets.redaction.name.namespace, bucket.name, to('service-bucket', { kind: 'bucket', id: bucket.arn }).length > 0 ? 'uploads-bucket' : 'bucket');
  }
  // The registry's kinds (`redaction.role` in model/kinds.ts): `web-table`, `shared-table`, `table`.
  const index = REDACTED_KINDS.length === 0 ? undefined : indexInventory(inventory);
  for (const { descriptor, redaction } of REDACTED_KINDS) {
    for (const item of inventory[descriptor.collection] as ItemOf<CollectionKey>[]) {
      const node: NodeRef = { kind: descriptor.kind as NodeKind, id: idOf(descriptor, item) };
      const users = [...new Set(to(redaction.role.usedBy, node).map((edge) => serviceName(edge.from.id)))];
      const { base } = redaction.role;
      add2(redaction.name.namespace, descriptor.name(item, index!), users.length === 1 ? `${users[0]}-${base}` : users.length > 1 ? `shared-${base}` : base);
    }
  }
  const memberOf = new Set(inventory.dbInstances.flatMap((db) => (db.clusterIdentifier === undefined ? [] : [db.identifier])));
  for (const cluster of inventory.dbClusters) add2(KINDS.dbClusters.redaction.name.namespace, cluster.identifier, 'app-db');
  for (const db of inventory.dbInstances) add2(KINDS.dbInstances.redaction.name.namespace, db.identifier, memberOf.has(db.identifier) ? 'app-db-instance' : 'app-db');
  for (const cluster of inventory.clusters) add2(KINDS.clusters.redaction.name.namespace, cluster.name, 'cluster');
  // Each group's owner: the first load balancer, else service, else database instance, else cluster
  // that has it, each found once per resource rather than by reading every resource for each group.
  const owners = [inventory.loadBalancers, inventory.services, inventory.dbInstances, inventory.dbClusters].map((resources) =>
    firstOwners<{ arn: string; securityGroupIds: string[] }>(resources, (resource) => resource.securityGroupIds),
  );
  const endpointGroups = new Set(inventory.vpcEndpoints.flatMap((endpoint) => endpoint.securityGroupIds));
  for (const group of inventory.securityGroups) {
    if (group.name === 'default') continue;
    const owner = owners.map((byGroup) => byGroup.get(group.id)).find((resource) => resource !== undefined)?.arn;
    const ownerName =
      owner === undefined ? undefined : lbBase.has(owner) ? lbName(owner) : serviceBase.has(owner) ? serviceName(owner) : 'app-db';
    const endpoint = endpointGroups.has(group.id);
    add2('security-group', group.name, ownerName !== undefined ? `${ownerName}-sg` : endpoint ? 'endpoint-sg' : 'security-group');
  }
  const all = number(second, order, new Set([...taken, ...numbered.values()]));
  return new Map([...numbered, ...all]);
}

function serviceKey(service: Inventory['services'][number] | undefined): string {
  return service === undefined ? '' : `${arnResourceName(service.clusterArn)}/${service.name}`;
}

/** Items by key, the first of any that share one (what `find` over the list returns). */
function firstByKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return byKey;
}

/** For each security group, the first of `resources` that has it. */
function firstOwners<T>(resources: readonly T[], groupsOf: (resource: T) => readonly string[]): Map<string, T> {
  const byGroup = new Map<string, T>();
  for (const resource of resources) for (const groupId of groupsOf(resource)) if (!byGroup.has(groupId)) byGroup.set(groupId, resource);
  return byGroup;
}

/**
 * One name per distinct value: the base alone when one value has it, else `base-1`, `base-2`…
 * in keyed-digest order. The same value asked for twice in one namespace counts once.
 */
function number(candidates: Candidate[], order: Ordering, taken: ReadonlySet<string>): RoleNames {
  const byBase = new Map<string, Candidate[]>();
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = roleKey(candidate.namespace, candidate.real);
    if (seen.has(key)) continue;
    seen.add(key);
    pushTo(byBase, candidate.base, candidate);
  }
  const names: RoleNames = new Map();
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  for (const [base, group] of byBase) {
    // Each value's keyed digest once, not once per comparison of the sort.
    const rank = new Map(group.map((candidate) => [candidate, order(candidate.namespace, candidate.real)]));
    group.sort((a, b) => compare(rank.get(a)!, rank.get(b)!));
    let n = 0;
    for (const candidate of group) {
      let name = group.length === 1 ? base : `${base}-${++n}`;
      while (used.has(name.toLowerCase())) name = `${base}-${++n}`;
      used.add(name.toLowerCase());
      names.set(roleKey(candidate.namespace, candidate.real), name);
    }
  }
  return names;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
