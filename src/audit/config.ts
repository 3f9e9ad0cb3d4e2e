import { InputFileError } from '../errors.js';

export interface Suppression {
  ruleId: string;
  /** An id, ARN or name of one of the finding's resources; `*` matches any run of characters. */
  resource?: string;
  reason: string;
}

export interface AuditConfig {
  suppressions: Suppression[];
}

const SECTION_KEYS = new Set(['suppressions']);
const SUPPRESSION_KEYS = new Set(['ruleId', 'resource', 'reason']);

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function parseSuppression(entry: unknown, at: string, file: string): Suppression {
  if (!isMapping(entry)) throw new InputFileError(file, `${at}: must be a mapping with ruleId, reason and optionally resource`);
  for (const key of Object.keys(entry)) {
    if (!SUPPRESSION_KEYS.has(key)) throw new InputFileError(file, `${at}: unknown key "${key}" (known: ruleId, resource, reason)`);
  }
  if (!nonEmptyString(entry.ruleId)) throw new InputFileError(file, `${at}: ruleId is required (e.g. TOPO-RDS-006)`);
  const where = `${at} (${entry.ruleId})`;
  if (!nonEmptyString(entry.reason)) {
    throw new InputFileError(file, `${where}: reason is required`, { hint: 'Say why the finding is accepted, e.g. "single-AZ is fine for staging".' });
  }
  if (entry.resource !== undefined && !nonEmptyString(entry.resource)) {
    throw new InputFileError(file, `${where}: resource must be a non-empty string (an id, ARN or name)`);
  }
  return {
    ruleId: entry.ruleId.trim(),
    ...(entry.resource === undefined ? {} : { resource: (entry.resource as string).trim() }),
    reason: entry.reason.trim(),
  };
}

/** Validates the config file's `audit` section; `file` names the config file in errors. */
export function parseAuditConfig(section: unknown, file: string): AuditConfig {
  if (section === undefined || section === null) return { suppressions: [] };
  if (!isMapping(section)) throw new InputFileError(file, 'audit: must be a mapping (known key: suppressions)');
  for (const key of Object.keys(section)) {
    if (!SECTION_KEYS.has(key)) throw new InputFileError(file, `audit: unknown key "${key}" (known: suppressions)`);
  }
  const suppressions = section.suppressions ?? [];
  if (!Array.isArray(suppressions)) throw new InputFileError(file, 'audit.suppressions: must be a list');
  return { suppressions: suppressions.map((entry, i) => parseSuppression(entry, `audit.suppressions[${i}]`, file)) };
}
