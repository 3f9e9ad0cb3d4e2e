import { globMatches } from '../correlate/match.js';
import type { Finding, InventoryIndex } from '../model/index.js';
import type { Suppression } from './config.js';
import { nodeName } from './names.js';
import { ruleById, unmatchedSuppression } from './rules/index.js';

function matchesResource(index: InventoryIndex, finding: Finding, pattern: string): boolean {
  return finding.resources.some((node) => globMatches(pattern, node.id) || globMatches(pattern, nodeName(index, node)));
}

export function suppressionMatches(index: InventoryIndex, suppression: Suppression, finding: Finding): boolean {
  if (finding.ruleId !== suppression.ruleId) return false;
  return suppression.resource === undefined || matchesResource(index, finding, suppression.resource);
}

function describe(suppression: Suppression, position: number): string {
  const resource = suppression.resource === undefined ? '' : ` for resource ${suppression.resource}`;
  const unknown = ruleById(suppression.ruleId) === undefined ? ' (no rule has this id)' : '';
  return `Suppression ${position} of ${suppression.ruleId}${unknown}${resource} matches no finding.`;
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
    return { ...finding, suppressed: { reason: suppressions[at]!.reason } };
  });
  const unmatched = suppressions.flatMap((suppression, at): Finding[] =>
    used.has(at)
      ? []
      : [
          {
            ruleId: unmatchedSuppression.id,
            title: unmatchedSuppression.title,
            severity: unmatchedSuppression.severity,
            message: describe(suppression, at + 1),
            resources: [],
            evidence: [],
          },
        ],
  );
  return [...marked, ...unmatched];
}
