import { ref, type InventoryIndex, type TrustPrincipal } from '../../model/index.js';
import { nodeName, lines, linesOf } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';

export const iamRoleTable: TableSpec = {
  id: 'iam-roles',
  title: 'IAM ROLES',
  columns: ['Role', 'ARN', 'Path', 'Principal', 'Managed Policies', 'Inline Policies', 'Used By'],
  needs: ['roles'],
  rows: iamRoleRows,
};

/** `AWS: arn:aws:iam::111111111111:root (if aws:PrincipalOrgID)`: the condition keys of the statement that allows it. */
function principalLine(principal: TrustPrincipal): string {
  const line = principal.type === '*' ? '*' : `${principal.type}: ${principal.value}`;
  return principal.conditionKeys === undefined ? line : `${line} (if ${principal.conditionKeys.join(', ')})`;
}

function iamRoleRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.roles.map((role) => [
    role.name,
    role.arn,
    role.path,
    linesOf(role.trustPrincipals, principalLine),
    linesOf(role.attachedPolicies, (policy) => policy.name),
    linesOf(role.inlinePolicies, (policy) => policy.name),
    lines(roleUsers(index, into, role.arn)),
  ]);
}

/** The services that run with a role, then the roles of other accounts that may assume it (cross-account-trust): the table says which account each is in. */
function roleUsers(index: InventoryIndex, into: ViewContext['into'], roleArn: string): string[] {
  const role = ref('iam-role', roleArn);
  const users: string[] = [];
  for (const edge of into('service-role', role)) users.push(`${nodeName(index, edge.from)} (${edge.attributes.roleSlot})`);
  for (const edge of into('cross-account-trust', role)) users.push(`${nodeName(index, edge.from)} (assumes it)`);
  return users;
}
