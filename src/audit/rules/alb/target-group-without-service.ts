import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

/** Target types an ECS service can register into; lambda and alb targets are someone else's. */
const ECS_TARGET_TYPES = new Set(['ip', 'instance']);

export const albTargetGroupWithoutService: Rule = {
  id: 'TOPO-ALB-003',
  title: 'Target group has no service behind it',
  severity: 'medium',
  area: 'alb',
  needs: ['targetGroups', 'ecsServices'],
  rationale:
    'A target group that no ECS service registers into and that has no registered targets answers every request routed to it with 503, and is often a leftover of a removed service. Groups a template shows served by an auto-scaling group or registered targets are not reported.',
  remediation: 'Bind the intended service to the target group (its loadBalancers setting), or remove the target group and the rules that forward to it.',
  check: ({ inventory, index, outgoing }) =>
    inventory.targetGroups
      .filter((tg) => ECS_TARGET_TYPES.has(tg.targetType))
      .filter((tg) => outgoing(ref('target-group', tg.arn), 'target-service').length === 0)
      .filter((tg) => (tg.targetHealth?.total ?? 0) === 0)
      // An auto-scaling group (or targets the template registers) serves it: not a service's job.
      .filter((tg) => (tg.usedBy?.length ?? 0) === 0)
      .map((tg) => ({
        ...message`Target group ${nameOf(index, ref('target-group', tg.arn))} has no ECS service bound to it${tg.targetHealth ? message` and no registered targets` : message``}.`,
        resources: [ref('target-group', tg.arn), ...tg.loadBalancerArns.map((arn) => ref('load-balancer', arn))],
        evidence: [],
      })),
};
