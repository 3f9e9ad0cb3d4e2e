import { ref } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf, type Message } from '../../message.js';
import { ruleMessage, ingressEvidence, internetNonWebRules, isInternetFacing } from '../../network.js';

export const albInternetNonWebPorts: Rule = {
  id: 'TOPO-ALB-005',
  title: 'Internet-facing load balancer admits ports other than 80/443 from the internet',
  severity: 'medium',
  area: 'alb',
  needs: ['loadBalancers', 'securityGroups'],
  rationale:
    'An internet-facing load balancer only needs 80 and 443 open to the world. Wider rules expose any listener added later (an admin or debug port) without a review of the security group.',
  remediation: 'Limit the internet rules of the load balancer\'s security group to tcp 80 and 443; admit other ports from specific security groups or ranges.',
  check: ({ inventory, index }) => {
    const results: RuleResult[] = [];
    for (const lb of inventory.loadBalancers.filter(isInternetFacing)) {
      const result: RuleResult = { message: '', resources: [ref('load-balancer', lb.arn)], evidence: [] };
      const ports: Message[] = [];
      for (const groupId of lb.securityGroupIds) {
        const group = index.securityGroups.get(groupId);
        if (group === undefined) continue;
        const rules = internetNonWebRules(group);
        if (rules.length > 0) result.resources.push(ref('security-group', group.id));
        for (const rule of rules) {
          ports.push(message`${ruleMessage(index, rule)} (${nameOf(index, ref('security-group', group.id))})`);
          result.evidence.push(ingressEvidence(group, rule));
        }
      }
      if (ports.length === 0) continue;
      Object.assign(result, message`Internet-facing load balancer ${nameOf(index, ref('load-balancer', lb.arn))} admits ${ports}.`);
      results.push(result);
    }
    return results;
  },
};
