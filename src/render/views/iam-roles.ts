import { ref, type TrustPrincipal } from '../../model/index.js';
import { nodeName, lines } from './cells.js';
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
    lines(role.trustPrincipals.map(principalLine)),
    lines(role.attachedPolicies.map((policy) => policy.name)),
    lines(role.inlinePolicies.map((policy) => policy.name)),
    lines([
      ...into('service-role', ref('iam-role', role.arn)).map((edge) => `${nodeName(index, edge.from)} (${edge.attributes.roleSlot})`),
      // Roles of other accounts that may assume it (cross-account-trust): the table says which account each is in.
      ...into('cross-account-trust', ref('iam-role', role.arn)).map((edge) => `${nodeName(index, edge.from)} (assumes it)`),
    ]),
  ]);
}
