import { missingData, type MissingData } from '../model/coverage.js';
import type { Finding, InventoryIndex, Topology } from '../model/index.js';
import { auditContext } from './context.js';
import { parseAuditConfig } from './config.js';
import type { AuditContext, Rule } from './rule.js';
import { RULES, ruleNotEvaluated } from './rules/index.js';
import { severityRank } from './severity.js';
import { applySuppressions } from './suppressions.js';
import { hidden, identifier, message, recordMessageParts, shared, type Message } from './message.js';

export interface AuditOptions {
  /** The config file the `audit` section came from, for error messages. */
  configFile?: string;
  /** Rules to run; every registered rule by default. */
  rules?: readonly Rule[];
  /** The topology's inventory indexed (`indexInventory`), when the caller has it already. */
  index?: InventoryIndex;
}

/** `ecs:ListClusters denied in us-east-1`, each call once per region; the region is redacted like any other (`--redact-region`). */
function missingCalls(missing: readonly MissingData[]): Message[] {
  const seen = new Set<string>();
  const calls: Message[] = [];
  for (const miss of missing) {
    const outcome = miss.reason === 'error' ? 'failed' : miss.reason;
    if (seen.has(`${miss.action} ${outcome} ${miss.region}`)) continue;
    seen.add(`${miss.action} ${outcome} ${miss.region}`);
    calls.push(message`${shared(miss.action)} ${shared(outcome)} in ${identifier('region', miss.region)}`);
  }
  return calls;
}

/** The TOPO-META-002 finding that stands for a rule's unknown findings; `why` completes the sentence. */
function notEvaluated(rule: Rule, why: Message): Finding {
  const text = message`${shared(rule.id)} (${shared(rule.title)}) ${why}`;
  const finding = { ruleId: ruleNotEvaluated.id, title: ruleNotEvaluated.title, severity: ruleNotEvaluated.severity, message: text.message, resources: [], evidence: [] };
  return recordMessageParts(finding, text.parts);
}

/**
 * A rule whose data was not (all) collected is not run: it reports "not checked" instead, since
 * on missing data it would report what it cannot see ("used by no service"). A rule that throws
 * yields the same kind of finding instead of crashing the run.
 */
function evaluate(rule: Rule, context: AuditContext): Finding[] {
  const missing = missingData(context.inventory.coverage, rule.needs);
  if (missing.length > 0) return [notEvaluated(rule, message`not checked: its data was not collected (${missingCalls(missing)}).`)];
  try {
    return rule.check(context).map((result) =>
      recordMessageParts(
        { ruleId: rule.id, title: rule.title, severity: rule.severity, message: result.message, resources: result.resources, evidence: result.evidence },
        result.parts,
      ),
    );
  } catch (error) {
    return [notEvaluated(rule, message`could not be evaluated: ${hidden(error instanceof Error ? error.message : String(error))}`)];
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

/**
 * Runs every rule over the correlated topology. `config` is the config file's `audit` section
 * (validated here: a bad suppression is an InputFileError). Findings come most severe first.
 */
export function runAudit(topology: Topology, config: unknown, options: AuditOptions = {}): Finding[] {
  const { suppressions } = parseAuditConfig(config, options.configFile ?? 'config file');
  const context = auditContext(topology, options.index);
  const findings = (options.rules ?? RULES).flatMap((rule) => evaluate(rule, context));
  return applySuppressions(context.index, findings, suppressions).sort(compareFindings);
}
