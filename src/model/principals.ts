import { parseArn } from './ids.js';

/** The account a principal names as a whole (`arn:aws:iam::111111111111:root` or `111111111111`); undefined otherwise. */
export function wholeAccountPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const arn = parseArn(value);
  return arn !== undefined && arn.service === 'iam' && arn.resource === 'root' ? arn.account : undefined;
}

/** The account an `AWS` principal belongs to (`*` for anyone); undefined when it names none. */
export function principalAccount(value: string): string | undefined {
  if (value === '*') return '*';
  if (/^\d{12}$/.test(value)) return value;
  return parseArn(value)?.account || undefined;
}

/** Does the trust policy let a principal of another account than `account` (or anyone, `*`) assume the role? */
export function trustedFromOtherAccount(trustPrincipals: readonly { type: string; value: string }[], account: string): boolean {
  return trustPrincipals.some((principal) => {
    if (principal.type !== 'AWS') return false;
    const owner = principalAccount(principal.value);
    return owner !== undefined && owner !== account;
  });
}
