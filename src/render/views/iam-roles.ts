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

function principalLine(principal: TrustPrincipal): string {
  return principal.type === '*' ? '*' : `${principal.type}: ${principal.value}`;
}

function iamRoleRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.roles.map((role) => [
    role.name,
    role.arn,
    role.path,
    lines(role.trustPrincipals.map(principalLine)),
    lines(role.attachedPolicies.map((policy) => policy.name)),
    lines(role.inlinePolicies.map((policy) => policy.name)),
    lines(into('service-role', ref('iam-role', role.arn)).map((edge) => `${nodeName(index, edge.from)} (${edge.attributes.roleSlot})`)),
  ]);
}
