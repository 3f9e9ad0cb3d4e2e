import { pushTo, ref, type Edge } from '../model/index.js';
import type { AuditContext } from './rule.js';

/** `service-role` edges of one slot, grouped by role ARN (insertion order follows the edges). */
export function servicesByRole(context: AuditContext, slot: 'task' | 'execution'): Map<string, Edge[]> {
  const byRole = new Map<string, Edge[]>();
  for (const edge of context.edges) {
    if (edge.kind !== 'service-role' || edge.attributes.roleSlot !== slot) continue;
    pushTo(byRole, edge.to.id, edge);
  }
  return byRole;
}

/** The `service-role` edges of one service. */
export function roleEdgesOf(context: AuditContext, serviceArn: string): Edge[] {
  return context.outgoing(ref('ecs-service', serviceArn), 'service-role');
}
