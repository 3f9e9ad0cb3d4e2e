import { indexInventory, type Edge, type Inventory } from '../model/index.js';
import { correlateDnsRecords } from './dns.js';
import { correlateEcsToRds } from './ecs-rds.js';
import { correlateEcsToS3 } from './ecs-s3.js';
import { correlateEcsToSqs } from './ecs-sqs.js';
import { correlateEndpoints } from './endpoints.js';
import { correlateRoles } from './iam.js';
import { correlateLoadBalancers } from './load-balancers.js';
import { correlateSecurityGroups } from './security-groups.js';
import { serviceContexts } from './service-context.js';
import { correlateTargetGroups } from './target-groups.js';

/** Every edge the inventory supports, in a deterministic order. */
export function correlate(inventory: Inventory): Edge[] {
  const index = indexInventory(inventory);
  const services = serviceContexts(index);
  const edges = [
    ...correlateDnsRecords(inventory),
    ...correlateLoadBalancers(inventory),
    ...correlateTargetGroups(inventory),
    ...correlateSecurityGroups(inventory),
    ...correlateEcsToRds(index, services),
    ...correlateEcsToS3(index, services),
    ...correlateEcsToSqs(index, services),
    ...correlateEndpoints(index, services),
    ...correlateRoles(services),
  ];
  return edges.sort(compareEdges);
}

function edgeKey(edge: Edge): string {
  return [edge.kind, edge.from.kind, edge.from.id, edge.to.kind, edge.to.id, edge.attributes.protocol ?? '', edge.attributes.fromPort ?? '', edge.attributes.toPort ?? '', edge.attributes.roleSlot ?? ''].join('\u0000');
}

function compareEdges(a: Edge, b: Edge): number {
  const ka = edgeKey(a);
  const kb = edgeKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
