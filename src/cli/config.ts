import { parseAuditConfig } from '../audit/config.js';
import { ALL_RULES } from '../audit/rules/index.js';
import { loadConfig, type RawConfig } from '../config.js';
import { parseDriftConfig } from '../drift/ignore.js';
import { InputFileError } from '../errors.js';
import { parseRedactionConfig } from '../redact/config.js';
import { editDistance } from '../model/edit-distance.js';

/**
 * The config file, read and validated whole before any command does its work: every section
 * (redaction, audit, drift) whichever command runs, so a mistake in one section is reported the
 * same way by every command instead of only by the one that uses it.
 */
export async function loadValidConfig(file: string | undefined): Promise<RawConfig> {
  const config = await loadConfig(file);
  if (config.file === undefined) return config;
  parseRedactionConfig(config.redaction, config.file);
  parseDriftConfig(config.drift, config.file);
  const { suppressions } = parseAuditConfig(config.audit, config.file);
  suppressions.forEach((suppression, at) => checkRuleId(suppression.ruleId, `audit.suppressions[${at}]`, config.file!));
  return config;
}

function checkRuleId(ruleId: string, at: string, file: string): void {
  const ids = ALL_RULES.map((rule) => rule.id);
  if (ids.includes(ruleId)) return;
  const close = closeMatches(ruleId, ids);
  throw new InputFileError(file, `${at}: no rule has the id "${ruleId}"${close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : ''}`, {
    hint: 'Rule ids are listed in docs/rules.md.',
  });
}

/** The known ids nearest to a mistyped one (fewest edits, case-insensitive; ties all listed), if any is near. */
export function closeMatches(given: string, known: readonly string[], limit = 3): string[] {
  const wanted = given.toUpperCase();
  const scored = known.map((id) => ({ id, distance: editDistance(wanted, id.toUpperCase()) }));
  const best = Math.min(...scored.map((entry) => entry.distance));
  if (best > Math.max(2, Math.floor(wanted.length / 4))) return [];
  return scored
    .filter((entry) => entry.distance === best)
    .map((entry) => entry.id)
    .sort()
    .slice(0, limit);
}

