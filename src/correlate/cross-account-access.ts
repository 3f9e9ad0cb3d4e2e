import { located } from '../model/fields.js';
import { accountOf, parseArn, ref, type Bucket, type Edge, type IamRole, type Inventory, type InventoryIndex, type NodeRef, type PolicyDocument, type Queue } from '../model/index.js';
import { message, nameOf, shared } from '../model/message.js';

/**
 * IAM role → bucket or queue of another account, when the bucket's or queue's resource policy
 * allows that role in (`Principal: {"AWS": "arn:aws:iam::111111111111:role/…"}`): cross-account
 * access needs the resource policy to name the principal, so the statement is the link's evidence
 * (`resource-policy`, the principal as written, `bucket … policy statement 1 (s3:GetObject)`).
 * Roles are matched by account and name (a principal may omit the role's path). Only roles in
 * the inventory and only links between two accounts: within one account the task role's own
 * policy is the evidence (ecs-s3.ts, ecs-sqs.ts).
 */
export function correlateCrossAccountAccess(inventory: Inventory, index: InventoryIndex): Edge[] {
  const roles = rolesByAccountAndName(index);
  const edges: Edge[] = [];
  const link = (target: NodeRef, policy: PolicyDocument | null | undefined, service: 's3' | 'sqs') => {
    const targetAccount = accountOf(inventory, target.id);
    const evidence = new Map<IamRole, Edge['evidence']>();
    (policy?.statements ?? []).forEach((statement, i) => {
      if (statement.effect !== 'Allow') return;
      const actions = statement.actions.filter((action) => action === '*' || action.toLowerCase().startsWith(`${service}:`));
      if (actions.length === 0) return;
      for (const principal of statement.principals ?? []) {
        if (principal.type !== 'AWS') continue;
        const role = roles.get(roleKey(principal.value));
        if (role === undefined || accountOf(inventory, role.arn) === targetAccount) continue;
        const field = message`${nameOf(index, target)} policy statement ${i + 1} (${shared(actions.join(', '))})`;
        evidence.set(role, [...(evidence.get(role) ?? []), located({ matchType: 'resource-policy', matchedValue: principal.value }, field)]);
      }
    });
    for (const [role, found] of evidence) edges.push({ kind: 'cross-account-access', from: ref('iam-role', role.arn), to: target, evidence: found, attributes: {} });
  };
  for (const bucket of inventory.buckets as Bucket[]) link(ref('bucket', bucket.arn), bucket.policy, 's3');
  for (const queue of inventory.queues as Queue[]) link(ref('queue', queue.arn), queue.policy, 'sqs');
  return edges;
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
