import { idOf, PAGE_KINDS, type CollectionKey, type Edge, type EcsService, type ItemOf, type NodeKind, type NodeRef, type SubnetTier, type Topology } from '../model/index.js';
import {
  displayName,
  endpointServiceShortName,
  isInternetCidr,
  loadBalancerShortType,
  resourcesWithSecurityGroup,
  subnetTier,
  unique,
  type ResourceLookup,
} from './diagram/resources.js';
import type { ComponentKey, HandWrittenComponentKey } from './story.js';
import { FULL_PAGE, statementsOf, type PageLimits } from './page-summary.js';
import { code, count, listPhrase, phrase, type Phrase } from './story-text.js';
import { portSpec } from './views.js';

/** Generated facts for the security model and component sections of the page. */
export interface SecuritySection {
  title: string;
  items: Phrase[];
}

export interface ComponentCard {
  key?: ComponentKey;
  eyebrow: string;
  title: string;
  description: Phrase;
}

const ATTACHMENT_ORDER: NodeKind[] = ['load-balancer', 'ecs-service', 'vpc-endpoint', 'db-cluster', 'db-instance'];

/** Named sources as code; the internet CIDRs (0.0.0.0/0, ::/0) folded into one "the internet". */
function sourcesPhrase(lookup: ResourceLookup, sources: NodeRef[], names: number): Phrase {
  const internet = sources.filter((s) => s.kind === 'cidr' && isInternetCidr(s.id)).map((s) => s.id);
  const named: (string | Phrase)[] = sources.filter((s) => !(s.kind === 'cidr' && isInternetCidr(s.id))).map((s) => displayName(lookup, s));
  if (internet.length > 0) named.unshift([`the internet (${internet.join(', ')})`]);
  return listPhrase(named, 'and', names);
}

/** The first kind in ATTACHMENT_ORDER among what the group is attached to (-1 for a kind not in it), past the end when nothing. */
function attachmentRank(lookup: ResourceLookup, group: NodeRef): number {
  let rank = ATTACHMENT_ORDER.length;
  for (const resource of lookup.attachments.get(group.id) ?? []) rank = Math.min(rank, ATTACHMENT_ORDER.indexOf(resource.kind));
  return rank;
}

/** "shop-db-sg on shop-db admits tcp 5432 from shop-web-sg, shop-worker-sg and 10.20.0.0/16." */
function networkBoundaries(topology: Topology, lookup: ResourceLookup, limits: PageLimits): Phrase[] {
  type Group = { target: NodeRef; port: string; sources: NodeRef[] };
  // By target, then port: no key string made per edge (50,000 rules at 1,000 services). The
  // groups list keeps the order in which each (target, port) was first seen.
  const groups: Group[] = [];
  const byTarget = new Map<string, Map<string, Group>>();
  for (const edge of topology.edges) {
    if (edge.kind !== 'sg-ingress') continue;
    const port = portSpec(edge.attributes.protocol, edge.attributes.fromPort, edge.attributes.toPort);
    let byPort = byTarget.get(edge.to.id);
    if (byPort === undefined) byTarget.set(edge.to.id, (byPort = new Map()));
    const group = byPort.get(port);
    if (group === undefined) {
      const created = { target: edge.to, port, sources: [edge.from] };
      byPort.set(port, created);
      groups.push(created);
    } else if (!group.sources.some((s) => s.kind === edge.from.kind && s.id === edge.from.id)) group.sources.push(edge.from);
  }
  // Groups by the rank of what they are attached to, in first-seen order within a rank: what a
  // stable sort by rank gives, without sorting (25,000 groups at 1,000 services).
  const byRank: Group[][] = Array.from({ length: ATTACHMENT_ORDER.length + 2 }, () => []);
  for (const group of groups) byRank[attachmentRank(lookup, group.target) + 1]!.push(group);
  return statementsOf(byRank.flat(), limits.statements, ({ target, port, sources }) => {
    const attached = unique(resourcesWithSecurityGroup(lookup, target.id).map((r) => displayName(lookup, r)));
    const on = attached.length > 0 ? phrase` (on ${listPhrase(attached, 'and', limits.names)})` : phrase` (attached to nothing collected)`;
    return phrase`${code(displayName(lookup, target))}${on} admits ${port} from ${sourcesPhrase(lookup, sources, limits.names)}.`;
  });
}

function privateAccess(topology: Topology, lookup: ResourceLookup, limits: PageLimits): Phrase[] {
  const endpoints = topology.inventory.vpcEndpoints;
  if (endpoints.length === 0) {
    const natted = topology.inventory.subnets.some((s) => s.defaultRoute?.targetKind === 'nat-gateway');
    return [[`No VPC endpoints: AWS API calls from private subnets ${natted ? 'leave through the NAT gateway' : 'need a route out'}.`]];
  }
  return statementsOf(endpoints, limits.statements, (endpoint) => {
    const users = unique(lookup.edges.to({ kind: 'vpc-endpoint', id: endpoint.id }, 'service-endpoint').map((e) => displayName(lookup, e.from)));
    const how = endpoint.type === 'Gateway' ? 'through the route tables' : `on HTTPS 443${endpoint.privateDnsEnabled ? ' with private DNS' : ''}`;
    const usedBy = users.length > 0 ? phrase`used by ${listPhrase(users, 'and', limits.names)} ${how}` : phrase`no collected service can reach it`;
    return phrase`${code(endpointServiceShortName(endpoint.serviceName))} ${endpoint.type.toLowerCase()} endpoint: ${usedBy}.`;
  });
}

function roleOf(lookup: ResourceLookup, service: NodeRef, slot: 'task' | 'execution'): NodeRef | undefined {
  return lookup.edges.from(service, 'service-role').find((e) => e.attributes.roleSlot === slot)?.to;
}

function iamSeparation(topology: Topology, lookup: ResourceLookup, limits: PageLimits): Phrase[] {
  const services = topology.inventory.services;
  const items = statementsOf(services, limits.statements, (service) => {
    const node: NodeRef = { kind: 'ecs-service', id: service.arn };
    const task = roleOf(lookup, node, 'task');
    const execution = roleOf(lookup, node, 'execution');
    const taskPart = task ? phrase`task role ${code(displayName(lookup, task))}` : phrase`no task role`;
    const executionPart = execution ? phrase`execution role ${code(displayName(lookup, execution))}` : phrase`no execution role`;
    const same = task && execution && task.id === execution.id ? phrase` (one role for both: the application can do what ECS can)` : [];
    return phrase`${code(service.name)} runs with ${taskPart} and ${executionPart}${same}.`;
  });
  const executionUsers = new Map<string, string[]>();
  for (const service of services) {
    const execution = roleOf(lookup, { kind: 'ecs-service', id: service.arn }, 'execution');
    if (execution) {
      const users = executionUsers.get(execution.id);
      if (users) users.push(service.name);
      else executionUsers.set(execution.id, [service.name]);
    }
  }
  const shared = [...executionUsers].filter(([, users]) => users.length > 1);
  items.push(
    ...statementsOf(shared, limits.statements, ([roleArn, users]) =>
      phrase`${code(displayName(lookup, { kind: 'iam-role', id: roleArn }))} is the shared execution role of ${listPhrase(users, 'and', limits.names)}: it starts tasks and pulls images, while runtime permissions stay in each task role.`,
    ),
  );
  const usedRoles = unique(topology.edges.filter((e) => e.kind === 'service-role').map((e) => e.to.id));
  const principals = unique(
    usedRoles.flatMap((arn) => lookup.index.roles.get(arn)?.trustPrincipals.map((p) => `${p.type}: ${p.value}`) ?? []),
  );
  if (principals.length > 0) items.push(phrase`The ${count(usedRoles.length, 'service role')} trust ${listPhrase(principals, 'and', limits.names)}.`);
  return items;
}

const TIER_ORDER: SubnetTier[] = ['public', 'private', 'isolated'];

function placement(topology: Topology, lookup: ResourceLookup, limits: PageLimits): Phrase[] {
  const { inventory } = topology;
  const byTier = new Map<SubnetTier, string[]>();
  const place = (name: string, subnetIds: string[]): void => {
    const tier = subnetTier(lookup, subnetIds);
    if (tier === undefined) return;
    const names = byTier.get(tier);
    if (names) names.push(name);
    else byTier.set(tier, [name]);
  };
  inventory.loadBalancers.forEach((lb) => place(lb.name, lb.subnetIds));
  inventory.services.forEach((s) => place(s.name, s.subnetIds));
  inventory.dbInstances.forEach((db) => place(db.identifier, db.subnetIds));
  const items = TIER_ORDER.filter((tier) => byTier.has(tier)).map((tier) => phrase`${tier[0]!.toUpperCase()}${tier.slice(1)} subnets hold ${listPhrase(byTier.get(tier) ?? [], 'and', limits.names)}.`);
  const publicIps = inventory.services.filter((s) => s.assignPublicIp).map((s) => s.name);
  if (inventory.services.length > 0) {
    items.push(publicIps.length > 0 ? phrase`${listPhrase(publicIps, 'and', limits.names)} ${publicIps.length > 1 ? 'get' : 'gets'} public IP addresses.` : ['No ECS task gets a public IP address.']);
  }
  items.push(
    ...statementsOf(inventory.dbInstances, limits.statements, (db) => {
      const facts = [db.publiclyAccessible ? 'publicly accessible' : 'not publicly accessible', db.storageEncrypted ? 'storage encrypted' : 'storage not encrypted', db.multiAz ? 'Multi-AZ' : 'single-AZ'];
      return phrase`${code(db.identifier)} is ${facts.join(', ')}.`;
    }),
  );
  return items;
}

/** `limits`: what a summarised page keeps (page-summary.ts); by default everything. */
export function securitySections(topology: Topology, lookup: ResourceLookup, limits: PageLimits = FULL_PAGE): SecuritySection[] {
  return [
    { title: 'Network boundaries', items: networkBoundaries(topology, lookup, limits) },
    { title: 'Subnet placement', items: placement(topology, lookup, limits) },
    { title: 'Private AWS access', items: privateAccess(topology, lookup, limits) },
    { title: 'IAM task and execution roles', items: iamSeparation(topology, lookup, limits) },
  ].filter((section) => section.items.length > 0);
}

// ---------------------------------------------------------------- components

function usersOf(topology: Topology, lookup: ResourceLookup, node: NodeRef, kind: Edge['kind']): string[] {
  return unique(lookup.edges.to(node, kind).map((e) => displayName(lookup, e.from)));
}

function serviceDependencies(topology: Topology, lookup: ResourceLookup, service: NodeRef, names: number): Phrase {
  const uses = unique(
    lookup.edges.from(service)
      .filter((e) => e.kind === 'service-db' || (e.kind === 'service-bucket' && e.to.kind === 'bucket'))
      .map((e) => displayName(lookup, e.to)),
  );
  const sends = unique(
    lookup.edges.from(service, 'service-queue')
      .filter((e) => e.attributes.direction === 'producer' || e.attributes.direction === 'producer-consumer')
      .map((e) => displayName(lookup, e.to)),
  );
  const parts: Phrase[] = [];
  if (uses.length > 0) parts.push(phrase`uses ${listPhrase(uses, 'and', names)}`);
  if (sends.length > 0) parts.push(phrase`sends work to ${listPhrase(sends, 'and', names)}`);
  return parts.length > 0 ? phrase`; it ${listPhrase(parts)}` : [];
}

function joinSentences(items: Phrase[]): Phrase {
  return items.flatMap((p, i) => (i === 0 ? p : [' ', ...p]));
}

function serviceCards(topology: Topology, lookup: ResourceLookup, limits: PageLimits): ComponentCard[] {
  type Role = { service: EcsService; node: NodeRef; targets: Edge[]; consumed: Edge[] };
  const web: Role[] = [];
  const workers: Role[] = [];
  const internal: Role[] = [];
  for (const service of topology.inventory.services) {
    const node: NodeRef = { kind: 'ecs-service', id: service.arn };
    const targets = lookup.edges.to(node, 'target-service');
    const consumed = lookup.edges.from(node, 'service-queue').filter((e) => e.attributes.direction === 'consumer' || e.attributes.direction === 'producer-consumer');
    (targets.length > 0 ? web : consumed.length > 0 ? workers : internal).push({ service, node, targets, consumed });
  }
  const names = limits.names;
  const webStatement = ({ service, node, targets }: Role): Phrase => {
    const tgs = unique(targets.map((t) => displayName(lookup, t.from)));
    const ports = unique(targets.map((t) => t.attributes.containerPort).filter((p) => p !== undefined).map(String));
    return phrase`${code(service.name)} takes requests from ${listPhrase(tgs, 'and', names)}${ports.length > 0 ? ` on port ${ports.join(', ')}` : ''}${serviceDependencies(topology, lookup, node, names)}.`;
  };
  const workerStatement = ({ service, node, consumed }: Role): Phrase =>
    phrase`${code(service.name)} has no load balancer; it consumes ${listPhrase(unique(consumed.map((e) => displayName(lookup, e.to))), 'and', names)}${serviceDependencies(topology, lookup, node, names)}.`;
  const internalStatement = ({ service, node }: Role): Phrase =>
    phrase`${code(service.name)} is not behind a load balancer and consumes no queue${serviceDependencies(topology, lookup, node, names)}.`;
  const card = (key: HandWrittenComponentKey, eyebrow: string, singular: string, plural: string, roles: Role[], statement: (role: Role) => Phrase): ComponentCard[] =>
    roles.length === 0 ? [] : [{ key, eyebrow, title: roles.length > 1 ? plural : singular, description: joinSentences(statementsOf(roles, limits.statements, statement)) }];
  return [
    ...card('web-services', 'Request handling', 'Web service', 'Web services', web, webStatement),
    ...card('worker-services', 'Background jobs', 'Worker service', 'Worker services', workers, workerStatement),
    ...card('internal-services', 'Internal', 'Internal service', 'Internal services', internal, internalStatement),
  ];
}

/**
 * The cards of the kinds the registry phrases (`page` in model/kinds.ts), in report order: one
 * sentence per item a collected service uses, `<name> <uses> <services> (<guards>).`
 */
function registryCards(topology: Topology, lookup: ResourceLookup, limits: PageLimits): ComponentCard[] {
  return PAGE_KINDS.flatMap(({ descriptor, page: { card } }) => {
    const nodeOf = (item: ItemOf<CollectionKey>): NodeRef => ({ kind: descriptor.kind as NodeKind, id: idOf(descriptor, item) });
    const items = topology.inventory[descriptor.collection] as ItemOf<CollectionKey>[];
    const used = items.filter((item) => lookup.edges.to(nodeOf(item), card.usedBy).length > 0);
    if (used.length === 0) return [];
    const statements = statementsOf(used, limits.statements, (item) => {
      const guards = card.guards(item).filter((guard): guard is string => guard !== undefined);
      const users = listPhrase(usersOf(topology, lookup, nodeOf(item), card.usedBy), 'and', limits.names);
      return phrase`${code(descriptor.name(item, lookup.index))} ${card.uses} ${users}${guards.length > 0 ? ` (${guards.join(', ')})` : ''}.`;
    });
    return [{ key: card.key, eyebrow: card.eyebrow, title: card.title, description: joinSentences(statements) }];
  });
}

/** `limits`: what a summarised page keeps (page-summary.ts); by default everything. */
export function componentCards(topology: Topology, lookup: ResourceLookup, limits: PageLimits = FULL_PAGE): ComponentCard[] {
  const { inventory } = topology;
  const names = limits.names;
  const cards: ComponentCard[] = [];
  if (inventory.loadBalancers.length > 0) {
    const items = statementsOf(inventory.loadBalancers, limits.statements, (lb) => {
      const node: NodeRef = { kind: 'load-balancer', id: lb.arn };
      const listeners = lookup.edges.from(node, 'lb-listener').map((e) => displayName(lookup, e.to));
      const targets = unique(
        lookup.edges.from(node, 'lb-listener')
          .flatMap((l) => lookup.edges.from(l.to, 'listener-rule'))
          .flatMap((r) => lookup.edges.from(r.to, 'rule-target'))
          .map((t) => displayName(lookup, t.to)),
      );
      const forwards = targets.length > 0 ? phrase` and forwards to ${listPhrase(targets, 'and', names)}` : phrase` and forwards to no target group`;
      return phrase`${code(lb.name)} is ${lb.scheme === 'internet-facing' ? 'the internet-facing entry' : 'an internal load balancer'}: it listens on ${listeners.join(', ') || 'no listener'}${forwards}.`;
    });
    const types = unique(inventory.loadBalancers.map(loadBalancerShortType));
    cards.push({ key: 'load-balancers', eyebrow: 'Edge', title: types.length === 1 && inventory.loadBalancers.length === 1 ? types[0]! : 'Load balancers', description: joinSentences(items) });
  }
  cards.push(...serviceCards(topology, lookup, limits));
  const databases = [
    ...inventory.dbClusters.map((c) => ({ node: { kind: 'db-cluster' as const, id: c.arn }, name: c.identifier, engine: c.engine })),
    ...inventory.dbInstances.filter((d) => d.clusterIdentifier === undefined).map((d) => ({ node: { kind: 'db-instance' as const, id: d.arn }, name: d.identifier, engine: d.engine })),
  ];
  if (databases.length > 0) {
    const items = statementsOf(databases, limits.statements, ({ node, name, engine }) => {
      const users = usersOf(topology, lookup, node, 'service-db');
      return phrase`${code(name)} (${engine}) ${users.length > 0 ? phrase`serves ${listPhrase(users, 'and', names)}` : phrase`is used by no collected service`}.`;
    });
    cards.push({ key: 'databases', eyebrow: 'System of record', title: databases.length > 1 ? 'Databases' : 'Database', description: joinSentences(items) });
  }
  const buckets = inventory.buckets.filter((b) => lookup.edges.to({ kind: 'bucket', id: b.arn }, 'service-bucket').length > 0);
  if (buckets.length > 0) {
    const items = statementsOf(buckets, limits.statements, (b) => {
      const guards = [b.publicAccessBlock ? 'public access blocked' : undefined, b.versioning === 'Enabled' ? 'versioned' : undefined, b.encryption ? `${b.encryption.algorithm} encryption` : undefined].filter(Boolean);
      return phrase`${code(b.name)} stores objects for ${listPhrase(usersOf(topology, lookup, { kind: 'bucket', id: b.arn }, 'service-bucket'), 'and', names)}${guards.length > 0 ? ` (${guards.join(', ')})` : ''}.`;
    });
    const others = inventory.buckets.length - buckets.length;
    if (others > 0) items.push([`${count(others, 'other bucket')} in the account ${others > 1 ? 'are' : 'is'} used by no collected service.`]);
    cards.push({ key: 'buckets', eyebrow: 'Object storage', title: 'S3', description: joinSentences(items) });
  }
  const queues = inventory.queues.filter((q) => lookup.edges.to({ kind: 'queue', id: q.arn }, 'service-queue').length > 0);
  if (queues.length > 0) {
    const items = statementsOf(queues, limits.statements, (q) => {
      const edges = lookup.edges.to({ kind: 'queue', id: q.arn }, 'service-queue');
      const producers = unique(edges.filter((e) => e.attributes.direction !== 'consumer').map((e) => displayName(lookup, e.from)));
      const consumers = unique(edges.filter((e) => e.attributes.direction === 'consumer' || e.attributes.direction === 'producer-consumer').map((e) => displayName(lookup, e.from)));
      const deadLetter = q.redrive ? lookup.index.queues.get(q.redrive.deadLetterTargetArn)?.name : undefined;
      return phrase`${code(q.name)} carries work from ${producers.length > 0 ? listPhrase(producers, 'and', names) : ['outside']} to ${consumers.length > 0 ? listPhrase(consumers, 'and', names) : ['no collected consumer']}${deadLetter ? phrase`; failed messages end in ${code(deadLetter)}` : ''}.`;
    });
    cards.push({ key: 'queues', eyebrow: 'Dispatch', title: 'SQS', description: joinSentences(items) });
  }
  cards.push(...registryCards(topology, lookup, limits));
  if (inventory.vpcEndpoints.length > 0) {
    const endpoints = inventory.vpcEndpoints.map((e) => phrase`${code(endpointServiceShortName(e.serviceName))} (${e.type.toLowerCase()})`);
    cards.push({
      key: 'vpc-endpoints',
      eyebrow: 'Private AWS access',
      title: 'VPC endpoints',
      description: phrase`${listPhrase(endpoints, 'and', names)} let tasks in private subnets call AWS without crossing the internet.`,
    });
  }
  const taskRoles = unique(topology.edges.filter((e) => e.kind === 'service-role' && e.attributes.roleSlot === 'task').map((e) => e.to.id));
  const executionRoles = unique(topology.edges.filter((e) => e.kind === 'service-role' && e.attributes.roleSlot === 'execution').map((e) => e.to.id));
  if (inventory.roles.length > 0) {
    cards.push({
      key: 'iam-roles',
      eyebrow: 'Permissions',
      title: 'IAM roles',
      description: [
        `${count(inventory.roles.length, 'role')}: ${count(taskRoles.length, 'task role')} that grant${taskRoles.length === 1 ? 's' : ''} the application code its runtime permissions, ${count(executionRoles.length, 'execution role')} that let${executionRoles.length === 1 ? 's' : ''} ECS pull images and read secrets at start.`,
      ],
    });
  }
  return cards;
}
