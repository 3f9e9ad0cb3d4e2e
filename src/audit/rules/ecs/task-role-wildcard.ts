import { ref, type Evidence } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf } from '../../message.js';
import { rolePermissions } from '../../iam.js';
import { located } from '../../../model/fields.js';
import { servicesByRole } from '../../service-roles.js';

export const ecsTaskRoleWildcard: Rule = {
  id: 'TOPO-ECS-003',
  title: 'Task role grants all actions',
  severity: 'high',
  area: 'ecs',
  needs: ['roles'],
  rationale:
    'A task role with Action "*" (AdministratorAccess, or an Allow with NotAction) lets any code running in the task, including an attacker exploiting it, do anything in the account.',
  remediation: 'Replace the wildcard with the specific actions and resources the application calls; IAM Access Analyzer can generate a policy from CloudTrail activity.',
  check: (context) => {
    const results: RuleResult[] = [];
    for (const [roleArn, edges] of servicesByRole(context, 'task')) {
      const role = context.index.roles.get(roleArn);
      if (role === undefined) continue;
      const evidence: Evidence[] = [];
      for (const permission of rolePermissions(context.index, role).statements) {
        // `permission.field` only for a statement reported: it is spelled when read.
        const { statement } = permission;
        if (statement.actions.includes('*')) evidence.push(located({ matchType: 'iam-policy', matchedValue: '*' }, permission.field));
        else if (statement.actions.length === 0 && statement.notActions.length > 0) {
          evidence.push(located({ matchType: 'iam-policy', matchedValue: `NotAction ${statement.notActions.join(', ')}` }, permission.field));
        }
      }
      if (evidence.length === 0) continue;
      const services = [...new Map(edges.map((edge) => [edge.from.id, edge.from])).values()];
      results.push({
        ...message`Task role ${nameOf(context.index, ref('iam-role', role.arn))} (of ${services.map((s) => nameOf(context.index, s))}) allows every action.`,
        resources: [ref('iam-role', role.arn), ...services],
        evidence,
      });
    }
    return results;
  },
};
