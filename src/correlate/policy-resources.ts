import type { Message } from '../model/message.js';
import type { LocatedStatement } from './service-context.js';
import { actionMatches, globMatches } from './match.js';

export interface PolicyGrant {
  /** The statement resource that matched, as written. */
  resource: string;
  /** The statement's actions that apply to the service (`sqs:SendMessage`...). */
  actions: string[];
  field: Message;
}

/**
 * Which targets (buckets, queues) a role's Allow statements grant any action of `service` on.
 * A resource written for objects or sub-paths (`arn:aws:s3:::bucket/*`) counts for the resource it
 * lives in. Resources whose name part is only wildcards (`*`, `arn:aws:s3:::*`) grant everything
 * and say nothing about which resource the service uses, so they make no link (the audit reports
 * them instead). Literal ARNs are looked up; patterns are matched against every target.
 */
export function grantedTargets<T>(
  statements: LocatedStatement[],
  service: string,
  targetsByArn: Map<string, T>,
  shape: ResourceShape = S3_STYLE,
): Map<T, PolicyGrant[]> {
  const { container: resourceContainer, namesAResource } = shape;
  const granted = new Map<T, PolicyGrant[]>();
  const add = (target: T, grant: PolicyGrant) => granted.set(target, [...(granted.get(target) ?? []), grant]);
  for (const { statement, field } of statements) {
    const actions = statement.actions.filter((action) => action === '*' || action.toLowerCase().startsWith(`${service}:`));
    if (actions.length === 0) continue;
    for (const resource of statement.resources) {
      if (!namesAResource(resource)) continue;
      const container = resourceContainer(resource);
      if (!/[*?]/.test(container)) {
        const target = targetsByArn.get(container) ?? targetsByArn.get(resource);
        if (target !== undefined) add(target, { resource, actions, field });
        continue;
      }
      for (const [arn, target] of targetsByArn) {
        if (globMatches(resource, arn) || globMatches(container, arn)) add(target, { resource, actions, field });
      }
    }
  }
  return granted;
}

/** How a service's policy resources name its resources: the ARN a resource lives in, and whether it names any at all. */
export interface ResourceShape {
  container(resource: string): string;
  namesAResource(resource: string): boolean;
}

/** Buckets and queues: `arn:aws:s3:::bucket/uploads/*` → `arn:aws:s3:::bucket`; other resources unchanged. */
const S3_STYLE: ResourceShape = {
  container(resource) {
    const slash = resource.indexOf('/', resource.lastIndexOf(':') + 1);
    return slash < 0 ? resource : resource.slice(0, slash);
  },
  namesAResource(resource) {
    const namePart = resource.split(':').slice(5).join(':') || resource;
    return namePart.replace(/[*?/]/g, '').length >= 3;
  },
};

const DYNAMODB_TABLE = /^(arn:[^:]*:dynamodb:[^:]*:[^:]*:table\/[^/]+)(?:\/.*)?$/;

/**
 * DynamoDB: `…:table/orders/index/*` and `…:table/orders/stream/*` live in `…:table/orders`;
 * `…:table/*` names no table.
 */
export const DYNAMODB_TABLES: ResourceShape = {
  container: (resource) => DYNAMODB_TABLE.exec(resource)?.[1] ?? resource,
  namesAResource(resource) {
    const table = DYNAMODB_TABLE.exec(resource)?.[1];
    return table !== undefined && table.slice(table.indexOf('table/') + 'table/'.length).replace(/[*?]/g, '').length >= 3;
  },
};

/** Do any of `granted` (patterns) cover `action`? */
export function grantsAction(granted: string[], action: string): boolean {
  return granted.some((pattern) => actionMatches(pattern, action));
}
