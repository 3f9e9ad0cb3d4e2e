import { KINDS, type MissingCall, type ServiceCoverage } from '../model/index.js';
import { redactArn } from './arns.js';
import type { PublicNames } from './names.js';
import { redactedKindsOf } from './registry.js';
import { REDACTED } from './vocabulary.js';

/**
 * What a live collection could not read, field by field: the service, the action, the reason and
 * the error code are AWS's words and stay; the region is a region; the resource a call was about
 * gets the public name of what it is, decided by the call (a role name for `iam:GetRole`, a queue
 * URL for `sqs:*`...), never by searching it for known names. A resource of a call not listed here
 * is hidden (fail closed).
 */
export function redactCoverage(names: PublicNames, coverage: readonly ServiceCoverage[]): ServiceCoverage[] {
  return coverage.map((entry) => ({
    service: entry.service,
    region: names.region(entry.region),
    ...(entry.account === undefined ? {} : { account: names.account(entry.account) }),
    status: entry.status,
    missing: entry.missing.map((miss) => redactMissingCall(names, miss)),
  }));
}

function redactMissingCall(names: PublicNames, miss: MissingCall): MissingCall {
  return {
    action: miss.action,
    reason: miss.reason,
    ...(miss.code === undefined ? {} : { code: miss.code }),
    ...(miss.resource === undefined ? {} : { resource: missingResource(names, miss.action, miss.resource) }),
    ...(miss.recoveredBy === undefined ? {} : { recoveredBy: miss.recoveredBy }),
  };
}

/** The resource a call was about, by what the call takes. */
export function missingResource(names: PublicNames, action: string, resource: string): string {
  if (resource.startsWith('arn:')) return redactArn(names, resource);
  const service = action.split(':')[0];
  if (action === 'iam:GetRolePolicy') {
    const slash = resource.indexOf('/');
    return slash < 0 ? names.roleName(resource) : `${names.roleName(resource.slice(0, slash))}/${names.label('inline-policy', resource.slice(slash + 1))}`;
  }
  // A kind the registry redacts: a call of its service is about one of them (`dynamodb:DescribeTable`).
  const kind = service === undefined ? undefined : redactedKindsOf(service)[0];
  if (kind !== undefined) return names.kindName(kind.redaction.name, resource);
  switch (service) {
    case 'route53':
      return names.label('zone-id', resource);
    case 'iam':
      return names.roleName(resource);
    case 'sqs':
      return names.queueUrl(resource);
    case 's3':
      return names.kindName(KINDS.buckets.redaction.name, resource);
    case 'ecs':
      return names.kindName(KINDS.clusters.redaction.name, resource);
    default:
      return REDACTED;
  }
}
