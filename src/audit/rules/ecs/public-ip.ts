import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const ecsPublicIp: Rule = {
  id: 'TOPO-ECS-006',
  title: 'Service tasks get a public IP',
  severity: 'medium',
  area: 'ecs',
  needs: ['ecsServices'],
  rationale:
    'Tasks with a public address are reachable from the internet as far as their security groups allow, bypassing the load balancer, and usually sit in public subnets for want of a NAT or VPC endpoints.',
  remediation: 'Run the tasks in private subnets with assignPublicIp DISABLED; give them egress through a NAT gateway or VPC endpoints, and ingress through the load balancer.',
  check: ({ inventory, index }) =>
    inventory.services
      .filter((service) => service.assignPublicIp)
      .map((service) => ({
        ...message`Service ${nameOf(index, ref('ecs-service', service.arn))} assigns a public IP to its tasks.`,
        resources: [ref('ecs-service', service.arn)],
        evidence: [],
      })),
};
