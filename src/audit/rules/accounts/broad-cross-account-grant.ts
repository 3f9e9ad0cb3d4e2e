import { accountOf, inventoryAccounts, ref, type Edge, type NodeRef, type PolicyDocument } from '../../../model/index.js';
import { wholeAccountPrincipal } from '../../../model/principals.js';
import type { AuditContext, Rule, RuleResult } from '../../rule.js';
import { identifier, message, nameOf, shared } from '../../message.js';

export { wholeAccountPrincipal };

/** The roles of `account` seen using `target`: task roles of its services linked to it, and roles linked by a resource policy (by name, or through a whole-account grant their own policy uses). */
function rolesUsing(context: AuditContext, target: NodeRef, account: string): string[] {
  const { inventory, edges, index } = context;
  const roles = new Set<string>();
  const isTarget = (edge: Edge) => edge.to.kind === target.kind && edge.to.id === target.id;
  for (const edge of edges) {
    if (!isTarget(edge)) continue;
    if (edge.kind === 'cross-account-access' && accountOf(inventory, edge.from.id) === account) roles.add(edge.from.id);
    if ((edge.kind === 'service-bucket' || edge.kind === 'service-queue') && edge.from.kind === 'ecs-service' && accountOf(inventory, edge.from.id) === account) {
      const service = index.services.get(edge.from.id);
      const role = service === undefined ? undefined : index.taskDefinitions.get(service.taskDefinitionArn)?.taskRoleArn;
      if (role !== undefined) roles.add(role);
    }
  }
  return [...roles].sort();
}

/** Who else of that account may use the grant is not known: the walk describes only the roles task definitions name and the roles other accounts may assume. */
const NOT_COLLECTED = shared('(only task and execution roles and roles other accounts may assume are collected)');

function broadGrants(context: AuditContext, target: NodeRef, policy: PolicyDocument | null | undefined, kindWord: string): RuleResult[] {
  const { inventory, index } = context;
  const walked = new Set(inventoryAccounts(inventory).map((account) => account.id));
  const own = accountOf(inventory, target.id);
  const results: RuleResult[] = [];
  (policy?.statements ?? []).forEach((statement, i) => {
    if (statement.effect !== 'Allow') return;
    for (const principal of statement.principals ?? []) {
      if (principal.type !== 'AWS') continue;
      const account = wholeAccountPrincipal(principal.value);
      // Only accounts this run walked: who uses the grant is known only there.
      if (account === undefined || account === own || !walked.has(account)) continue;
      const users = rolesUsing(context, target, account);
      const grant = message`${shared(kindWord)} ${nameOf(index, target)} lets every principal of account ${identifier('account', account)} in (policy statement ${i + 1})`;
      const evidence = [{ matchType: 'resource-policy' as const, matchedValue: principal.value }];
      if (users.length === 0) {
        results.push({ ...message`${grant}, but no role of that account was seen using it ${NOT_COLLECTED}.`, resources: [target], evidence });
      } else {
        const named = users.map((role) => nameOf(index, ref('iam-role', role)));
        results.push({ ...message`${grant}, but only ${named} ${shared(users.length === 1 ? 'uses' : 'use')} it ${NOT_COLLECTED}.`, resources: [target, ...users.map((role) => ref('iam-role', role))], evidence });
      }
    }
  });
  return results;
}

export const broadCrossAccountGrant: Rule = {
  id: 'TOPO-ACCT-001',
  title: 'Cross-account grant broader than the link it serves',
  severity: 'medium',
  area: 'accounts',
  needs: ['bucketPolicy', 'queues', 'taskDefinitions', 'roles'],
  rationale:
    'A bucket or queue policy that lets a whole account in delegates the decision to every identity policy of that account: any role there that is granted the action reaches the data, not only the service the grant was made for.',
  remediation: 'Name the role(s) that use the bucket or queue as the principal (or add an aws:PrincipalArn condition) instead of the account root.',
  check: (context) => [
    ...context.inventory.buckets.flatMap((bucket) => broadGrants(context, ref('bucket', bucket.arn), bucket.policy, 'Bucket')),
    ...context.inventory.queues.flatMap((queue) => broadGrants(context, ref('queue', queue.arn), queue.policy, 'Queue')),
  ],
};
