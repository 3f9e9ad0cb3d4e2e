import { ref } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf } from '../../message.js';
import { roleEdgesOf } from '../../service-roles.js';

export const ecsTaskRoleIsExecutionRole: Rule = {
  id: 'TOPO-ECS-001',
  title: 'Task role is the execution role',
  severity: 'medium',
  area: 'ecs',
  needs: ['taskDefinitions'],
  rationale:
    'The execution role is for the ECS agent (pull images, write logs, fetch secrets); the task role is for the application code. One role in both slots hands the application every secret and registry permission the agent needs.',
  remediation: 'Give the task definition a separate task role that grants only what the application calls at run time.',
  check: (context) => {
    const results: RuleResult[] = [];
    for (const service of context.inventory.services) {
      const edges = roleEdgesOf(context, service.arn);
      const task = edges.find((edge) => edge.attributes.roleSlot === 'task');
      const execution = edges.find((edge) => edge.attributes.roleSlot === 'execution');
      if (task === undefined || execution === undefined || task.to.id !== execution.to.id) continue;
      results.push({
        ...message`Service ${nameOf(context.index, ref('ecs-service', service.arn))} uses ${nameOf(context.index, task.to)} as both its task role and its execution role.`,
        resources: [ref('ecs-service', service.arn), task.to],
        evidence: [...task.evidence, ...execution.evidence],
      });
    }
    return results;
  },
};
