import { located } from '../model/fields.js';
import { accountOf, ref, type Edge, type Inventory, type InventoryIndex } from '../model/index.js';
import { message, nameOf } from '../model/message.js';
import { roleKey, rolesByAccountAndName } from './cross-account-access.js';

/**
 * IAM role → IAM role of another account that trusts it: the trusting role's trust policy names
 * the other role as an `AWS` principal, so the trusted role may assume it (role chaining across
 * accounts). Evidence `trust-policy`: the principal as written, in `role … trust policy`. A trust
 * policy naming a whole account (`arn:aws:iam::111111111111:root`) names no role to link from; the
 * audit reports such trust instead.
 */
export function correlateCrossAccountTrust(inventory: Inventory, index: InventoryIndex): Edge[] {
  const roles = rolesByAccountAndName(index);
  const edges: Edge[] = [];
  for (const trusting of index.roles.values()) {
    const account = accountOf(inventory, trusting.arn);
    const to = ref('iam-role', trusting.arn);
    for (const principal of trusting.trustPrincipals) {
      if (principal.type !== 'AWS') continue;
      const trusted = roles.get(roleKey(principal.value));
      if (trusted === undefined || trusted.arn === trusting.arn || accountOf(inventory, trusted.arn) === account) continue;
      edges.push({
        kind: 'cross-account-trust',
        from: ref('iam-role', trusted.arn),
        to,
        evidence: [located({ matchType: 'trust-policy', matchedValue: principal.value }, message`${nameOf(index, to)} trust policy`)],
        attributes: {},
      });
    }
  }
  return edges;
}
