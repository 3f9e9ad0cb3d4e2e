import { accountOf, inventoryAccounts, ref, type Edge, type IamRole, type NodeRef, type PolicyDocument } from '../../../model/index.js';
import { wholeAccountPrincipal } from '../../../model/principals.js';
import type { AuditContext, Rule, RuleResult } from '../../rule.js';
import { identifier, message, nameOf, shared } from '../../message.js';

export { wholeAccountPrincipal };

/** The roles of `account` seen using `target`: task roles of its services linked to it, and roles linked by a resource or trust policy (by name, or through a whole-account grant their own policy uses). */
function rolesUsing(context: AuditContext, target: NodeRef, account: string): string[] {
  const { inventory, edges, index } = context;
  const roles = new Set<string>();
  const isTarget = (edge: Edge) => edge.to.kind === target.kind && edge.to.id === target.id;
  for (const edge of edges) {
    if (!isTarget(edge)) continue;
    if ((edge.kind === 'cross-account-access' || edge.kind === 'cross-account-trust') && accountOf(inventory, edge.from.id) === account) roles.add(edge.from.id);
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

/** Condition keys that name the principals of the trusted account, so the trust is not the whole account's. */
const NAMES_PRINCIPALS = new Set(['aws:principalarn', 'aws:userid']);

/** A role that lets every principal of a walked account assume it, unless its condition names them (`aws:PrincipalArn`). */
function broadTrust(context: AuditContext, role: IamRole): RuleResult[] {
  const { inventory, index } = context;
  const walked = new Set(inventoryAccounts(inventory).map((account) => account.id));
  const own = accountOf(inventory, role.arn);
  const target = ref('iam-role', role.arn);
  return role.trustPrincipals.flatMap((principal): RuleResult[] => {
    if (principal.type !== 'AWS') return [];
    const account = wholeAccountPrincipal(principal.value);
    if (account === undefined || account === own || !walked.has(account)) return [];
    if ((principal.conditionKeys ?? []).some((key) => NAMES_PRINCIPALS.has(key.toLowerCase()))) return [];
    const users = rolesUsing(context, target, account);
    const grant = message`Role ${nameOf(index, target)} lets every principal of account ${identifier('account', account)} assume it (trust policy)`;
    const evidence = [{ matchType: 'trust-policy' as const, matchedValue: principal.value }];
    if (users.length === 0) return [{ ...message`${grant}, but no role of that account was seen assuming it ${NOT_COLLECTED}.`, resources: [target], evidence }];
    const named = users.map((user) => nameOf(index, ref('iam-role', user)));
    return [{ ...message`${grant}, but only ${named} ${shared(users.length === 1 ? 'does' : 'do')} ${NOT_COLLECTED}.`, resources: [target, ...users.map((user) => ref('iam-role', user))], evidence }];
  });
}

export const broadCrossAccountGrant: Rule = {
  id: 'TOPO-ACCT-001',
  title: 'Cross-account grant broader than the link it serves',
  severity: 'medium',
  area: 'accounts',
  needs: ['bucketPolicy', 'queues', 'taskDefinitions', 'roles'],
  rationale:
    'A bucket or queue policy (or a role trust policy) that lets a whole account in delegates the decision to every identity policy of that account: any role there that is granted the action reaches the data or assumes the role, not only the service the grant was made for.',
  remediation: 'Name the role(s) that use the bucket, queue or role as the principal (or add an aws:PrincipalArn condition) instead of the account root.',
  check: (context) => [
    ...context.inventory.buckets.flatMap((bucket) => broadGrants(context, ref('bucket', bucket.arn), bucket.policy, 'Bucket')),
    ...context.inventory.queues.flatMap((queue) => broadGrants(context, ref('queue', queue.arn), queue.policy, 'Queue')),
    ...context.inventory.roles.flatMap((role) => broadTrust(context, role)),
  ],
};
