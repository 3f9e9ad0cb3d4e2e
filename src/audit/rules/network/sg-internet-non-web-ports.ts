import { ref } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf, shared } from '../../message.js';
import { ruleMessage, ingressEvidence, internetNonWebRules, isInternetFacing } from '../../network.js';

export const sgInternetNonWebPorts: Rule = {
  id: 'TOPO-NET-002',
  title: 'Security group open to the internet on non-web ports',
  severity: 'high',
  area: 'network',
  needs: ['securityGroups', 'loadBalancers'],
  rationale:
    'Rules admitting 0.0.0.0/0 or ::/0 on SSH, RDP, database or all ports are how most cloud hosts get scanned and brute-forced within minutes of exposure. (Security groups of internet-facing load balancers are reported by TOPO-ALB-005.)',
  remediation: 'Remove the internet rule; admit the specific security groups or address ranges that need the port, or use Session Manager instead of open SSH/RDP.',
  check: ({ inventory, index }) => {
    const loadBalancerGroups = new Set(inventory.loadBalancers.filter(isInternetFacing).flatMap((lb) => lb.securityGroupIds));
    const results: RuleResult[] = [];
    for (const group of inventory.securityGroups) {
      if (loadBalancerGroups.has(group.id)) continue;
      const rules = internetNonWebRules(group);
      if (rules.length === 0) continue;
      const ports = rules.map((rule) => ruleMessage(index, rule));
      const userKinds = [...new Set((group.usedBy ?? []).map((user) => user.split(' ')[0]!))];
      results.push({
        // Template sources know what outside the model uses the group: say which kinds (AWS's type names, never the users' names).
        ...(userKinds.length > 0
          ? message`Security group ${nameOf(index, ref('security-group', group.id))} (used by ${userKinds.map(shared)}) admits ${ports}.`
          : message`Security group ${nameOf(index, ref('security-group', group.id))} admits ${ports}.`),
        resources: [ref('security-group', group.id)],
        evidence: rules.map((rule) => ingressEvidence(group, rule)),
      });
    }
    return results;
  },
};
