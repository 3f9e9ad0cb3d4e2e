import { missingData, notCollected, type DataSource } from '../../model/coverage.js';
import {
  accountOf,
  arnResourceName,
  AWS_API_ARROW_LABEL,
  edgeKindDescriptor,
  idOf,
  isMultiAccount,
  pushTo,
  KIND_LIST,
  KINDS,
  type CollectionKey,
  type ItemOf,
  type NodeKind,
  type DrawnShape,
  type Edge,
  type Inventory,
  type NodeRef,
  type RegistryArrowKind,
  type SubnetTier,
  type Topology,
} from '../../model/index.js';
import { portSpec } from '../views.js';
import {
  displayName,
  endpointServiceShortName,
  isInternetCidr,
  loadBalancerShortType,
  nodeKey,
  resourceLookup,
  subnetTier,
  unique,
  type ResourceLookup,
} from './resources.js';

/**
 * The architecture diagram as plain data: boxes, groups and arrows, derived from the topology's
 * edges. `dot.ts` and `mermaid.ts` serialize it; nothing here knows a syntax or escapes anything.
 */
/** The shapes the registry draws (`model/kinds.ts`), plus the internet and CIDR ranges that are not resources. */
export type DiagramNodeKind = 'internet' | 'cidr' | DrawnShape;

export interface DiagramNode {
  /** Synthetic (`n1`...): never a resource identifier, so ids cannot leak or break a syntax. */
  id: string;
  kind: DiagramNodeKind;
  title: string;
  subtitle: string;
  clusterId?: string;
  /** ECS services: their ECS cluster and role (`orders · web`), what the compact diagram groups by. */
  group?: string;
  /** Compact diagram (`compact.ts`): how many resources the box stands for, when more than one. */
  count?: number;
}

export type DiagramClusterKind = 'dns' | 'vpc' | 'tier' | 'endpoints' | 'regional' | 'account';

export interface DiagramCluster {
  id: string;
  kind: DiagramClusterKind;
  label: string;
  tier?: SubnetTier;
  parentId?: string;
}

/**
 * request: the public request path; data: service → database; storage: service → bucket;
 * produce / consume: SQS; redrive: queue → its dead-letter queue; endpoint: service → VPC
 * endpoint; network: an SG rule from outside the diagrammed resources (CIDR, unattached group, the
 * internet); vpc-link: a peering connection or transit gateway joining two VPCs (group to group); and the arrows the registry draws (`arrow` in `EDGE_KINDS`: `table`, service →
 * DynamoDB table).
 */
export type DiagramEdgeKind = 'request' | 'data' | 'storage' | 'produce' | 'consume' | 'redrive' | 'endpoint' | 'network' | 'vpc-link' | RegistryArrowKind;

export interface DiagramEdge {
  from: string;
  to: string;
  kind: DiagramEdgeKind;
  label: string;
  /** Drawn from / to the border of this cluster: the arrow stands for every node pair in them. */
  fromCluster?: string;
  toCluster?: string;
}

export interface DiagramGraph {
  clusters: DiagramCluster[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const AWS_API = AWS_API_ARROW_LABEL;

/** The synthetic id (`n3`, `c2`) of `key`'s item, made the first time the key is seen. */
function intern<T extends { id: string }>(ids: Map<string, string>, items: T[], prefix: string, key: string, make: () => Omit<T, 'id'>): string {
  const existing = ids.get(key);
  if (existing) return existing;
  const id = `${prefix}${items.length + 1}`;
  ids.set(key, id);
  items.push({ id, ...make() } as T);
  return id;
}

class GraphBuilder {
  readonly clusters: DiagramCluster[] = [];
  readonly nodes: DiagramNode[] = [];
  readonly edges: DiagramEdge[] = [];
  private readonly nodeIds = new Map<string, string>();
  private readonly clusterIds = new Map<string, string>();
  private readonly edgesByKey = new Map<string, DiagramEdge>();

  cluster(key: string, make: () => Omit<DiagramCluster, 'id'>): string {
    return intern(this.clusterIds, this.clusters, 'c', key, make);
  }

  node(key: string, make: () => Omit<DiagramNode, 'id'>): string {
    return intern(this.nodeIds, this.nodes, 'n', key, make);
  }

  idOf(key: string): string | undefined {
    return this.nodeIds.get(key);
  }

  /** Every node and cluster made so far with the key it was made for. */
  keyed(): { nodes: [string, string][]; clusters: [string, string][] } {
    return { nodes: [...this.nodeIds], clusters: [...this.clusterIds] };
  }

  /** One arrow per (from, to, kind); labels of repeats are merged. */
  edge(edge: DiagramEdge): void {
    const key = edgeKey(edge.from, edge.to, edge.kind);
    const existing = this.edgesByKey.get(key);
    if (existing) {
      if (edge.label && !existing.label.split(' · ').includes(edge.label)) {
        existing.label = existing.label ? `${existing.label} · ${edge.label}` : edge.label;
      }
      return;
    }
    const added = { ...edge };
    this.edgesByKey.set(key, added);
    this.edges.push(added);
  }

  hasEdge(from: string, to: string, kind: DiagramEdgeKind): boolean {
    return this.edgesByKey.has(edgeKey(from, to, kind));
  }
}

function edgeKey(from: string, to: string, kind: DiagramEdgeKind): string {
  return `${from}>${to}>${kind}`;
}

const TIER_LABELS: Record<SubnetTier, string> = {
  public: 'Public subnets',
  private: 'Private subnets',
  isolated: 'Isolated subnets',
};

function vpcClusterId(builder: GraphBuilder, lookup: ResourceLookup, vpcId: string | undefined): string | undefined {
  if (vpcId === undefined) return undefined;
  return builder.cluster(`vpc:${vpcId}`, () => {
    const vpc = lookup.inventory.vpcs.find((v) => v.id === vpcId);
    const name = vpc?.name ?? vpcId;
    const cidr = vpc?.cidrBlocks[0];
    const base = cidr ? `VPC ${name} · ${cidr}` : `VPC ${name}`;
    return { kind: 'vpc', label: [base, ...vpcNetworkContext(lookup.inventory, vpcId)].join(' · ') };
  });
}

/**
 * What joins the VPC to other networks, for its group's label (network context): `peered with
 * shared-network`, `transit gateway tgw-… (2 VPCs)`. The VPC's own routes to them are the tables'.
 */
export function vpcNetworkContext(inventory: Inventory, vpcId: string): string[] {
  const vpcName = (id: string) => inventory.vpcs.find((v) => v.id === id)?.name ?? id;
  const peers = inventory.vpcPeerings.flatMap((p) => (p.requester.vpcId === vpcId ? [p.accepter.vpcId] : p.accepter.vpcId === vpcId ? [p.requester.vpcId] : []));
  const gateways = unique(inventory.transitGatewayAttachments.filter((a) => a.vpcId === vpcId).map((a) => a.transitGatewayId));
  return [
    ...(peers.length === 0 ? [] : [`peered with ${unique(peers.map(vpcName)).join(', ')}`]),
    ...gateways.map((gateway) => {
      const others = unique(inventory.transitGatewayAttachments.filter((a) => a.transitGatewayId === gateway && a.vpcId !== vpcId).map((a) => a.vpcId));
      return `transit gateway ${gateway}${others.length === 0 ? '' : ` with ${others.map(vpcName).join(', ')}`}`;
    }),
  ];
}

/** The VPC cluster, or its tier sub-cluster when the subnets say which tier the resource lives in. */
function placement(builder: GraphBuilder, lookup: ResourceLookup, vpcId: string | undefined, subnetIds: string[]): string | undefined {
  const vpcCluster = vpcClusterId(builder, lookup, vpcId);
  const tier = subnetTier(lookup, subnetIds);
  if (vpcCluster === undefined || tier === undefined) return vpcCluster;
  return builder.cluster(`tier:${vpcId}:${tier}`, () => {
    const zones = unique(subnetIds.map((id) => lookup.index.subnets.get(id)).filter((s) => s?.tier === tier).map((s) => s?.availabilityZone));
    const count = zones.filter((z) => z !== undefined).length;
    return { kind: 'tier', tier, parentId: vpcCluster, label: count > 1 ? `${TIER_LABELS[tier]} · ${count} AZs` : TIER_LABELS[tier] };
  });
}

function regionalCluster(builder: GraphBuilder, region: string): string {
  return builder.cluster(`regional:${region}`, () => ({ kind: 'regional', label: `AWS managed services · ${region}` }));
}

function addLoadBalancers(builder: GraphBuilder, lookup: ResourceLookup): void {
  for (const lb of lookup.inventory.loadBalancers) {
    builder.node(nodeKey({ kind: 'load-balancer', id: lb.arn }), () => ({
      kind: KINDS.loadBalancers.diagram.shape,
      title: lb.name,
      subtitle: `${loadBalancerShortType(lb)} · ${lb.scheme}`,
      clusterId: placement(builder, lookup, lb.vpcId, lb.subnetIds),
    }));
  }
}

function addTargetGroups(builder: GraphBuilder, lookup: ResourceLookup): void {
  for (const tg of lookup.inventory.targetGroups) {
    builder.node(nodeKey({ kind: 'target-group', id: tg.arn }), () => ({
      kind: KINDS.targetGroups.diagram.shape,
      title: tg.name,
      subtitle: ['Target group', tg.protocol && tg.port ? `${tg.protocol} ${tg.port}` : undefined].filter(Boolean).join(' · '),
      clusterId: vpcClusterId(builder, lookup, tg.vpcId),
    }));
  }
}

/** `web` behind a target group, `worker` consuming a queue, else `internal` (as the page's component cards say). */
function serviceRole(lookup: ResourceLookup, service: NodeRef): string {
  if (lookup.edges.to(service, 'target-service').length > 0) return 'web';
  const consumes = lookup.edges.from(service, 'service-queue').some((e) => e.attributes.direction === 'consumer' || e.attributes.direction === 'producer-consumer');
  return consumes ? 'worker' : 'internal';
}

function addServices(builder: GraphBuilder, lookup: ResourceLookup): void {
  for (const service of lookup.inventory.services) {
    const vpcId = service.subnetIds.map((id) => lookup.index.subnets.get(id)?.vpcId).find(Boolean);
    const launch = service.launchType ?? (service.capacityProviders[0] || 'ECS');
    const node: NodeRef = { kind: 'ecs-service', id: service.arn };
    const cluster = lookup.index.clusters.get(service.clusterArn)?.name ?? arnResourceName(service.clusterArn);
    builder.node(nodeKey(node), () => ({
      kind: KINDS.services.diagram.shape,
      title: service.name,
      subtitle: `ECS service · ${launch} × ${service.desiredCount}`,
      clusterId: placement(builder, lookup, vpcId, service.subnetIds),
      group: `${cluster} · ${serviceRole(lookup, node)}`,
    }));
  }
}

function addDbClusters(builder: GraphBuilder, lookup: ResourceLookup): void {
  for (const cluster of lookup.inventory.dbClusters) {
    const members = lookup.inventory.dbInstances.filter((db) => db.clusterIdentifier === cluster.identifier);
    const first = members[0];
    builder.node(nodeKey({ kind: 'db-cluster', id: cluster.arn }), () => ({
      kind: KINDS.dbClusters.diagram.shape,
      title: cluster.identifier,
      subtitle: `RDS cluster · ${cluster.engine}`,
      clusterId: placement(builder, lookup, first?.vpcId, members.flatMap((m) => m.subnetIds)),
    }));
  }
}

/** Instances of a collected cluster are drawn as their cluster. */
function addDbInstances(builder: GraphBuilder, lookup: ResourceLookup): void {
  for (const db of lookup.inventory.dbInstances) {
    if (db.clusterIdentifier !== undefined && lookup.inventory.dbClusters.some((c) => c.identifier === db.clusterIdentifier)) continue;
    builder.node(nodeKey({ kind: 'db-instance', id: db.arn }), () => ({
      kind: KINDS.dbInstances.diagram.shape,
      title: db.identifier,
      subtitle: `RDS · ${db.engine}${db.multiAz ? ' · Multi-AZ' : ''}`,
      clusterId: placement(builder, lookup, db.vpcId, db.subnetIds),
    }));
  }
}

function addEndpoints(builder: GraphBuilder, lookup: ResourceLookup): void {
  for (const endpoint of lookup.inventory.vpcEndpoints) {
    const vpcCluster = vpcClusterId(builder, lookup, endpoint.vpcId);
    const clusterId =
      vpcCluster &&
      builder.cluster(`endpoints:${endpoint.vpcId}`, () => ({ kind: 'endpoints', label: 'VPC endpoints', parentId: vpcCluster }));
    builder.node(nodeKey({ kind: 'vpc-endpoint', id: endpoint.id }), () => ({
      kind: KINDS.vpcEndpoints.diagram.shape,
      title: endpointServiceShortName(endpoint.serviceName),
      subtitle: `${endpoint.type} endpoint`,
      clusterId,
    }));
  }
}

const usedByServicesOf = new WeakMap<Edge[], Set<string>>();

/** The node keys services point at over the AWS API (queues, buckets, tables: `serviceUses` in `EDGE_KINDS`): regional resources are drawn only when used. Made once per diagram. */
function usedByServices(edges: Edge[]): Set<string> {
  let used = usedByServicesOf.get(edges);
  if (used === undefined) {
    used = new Set(edges.filter((e) => edgeKindDescriptor(e.kind).serviceUses === true).map((e) => nodeKey(e.to)));
    usedByServicesOf.set(edges, used);
  }
  return used;
}

/** Queues only when a service uses them (or a used queue redrives to them). */
function addQueues(builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[]): void {
  const used = usedByServices(edges);
  const queues = lookup.inventory.queues.filter((q) => used.has(nodeKey({ kind: 'queue', id: q.arn })));
  const deadLetters = new Set(queues.map((q) => q.redrive?.deadLetterTargetArn).filter((arn): arn is string => arn !== undefined));
  for (const queue of lookup.inventory.queues) {
    if (!used.has(nodeKey({ kind: 'queue', id: queue.arn })) && !deadLetters.has(queue.arn)) continue;
    builder.node(nodeKey({ kind: 'queue', id: queue.arn }), () => ({
      kind: KINDS.queues.diagram.shape,
      title: queue.name,
      subtitle: deadLetters.has(queue.arn) ? 'SQS dead-letter queue' : `SQS${queue.fifo ? ' FIFO' : ''} queue`,
      clusterId: regionalCluster(builder, queue.region),
    }));
  }
}

/** Buckets only when a service uses them. */
function addBuckets(builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[]): void {
  const used = usedByServices(edges);
  for (const bucket of lookup.inventory.buckets) {
    if (!used.has(nodeKey({ kind: 'bucket', id: bucket.arn }))) continue;
    builder.node(nodeKey({ kind: 'bucket', id: bucket.arn }), () => ({
      kind: KINDS.buckets.diagram.shape,
      title: bucket.name,
      subtitle: 'S3 bucket',
      clusterId: regionalCluster(builder, bucket.region),
    }));
  }
}

/** The kinds the registry draws as regional resources (`regional` in their box), each only when a service uses it. */
function addRegionalResources(builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[]): void {
  const used = usedByServices(edges);
  for (const descriptor of KIND_LIST) {
    const box = descriptor.diagram;
    if (box === 'none' || box.regional === undefined) continue;
    const regional = box.regional as { region(item: unknown): string; subtitle(item: unknown): string };
    for (const item of lookup.inventory[descriptor.collection] as ItemOf<CollectionKey>[]) {
      const key = nodeKey({ kind: descriptor.kind as NodeKind, id: idOf(descriptor, item) });
      if (!used.has(key)) continue;
      builder.node(key, () => ({
        kind: box.shape as DrawnShape,
        title: descriptor.name(item, lookup.index),
        subtitle: regional.subtitle(item),
        clusterId: regionalCluster(builder, regional.region(item)),
      }));
    }
  }
}

function addDnsRecords(builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[]): void {
  const zones = new Map(lookup.inventory.hostedZones.map((zone) => [zone.id, zone]));
  for (const edge of edges) {
    if (edge.kind !== 'dns-alias') continue;
    const record = lookup.dnsRecords.get(edge.from.id);
    const zone = record === undefined ? undefined : zones.get(record.zoneId);
    const clusterId = zone && builder.cluster(`zone:${zone.id}`, () => ({ kind: 'dns', label: `Route53 · ${displayZone(zone.name)}` }));
    builder.node(nodeKey(edge.from), () => ({
      kind: KINDS.dnsRecords.diagram.shape,
      title: displayName(lookup, edge.from),
      subtitle: `${record?.type ?? 'DNS'} ${record?.aliasTarget ? 'alias' : 'record'}`,
      clusterId,
    }));
  }
}

function displayZone(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function byListenerPort(edges: Edge[]): Edge[] {
  return [...edges].sort((a, b) => (a.attributes.fromPort ?? 0) - (b.attributes.fromPort ?? 0));
}

/** Listener labels (`HTTPS 443`) grouped by the target group their rules forward to. */
function listenersByTargetGroup(edges: Edge[], lookup: ResourceLookup): Map<string, { lb: NodeRef; labels: string[] }[]> {
  const result = new Map<string, { lb: NodeRef; labels: string[] }[]>();
  for (const lbListener of byListenerPort(edges.filter((e) => e.kind === 'lb-listener'))) {
    const label = displayName(lookup, lbListener.to);
    for (const ruleEdge of lookup.edges.from(lbListener.to, 'listener-rule')) {
      for (const target of lookup.edges.from(ruleEdge.to, 'rule-target')) {
        const entries = result.get(target.to.id) ?? [];
        const entry = entries.find((x) => x.lb.id === lbListener.from.id);
        if (entry) {
          if (!entry.labels.includes(label)) entry.labels.push(label);
        } else {
          entries.push({ lb: lbListener.from, labels: [label] });
        }
        result.set(target.to.id, entries);
      }
    }
  }
  return result;
}

function addRequestEdges(builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[], internet: () => string): void {
  for (const edge of edges.filter((e) => e.kind === 'dns-alias')) {
    const from = builder.idOf(nodeKey(edge.from));
    const to = builder.idOf(nodeKey(edge.to));
    const record = lookup.dnsRecords.get(edge.from.id);
    if (from && to) builder.edge({ from, to, kind: 'request', label: record?.aliasTarget ? 'alias' : 'CNAME' });
  }
  for (const lb of lookup.inventory.loadBalancers) {
    if (lb.scheme !== 'internet-facing') continue;
    const listeners = byListenerPort(lookup.edges.from({ kind: 'load-balancer', id: lb.arn }, 'lb-listener')).map((e) => displayName(lookup, e.to));
    const to = builder.idOf(nodeKey({ kind: 'load-balancer', id: lb.arn }));
    if (to) builder.edge({ from: internet(), to, kind: 'request', label: listeners.join(' · ') });
  }
  for (const [tgArn, entries] of listenersByTargetGroup(edges, lookup)) {
    const to = builder.idOf(nodeKey({ kind: 'target-group', id: tgArn }));
    for (const entry of entries) {
      const from = builder.idOf(nodeKey(entry.lb));
      if (from && to) builder.edge({ from, to, kind: 'request', label: entry.labels.join(' · ') });
    }
  }
  for (const edge of edges.filter((e) => e.kind === 'target-service')) {
    const from = builder.idOf(nodeKey(edge.from));
    const to = builder.idOf(nodeKey(edge.to));
    const protocol = lookup.index.targetGroups.get(edge.from.id)?.protocol ?? 'port';
    const port = edge.attributes.containerPort;
    if (from && to) builder.edge({ from, to, kind: 'request', label: port === undefined ? protocol : `${protocol} ${port}` });
  }
}

/** The edge kinds `addServiceEdges` draws: the others (security-group rules, DNS, listeners…) are skipped before their nodes are looked up. */
function drawnAsServiceEdge(kind: Edge['kind']): boolean {
  return kind === 'service-db' || kind === 'service-bucket' || kind === 'service-queue' || kind === 'service-endpoint' || edgeKindDescriptor(kind).arrow !== undefined;
}

function addServiceEdges(builder: GraphBuilder, edges: Edge[]): void {
  for (const edge of edges) {
    if (!drawnAsServiceEdge(edge.kind)) continue;
    const from = builder.idOf(nodeKey(edge.from));
    const to = builder.idOf(nodeKey(edge.to));
    if (!from || !to) continue;
    if (edge.kind === 'service-db') {
      builder.edge({ from, to, kind: 'data', label: portSpec(edge.attributes.protocol, edge.attributes.fromPort, edge.attributes.toPort) });
    } else if (edge.kind === 'service-bucket') {
      builder.edge({ from, to, kind: 'storage', label: AWS_API });
    } else if (edge.kind === 'service-queue') {
      const direction = edge.attributes.direction ?? 'unknown';
      if (direction === 'producer' || direction === 'producer-consumer') builder.edge({ from, to, kind: 'produce', label: `sends · ${AWS_API}` });
      if (direction === 'consumer' || direction === 'producer-consumer') builder.edge({ from, to, kind: 'consume', label: `polls · ${AWS_API}` });
      if (direction === 'unknown') builder.edge({ from, to, kind: 'produce', label: `uses · ${AWS_API}` });
    } else if (edge.kind === 'service-endpoint') {
      const label = edge.attributes.protocol ? portSpec(edge.attributes.protocol, edge.attributes.fromPort, edge.attributes.toPort) : 'route table';
      builder.edge({ from, to, kind: 'endpoint', label });
    } else {
      const arrow = edgeKindDescriptor(edge.kind).arrow;
      if (arrow !== undefined) builder.edge({ from, to, kind: arrow.kind as RegistryArrowKind, label: arrow.label(edge) });
    }
  }
}

function addRedriveEdges(builder: GraphBuilder, lookup: ResourceLookup): void {
  for (const queue of lookup.inventory.queues) {
    if (!queue.redrive) continue;
    const from = builder.idOf(nodeKey({ kind: 'queue', id: queue.arn }));
    const to = builder.idOf(nodeKey({ kind: 'queue', id: queue.redrive.deadLetterTargetArn }));
    if (from && to) builder.edge({ from, to, kind: 'redrive', label: `after ${queue.redrive.maxReceiveCount} receives` });
  }
}

/**
 * Inbound SG rules from outside the diagrammed resources: the internet, other CIDRs, and security
 * groups attached to nothing we collected (a bastion). Rules between diagrammed resources are
 * already drawn as request, data or endpoint arrows.
 */
function addNetworkEdges(builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[], internet: () => string): void {
  // The boxes a group is attached to, looked up once per group (a group has several rules). They
  // are all drawn before this: the network sources made below are never among them.
  const boxesOf = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== 'sg-ingress') continue;
    let targets = boxesOf.get(edge.to.id);
    if (targets === undefined) {
      targets = attachedBoxes(builder, lookup, edge.to.id);
      boxesOf.set(edge.to.id, targets);
    }
    if (targets.length === 0) continue;
    const from = networkSource(builder, lookup, edge.from, internet);
    if (from === undefined) continue;
    const label = portSpec(edge.attributes.protocol, edge.attributes.fromPort, edge.attributes.toPort);
    for (const to of targets) {
      if (!builder.hasEdge(from, to, 'request')) builder.edge({ from, to, kind: 'network', label });
    }
  }
}

/**
 * The drawn boxes of what a security group is attached to. Pushed into a literal, not made by
 * `map` and `filter`: every answer, empty or not, is then the same kind of array for the caller.
 */
function attachedBoxes(builder: GraphBuilder, lookup: ResourceLookup, groupId: string): string[] {
  const boxes: string[] = [];
  const attached = lookup.attachments.get(groupId);
  if (attached === undefined) return boxes;
  for (const node of attached) {
    const id = builder.idOf(nodeKey(node));
    if (id !== undefined) boxes.push(id);
  }
  return boxes;
}

/**
 * Two VPCs joined by a peering connection or a transit gateway (network context): one arrow from
 * the one VPC's group to the other's, labelled with the connection and how many routes lead to it.
 * A VPC that holds no drawn resource gets its group all the same, around its address range, so the
 * network it joins (a shared-network account's VPC) is on the page.
 */
function addVpcLinks(builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[]): void {
  const links = edges.filter((edge) => (edge.kind === 'vpc-peering' || edge.kind === 'vpc-transit-gateway') && edge.from.kind === 'vpc' && edge.to.kind === 'vpc');
  if (links.length === 0) return;
  const anchors = vpcAnchors(builder);
  const anchorOf = (vpcId: string): { node: string; cluster: string } => {
    const cluster = vpcClusterId(builder, lookup, vpcId)!;
    const known = anchors.get(cluster);
    if (known !== undefined) return { node: known, cluster };
    const vpc = lookup.index.vpcs.get(vpcId);
    const node = builder.node(`vpc-range:${vpcId}`, () => ({ kind: 'cidr', title: vpc?.cidrBlocks[0] ?? vpcId, subtitle: 'VPC address range', clusterId: cluster }));
    anchors.set(cluster, node);
    return { node, cluster };
  };
  for (const edge of links) {
    const from = anchorOf(edge.from.id);
    const to = anchorOf(edge.to.id);
    const connection = edge.evidence.find((item) => item.matchType === 'vpc-peering' || item.matchType === 'transit-gateway');
    const routes = edge.evidence.filter((item) => item.matchType === 'route').length;
    const what = edge.kind === 'vpc-peering' ? 'peering' : 'transit gateway';
    const label = [`${what} ${connection?.matchedValue ?? ''}`.trim(), ...(routes === 0 ? [] : [`${routes} route${routes === 1 ? '' : 's'}`])].join(' · ');
    builder.edge({ from: from.node, to: to.node, kind: 'vpc-link', label, fromCluster: from.cluster, toCluster: to.cluster });
  }
}

/** For each VPC group, a box drawn inside it (at any depth): an arrow between two VPC groups starts and ends at one. */
function vpcAnchors(builder: GraphBuilder): Map<string, string> {
  const clusterById = new Map(builder.clusters.map((cluster) => [cluster.id, cluster]));
  const vpcOf = (clusterId: string | undefined): string | undefined => {
    for (let cluster = clusterId === undefined ? undefined : clusterById.get(clusterId); cluster !== undefined; cluster = cluster.parentId === undefined ? undefined : clusterById.get(cluster.parentId)) {
      if (cluster.kind === 'vpc') return cluster.id;
    }
    return undefined;
  };
  const anchors = new Map<string, string>();
  for (const node of builder.nodes) {
    const vpc = vpcOf(node.clusterId);
    if (vpc !== undefined && !anchors.has(vpc)) anchors.set(vpc, node.id);
  }
  return anchors;
}

function networkSource(builder: GraphBuilder, lookup: ResourceLookup, source: NodeRef, internet: () => string): string | undefined {
  if (source.kind === 'cidr') {
    if (isInternetCidr(source.id)) return internet();
    return builder.node(nodeKey(source), () => ({ kind: 'cidr', title: source.id, subtitle: 'CIDR range' }));
  }
  if (source.kind === 'prefix-list') {
    return builder.node(nodeKey(source), () => ({ kind: 'cidr', title: source.id, subtitle: 'Prefix list' }));
  }
  if (source.kind === 'security-group' && (lookup.attachments.get(source.id)?.length ?? 0) === 0) {
    const group = lookup.index.securityGroups.get(source.id);
    return builder.node(nodeKey(source), () => ({
      kind: 'security-group',
      title: displayName(lookup, source),
      subtitle: 'Security group · nothing collected uses it',
      clusterId: vpcClusterId(builder, lookup, group?.vpcId),
    }));
  }
  return undefined;
}

type Drawer = (builder: GraphBuilder, lookup: ResourceLookup, edges: Edge[]) => void;

/**
 * The collections the registry gives a diagram box (`diagram` in `model/kinds.ts`) but does not
 * draw itself (`regional`), security groups aside: they are drawn only as the source of a network
 * arrow (`networkSource`).
 */
type DrawnCollection = {
  [C in CollectionKey]: (typeof KINDS)[C]['diagram'] extends 'none' | { shape: 'security-group' } | { regional: object } ? never : C;
}[CollectionKey];

/** How each drawn kind is drawn, in drawing order (which numbers the boxes). A kind given a box in the registry fails the build until it is here. */
const DRAWERS: { [C in DrawnCollection]: Drawer } = {
  dnsRecords: addDnsRecords,
  loadBalancers: (builder, lookup) => addLoadBalancers(builder, lookup),
  targetGroups: (builder, lookup) => addTargetGroups(builder, lookup),
  services: (builder, lookup) => addServices(builder, lookup),
  vpcEndpoints: (builder, lookup) => addEndpoints(builder, lookup),
  dbClusters: (builder, lookup) => addDbClusters(builder, lookup),
  dbInstances: (builder, lookup) => addDbInstances(builder, lookup),
  queues: addQueues,
  buckets: addBuckets,
};

export function buildDiagram(topology: Topology, lookup: ResourceLookup = resourceLookup(topology.inventory, topology.edges)): DiagramGraph {
  const builder = new GraphBuilder();
  const internet = (): string => builder.node('internet', () => ({ kind: 'internet', title: 'Internet', subtitle: 'clients' }));
  const edges = [...topology.edges, ...crossAccountServiceEdges(lookup, topology.edges)];

  for (const draw of Object.values(DRAWERS) as Drawer[]) draw(builder, lookup, edges);
  addRegionalResources(builder, lookup, edges);
  addNotCollected(builder, topology);

  addRequestEdges(builder, lookup, edges, internet);
  addServiceEdges(builder, edges);
  addRedriveEdges(builder, lookup);
  addNetworkEdges(builder, lookup, edges, internet);
  addVpcLinks(builder, lookup, edges);

  if (isMultiAccount(topology.inventory)) groupByAccount(builder, topology.inventory);

  const graph = { clusters: builder.clusters, nodes: builder.nodes, edges: builder.edges };
  return { ...graph, edges: bundleEndpointEdges(graph) };
}

/**
 * A role let into another account's bucket or queue (`cross-account-access`) is drawn as the
 * arrows of the services whose task role it is, like their other storage and queue arrows.
 */
function crossAccountServiceEdges(lookup: ResourceLookup, edges: readonly Edge[]): Edge[] {
  const crossing = edges.filter((edge) => edge.kind === 'cross-account-access');
  if (crossing.length === 0) return [];
  const servicesByRole = new Map<string, string[]>();
  for (const service of lookup.inventory.services) {
    const role = lookup.index.taskDefinitions.get(service.taskDefinitionArn)?.taskRoleArn;
    if (role !== undefined) pushTo(servicesByRole, role, service.arn);
  }
  return crossing.flatMap((edge) =>
    (servicesByRole.get(edge.from.id) ?? []).map((service): Edge => ({
      kind: edge.to.kind === 'bucket' ? 'service-bucket' : 'service-queue',
      from: { kind: 'ecs-service', id: service },
      to: edge.to,
      evidence: edge.evidence,
      attributes: edge.to.kind === 'queue' ? { direction: 'unknown' } : {},
    })),
  );
}

/** The resource id a top-level cluster stands for: its VPC, its hosted zone (AWS-managed regional services belong to none). */
const CLUSTER_RESOURCE = /^(?:vpc|zone):(.+)$/;

/**
 * A topology of several accounts: each account is a group around its VPCs, DNS zones and the
 * boxes outside any VPC (buckets, queues…), so the page shows which account holds what; arrows
 * between two groups are the links across accounts. AWS-managed regional services, the internet
 * and the boxes of data that was not collected stay outside every account.
 */
function groupByAccount(builder: GraphBuilder, inventory: Inventory): void {
  const accountCluster = (account: string) => builder.cluster(`account:${account}`, () => ({ kind: 'account', label: `Account ${account}` }));
  const { nodes, clusters } = builder.keyed();
  const clusterById = new Map(builder.clusters.map((cluster) => [cluster.id, cluster]));
  for (const [key, id] of clusters) {
    const cluster = clusterById.get(id);
    const resource = CLUSTER_RESOURCE.exec(key)?.[1];
    const account = resource === undefined ? undefined : accountOf(inventory, resource);
    if (cluster !== undefined && cluster.parentId === undefined && account !== undefined) cluster.parentId = accountCluster(account);
  }
  const nodeById = new Map(builder.nodes.map((node) => [node.id, node]));
  for (const [key, id] of nodes) {
    const node = nodeById.get(id);
    const separator = key.indexOf('\u0000');
    const account = separator < 0 ? undefined : accountOf(inventory, key.slice(separator + 1));
    if (node === undefined || account === undefined) continue;
    const cluster = node.clusterId === undefined ? undefined : clusterById.get(node.clusterId);
    if (cluster === undefined) node.clusterId = accountCluster(account);
    else if (cluster.kind === 'regional' && cluster.parentId === undefined) {
      // Each account's buckets and queues in its own group of managed services.
      // (The account's group first: a cluster made inside another's `make` would share its id.)
      const parentId = accountCluster(account);
      node.clusterId = builder.cluster(`regional:${account}:${cluster.label}`, () => ({ kind: 'regional', label: cluster.label, parentId }));
    }
  }
  const inUse = new Set([...builder.nodes.map((node) => node.clusterId), ...builder.clusters.map((cluster) => cluster.parentId)]);
  const kept = builder.clusters.filter((cluster) => cluster.kind !== 'regional' || inUse.has(cluster.id));
  builder.clusters.splice(0, builder.clusters.length, ...kept);
}

/**
 * The boxes that stand for every resource of a kind whose data a failed call left out, in drawing
 * order (`DRAWERS`, then the kinds the registry draws), one per shape: from each box in the registry.
 */
const NOT_COLLECTED_BOXES: { kind: DrawnShape; source: DataSource; title: string }[] = [
  ...new Map(
    [
      ...(Object.keys(DRAWERS) as DrawnCollection[]).map((collection) => KINDS[collection].diagram),
      ...KIND_LIST.flatMap((descriptor) => (descriptor.diagram !== 'none' && descriptor.diagram.regional !== undefined ? [descriptor.diagram] : [])),
    ].flatMap((box) => (box.notCollected === null ? [] : [[box.shape, { kind: box.shape as DrawnShape, ...box.notCollected }] as const])),
  ).values(),
];

function addNotCollected(builder: GraphBuilder, topology: Topology): void {
  for (const { kind, source, title } of NOT_COLLECTED_BOXES) {
    const missing = missingData(topology.inventory.coverage, [source]);
    if (missing.length > 0) builder.node(`not-collected:${source}`, () => ({ kind, title, subtitle: notCollected(missing) }));
  }
}

/**
 * When every service of one subnet group reaches every endpoint of the endpoints group, one
 * group-to-group arrow says it better than services × endpoints arrows.
 */
export function bundleEndpointEdges(graph: DiagramGraph): DiagramEdge[] {
  const clusterOf = new Map(graph.nodes.map((n) => [n.id, n.clusterId]));
  const endpointEdges = graph.edges.filter((e) => e.kind === 'endpoint');
  const bundles = new Map<string, DiagramEdge[]>();
  for (const edge of endpointEdges) {
    const key = `${clusterOf.get(edge.from) ?? ''}>${clusterOf.get(edge.to) ?? ''}`;
    const bundle = bundles.get(key);
    if (bundle) bundle.push(edge);
    else bundles.set(key, [edge]);
  }
  const replaced = new Set<DiagramEdge>();
  const bundled: DiagramEdge[] = [];
  for (const edges of bundles.values()) {
    const first = edges[0];
    const fromCluster = first && clusterOf.get(first.from);
    const toCluster = first && clusterOf.get(first.to);
    if (!first || !fromCluster || !toCluster) continue;
    const sources = graph.nodes.filter((n) => n.clusterId === fromCluster && n.kind === 'ecs-service').map((n) => n.id);
    const targets = graph.nodes.filter((n) => n.clusterId === toCluster).map((n) => n.id);
    const pairs = new Set(edges.map((e) => `${e.from}>${e.to}`));
    const complete = sources.length * targets.length > 1 && sources.every((s) => targets.every((t) => pairs.has(`${s}>${t}`)));
    if (!complete) continue;
    for (const edge of edges) replaced.add(edge);
    const labels = unique(edges.flatMap((e) => e.label.split(' · ')));
    bundled.push({ from: first.from, to: first.to, kind: 'endpoint', label: labels.join(' · '), fromCluster, toCluster });
  }
  return [...graph.edges.filter((e) => !replaced.has(e)), ...bundled];
}
