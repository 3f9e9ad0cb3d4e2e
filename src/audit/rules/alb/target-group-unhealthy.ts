import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const albTargetGroupUnhealthy: Rule = {
  id: 'TOPO-ALB-004',
  title: 'Target group has no healthy target',
  severity: 'high',
  area: 'alb',
  needs: ['targetHealth'],
  rationale: 'With no healthy target the load balancer has nowhere to send requests: the routes to this group are down.',
  remediation: 'Check the service\'s running count and events, the health check path and port, and that the target security group admits the load balancer\'s.',
  check: ({ inventory, index, outgoing }) =>
    inventory.targetGroups.flatMap((tg) => {
      const health = tg.targetHealth;
      if (health === undefined || health.healthy > 0) return [];
      const services = outgoing(ref('target-group', tg.arn), 'target-service').map((edge) => edge.to);
      if (services.length === 0 && health.total === 0) return [];
      return [
        {
          ...message`Target group ${nameOf(index, ref('target-group', tg.arn))} has no healthy target (${health.total} registered, ${health.unhealthy} unhealthy).`,
          resources: [ref('target-group', tg.arn), ...services],
          evidence: [],
        },
      ];
    }),
};
