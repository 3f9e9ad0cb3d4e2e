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

/** Every edge the inventory supports, in a deterministic order. `index`: the inventory indexed, when the caller has it already. */
export function correlate(inventory: Inventory, index = indexInventory(inventory)): Edge[] {
  const input: CorrelationInput = { inventory, index, services: serviceContexts(index) };
  return sortedEdges(CORRELATORS.flatMap((correlator) => correlator.run(input)));
}

/** Strings in code-unit order, as `<` compares them. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An attribute as the order reads it: absent is the empty string, a port its decimal digits. */
function attributeText(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

/**
 * Edges by kind, then source, target, protocol, ports and role slot, each compared as text: the
 * order of one key joining them with NUL (no id contains it), without making 38,400 keys.
 */
function compareEdges(a: Edge, b: Edge): number {
  return (
    compareText(a.kind, b.kind) ||
    compareText(a.from.kind, b.from.kind) ||
    compareText(a.from.id, b.from.id) ||
    compareText(a.to.kind, b.to.kind) ||
    compareText(a.to.id, b.to.id) ||
    compareText(attributeText(a.attributes.protocol), attributeText(b.attributes.protocol)) ||
    compareText(attributeText(a.attributes.fromPort), attributeText(b.attributes.fromPort)) ||
    compareText(attributeText(a.attributes.toPort), attributeText(b.attributes.toPort)) ||
    compareText(attributeText(a.attributes.roleSlot), attributeText(b.attributes.roleSlot))
  );
}

function sortedEdges(edges: Edge[]): Edge[] {
  return edges.sort(compareEdges);
}
