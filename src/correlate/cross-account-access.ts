import { grantField, located } from '../model/fields.js';
import { accountOf, inventoryAccounts, parseArn, pushTo, ref, type Bucket, type Edge, type IamRole, type Inventory, type InventoryIndex, type NodeRef, type PolicyDocument, type Queue } from '../model/index.js';
import { identifier, message, nameOf, shared } from '../model/message.js';
import { wholeAccountPrincipal } from '../model/principals.js';
import { actionMatches } from './match.js';
import { grantedTargets } from './policy-resources.js';
import { roleAllowStatements } from './service-context.js';

/**
 * IAM role → bucket or queue of another account, when the bucket's or queue's resource policy
 * allows that role in. Cross-account access needs both sides to allow it:
 *
 * - a statement naming the role (`Principal: {"AWS": "arn:aws:iam::111111111111:role/…"}`) is the
 *   link's evidence (`resource-policy`, the principal as written, `bucket … policy statement 1
 *   (s3:GetObject)`); roles are matched by account and name (a principal may omit the role's path);
 * - a statement naming a whole account (`arn:aws:iam::111111111111:root` or the bare id) leaves the
 *   choice to that account's identity policies: every collected role of it whose own policy allows
 *   one of the statement's actions on the bucket or queue is linked, with both as evidence
 *   (`resource-policy`: `bucket … policy statement 1 grants the whole account 111111111111
 *   (s3:GetObject)`; `iam-policy`: the role's statement, `role … policy … statement 1
 *   (s3:GetObject)`). Only the roles the walk collected (task and execution roles) can be linked;
 *   a role it did not collect is not guessed at (the audit's TOPO-ACCT-001 says so).
 *
 * Only roles in the inventory and only links between two accounts: within one account the task
 * role's own policy is the evidence (ecs-s3.ts, ecs-sqs.ts).
 */
export function correlateCrossAccountAccess(inventory: Inventory, index: InventoryIndex): Edge[] {
  const roles = rolesByAccountAndName(index);
  const rolesOf = rolesByAccount(inventory, index);
  const edges: Edge[] = [];
  const link = (target: NodeRef, policy: PolicyDocument | null | undefined, service: 's3' | 'sqs') => {
    const targetAccount = accountOf(inventory, target.id);
    const evidence = new Map<IamRole, Edge['evidence']>();
    const add = (role: IamRole, found: Edge['evidence']) => evidence.set(role, [...(evidence.get(role) ?? []), ...found]);
    (policy?.statements ?? []).forEach((statement, i) => {
      if (statement.effect !== 'Allow') return;
      const actions = statement.actions.filter((action) => action === '*' || action.toLowerCase().startsWith(`${service}:`));
      if (actions.length === 0) return;
      for (const principal of statement.principals ?? []) {
        if (principal.type !== 'AWS') continue;
        const account = wholeAccountPrincipal(principal.value);
        if (account !== undefined) {
          if (account === targetAccount) continue;
          const field = message`${nameOf(index, target)} policy statement ${i + 1} grants the whole account ${identifier('account', account)} (${shared(actions.join(', '))})`;
          const grant = located({ matchType: 'resource-policy', matchedValue: principal.value }, field);
          for (const role of rolesOf.get(account) ?? []) {
            const allowed = ownPolicyAllows(index, role, target, service, actions);
            if (allowed.length > 0) add(role, [grant, ...allowed]);
          }
          continue;
        }
        const role = roles.get(roleKey(principal.value));
        if (role === undefined || accountOf(inventory, role.arn) === targetAccount) continue;
        const field = message`${nameOf(index, target)} policy statement ${i + 1} (${shared(actions.join(', '))})`;
        add(role, [located({ matchType: 'resource-policy', matchedValue: principal.value }, field)]);
      }
    });
    for (const [role, found] of evidence) edges.push({ kind: 'cross-account-access', from: ref('iam-role', role.arn), to: target, evidence: found, attributes: {} });
  };
  for (const bucket of inventory.buckets as Bucket[]) link(ref('bucket', bucket.arn), bucket.policy, 's3');
  for (const queue of inventory.queues as Queue[]) link(ref('queue', queue.arn), queue.policy, 'sqs');
  return edges;
}

/** Two action patterns overlap when either covers the other (`s3:*` and `s3:GetObject`); the narrower one is what both allow. */
function sharedAction(a: string, b: string): string | undefined {
  if (actionMatches(a, b)) return b;
  if (actionMatches(b, a)) return a;
  return undefined;
}

/**
 * The role's own Allow statements that grant, on `target`, an action the resource policy allows
 * too: each as `iam-policy` evidence (the resource as the role's policy writes it, in `role …
 * policy … statement N (the shared actions)`). None: the role's policy does not let it use the grant.
 */
function ownPolicyAllows(index: InventoryIndex, role: IamRole, target: NodeRef, service: 's3' | 'sqs', granted: readonly string[]): Edge['evidence'] {
  const grants = grantedTargets(roleAllowStatements(index, role.arn), service, new Map([[target.id, target]])).get(target) ?? [];
  return grants.flatMap((grant) => {
    const actions = [...new Set(grant.actions.flatMap((own) => granted.flatMap((theirs) => sharedAction(own, theirs) ?? [])))];
    return actions.length === 0 ? [] : [located({ matchType: 'iam-policy', matchedValue: grant.resource }, grantField(grant.field, actions))];
  });
}

/** The collected roles of each walked account (a whole-account grant can only be followed into these). */
export function rolesByAccount(inventory: Inventory, index: InventoryIndex): Map<string, IamRole[]> {
  const walked = new Set(inventoryAccounts(inventory).map((account) => account.id));
  const byAccount = new Map<string, IamRole[]>();
  for (const role of index.roles.values()) {
    const account = accountOf(inventory, role.arn);
    if (account === undefined || !walked.has(account)) continue;
    pushTo(byAccount, account, role);
  }
  return byAccount;
}

/** `123456789012/shop-web-task` for a role ARN (any path); undefined for anything else. */
export function roleKey(arn: string): string {
  const parsed = parseArn(arn);
  if (parsed === undefined || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) return '';
  const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
  return `${parsed.account}/${name}`;
}

export function rolesByAccountAndName(index: InventoryIndex): Map<string, IamRole> {
  const roles = new Map<string, IamRole>();
  for (const role of index.roles.values()) roles.set(roleKey(role.arn), role);
  roles.delete('');
  return roles;
}
