import { ref, serviceTrafficGroups, type NodeRef } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf, shared } from '../../message.js';
import { admitsTcpPort, ingressEvidence } from '../../network.js';
import { databases } from '../../databases.js';

/**
 * Scoped runs only (docs/scoping.md): the application's databases and services admit security
 * groups that belong to nothing in the scope. The outside groups are counted, not named: their
 * names are another application's.
 */
export const crossScopeExposure: Rule = {
  id: 'TOPO-NET-004',
  title: 'Resource in the scope is reachable from security groups outside it',
  severity: 'medium',
  area: 'network',
  needs: ['securityGroups', 'databases', 'ecsServices'],
  rationale:
    'A review of one application (--tag, --stack, --cluster, --service, --vpc) sees only its own resources; a database or service of it that admits a group from outside the scope is a door another application (or a bastion) holds, which that review would otherwise not see. Reported only when the topology is scoped.',
  remediation:
    'Check that the outside group should reach the resource (a shared database used by another application, a migration bastion); remove the rule otherwise, or suppress this finding with the reason.',
  check: ({ index, scope, inventory }) => {
    if (scope === undefined) return [];
    const targets: { node: NodeRef; groupIds: string[]; port: number | undefined; noun: string }[] = [
      ...databases(index).map((db) => ({ node: db.node, groupIds: db.securityGroupIds, port: db.port, noun: 'Database' })),
      ...inventory.services.map((service) => ({ node: ref('ecs-service', service.arn), groupIds: serviceTrafficGroups(service), port: undefined, noun: 'Service' })),
    ];
    const results: RuleResult[] = [];
    for (const target of targets) {
      const outside = new Set<string>();
      const result: RuleResult = { message: '', resources: [target.node], evidence: [] };
      for (const groupId of target.groupIds) {
        const group = index.securityGroups.get(groupId);
        if (group === undefined) continue;
        for (const rule of group.inbound) {
          if (rule.peer.kind !== 'security-group' || index.securityGroups.has(rule.peer.groupId)) continue;
          if (target.port !== undefined && !admitsTcpPort(rule, target.port)) continue;
          outside.add(rule.peer.groupId);
          result.evidence.push(ingressEvidence(group, rule));
        }
      }
      if (outside.size === 0) continue;
      const groups = outside.size === 1 ? 'security group' : 'security groups';
      Object.assign(result, message`${shared(target.noun)} ${nameOf(index, target.node)} in this scope is reachable from ${outside.size} ${shared(groups)} outside it.`);
      results.push(result);
    }
    return results;
  },
};
