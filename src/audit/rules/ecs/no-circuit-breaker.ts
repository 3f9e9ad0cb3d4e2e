import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const ecsNoCircuitBreaker: Rule = {
  id: 'TOPO-ECS-005',
  title: 'Service has no deployment circuit breaker with rollback',
  severity: 'low',
  area: 'ecs',
  needs: ['ecsServices'],
  rationale:
    'Without the circuit breaker a deployment whose tasks never become healthy keeps launching them indefinitely; without rollback it stops but stays on the broken revision instead of returning to the last one that worked.',
  remediation: 'Set deploymentConfiguration.deploymentCircuitBreaker to { enable: true, rollback: true }.',
  check: ({ inventory, index }) =>
    inventory.services
      .filter((service) => !(service.deployment.circuitBreaker?.enable && service.deployment.circuitBreaker.rollback))
      .map((service) => ({
        ...(service.deployment.circuitBreaker?.enable
          ? message`Service ${nameOf(index, ref('ecs-service', service.arn))} has a deployment circuit breaker without rollback.`
          : message`Service ${nameOf(index, ref('ecs-service', service.arn))} has no deployment circuit breaker.`),
        resources: [ref('ecs-service', service.arn)],
        evidence: [],
      })),
};
