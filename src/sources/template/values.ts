/**
 * Resolved template values are plain JSON. These helpers read them leniently (CloudFormation
 * accepts `"80"` for a port and `"true"` for a boolean) and spell the placeholders that stand for
 * values only a deployment would know.
 */

export type JsonRecord = Record<string, unknown>;

/** `${Param:DomainName}`, `${Import:SharedVpcId}`, `${SSM:/cdk-bootstrap/version}`. */
export function unresolved(kind: string, name: string): string {
  return `\${${kind}:${name}}`;
}

/** `${WebAlb.CanonicalHostedZoneID}`: an attribute only the deployed resource knows. */
export function attributePlaceholder(logicalId: string, attribute: string): string {
  return `\${${logicalId}.${attribute}}`;
}

const PLACEHOLDER = /\$\{(?:[A-Za-z0-9]+:[^}]*|[A-Za-z0-9]+\.[A-Za-z0-9.]+)\}/;

/** True when the value (or anything inside it) holds a placeholder. */
export function containsUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return PLACEHOLDER.test(value);
  if (Array.isArray(value)) return value.some(containsUnresolved);
  if (isRecord(value)) return Object.values(value).some(containsUnresolved);
  return false;
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text CloudFormation would substitute for a value inside a string. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).join(',');
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

/** A list of strings; a single string counts as a one-element list. */
export function asStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map(asString).filter((item): item is string => item !== undefined);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asRecords(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Route53 spells names fully qualified. */
export function withTrailingDot(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}
