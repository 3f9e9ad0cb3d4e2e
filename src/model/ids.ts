/** Identifiers as AWS spells them: ARN parts and the composite id of a DNS record. */

export function dnsRecordId(record: { zoneId: string; name: string; type: string; setIdentifier?: string }): string {
  return [record.zoneId, record.name, record.type, record.setIdentifier ?? ''].join('|');
}

/** The last path segment of an ARN resource (`arn:aws:iam::1:role/app/web` → `web`). */
export function arnResourceName(arn: string): string {
  const fields = arn.split(':');
  // No ARN: a template's reference (`${Import:shared:Listener}`, a rule id under it) is read by its
  // last `/` part, or whole when it ends in the reference itself, rather than as an empty name.
  if (fields.length < 6) return arn.endsWith('}') ? arn : arn.slice(arn.lastIndexOf('/') + 1);
  const parts = fields.slice(5).join(':').split('/');
  return parts[parts.length - 1]!;
}

/** Splits an ARN into its six parts; undefined when the string is not an ARN. */
export function parseArn(
  arn: string,
): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1] ?? '',
    service: parts[2] ?? '',
    region: parts[3] ?? '',
    account: parts[4] ?? '',
    resource: parts.slice(5).join(':'),
  };
}

/** `example.com.` → `example.com`: Route53 spells names fully qualified, readers do not. */
export function stripTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
