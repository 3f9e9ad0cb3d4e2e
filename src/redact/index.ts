import { parseAuditConfig, type AuditConfig } from '../audit/config.js';
import { InputFileError } from '../errors.js';
import { collectionWarnings } from '../model/coverage.js';
import { indexInventory, type Inventory, type Topology, type Warning } from '../model/index.js';
import { severityRank } from '../audit/severity.js';
import { redactArn } from './arns.js';
import { parseRedactionConfig, type RedactionConfig } from './config.js';
import { redactEdge, redactFinding, type TextRedaction } from './edges.js';
import { redactInventory } from './inventory.js';
import { redactScope } from './scope.js';
import { loadRedactionKey } from './key.js';
import { recordAllowances, sensitiveScanner } from './leak-guard.js';
import { PublicNames } from './names.js';
import { Pseudonyms } from './pseudonyms.js';
import { roleNames } from './roles.js';
import { sortedBy } from './order.js';
import { fold } from './scan.js';
import type { SensitiveValue } from './sensitive.js';

export { assertNoLeak, findLeaks } from './leak-guard.js';
export { parseRedactionConfig, type RedactionConfig } from './config.js';

export interface RedactOptions {
  redactRegion: boolean;
  /** The config file's `redaction` section (aliases, allow-list), validated by this module. */
  config: unknown;
  /** The config file's path, named in validation errors. */
  configFile?: string;
  /** The config file's `audit` section: suppression targets and reasons are the user's words, looked for by the guard. */
  audit?: unknown;
  /**
   * The secret that keys the pseudonyms. Default: TOPOLOGY_REDACTION_KEY, else
   * `~/.config/topology/redaction.key` (created on first use). Tests pass one.
   */
  key?: string;
  /** `roles` (default): names from each resource's place in the topology; `keyed`: keyed pseudonyms only. */
  publicNames?: PublicNameStyle;
}

export const PUBLIC_NAME_STYLES = ['roles', 'keyed'] as const;
export type PublicNameStyle = (typeof PUBLIC_NAME_STYLES)[number];

export const PUBLIC_MODE_WARNING: Warning = {
  code: 'public-mode',
  message: 'Public mode enabled: infrastructure identifiers, endpoints, ARNs, and sensitive values have been redacted.',
};

/**
 * The --public copy of a topology: every identifier replaced by a stable pseudonym or alias, every
 * value that could identify the account hidden, the shape (edges, counts, ports, match types) kept.
 * The input is not modified.
 */
export function redactTopology(topology: Topology, options: RedactOptions): Topology {
  const config = parseRedactionConfig(options.config, options.configFile);
  rejectAliasesThatLeak(config, topology, options);
  const pseudonyms = new Pseudonyms(options.key ?? loadRedactionKey(), config);
  if ((options.publicNames ?? 'roles') === 'roles') {
    pseudonyms.useRoles(roleNames(topology, (namespace, real) => pseudonyms.order(namespace, real), new Set(config.aliases.values())));
  }
  const names = new PublicNames(pseudonyms, topology.inventory, options.redactRegion);
  // First walk: learn every value (and the text table); then settle collisions; second walk: emit.
  redactWith(topology, names, config);
  pseudonyms.resolve();
  const redacted = redactWith(topology, names, config);
  recordAllowances(topology, {
    allowed: allowedOriginals(config, topology),
    redactRegion: options.redactRegion,
    supplied: suppliedValues(config, parseAuditConfig(options.audit, options.configFile ?? 'config file')),
  });
  return redacted;
}

function redactWith(topology: Topology, names: PublicNames, config: RedactionConfig): Topology {
  const scrub = (text: string) => names.scrub(text, (arn) => redactArn(names, arn));
  const scrubDescription = (text: string) => scrubContacts(names, scrub(text));
  const inventory = redactInventory(topology.inventory, { names, descriptions: config.descriptions, scrub, scrubDescription });
  const text: TextRedaction = { names, scrub, publicIndex: indexInventory(inventory) };
  const warnings = publicWarnings(topology, inventory);
  return {
    inventory,
    edges: topology.edges.map((edge) => redactEdge(text, edge)),
    findings: sortedBy(topology.findings.map((finding) => redactFinding(text, finding)), (finding) => [String(severityRank(finding.severity)).padStart(2, '0'), finding.ruleId, finding.message]),
    warnings: warnings.some((warning) => warning.code === 'public-mode') ? warnings : [PUBLIC_MODE_WARNING, ...warnings],
    redacted: true,
    ...(topology.scope === undefined ? {} : { scope: redactScope(text, topology.scope) }),
  };
}

/**
 * Warnings are not searched for names: a collection warning is written again from the redacted
 * coverage entry it was written from (same order), a template source's notice keeps only its kind,
 * and any other warning (no structure to rebuild it from) keeps only its code (fail closed).
 */
function publicWarnings(topology: Topology, publicInventory: Inventory): Warning[] {
  const real = collectionWarnings(topology.inventory.coverage);
  const published = collectionWarnings(publicInventory.coverage);
  const rebuilt = new Map<string, Warning>();
  real.forEach((warning, i) => {
    if (!rebuilt.has(warning.message)) rebuilt.set(warning.message, published[i]!);
  });
  const fromSource = new Set(topology.inventory.sourceWarnings ?? []);
  return topology.warnings.map((warning) => {
    if (warning.code === 'public-mode') return warning;
    if (fromSource.has(warning)) return publicSourceWarning(warning);
    return rebuilt.get(warning.message) ?? { code: warning.code, message: UNSTRUCTURED_NOTICE };
  });
}

/** What a warning with no structure to rebuild it from says under --public. */
export const UNSTRUCTURED_NOTICE = 'A notice whose details are not published with --public.';

/**
 * What a template source said (unresolved values with their property paths and export names,
 * files skipped, nested stacks not found) names the user's files, stacks and logical IDs in prose
 * that cannot be redacted by structure: the public copy keeps only what kind of notice it was.
 */
function publicSourceWarning(warning: Warning): Warning {
  if (warning.code === 'unresolved') {
    const count = /^(\d+) template value/.exec(warning.message)?.[1];
    return { code: warning.code, message: `${count ?? 'Some'} template value(s) could not be resolved and are shown as placeholders; the details are not published with --public.` };
  }
  return { code: warning.code, message: 'A template input notice; its details are not published with --public.' };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\d.])/g;

/** E-mail addresses and IP addresses (public ones too: an office or a partner) in text a user chose to keep. */
function scrubContacts(names: PublicNames, text: string): string {
  return text.replace(EMAIL, () => 'e-mail-redacted').replace(IPV4, (ip) => names.cidr(ip));
}

/**
 * What the config file holds that the output must not: the real side of each alias, suppression
 * targets, and the words of suppression reasons that could identify someone or something
 * (`TICKET-1234`, `alice@corp.com`).
 */
function suppliedValues(config: RedactionConfig, audit: AuditConfig): SensitiveValue[] {
  const values: SensitiveValue[] = [];
  for (const [real, label] of config.aliases) {
    if (real.toLowerCase() !== label.toLowerCase()) values.push({ value: real, category: 'alias original', field: 'redaction.aliases' });
  }
  audit.suppressions.forEach((suppression, i) => {
    const field = `audit.suppressions[${i}]`;
    if (suppression.resource !== undefined) {
      for (const part of suppression.resource.split('*')) if (part !== '') values.push({ value: part, category: 'suppression resource', field: `${field}.resource` });
    }
    for (const word of suppression.reason.split(/[\s,;()"'`<>]+/)) {
      const token = word.replace(/^[.:]+|[.:]+$/g, '');
      if (/[\d@_/-]/.test(token)) values.push({ value: token, category: 'suppression reason', field: `${field}.reason` });
    }
  });
  return values;
}

/** Originals the output may show: the `keep` list, identity aliases, descriptions when kept. */
function allowedOriginals(config: RedactionConfig, topology: Topology): string[] {
  const allowed = [...config.keep];
  for (const [real, label] of config.aliases) if (real.toLowerCase() === label.toLowerCase()) allowed.push(real);
  if (config.descriptions === 'keep') {
    for (const group of topology.inventory.securityGroups) {
      allowed.push(group.description, ...[...group.inbound, ...group.outbound].flatMap((rule) => (rule.description ? [rule.description] : [])));
    }
  }
  return allowed;
}

/** An alias whose public label contains a real value of this account would be caught by the guard: say so now. */
function rejectAliasesThatLeak(config: RedactionConfig, topology: Topology, options: RedactOptions): void {
  if (config.aliases.size === 0) return;
  const scanner = sensitiveScanner(topology, options.redactRegion, allowedOriginals(config, topology));
  for (const [real, label] of config.aliases) {
    const hit = scanner.find(label).find((needle) => needle.text !== fold(real));
    if (hit !== undefined) {
      throw new InputFileError(options.configFile ?? 'config file', `redaction.aliases."${real}": the public label contains a real ${hit.tag.category} of this account (${hit.tag.field})`, {
        hint: 'Choose a label that names no real resource.',
      });
    }
  }
}
