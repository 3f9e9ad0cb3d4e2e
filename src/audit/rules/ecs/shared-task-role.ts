import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';
import { servicesByRole } from '../../service-roles.js';

export const ecsSharedTaskRole: Rule = {
  id: 'TOPO-ECS-002',
  title: 'Task role shared by several services',
  severity: 'info',
  area: 'ecs',
  needs: ['taskDefinitions'],
  rationale:
    'A design choice worth seeing: services sharing a task role share every runtime permission, so each can do what any of them needs. (A shared execution role is common and not reported.)',
  remediation: 'Give each service its own task role when their permissions should differ; suppress this finding when the sharing is intended.',
  check: (context) =>
    [...servicesByRole(context, 'task')]
      .filter(([, edges]) => new Set(edges.map((edge) => edge.from.id)).size > 1)
      .map(([, edges]) => {
        const services = [...new Map(edges.map((edge) => [edge.from.id, edge.from])).values()];
        const role = edges[0]!.to;
        return {
          ...message`Task role ${nameOf(context.index, role)} is shared by services ${services.map((s) => nameOf(context.index, s))}.`,
          resources: [role, ...services],
          evidence: edges.flatMap((edge) => edge.evidence),
        };
      }),
};
