import { indexInventory, type Edge, type EdgeKind, type Inventory, type InventoryIndex } from '../model/index.js';
import { correlateCrossAccountAccess } from './cross-account-access.js';
import { correlateCrossAccountTrust } from './cross-account-trust.js';
import { correlateDnsRecords } from './dns.js';
import { correlateEcsToDynamoDb } from './ecs-dynamodb.js';
import { correlateEcsToRds } from './ecs-rds.js';
import { correlateEcsToS3 } from './ecs-s3.js';
import { correlateEcsToSqs } from './ecs-sqs.js';
import { correlateEndpoints } from './endpoints.js';
import { correlateRoles } from './iam.js';
import { correlateLoadBalancers } from './load-balancers.js';
import { correlateSecurityGroups } from './security-groups.js';
import { serviceContexts, type ServiceContext } from './service-context.js';
import { correlateTargetGroups } from './target-groups.js';
import { correlateVpcLinks } from './vpc-links.js';

interface CorrelationInput {
  inventory: Inventory;
  index: InventoryIndex;
  services: ServiceContext[];
}

/**
 * Every correlator, with the edge kinds it derives. The compiler checks that every edge kind has
 * one (see `everyEdgeKindCorrelated`); a test checks each correlator makes only the kinds it declares.
 */
export const CORRELATORS = [
  { name: 'dns', produces: ['dns-alias'], run: ({ inventory }) => correlateDnsRecords(inventory) },
  { name: 'load-balancers', produces: ['lb-listener', 'listener-rule', 'rule-target'], run: ({ inventory }) => correlateLoadBalancers(inventory) },
  { name: 'target-groups', produces: ['target-service'], run: ({ inventory }) => correlateTargetGroups(inventory) },
  { name: 'security-groups', produces: ['sg-ingress'], run: ({ inventory }) => correlateSecurityGroups(inventory) },
  { name: 'ecs-rds', produces: ['service-db'], run: ({ index, services }) => correlateEcsToRds(index, services) },
  { name: 'ecs-s3', produces: ['service-bucket'], run: ({ index, services }) => correlateEcsToS3(index, services) },
  { name: 'ecs-sqs', produces: ['service-queue'], run: ({ index, services }) => correlateEcsToSqs(index, services) },
  { name: 'ecs-dynamodb', produces: ['service-table'], run: ({ index, services }) => correlateEcsToDynamoDb(index, services) },
  { name: 'endpoints', produces: ['service-endpoint'], run: ({ index, services }) => correlateEndpoints(index, services) },
  { name: 'iam', produces: ['service-role'], run: ({ services }) => correlateRoles(services) },
  { name: 'cross-account-access', produces: ['cross-account-access'], run: ({ inventory, index }) => correlateCrossAccountAccess(inventory, index) },
  { name: 'cross-account-trust', produces: ['cross-account-trust'], run: ({ inventory, index }) => correlateCrossAccountTrust(inventory, index) },
  { name: 'vpc-links', produces: ['vpc-peering', 'vpc-transit-gateway'], run: ({ inventory, index }) => correlateVpcLinks(inventory, index) },
] as const satisfies readonly { name: string; produces: readonly EdgeKind[]; run: (input: CorrelationInput) => Edge[] }[];

type UncorrelatedEdgeKind = Exclude<EdgeKind, (typeof CORRELATORS)[number]['produces'][number]>;
const everyEdgeKindCorrelated: [UncorrelatedEdgeKind] extends [never] ? true : UncorrelatedEdgeKind = true;
void everyEdgeKindCorrelated;

/** Every edge the inventory supports, in a deterministic order. */
export function correlate(inventory: Inventory): Edge[] {
  const index = indexInventory(inventory);
  const input: CorrelationInput = { inventory, index, services: serviceContexts(index) };
  return sortedByKey(CORRELATORS.flatMap((correlator) => correlator.run(input)));
}

function edgeKey(edge: Edge): string {
  const { protocol, fromPort, toPort, roleSlot } = edge.attributes;
  return `${edge.kind}\u0000${edge.from.kind}\u0000${edge.from.id}\u0000${edge.to.kind}\u0000${edge.to.id}\u0000${protocol ?? ''}\u0000${fromPort ?? ''}\u0000${toPort ?? ''}\u0000${roleSlot ?? ''}`;
}

/** The edges in the order of their keys, each key made once (not twice per comparison: 38,400 edges at 1,000 services). */
function sortedByKey(edges: Edge[]): Edge[] {
  const keyed = edges.map((edge) => ({ key: edgeKey(edge), edge }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ edge }) => edge);
}
