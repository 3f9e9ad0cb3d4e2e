import { grantField, located } from '../model/fields.js';
import { accountOf, ref, type Edge, type IamRole, type Inventory, type InventoryIndex } from '../model/index.js';
import { identifier, message, nameOf, shared, type Message } from '../model/message.js';
import { wholeAccountPrincipal } from '../model/principals.js';
import { roleKey, rolesByAccount, rolesByAccountAndName } from './cross-account-access.js';
import { actionMatches } from './match.js';
import { grantedTargets, type ResourceShape } from './policy-resources.js';
import { roleAllowStatements } from './service-context.js';

const ASSUME_ROLE = 'sts:AssumeRole';

/**
 * IAM role → IAM role of another account that trusts it (role chaining across accounts). Both
 * sides must allow it, as AWS evaluates it:
 *
 * - a trust statement naming the role (`arn:aws:iam::111111111111:role/…`) links it; evidence
 *   `trust-policy`: the principal as written, in `role … trust policy`;
 * - a trust statement naming a whole account (`arn:aws:iam::111111111111:root`, the bare id) or
 *   anyone (`*`, usually narrowed by a condition such as `aws:PrincipalOrgID`) leaves the choice
 *   to that account's identity policies: every collected role of a walked account whose own policy
 *   allows `sts:AssumeRole` on the trusting role is linked, with the trust (`role … trust policy
 *   lets the whole account 111111111111 in`, its condition keys named) and the role's statement
 *   (`iam-policy`) as evidence.
 *
 * A role-named link also carries the role's own statement when there is one. Conditions are named,
 * not evaluated. Only collected roles can be linked: task and execution roles, and the roles other
 * accounts may assume (src/sources/aws/iam.ts).
 */
export function correlateCrossAccountTrust(inventory: Inventory, index: InventoryIndex): Edge[] {
  const roles = rolesByAccountAndName(index);
  const rolesOf = rolesByAccount(inventory, index);
  const edges: Edge[] = [];
  for (const trusting of index.roles.values()) {
    const account = accountOf(inventory, trusting.arn);
    const to = ref('iam-role', trusting.arn);
    const evidence = new Map<IamRole, Edge['evidence']>();
    const add = (role: IamRole, found: Edge['evidence']) => evidence.set(role, [...(evidence.get(role) ?? []), ...found]);
    for (const principal of trusting.trustPrincipals) {
      if (principal.type !== 'AWS') continue;
      const conditions = principal.conditionKeys === undefined ? '' : ` (conditions: ${principal.conditionKeys.join(', ')})`;
      const whole = principal.value === '*' ? '*' : wholeAccountPrincipal(principal.value);
      if (whole !== undefined) {
        const accounts = whole === '*' ? [...rolesOf.keys()].filter((other) => other !== account) : whole === account ? [] : [whole];
        for (const other of accounts) {
          const who: Message = whole === '*' ? message`any account` : message`the whole account ${identifier('account', other)}`;
          const trust = located({ matchType: 'trust-policy', matchedValue: principal.value }, message`${nameOf(index, to)} trust policy lets ${who} in${shared(conditions)}`);
          for (const role of rolesOf.get(other) ?? []) {
            const allowed = assumeAllowed(index, role, trusting.arn);
            if (allowed.length > 0) add(role, [trust, ...allowed]);
          }
        }
        continue;
      }
      const trusted = roles.get(roleKey(principal.value));
      if (trusted === undefined || trusted.arn === trusting.arn || accountOf(inventory, trusted.arn) === account) continue;
      const trust = located({ matchType: 'trust-policy', matchedValue: principal.value }, message`${nameOf(index, to)} trust policy${shared(conditions)}`);
      add(trusted, [trust, ...assumeAllowed(index, trusted, trusting.arn)]);
    }
    for (const [role, found] of evidence) edges.push({ kind: 'cross-account-trust', from: ref('iam-role', role.arn), to, evidence: found, attributes: {} });
  }
  return edges;
}

/** A role policy resource names roles when its name part has more than wildcards (`…:role/*` names none). */
const ROLES: ResourceShape = {
  container: (resource) => resource,
  namesAResource: (resource) => (/:role\/(.+)$/.exec(resource)?.[1] ?? '').replace(/[*?/]/g, '').length >= 3,
};

/** The role's own Allow statements that grant `sts:AssumeRole` on `roleArn`, each as `iam-policy` evidence. */
function assumeAllowed(index: InventoryIndex, role: IamRole, roleArn: string): Edge['evidence'] {
  const grants = grantedTargets(roleAllowStatements(index, role.arn), 'sts', new Map([[roleArn, roleArn]]), ROLES).get(roleArn) ?? [];
  return grants.flatMap((grant) =>
    grant.actions.some((action) => actionMatches(action, ASSUME_ROLE)) ? [located({ matchType: 'iam-policy', matchedValue: grant.resource }, grantField(grant.field, [ASSUME_ROLE]))] : [],
  );
}
