import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { EndpointError, UsageError } from '../../errors.js';
import {
  dnsRecordId,
  emptyInventory,
  type AwsServiceName,
  type Inventory,
  type ScopeSelectors,
  type ServiceCoverage,
  type SourceInfo,
} from '../../model/index.js';
import type { Progress } from '../../model/progress.js';
import { createClientFactory, type ClientFactory } from './clients.js';
import { ServiceLimits } from './concurrency.js';
import type { PacedRetryOptions } from './pacing.js';
import { CoverageRecorder, type CollectContext, type Collector, type InjectedRequestHandler } from './context.js';
import { createCall, type FailureScope } from './errors.js';
import { collectDynamoDb } from './dynamodb.js';
import { collectEc2 } from './ec2.js';
import { collectEcs } from './ecs.js';
import { collectElbv2 } from './elbv2.js';
import { collectIam } from './iam.js';
import { collectRds } from './rds.js';
import { collectRoute53 } from './route53.js';
import { collectS3 } from './s3.js';
import { lookUpScope, SCOPED_WALK_NOTICE } from './scoped-walk.js';
import { collectSqs } from './sqs.js';
import { identifyCaller } from './sts.js';

/**
 * Collection from a live account. STS first (who the credentials are; a credentials or endpoint
 * failure stops the run there), then every region's collectors concurrently, the global
 * services once (Route53, S3 listing, IAM), and IAM last, because it describes the roles the task
 * definitions name (and, in a whole walk, the roles other accounts may assume).
 */

export interface CollectAwsOptions {
  regions: string[];
  profile?: string;
  endpointUrl?: string;
  concurrency?: number;
  progress: Progress;
  /** Replaces the network (tests, the recorded demo). */
  requestHandler?: InjectedRequestHandler;
  /** Replaces the standard retry policy (tests: zero delay). */
  retryStrategy?: RetryStrategyV2;
  /** Explicit credentials instead of the standard chain (the recorded demo). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Deadline and clock of the paced retries (tests). */
  pacing?: PacedRetryOptions;
  /** The run's deadline (`--timeout`): aborting it stops every request. */
  signal?: AbortSignal;
  /** Asked for the code when a profile's `mfa_serial` requires one (the CLI prompts on the terminal). */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** The selectors (`--tag`, `--stack`, `--cluster`, `--service`): the walk reads what they name and what that uses (scoped-walk.ts). */
  selectors?: ScopeSelectors;
}

/** Services asked once for the whole walk (STS, IAM, Route53, S3's listing, Organizations), not per region. */
type AccountWideService = 'sts' | 'iam' | 'route53' | 's3' | 'organizations';

/** Asked only by a scoped walk, to find what the selectors name before reading it (scoped-walk.ts). */
type ScopeLookupService = 'tagging' | 'cloudformation';

/**
 * Regions are collected by these, each once per region, in this order. Every other service is
 * regional: a new `AwsServiceName` fails the build until it has its collector here (or is
 * account-wide), instead of silently never being collected.
 */
const REGIONAL_COLLECTORS: { [S in Exclude<AwsServiceName, AccountWideService | ScopeLookupService>]: Collector } = {
  ec2: collectEc2,
  elbv2: collectElbv2,
  ecs: collectEcs,
  rds: collectRds,
  sqs: collectSqs,
  dynamodb: collectDynamoDb,
};

/** Coverage region label of the services collected once for the whole account. */
export const GLOBAL = 'global';

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The regions, each once, in the order given: the first is where global services are asked. */
export function validRegions(regions: string[]): string[] {
  if (regions.length === 0) {
    throw new UsageError('No region given.', { hint: 'Pass --region us-east-1 (repeatable).' });
  }
  for (const region of regions) {
    if (!REGION_NAME.test(region)) {
      throw new EndpointError(`Unknown region "${region}".`, { hint: 'Region names look like us-east-1 or eu-central-2.' });
    }
  }
  return [...new Set(regions)];
}

export async function collectAwsInventory(options: CollectAwsOptions): Promise<Inventory> {
  const regions = validRegions(options.regions);
  const limits = new ServiceLimits(options.concurrency);
  const clients = createClientFactory(options);
  const scope = { profile: options.profile, endpointUrl: options.endpointUrl };
  const walk = options.progress.walk?.(clients.pacers);
  try {
    return await collectWith(options, regions, limits, clients, scope);
  } finally {
    walk?.done();
  }
}

export async function collectWith(
  options: CollectAwsOptions,
  regions: string[],
  limits: ServiceLimits,
  clients: ClientFactory,
  scope: Omit<FailureScope, 'region'>,
): Promise<Inventory> {
  const home = regions[0]!;
  const progress = options.progress;
  progress.step(`checking credentials (sts:GetCallerIdentity, ${home})`);
  const identity = await identifyCaller(clients.forRegion(home), scope);
  const base = { partition: identity.partition, accountId: identity.accountId, clients, limits, progress, scope };

  const run = async (service: AwsServiceName, region: string, collector: Collector, coverageRegion = region): Promise<CollectorResult> => {
    progress.step(`collecting ${service} (${coverageRegion})`);
    const { ctx, recorder } = createCollectContext({ ...base, service, region, coverageRegion });
    const partial = await collector(ctx);
    const coverage = recorder.result();
    if (coverage.status !== 'ok') progress.step(`${service} (${coverageRegion}): ${coverage.status}, ${coverage.missing.length} call(s) missing`);
    return { partial, coverage };
  };

  /** The collector, then `read` with what it found (nothing when it failed), so the plan's later reads never wait on a failure. */
  const readThenReport = (collector: Collector, read: (partial: Partial<Inventory>) => void): Collector => async (ctx) => {
    let partial: Partial<Inventory> = {};
    try {
      partial = await collector(ctx);
      return partial;
    } finally {
      read(partial);
    }
  };

  const lookup = await lookUpScope(options.selectors, regions, (service, region) => {
    progress.step(`finding what the selectors name (${service}, ${region})`);
    return createCollectContext({ ...base, service, region });
  });
  const plan = lookup.plan;
  /** A scoped walk's collectors read what the plan names (scoped-walk.ts); the others are the whole walk's. */
  const collectorFor = (service: AwsServiceName, region: string, collector: Collector): Collector => {
    if (plan === undefined) return collector;
    switch (service) {
      case 'ecs':
        return readThenReport((ctx) => collectEcs(ctx, plan.ecsTargets(region)), (partial) => plan.ecsRead(region, partial));
      case 'elbv2':
        return readThenReport(async (ctx) => collectElbv2(ctx, await plan.elbv2Targets(region)), (partial) => plan.elbv2Read(region, partial));
      case 'rds':
        return readThenReport(collectRds, (partial) => plan.rdsRead(region, partial));
      case 'ec2':
        return async (ctx) => collectEc2(ctx, await plan.ec2Targets(region));
      case 'sqs':
        return async (ctx) => collectSqs(ctx, await plan.storesWanted());
      case 'dynamodb':
        return async (ctx) => collectDynamoDb(ctx, await plan.storesWanted());
      default:
        return collector;
    }
  };
  const regional = regions.flatMap((region) => (Object.entries(REGIONAL_COLLECTORS) as [AwsServiceName, Collector][]).map(([service, collector]) => ({ service, result: run(service, region, collectorFor(service, region, collector)) })));
  const ecsDone = Promise.all(regional.filter((r) => r.service === 'ecs').map((r) => r.result));
  const iam = ecsDone.then((ecs) => run('iam', home, async (ctx) => {
    const partial = await collectIam(ctx, taskRoleArns(ecs.map((r) => r.partial)), { trustedFromOtherAccounts: plan === undefined });
    plan?.iamRead(partial);
    return partial;
  }, GLOBAL));
  const results = await Promise.all([
    ...regional.map((r) => r.result),
    run('route53', home, collectRoute53, GLOBAL),
    run('s3', home, async (ctx) => collectS3(ctx, regions, plan === undefined ? undefined : await plan.storesWanted()), GLOBAL),
    iam,
  ]);

  const sts: ServiceCoverage = { service: 'sts', region: GLOBAL, status: 'ok', missing: [] };
  const source: SourceInfo = {
    kind: 'aws',
    label: `aws account ${identity.accountId}${options.profile ? ` (profile ${options.profile})` : ''}${options.endpointUrl ? ` via ${options.endpointUrl}` : ''}`,
  };
  const inventory = mergeInventories(
    { ...emptyInventory(source, identity.partition), accountId: identity.accountId, regions: [...regions].sort() },
    results.map((r) => r.partial),
  );
  inventory.coverage = sortedCoverage([sts, ...lookup.coverage, ...results.map((r) => r.coverage)]);
  if (plan !== undefined) inventory.sourceWarnings = [...(inventory.sourceWarnings ?? []), { code: 'info', message: SCOPED_WALK_NOTICE }];
  progress.step(`collected ${regions.length} region(s) of account ${identity.accountId}`);
  return inventory;
}

interface CollectorResult {
  partial: Partial<Inventory>;
  coverage: ServiceCoverage;
}

/** Every task and execution role the task definitions name, once each. */
export function taskRoleArns(partials: Partial<Inventory>[]): string[] {
  const arns = partials.flatMap((p) => (p.taskDefinitions ?? []).flatMap((td) => [td.taskRoleArn, td.executionRoleArn]));
  return [...new Set(arns.filter((arn): arn is string => arn !== undefined && arn !== ''))].sort();
}

export interface ContextParams {
  service: AwsServiceName;
  /** The region the collector's clients talk to. */
  region: string;
  /** The region its coverage (and concurrency bound) is filed under: `global` for IAM, Route53, S3. */
  coverageRegion?: string;
  partition: string;
  accountId: string;
  clients: ClientFactory;
  limits: ServiceLimits;
  progress: Progress;
  scope?: Omit<FailureScope, 'region'>;
}

/** `call` with the service's concurrency bound around the work itself (not around the coverage bookkeeping). */
function boundedCall(call: CollectContext['call'], limit: <T>(fn: () => Promise<T>) => Promise<T>): CollectContext['call'] {
  return (action, fn, resource) => call(action, () => limit(fn), resource);
}

/** The context one collector runs with, and the recorder its coverage lands in. */
export function createCollectContext(params: ContextParams): { ctx: CollectContext; recorder: CoverageRecorder } {
  const coverageRegion = params.coverageRegion ?? params.region;
  const recorder = new CoverageRecorder(params.service, coverageRegion);
  const ctx: CollectContext = {
    service: params.service,
    region: params.region,
    partition: params.partition,
    accountId: params.accountId,
    clientConfig: params.clients.forService(params.service, params.region, coverageRegion),
    progress: params.progress,
    call: boundedCall(createCall(recorder, { ...params.scope, region: params.region }), params.limits.for(params.service, coverageRegion)),
    recovered: (action, by) => recorder.recovered(action, by),
  };
  return { ctx, recorder };
}

// ---------------------------------------------------------------- merging

type Collections = Omit<Inventory, 'source' | 'partition' | 'accountId' | 'regions' | 'accounts' | 'resourceAccounts' | 'coverage' | 'sourceWarnings'>;

const pad = (n: number | undefined) => String(n ?? 0).padStart(5, '0');

/**
 * The order of every list in the merged inventory (and the identity duplicates collapse on):
 * identifiers, with the parent first where a list is read per parent.
 */
const ORDER: { [K in keyof Collections]: (item: Collections[K][number]) => string } = {
  hostedZones: (z) => `${z.name}|${z.id}`,
  dnsRecords: (r) => dnsRecordId(r),
  loadBalancers: (lb) => lb.arn,
  listeners: (l) => `${l.loadBalancerArn}|${pad(l.port)}|${l.arn}`,
  listenerRules: (r) => `${r.listenerArn}|${r.priority === 'default' ? '~' : pad(r.priority)}|${r.arn}`,
  targetGroups: (tg) => tg.arn,
  clusters: (c) => c.arn,
  services: (s) => s.arn,
  taskDefinitions: (td) => td.arn,
  vpcs: (v) => v.id,
  subnets: (s) => `${s.vpcId}|${s.id}`,
  securityGroups: (g) => g.id,
  vpcEndpoints: (e) => e.id,
  vpcPeerings: (p) => p.id,
  transitGatewayAttachments: (a) => a.id,
  dbInstances: (d) => d.arn,
  dbClusters: (d) => d.arn,
  roles: (r) => r.arn,
  managedPolicies: (p) => p.arn,
  buckets: (b) => b.arn,
  queues: (q) => q.arn,
  dynamoTables: (t) => t.arn,
};

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergeList<T>(lists: (T[] | undefined)[], key: (item: T) => string): T[] {
  const unique = new Map<string, T>();
  for (const item of lists.flatMap((l) => l ?? [])) if (!unique.has(key(item))) unique.set(key(item), item);
  return [...unique.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([, item]) => item);
}

/** The collectors' partial inventories in one, each list in a stable order. */
export function mergeInventories(base: Inventory, partials: Partial<Inventory>[]): Inventory {
  const merged: Inventory = { ...base };
  for (const name of Object.keys(ORDER) as (keyof Collections)[]) {
    const key = ORDER[name] as (item: unknown) => string;
    (merged[name] as unknown[]) = mergeList<unknown>([base[name], ...partials.map((p) => p[name])], key);
  }
  return merged;
}

export function sortedCoverage(coverage: ServiceCoverage[]): ServiceCoverage[] {
  return [...coverage].sort((a, b) => byCodePoint(`${a.service}|${a.region}`, `${b.service}|${b.region}`));
}
