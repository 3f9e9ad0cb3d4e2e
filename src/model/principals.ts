import { parseArn } from './ids.js';

/** The account a principal names as a whole (`arn:aws:iam::111111111111:root` or `111111111111`); undefined otherwise. */
export function wholeAccountPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const arn = parseArn(value);
  return arn !== undefined && arn.service === 'iam' && arn.resource === 'root' ? arn.account : undefined;
}
