import type { Inventory, ServiceCoverage } from './inventory.js';
import type { Warning } from './topology.js';

/**
 * Collection gaps, one warning per missing call, named as the IAM action the user must grant; then
 * what a template source could not read or resolve.
 */
export function coverageWarnings(inventory: Inventory): Warning[] {
  const warnings: Warning[] = [];
  for (const entry of inventory.coverage) {
    for (const miss of entry.missing) {
      const where = `${entry.service} in ${entry.region}${miss.resource ? ` for ${miss.resource}` : ''}`;
      if (miss.recoveredBy !== undefined) {
        warnings.push({
          code: 'info',
          message: `${miss.reason === 'denied' ? 'Access denied' : 'Failed'}: ${miss.action} (${where}); the same data was collected with ${miss.recoveredBy} instead. Grant it for faster collection.`,
        });
      } else if (miss.reason === 'denied') {
        warnings.push({
          code: 'access-denied',
          message: `Access denied: ${miss.action} (${where}); data from this call is missing. Grant it (see docs/iam-policy.json).`,
        });
      } else if (miss.reason === 'throttled') {
        warnings.push({
          code: 'throttled',
          message: `Throttled after retries: ${miss.action} (${where}); data from this call is missing. Re-run later or lower --concurrency.`,
        });
      } else {
        warnings.push({
          code: 'collection-error',
          message: `Failed: ${miss.action} (${where})${miss.code ? `: ${miss.code}` : ''}; data from this call is missing.`,
        });
      }
    }
  }
  return [...warnings, ...(inventory.sourceWarnings ?? [])];
}

export function isPartial(coverage: ServiceCoverage[]): boolean {
  return coverage.some((entry) => entry.status !== 'ok');
}
