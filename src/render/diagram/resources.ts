import {
  dnsRecordId,
  indexEdges,
  indexInventory,
  nodeKey,
  type Edge,
  type EdgeIndex,
  type DnsRecord,
  type Inventory,
  type InventoryIndex,
  type LoadBalancer,
  type NodeKind,
  type NodeRef,
  type SubnetTier,
  NODE_KIND_LABELS,
  resourceName,
} from '../../model/index.js';
import { PUBLIC_INTERNET_CIDRS } from '../../model/network.js';

/**
 * Names and facts about the resources an edge points at, shared by the diagram, the paths and the
 * page. Everything reads the (possibly redacted) inventory: no name is ever typed by hand.
 * Built once per render: the lookups are maps, so asking about every node stays linear.
 */
export interface ResourceLookup {
  inventory: Inventory;
  index: InventoryIndex;
  dnsRecords: Map<string, DnsRecord>;
  /** The topology's edges by the node they leave or reach. */
  edges: EdgeIndex;
  /** Security group id → the resources it is attached to (see `resourcesWithSecurityGroup`). */
  attachments: Map<string, NodeRef[]>;
}

export function resourceLookup(inventory: Inventory, edges: readonly Edge[] = []): ResourceLookup {
  return {
    inventory,
    index: indexInventory(inventory),
    dnsRecords: new Map(inventory.dnsRecords.map((record) => [dnsRecordId(record), record])),
    edges: indexEdges(edges),
    attachments: securityGroupAttachments(inventory),
  };
}

/** Load balancers, services, clusters, stand-alone instances, endpoints: in that order per group. */
function securityGroupAttachments(inventory: Inventory): Map<string, NodeRef[]> {
  const attachments = new Map<string, NodeRef[]>();
  const attach = (groupIds: string[], node: NodeRef): void => {
    for (const groupId of new Set(groupIds)) {
      const list = attachments.get(groupId);
      if (list) list.push(node);
      else attachments.set(groupId, [node]);
    }
  };
  for (const x of inventory.loadBalancers) attach(x.securityGroupIds, { kind: 'load-balancer', id: x.arn });
  for (const x of inventory.services) attach(x.securityGroupIds, { kind: 'ecs-service', id: x.arn });
  for (const x of inventory.dbClusters) attach(x.securityGroupIds, { kind: 'db-cluster', id: x.arn });
  for (const x of inventory.dbInstances) if (x.clusterIdentifier === undefined) attach(x.securityGroupIds, { kind: 'db-instance', id: x.arn });
  for (const x of inventory.vpcEndpoints) attach(x.securityGroupIds, { kind: 'vpc-endpoint', id: x.id });
  return attachments;
}

/** What a reader calls each kind of node (from the registry of kinds). */
export const KIND_LABELS: Record<NodeKind, string> = NODE_KIND_LABELS;

export { endpointServiceShortName, stripTrailingDot, unique } from '../../model/index.js';

/** `application` → `ALB`, `network` → `NLB`. */
export function loadBalancerShortType(lb: Pick<LoadBalancer, 'type'>): string {
  if (lb.type === 'application') return 'ALB';
  if (lb.type === 'network') return 'NLB';
  if (lb.type === 'gateway') return 'GWLB';
  return 'Load balancer';
}

/** The name a reader knows a resource by; falls back to the id when the inventory lacks it. */
export function displayName(lookup: ResourceLookup, node: NodeRef): string {
  return resourceName(lookup.index, node, 'short') ?? node.id;
}

/** Redaction keeps "anyone on the internet" readable under this alias. */
const REDACTED_INTERNET = 'public-internet';

/** True for the CIDRs that mean "anyone on the internet", before or after redaction. */
export function isInternetCidr(cidr: string): boolean {
  return PUBLIC_INTERNET_CIDRS.has(cidr) || cidr === REDACTED_INTERNET;
}

const TIER_EXPOSURE: SubnetTier[] = ['public', 'private', 'isolated'];

/** The most exposed tier among the subnets (a resource in public and private subnets is public). */
export function subnetTier(lookup: ResourceLookup, subnetIds: string[]): SubnetTier | undefined {
  const tiers = new Set(subnetIds.map((id) => lookup.index.subnets.get(id)?.tier));
  return TIER_EXPOSURE.find((tier) => tiers.has(tier));
}

/** The resources (load balancers, services, databases, endpoints) a security group is attached to. */
export function resourcesWithSecurityGroup(lookup: ResourceLookup, groupId: string): NodeRef[] {
  return [...(lookup.attachments.get(groupId) ?? [])];
}

export { nodeKey };

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
