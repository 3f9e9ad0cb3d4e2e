import type { Inventory, MissingCall, ServiceCoverage } from './inventory.js';
import { REGISTRY_DATA_SOURCES } from './kinds.js';
import type { Warning } from './topology.js';

/**
 * Collection gaps, one warning per missing call, named as the IAM action the user must grant; then
 * what a template source could not read or resolve.
 */
export function coverageWarnings(inventory: Inventory): Warning[] {
  return [...collectionWarnings(inventory.coverage), ...(inventory.sourceWarnings ?? [])];
}

/** One warning per missing call of a live collection, in coverage order. */
export function collectionWarnings(coverage: readonly ServiceCoverage[]): Warning[] {
  const warnings: Warning[] = [];
  for (const entry of coverage) {
    for (const miss of entry.missing) {
      const where = `${entry.service} in ${entry.region}${entry.account ? ` of account ${entry.account}` : ''}${miss.resource ? ` for ${miss.resource}` : ''}`;
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
  return warnings;
}

export function isPartial(coverage: ServiceCoverage[]): boolean {
  return coverage.some((entry) => entry.status !== 'ok');
}

/**
 * What each kind of data in the inventory is collected by, as IAM actions, upstream calls
 * included: the IAM roles are only those the task definitions name, so a denied
 * ecs:DescribeTaskDefinition means roles were never asked for. Tables and audit rules declare
 * which of these they are derived from; a missing call among them makes them "not collected".
 */
const ECS_SERVICES = ['ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices'];
const TASK_DEFINITIONS = [...ECS_SERVICES, 'ecs:DescribeTaskDefinition'];
const LOAD_BALANCERS = ['elasticloadbalancing:DescribeLoadBalancers'];
const LISTENERS = [...LOAD_BALANCERS, 'elasticloadbalancing:DescribeListeners'];

export const DATA_SOURCES = {
  dnsRecords: ['route53:ListHostedZones', 'route53:ListResourceRecordSets'],
  loadBalancers: LOAD_BALANCERS,
  listeners: LISTENERS,
  listenerCertificates: [...LISTENERS, 'elasticloadbalancing:DescribeListenerCertificates'],
  listenerRules: [...LISTENERS, 'elasticloadbalancing:DescribeRules'],
  targetGroups: ['elasticloadbalancing:DescribeTargetGroups'],
  targetHealth: ['elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
  ecsServices: ECS_SERVICES,
  taskDefinitions: TASK_DEFINITIONS,
  roles: [
    ...TASK_DEFINITIONS,
    'iam:GetAccountAuthorizationDetails',
    'iam:GetRole',
    'iam:ListAttachedRolePolicies',
    'iam:ListRolePolicies',
    'iam:GetRolePolicy',
    'iam:GetPolicy',
    'iam:GetPolicyVersion',
  ],
  vpcs: ['ec2:DescribeVpcs'],
  subnets: ['ec2:DescribeSubnets'],
  routeTables: ['ec2:DescribeRouteTables'],
  securityGroups: ['ec2:DescribeSecurityGroups'],
  vpcEndpoints: ['ec2:DescribeVpcEndpoints'],
  vpcLinks: ['ec2:DescribeVpcPeeringConnections', 'ec2:DescribeTransitGatewayAttachments', 'ec2:DescribeRouteTables'],
  databases: ['rds:DescribeDBInstances', 'rds:DescribeDBClusters'],
  queues: ['sqs:ListQueues', 'sqs:GetQueueAttributes'],
  buckets: ['s3:ListAllMyBuckets'],
  bucketEncryption: ['s3:ListAllMyBuckets', 's3:GetEncryptionConfiguration'],
  bucketPublicAccess: ['s3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock', 's3:GetBucketPolicy'],
  bucketPolicy: ['s3:ListAllMyBuckets', 's3:GetBucketPolicy'],
  bucketSettings: ['s3:ListAllMyBuckets', 's3:GetEncryptionConfiguration', 's3:GetBucketPublicAccessBlock', 's3:GetBucketPolicy'],
  // A scoped live walk's lookups (docs/scoping.md): a failed one is made good by the whole walk, so it is never missing data.
  taggedResources: ['tag:GetResources'],
  stackResources: ['cloudformation:ListStackResources'],
  // The kinds that declare their calls beside their descriptor (model/kinds.ts).
  ...REGISTRY_DATA_SOURCES,
} as const satisfies Record<string, readonly string[]>;

export type DataSource = keyof typeof DATA_SOURCES;

/** A call whose data is missing (not recovered by other calls), where it was missing. */
export interface MissingData {
  action: string;
  service: string;
  region: string;
  /** In a walk of several accounts: which one. */
  account?: string;
  reason: MissingCall['reason'];
  resource?: string;
}

/** The missing calls any of `needs` is derived from; empty when all of it was collected. */
export function missingData(coverage: readonly ServiceCoverage[], needs: readonly DataSource[]): MissingData[] {
  const actions = new Set(needs.flatMap((need) => DATA_SOURCES[need]));
  return coverage.flatMap((entry) =>
    entry.missing
      .filter((miss) => miss.recoveredBy === undefined && actions.has(miss.action))
      .map((miss) => ({
        action: miss.action,
        service: entry.service,
        region: entry.region,
        ...(entry.account ? { account: entry.account } : {}),
        reason: miss.reason,
        ...(miss.resource ? { resource: miss.resource } : {}),
      })),
  );
}

/** `ecs:DescribeServices denied in us-east-1, rds:DescribeDBInstances failed in eu-west-1`: each call once per region. */
export function describeMissing(missing: readonly MissingData[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const miss of missing) {
    const text = `${miss.action} ${miss.reason === 'error' ? 'failed' : miss.reason} in ${miss.region}${miss.account ? ` of account ${miss.account}` : ''}`;
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(text);
  }
  return parts.join(', ');
}

/** The one wording for data a failed call left out: `not collected (ecs:DescribeServices denied in us-east-1)`. */
export function notCollected(missing: readonly MissingData[]): string {
  return `not collected (${describeMissing(missing)})`;
}
