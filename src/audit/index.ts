import type { Finding, Topology } from '../model/index.js';
import { auditContext } from './context.js';
import { parseAuditConfig } from './config.js';
import type { AuditContext, Rule } from './rule.js';
import { RULES, ruleNotEvaluated } from './rules/index.js';
import { severityRank } from './severity.js';
import { applySuppressions } from './suppressions.js';
import { hidden, message, recordMessageParts, shared } from './message.js';

export interface AuditOptions {
  /** The config file the `audit` section came from, for error messages. */
  configFile?: string;
  /** Rules to run; every registered rule by default. */
  rules?: readonly Rule[];
}

/** A rule that throws yields one TOPO-META-002 finding instead of crashing the run. */
function evaluate(rule: Rule, context: AuditContext): Finding[] {
  try {
    return rule.check(context).map((result) =>
      recordMessageParts(
        { ruleId: rule.id, title: rule.title, severity: rule.severity, message: result.message, resources: result.resources, evidence: result.evidence },
        result.parts,
      ),
    );
  } catch (error) {
    const text = message`${shared(rule.id)} (${shared(rule.title)}) could not be evaluated: ${hidden(error instanceof Error ? error.message : String(error))}`;
    const finding = { ruleId: ruleNotEvaluated.id, title: ruleNotEvaluated.title, severity: ruleNotEvaluated.severity, message: text.message, resources: [], evidence: [] };
    return [recordMessageParts(finding, text.parts)];
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
  const context = auditContext(topology);
  const findings = (options.rules ?? RULES).flatMap((rule) => evaluate(rule, context));
  return applySuppressions(context.index, findings, suppressions).sort(compareFindings);
}
