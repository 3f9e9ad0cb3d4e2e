import { parseArn, ref } from '../../../model/index.js';
import { principalAccount } from '../../../model/principals.js';
import type { Rule } from '../../rule.js';
import { identifier, message, nameOf, shared } from '../../message.js';

export const unconditionedCrossAccountTrust: Rule = {
  id: 'TOPO-ACCT-002',
  title: 'Role trusted by another account without conditions',
  severity: 'medium',
  area: 'accounts',
  needs: ['roles'],
  rationale:
    'A trust policy that lets another account assume a role with no condition lets anyone there who obtains sts:AssumeRole in (the confused-deputy problem for third parties); a condition such as sts:ExternalId or aws:PrincipalOrgID narrows who may.',
  remediation: 'Add a condition to the trust statement: sts:ExternalId for a third party, aws:PrincipalOrgID or aws:PrincipalArn for your own accounts.',
  check: ({ inventory, index }) =>
    inventory.roles.flatMap((role) => {
      const own = parseArn(role.arn)?.account;
      return role.trustPrincipals
        .filter((principal) => principal.type === 'AWS' && principal.conditionKeys === undefined)
        .flatMap((principal) => {
          const account = principalAccount(principal.value);
          if (account === undefined || account === own) return [];
          const who = account === '*' ? shared('any account') : message`account ${identifier('account', account)}`;
          return [
            {
              ...message`Role ${nameOf(index, ref('iam-role', role.arn))} may be assumed from ${who} without any condition.`,
              resources: [ref('iam-role', role.arn)],
              evidence: [{ matchType: 'trust-policy' as const, matchedValue: principal.value }],
            },
          ];
        });
    }),
};
