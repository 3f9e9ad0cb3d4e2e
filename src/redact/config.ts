import { InputFileError } from '../errors.js';
import { sensitiveShape } from './patterns.js';

/**
 * The config file's `redaction` section:
 *
 * ```yaml
 * redaction:
 *   aliases: { shop-edge-alb: public-app-alb, www.corp.io: app.example.com }
 *   keep: [/application/]
 *   descriptions: neutral   # or keep
 * ```
 */
export interface RedactionConfig {
  /** Real value → chosen public label. DNS-looking keys are stored lower-case without the trailing dot. */
  aliases: ReadonlyMap<string, string>;
  /** Originals allowed to appear as they are. */
  keep: ReadonlySet<string>;
  /** `keep`: security group and rule descriptions stay (identifiers inside them are still replaced). */
  descriptions: 'keep' | 'neutral';
}

export const EMPTY_REDACTION_CONFIG: RedactionConfig = { aliases: new Map(), keep: new Set(), descriptions: 'neutral' };

const SECTION_KEYS = ['aliases', 'keep', 'descriptions'];

/** A name with dots and no slash or colon: compared like DNS (case, trailing dot). */
export function normalizedKey(value: string): string {
  return /^[^/:\s]+\.[^/:\s]+\.?$/.test(value) ? value.toLowerCase().replace(/\.$/, '') : value;
}

/** Validates the section; `file` names the config file in errors. One error per bad entry, the first found. */
export function parseRedactionConfig(raw: unknown, file = 'config file'): RedactionConfig {
  if (raw === undefined || raw === null) return EMPTY_REDACTION_CONFIG;
  const fail = (entry: string, problem: string, hint?: string): never => {
    throw new InputFileError(file, `redaction${entry}: ${problem}`, { hint });
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('', 'must be a mapping with aliases, keep, descriptions');
  const section = raw as Record<string, unknown>;
  for (const key of Object.keys(section)) {
    if (!SECTION_KEYS.includes(key)) fail(`.${key}`, 'unknown setting', `Known settings: ${SECTION_KEYS.join(', ')}.`);
  }
  return {
    aliases: parseAliases(section.aliases, fail),
    keep: parseKeep(section.keep, fail),
    descriptions: parseDescriptions(section.descriptions, fail),
  };
}

type Fail = (entry: string, problem: string, hint?: string) => never;

function parseAliases(raw: unknown, fail: Fail): Map<string, string> {
  const aliases = new Map<string, string>();
  if (raw === undefined || raw === null) return aliases;
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('.aliases', 'must be a mapping of real value → public label');
  const labelOwners = new Map<string, string>();
  for (const [real, label] of Object.entries(raw as Record<string, unknown>)) {
    const entry = `.aliases."${real}"`;
    if (real.trim() === '') fail(entry, 'the real value is empty');
    if (typeof label !== 'string' || label.trim() === '') fail(entry, 'the public label must be a non-empty string');
    const publicLabel = (label as string).trim();
    if (/[\s\u0000-\u001f]/.test(publicLabel)) fail(entry, 'the public label must not contain spaces or control characters');
    const shape = sensitiveShape(publicLabel);
    if (shape !== undefined) {
      fail(entry, `the public label looks like a real AWS identifier (${shape})`, 'Choose a label such as public-app-alb or app.example.com.');
    }
    const normalizedLabel = normalizedKey(publicLabel);
    const owner = labelOwners.get(normalizedLabel);
    if (owner !== undefined) fail(entry, `the public label is already the alias of "${owner}": two resources would look like one`);
    labelOwners.set(normalizedLabel, real);
    aliases.set(normalizedKey(real.trim()), publicLabel);
  }
  return aliases;
}

function parseKeep(raw: unknown, fail: Fail): Set<string> {
  const keep = new Set<string>();
  if (raw === undefined || raw === null) return keep;
  if (!Array.isArray(raw)) fail('.keep', 'must be a list of original values allowed to stay');
  (raw as unknown[]).forEach((value, i) => {
    const entry = `.keep[${i}]`;
    if (typeof value !== 'string' || value.trim() === '') fail(entry, 'must be a non-empty string');
    const shape = sensitiveShape(value as string);
    if (shape !== undefined) {
      fail(entry, `looks like a real AWS identifier (${shape}); the leak guard would refuse every output that kept it`);
    }
    keep.add(normalizedKey((value as string).trim()));
  });
  return keep;
}

function parseDescriptions(raw: unknown, fail: Fail): 'keep' | 'neutral' {
  if (raw === undefined || raw === null) return 'neutral';
  if (raw !== 'keep' && raw !== 'neutral') fail('.descriptions', 'must be "keep" or "neutral"');
  return raw as 'keep' | 'neutral';
}
