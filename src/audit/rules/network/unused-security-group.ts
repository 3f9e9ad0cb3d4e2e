import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';
import { securityGroupAttachments } from '../../network.js';

export const unusedSecurityGroup: Rule = {
  id: 'TOPO-NET-003',
  title: 'Security group attached to nothing in the inventory',
  severity: 'info',
  area: 'network',
  needs: ['securityGroups', 'loadBalancers', 'ecsServices', 'databases', 'vpcEndpoints'],
  rationale:
    'A group that no load balancer, ECS service, database or VPC endpoint uses is either a leftover or belongs to resources this tool does not collect (EC2 instances, Lambda functions); either way its rules deserve a look. VPC default groups are not reported, nor groups a template shows in use by other resources (launch templates, Lambda functions, EFS mount targets...).',
  remediation: 'Delete the group if nothing uses it; otherwise suppress this finding naming what does.',
  check: ({ inventory, index }) => {
    const attachments = securityGroupAttachments(inventory);
    return inventory.securityGroups
      // A group a launch template, Lambda function or mount target uses (template sources say so) is in use.
      .filter((group) => group.name !== 'default' && !attachments.has(group.id) && (group.usedBy?.length ?? 0) === 0)
      .map((group) => ({
        ...message`Security group ${nameOf(index, ref('security-group', group.id))} is attached to no load balancer, service, database or endpoint.`,
        resources: [ref('security-group', group.id)],
        evidence: [],
      }));
  },
};
