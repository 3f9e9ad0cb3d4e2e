import type { Node } from 'constructs';
import { UsageError } from '../../src/errors.js';

/** The public name, TLS and DNS record, when the stack is given a hosted zone. */
export interface DomainConfig {
  /** The hosted zone's name, e.g. `example.com`. */
  zoneName: string;
  hostedZoneId: string;
  /** The fully qualified name of the alias record, e.g. `app.example.com`. */
  recordName: string;
}

export interface ReferenceStackConfig {
  /** NAT gateways for the private-with-egress subnets; 0 leaves them reachable only via endpoints. */
  natGateways: number;
  /** Absent: HTTP-only mode (no certificate, no DNS record, port 80 forwards). */
  domain?: DomainConfig;
  webDesiredCount: number;
  workerDesiredCount: number;
  databaseMultiAz: boolean;
  databaseDeletionProtection: boolean;
}

export const CONTEXT_KEYS = [
  'natGateways',
  'domainName',
  'hostedZoneId',
  'recordName',
  'webDesiredCount',
  'workerDesiredCount',
  'databaseMultiAz',
  'databaseDeletionProtection',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** Context values arrive as strings from `-c key=value` and as JSON values from cdk.json. */
type ReadContext = (key: ContextKey) => unknown;

function contextError(key: ContextKey, value: unknown, expected: string): UsageError {
  return new UsageError(`reference stack: context '${key}' is ${JSON.stringify(value)}, expected ${expected}`, {
    hint: `pass it as -c ${key}=<value> or set it under "context" in reference-stack/cdk.json`,
  });
}

function readCount(read: ReadContext, key: ContextKey, fallback: number, max: number): number {
  const raw = read(key);
  if (raw === undefined) return fallback;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 0 || value > max) throw contextError(key, raw, `an integer from 0 to ${max}`);
  return value;
}

function readFlag(read: ReadContext, key: ContextKey, fallback: boolean): boolean {
  const raw = read(key);
  if (raw === undefined) return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw contextError(key, raw, 'true or false');
}

function readText(read: ReadContext, key: ContextKey): string | undefined {
  const raw = read(key);
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw contextError(key, raw, 'a string');
  return raw.trim().replace(/\.$/, '');
}

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function readDomain(read: ReadContext): DomainConfig | undefined {
  const zoneName = readText(read, 'domainName');
  const hostedZoneId = readText(read, 'hostedZoneId');
  if (zoneName === undefined && hostedZoneId === undefined) return undefined;
  // The zone is imported, never looked up: without its id the stack would need AWS credentials.
  if (zoneName === undefined) throw contextError('domainName', undefined, 'the hosted zone name when hostedZoneId is set');
  if (hostedZoneId === undefined) throw contextError('hostedZoneId', undefined, 'the hosted zone id when domainName is set');
  if (!DNS_NAME.test(zoneName)) throw contextError('domainName', zoneName, 'a DNS name such as example.com');
  if (!HOSTED_ZONE_ID.test(hostedZoneId)) throw contextError('hostedZoneId', hostedZoneId, 'a Route53 zone id such as Z0123456789ABCDEFGHIJ');
  const label = readText(read, 'recordName') ?? 'app';
  const recordName = label.endsWith(`.${zoneName}`) || label === zoneName ? label : `${label}.${zoneName}`;
  if (!DNS_NAME.test(recordName)) throw contextError('recordName', label, 'a label or a name inside the hosted zone');
  return { zoneName, hostedZoneId, recordName };
}

export function readReferenceStackConfig(read: ReadContext): ReferenceStackConfig {
  const domain = readDomain(read);
  return {
    natGateways: readCount(read, 'natGateways', 1, 2),
    ...(domain === undefined ? {} : { domain }),
    webDesiredCount: readCount(read, 'webDesiredCount', 2, 10),
    workerDesiredCount: readCount(read, 'workerDesiredCount', 1, 10),
    databaseMultiAz: readFlag(read, 'databaseMultiAz', false),
    databaseDeletionProtection: readFlag(read, 'databaseDeletionProtection', false),
  };
}

export function configFromNode(node: Node): ReferenceStackConfig {
  return readReferenceStackConfig((key) => node.tryGetContext(key));
}
