import { globMatches } from '../correlate/match.js';
import type { Finding, InventoryIndex } from '../model/index.js';
import type { Suppression } from './config.js';
import { nodeName } from './names.js';
import { hidden, message, messagePartsOf, recordMessageParts, shared, type Message } from './message.js';
import { ruleById, unmatchedSuppression } from './rules/index.js';

function matchesResource(index: InventoryIndex, finding: Finding, pattern: string): boolean {
  return finding.resources.some((node) => globMatches(pattern, node.id) || globMatches(pattern, nodeName(index, node)));
}

export function suppressionMatches(index: InventoryIndex, suppression: Suppression, finding: Finding): boolean {
  if (finding.ruleId !== suppression.ruleId) return false;
  return suppression.resource === undefined || matchesResource(index, finding, suppression.resource);
}

/** The rule id and the resource come from the config file: under --public they are hidden. */
function describe(suppression: Suppression, position: number): Message {
  const known = ruleById(suppression.ruleId) !== undefined;
  const ruleId = known ? shared(suppression.ruleId) : hidden(suppression.ruleId);
  const unknown = known ? message`` : message` (no rule has this id)`;
  const resource = suppression.resource === undefined ? message`` : message` for resource ${hidden(suppression.resource)}`;
  return message`Suppression ${position} of ${ruleId}${unknown}${resource} matches no finding.`;
}

/**
 * Marks findings a suppression matches (first match wins; they stay listed) and reports each
 * suppression that matched nothing as a TOPO-META-001 finding.
 */
export function applySuppressions(index: InventoryIndex, findings: Finding[], suppressions: Suppression[]): Finding[] {
  const used = new Set<number>();
  const marked = findings.map((finding) => {
    const at = suppressions.findIndex((suppression) => suppressionMatches(index, suppression, finding));
    if (at < 0) return finding;
    used.add(at);
    return recordMessageParts({ ...finding, suppressed: { reason: suppressions[at]!.reason } }, messagePartsOf(finding));
  });
  const unmatched = suppressions.flatMap((suppression, at): Finding[] => {
    if (used.has(at)) return [];
    const text = describe(suppression, at + 1);
    const finding = { ruleId: unmatchedSuppression.id, title: unmatchedSuppression.title, severity: unmatchedSuppression.severity, message: text.message, resources: [], evidence: [] };
    return [recordMessageParts(finding, text.parts)];
  });
  return [...marked, ...unmatched];
}
