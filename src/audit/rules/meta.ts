import type { RuleMetadata } from '../rule.js';

/** Findings about the audit itself. They have metadata (docs, SARIF) but no check of their own. */
export const unmatchedSuppression: RuleMetadata = {
  id: 'TOPO-META-001',
  title: 'Suppression matches no finding',
  severity: 'low',
  area: 'meta',
  rationale:
    'A suppression that matches nothing is stale (the problem was fixed, the resource renamed) or mistyped; left in place it would silently hide the next finding that happens to match it.',
  remediation: 'Remove the suppression from the audit section of the config file, or correct its ruleId / resource.',
};

export const ruleNotEvaluated: RuleMetadata = {
  id: 'TOPO-META-002',
  title: 'Rule could not be evaluated',
  severity: 'info',
  area: 'meta',
  rationale:
    'A rule was not checked because calls it depends on were denied or failed (the message names them), or it failed on this inventory (data of an unexpected shape). Its findings are unknown, which is not the same as none.',
  remediation: 'Grant the calls the message names (docs/iam-policy.json) and run again; if it failed on the data, report the message with the rule id. Meanwhile review what the rule checks by hand.',
};
