import { containsTokenLowercase } from './token-index.js';

/** Small matching helpers shared by the correlators. Pure functions, no inventory knowledge. */

const DUALSTACK = 'dualstack.';

/** DNS names compare case-, trailing-dot- and `dualstack.`-insensitively. */
export function normalizeDnsName(name: string): string {
  let normal = name.trim().toLowerCase();
  if (normal.endsWith('.')) normal = normal.slice(0, -1);
  return normal.startsWith(DUALSTACK) ? normal.slice(DUALSTACK.length) : normal;
}


const globCache = new Map<string, RegExp>();

/** IAM-style glob (`*` any run, `?` one character), case-sensitive like IAM resource ARNs. */
export function globMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let regex = globCache.get(key);
  if (regex === undefined) {
    const source = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
    globCache.set(key, regex);
  }
  return regex.test(value);
}

/** IAM action match: `s3:*`, `s3:Put*`, `*`; actions are case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

/**
 * True when `token` occurs in `text` as a whole token: not glued to other name characters.
 * `shop-db` is found in `postgres://app@shop-db.x.rds.amazonaws.com` but not in `shop-dbx`.
 */
export function containsToken(text: string, token: string): boolean {
  return token.length > 0 && containsTokenLowercase(text.toLowerCase(), token.toLowerCase());
}

/** Does a port range (absent = all ports) include `port`? */
export function portInRange(port: number, fromPort: number | undefined, toPort: number | undefined): boolean {
  if (fromPort === undefined || toPort === undefined) return true;
  if (fromPort === -1) return true;
  return port >= fromPort && port <= toPort;
}

/** Does an SG rule's protocol carry TCP traffic? */
export function carriesTcp(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'all' || protocol === '-1' || protocol === '6';
}
