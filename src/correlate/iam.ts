import { ref, type Edge } from '../model/index.js';
import { located, taskDefinitionField } from '../model/fields.js';
import type { ServiceContext } from './service-context.js';

/**
 * ECS service → IAM role, once per role slot (task, execution). A role used in both slots, or by
 * several services, shows up as several edges to the same role node.
 */
export function correlateRoles(services: ServiceContext[]): Edge[] {
  const edges: Edge[] = [];
  for (const { service, taskDefinition } of services) {
    if (taskDefinition === undefined) continue;
    const slots = [
      { slot: 'task' as const, arn: taskDefinition.taskRoleArn },
      { slot: 'execution' as const, arn: taskDefinition.executionRoleArn },
    ];
    for (const { slot, arn } of slots) {
      if (arn === undefined) continue;
      edges.push({
        kind: 'service-role',
        from: ref('ecs-service', service.arn),
        to: ref('iam-role', arn),
        evidence: [located({ matchType: slot === 'task' ? 'task-role' : 'execution-role', matchedValue: arn }, taskDefinitionField(taskDefinition.family, taskDefinition.revision))],
        attributes: { roleSlot: slot },
      });
    }
  }
  return edges;
}
