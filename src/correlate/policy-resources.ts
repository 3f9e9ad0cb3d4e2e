import type { LocatedStatement } from './service-context.js';
import { actionMatches, globMatches } from './match.js';

export interface PolicyGrant {
  /** The statement resource that matched, as written. */
  resource: string;
  /** The statement's actions that apply to the service (`sqs:SendMessage`...). */
  actions: string[];
  field: string;
}

/**
 * Statements granting any action of `service` on `arn`. A resource written for objects or
 * sub-paths (`arn:aws:s3:::bucket/*`) counts for the resource it lives in. Resources whose name part
 * is only wildcards (`*`, `arn:aws:s3:::*`) grant everything and say nothing about which resource
 * the service uses, so they do not make a link (the audit reports them instead).
 */
export function grantsOn(statements: LocatedStatement[], service: string, arn: string): PolicyGrant[] {
  const grants: PolicyGrant[] = [];
  for (const { statement, field } of statements) {
    const actions = statement.actions.filter((action) => action === '*' || action.toLowerCase().startsWith(`${service}:`));
    if (actions.length === 0) continue;
    for (const resource of statement.resources) {
      if (!namesAResource(resource)) continue;
      if (globMatches(resource, arn) || globMatches(resourceContainer(resource), arn)) {
        grants.push({ resource, actions, field });
      }
    }
  }
  return grants;
}

/** `arn:aws:s3:::bucket/uploads/*` → `arn:aws:s3:::bucket`; other resources unchanged. */
function resourceContainer(resource: string): string {
  const slash = resource.indexOf('/', resource.lastIndexOf(':') + 1);
  return slash < 0 ? resource : resource.slice(0, slash);
}

function namesAResource(resource: string): boolean {
  const namePart = resource.split(':').slice(5).join(':') || resource;
  return namePart.replace(/[*?/]/g, '').length >= 3;
}

/** Do any of `granted` (patterns) cover `action`? */
export function grantsAction(granted: string[], action: string): boolean {
  return granted.some((pattern) => actionMatches(pattern, action));
}
