import { ref, serviceTrafficGroups } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf } from '../../message.js';
import { admitsTcpPort, ingressEvidence } from '../../network.js';
import { databases } from '../../databases.js';

export const rdsNonServiceGroup: Rule = {
  id: 'TOPO-RDS-004',
  title: 'Database admits security groups that are no application service\'s',
  severity: 'medium',
  area: 'database',
  needs: ['databases', 'securityGroups', 'ecsServices'],
  rationale:
    'Every security group a database admits is a door to the data. A group that no ECS service uses (a bastion, a retired service, a hand-made group) is access nobody reviews with the application.',
  remediation:
    'Remove the rule, or suppress this finding with the reason the group needs the database (for example a bastion used for migrations).',
  check: ({ inventory, index, scope }) => {
    const serviceGroups = new Set(inventory.services.flatMap((service) => serviceTrafficGroups(service)));
    const results: RuleResult[] = [];
    for (const db of databases(index)) {
      const own = new Set(db.securityGroupIds);
      const result: RuleResult = { message: '', resources: [db.node], evidence: [] };
      const strangers: string[] = [];
      for (const groupId of db.securityGroupIds) {
        const group = index.securityGroups.get(groupId);
        if (group === undefined) continue;
        for (const rule of group.inbound) {
          if (rule.peer.kind !== 'security-group' || !admitsTcpPort(rule, db.port)) continue;
          const peer = rule.peer.groupId;
          if (own.has(peer) || serviceGroups.has(peer)) continue;
          // In a scoped run a group outside the scope may well be a service's: TOPO-NET-004 reports it.
          if (scope !== undefined && !index.securityGroups.has(peer)) continue;
          if (!strangers.includes(peer)) {
            strangers.push(peer);
            result.resources.push(ref('security-group', peer));
          }
          result.evidence.push(ingressEvidence(group, rule));
        }
      }
      if (strangers.length === 0) continue;
      Object.assign(result, message`Database ${nameOf(index, db.node)} admits ${strangers.map((id) => nameOf(index, ref('security-group', id)))}, used by no ECS service.`);
      results.push(result);
    }
    return results;
  },
};
