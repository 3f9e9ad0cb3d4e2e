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

export const KIND_LABELS: Record<NodeKind, string> = {
  'dns-record': 'Route53 record',
  'load-balancer': 'Load balancer',
  listener: 'Listener',
  'listener-rule': 'Listener rule',
  'target-group': 'Target group',
  'ecs-service': 'ECS service',
  'security-group': 'Security group',
  cidr: 'CIDR',
  'prefix-list': 'Prefix list',
  'vpc-endpoint': 'VPC endpoint',
  'db-instance': 'RDS instance',
  'db-cluster': 'RDS cluster',
  bucket: 'S3 bucket',
  queue: 'SQS queue',
  'iam-role': 'IAM role',
  'service-mode': 'Storage mode',
};

export function stripTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** `application` → `ALB`, `network` → `NLB`. */
export function loadBalancerShortType(lb: Pick<LoadBalancer, 'type'>): string {
  if (lb.type === 'application') return 'ALB';
  if (lb.type === 'network') return 'NLB';
  if (lb.type === 'gateway') return 'GWLB';
  return 'Load balancer';
}

/** `com.amazonaws.us-east-1.secretsmanager` → `secretsmanager`. */
export function endpointServiceShortName(serviceName: string): string {
  const parts = serviceName.split('.');
  return parts[parts.length - 1] ?? serviceName;
}

/** The name a reader knows a resource by; falls back to the id when the inventory lacks it. */
export function displayName(lookup: ResourceLookup, node: NodeRef): string {
  const { index } = lookup;
  switch (node.kind) {
    case 'dns-record': {
      const record = lookup.dnsRecords.get(node.id);
      return record ? stripTrailingDot(record.name) : node.id;
    }
    case 'load-balancer':
      return index.loadBalancers.get(node.id)?.name ?? node.id;
    case 'listener': {
      const listener = index.listeners.get(node.id);
      return listener ? `${listener.protocol} ${listener.port}` : node.id;
    }
    case 'listener-rule': {
      const rule = index.listenerRules.get(node.id);
      return rule ? (rule.priority === 'default' ? 'default rule' : `rule ${rule.priority}`) : node.id;
    }
    case 'target-group':
      return index.targetGroups.get(node.id)?.name ?? node.id;
    case 'ecs-service':
      return index.services.get(node.id)?.name ?? node.id;
    case 'security-group':
      return index.securityGroups.get(node.id)?.name ?? node.id;
    case 'vpc-endpoint': {
      const endpoint = index.vpcEndpoints.get(node.id);
      return endpoint ? endpointServiceShortName(endpoint.serviceName) : node.id;
    }
    case 'db-instance':
      return index.dbInstances.get(node.id)?.identifier ?? node.id;
    case 'db-cluster':
      return index.dbClusters.get(node.id)?.identifier ?? node.id;
    case 'bucket':
      return index.buckets.get(node.id)?.name ?? node.id;
    case 'queue':
      return index.queues.get(node.id)?.name ?? node.id;
    case 'iam-role':
      return index.roles.get(node.id)?.name ?? node.id;
    case 'cidr':
    case 'prefix-list':
    case 'service-mode':
      return node.id;
  }
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

/** Items in first-seen order without repeats. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
