import { hasSelectors, parseArn, type Inventory, type ScopeSelectors, type ServiceCoverage } from '../../model/index.js';
import { stackResources, type StackResource } from './cloudformation.js';
import type { CollectContext, CoverageRecorder } from './context.js';
import type { Ec2Targets } from './ec2.js';
import { ecsTargetsOf, type EcsTargets } from './ecs-targets.js';
import type { Elbv2Targets } from './elbv2.js';
import { taggedResourceArns } from './tagging.js';

/**
 * A scoped live walk reads what the selectors name and what that uses, where AWS lets it ask for
 * things by name (docs/scoping.md, "Cheaper live walks"):
 *
 * 1. **Lookup** (per region): `--tag` through `tag:GetResources`, `--stack` through
 *    `cloudformation:ListStackResources` (nested stacks too); `--cluster` and `--service` name
 *    their ECS resources themselves. A `--vpc` among the selectors, a lookup that fails
 *    (AccessDenied...: coverage says so), or lookups that find nothing at all (the selectors match
 *    nothing: the error lists close matches, which only the whole account holds) keep the whole walk.
 * 2. **ECS**: the services found, described directly (their clusters by name, no listing of the
 *    region); a cluster found: its services. Then their task definitions, as always.
 * 3. **Neighbours**, once ECS (and for the stores, IAM) is read: ELBv2 only the target groups the
 *    services use or the lookup found, described by ARN, and the load balancers those name (their
 *    listeners and rules whole, so traffic sent elsewhere still shows as a stub); SQS, S3 and
 *    DynamoDB only the queues, buckets and tables the task definitions, the roles' policies or the
 *    lookup name (and a read queue's dead-letter queue).
 * 4. **Network**, once ECS, ELBv2 and RDS are read: EC2 only for the application's VPCs
 *    (`ec2Targets`, then `collectEc2` with them: every listing filtered by `vpc-id`, and the groups
 *    of peered VPCs that name one read). RDS, Route53 and IAM are read as in the whole walk: RDS
 *    cannot be asked which databases carry a group (a service reaches one by its group), Route53
 *    has no lookup by alias target, and IAM's one bulk call is cheaper than three a role.
 *
 * What the walk did not read is not there to be counted: a shared database's other users outside
 * the scope are the ones this walk saw. `SCOPED_WALK_NOTICE` says so in the inventory's notices.
 */

const SCOPED_WALK_WORDS =
  'ECS was read only for the services and clusters the selectors name, load balancers only for the target groups those services use, the network (EC2) only for the VPCs the application is in, and queues, buckets and tables only where their task definitions, roles or the selectors name them; RDS, Route53 and IAM were read whole. Resources shared with services outside this scope count only the users this walk saw.';

export const SCOPED_WALK_NOTICE = `Scoped live walk (docs/scoping.md): ${SCOPED_WALK_WORDS}`;

/** The notice of a walk over several accounts: once, naming the accounts whose walks were narrowed. */
export function scopedWalkNotice(accounts: readonly string[]): string {
  return accounts.length === 1 ? SCOPED_WALK_NOTICE : `Scoped live walk of accounts ${accounts.join(', ')} (docs/scoping.md): in each, ${SCOPED_WALK_WORDS}`;
}

/**
 * Each account's walk adds the notice to its own inventory; the joined inventory carries it once,
 * naming the accounts (an account whose lookup failed was walked whole and is not named).
 */
export function withOneScopedWalkNotice(parts: readonly Inventory[], merged: Inventory): Inventory {
  const isNotice = (warning: { message: string }) => warning.message === SCOPED_WALK_NOTICE;
  const scoped = parts.filter((part) => (part.sourceWarnings ?? []).some(isNotice)).map((part) => part.accountId ?? part.source.label);
  if (scoped.length === 0) return merged;
  const others = (merged.sourceWarnings ?? []).filter((warning) => !isNotice(warning));
  return { ...merged, sourceWarnings: [...others, { code: 'info', message: scopedWalkNotice([...new Set(scoped)].sort()) }] };
}

/** What the lookups found in one region. */
export interface RegionSeeds {
  /** ECS services and clusters found; undefined: a service ARN without its cluster, so ECS is read whole there. */
  ecs: EcsTargets | undefined;
  targetGroupArns: string[];
  loadBalancerArns: string[];
  /** EC2 resources found themselves (a tagged group, a stack's VPC): their VPCs are read too. */
  network: NetworkSeeds;
}

export interface NetworkSeeds {
  vpcIds: string[];
  subnetIds: string[];
  groupIds: string[];
  endpointIds: string[];
}

/** The EC2 kinds a lookup may find, by ARN resource type or CloudFormation type. */
const NETWORK_KINDS: { arnType: string; cfnType: string; prefix: string; key: keyof NetworkSeeds }[] = [
  { arnType: 'vpc', cfnType: 'AWS::EC2::VPC', prefix: 'vpc-', key: 'vpcIds' },
  { arnType: 'subnet', cfnType: 'AWS::EC2::Subnet', prefix: 'subnet-', key: 'subnetIds' },
  { arnType: 'security-group', cfnType: 'AWS::EC2::SecurityGroup', prefix: 'sg-', key: 'groupIds' },
  { arnType: 'vpc-endpoint', cfnType: 'AWS::EC2::VPCEndpoint', prefix: 'vpce-', key: 'endpointIds' },
];

export interface ScopeLookup {
  /** Undefined: the whole walk (a `--vpc` selector, or a lookup failed). */
  plan: ScopedWalkPlan | undefined;
  /** The lookups' coverage (tagging, cloudformation per region), in the inventory like any service's. */
  coverage: ServiceCoverage[];
}

export type LookupContext = (service: 'tagging' | 'cloudformation', region: string) => { ctx: CollectContext; recorder: CoverageRecorder };

/** What the walk does with these selectors; the lookups' calls are made here. */
export async function lookUpScope(selectors: ScopeSelectors | undefined, regions: readonly string[], contextFor: LookupContext): Promise<ScopeLookup> {
  if (!hasSelectors(selectors) || selectors.vpcs.length > 0) return { plan: undefined, coverage: [] };
  const named = ecsTargetsOf({ ...selectors, tags: [], stacks: [] }) ?? { clusters: [], services: [] };
  const perRegion = await Promise.all(regions.map((region) => lookUpRegion(selectors, region, contextFor)));
  const coverage = perRegion.flatMap((found) => found.coverage);
  if (perRegion.some((found) => found.seeds === undefined)) {
    // Every lookup call stays in coverage; the ones that failed are made good by walking everything.
    for (const found of perRegion) for (const recorder of found.recorders) for (const action of recorder.failed) recorder.recorder.recovered(action, 'the whole walk (not narrowed)');
    return { plan: undefined, coverage: perRegion.flatMap((found) => found.recorders.map((r) => r.recorder.result())) };
  }
  if (perRegion.every((found) => found.names.length === 0) && named.clusters.length + named.services.length === 0) {
    // Nothing found anywhere: the selectors match nothing, and the run says so with close matches
    // (tag values, stack names) that only the whole account holds.
    return { plan: undefined, coverage };
  }
  const seeds = new Map(perRegion.map((found) => [found.region, withNamed(found.seeds!, named)]));
  return { plan: new ScopedWalkPlan(seeds, perRegion.flatMap((found) => found.names)), coverage };
}

interface RegionLookup {
  region: string;
  seeds: RegionSeeds | undefined;
  /** Every ARN and physical id found, for matching queues, buckets and tables by name. */
  names: string[];
  coverage: ServiceCoverage[];
  recorders: { recorder: CoverageRecorder; failed: string[] }[];
}

async function lookUpRegion(selectors: ScopeSelectors, region: string, contextFor: LookupContext): Promise<RegionLookup> {
  const recorders: RegionLookup['recorders'] = [];
  const arns: string[] = [];
  const resources: StackResource[] = [];
  let failed = false;
  if (selectors.tags.length > 0) {
    const { ctx, recorder } = contextFor('tagging', region);
    const found = await taggedResourceArns(ctx, selectors.tags);
    recorders.push({ recorder, failed: found.ok ? [] : ['tag:GetResources'] });
    if (found.ok) arns.push(...found.value);
    else failed = true;
  }
  if (selectors.stacks.length > 0) {
    const { ctx, recorder } = contextFor('cloudformation', region);
    const found = await stackResources(ctx, selectors.stacks);
    recorders.push({ recorder, failed: found.ok ? [] : ['cloudformation:ListStackResources'] });
    if (found.ok) resources.push(...found.value);
    else failed = true;
  }
  const coverage = recorders.map((r) => r.recorder.result());
  if (failed) return { region, seeds: undefined, names: [], coverage, recorders };
  return { region, seeds: seedsOf(arns, resources), names: [...arns, ...resources.map((r) => r.physicalId)], coverage, recorders };
}

/** `--cluster` / `--service` name their ECS resources in every region. */
function withNamed(seeds: RegionSeeds, named: EcsTargets): RegionSeeds {
  if (seeds.ecs === undefined) return seeds;
  return { ...seeds, ecs: { clusters: [...new Set([...seeds.ecs.clusters, ...named.clusters])], services: [...seeds.ecs.services, ...named.services] } };
}

const ELB_PARENT = /^(listener|listener-rule)\/((?:app|net|gwy)\/[^/]+\/[^/]+)\//;

/** The ECS and ELBv2 resources among what the lookups found, by ARN or (CloudFormation) physical id. */
export function seedsOf(arns: readonly string[], resources: readonly StackResource[]): RegionSeeds {
  const ecs: EcsTargets = { clusters: [], services: [] };
  let ecsWhole = false;
  const targetGroupArns: string[] = [];
  const loadBalancerArns: string[] = [];
  const network: NetworkSeeds = { vpcIds: [], subnetIds: [], groupIds: [], endpointIds: [] };
  const take = (arn: string) => {
    const parsed = parseArn(arn);
    if (parsed === undefined) return;
    const path = parsed.resource.split('/');
    const networkKind = parsed.service === 'ec2' ? NETWORK_KINDS.find((kind) => kind.arnType === path[0]) : undefined;
    if (networkKind !== undefined && path[1]) network[networkKind.key].push(path[1]);
    if (parsed.service === 'ecs' && path[0] === 'service') {
      // The old ARN format (`service/NAME`) does not say the cluster: read the region's ECS whole.
      if (path.length === 3) ecs.services.push({ cluster: path[1]!, service: path[2]! });
      else ecsWhole = true;
    } else if (parsed.service === 'ecs' && path[0] === 'cluster' && path[1]) {
      ecs.clusters.push(path[1]);
    } else if (parsed.service === 'elasticloadbalancing') {
      if (path[0] === 'targetgroup') targetGroupArns.push(arn);
      else if (path[0] === 'loadbalancer') loadBalancerArns.push(arn);
      else {
        const parent = ELB_PARENT.exec(parsed.resource);
        if (parent) loadBalancerArns.push(`arn:${parsed.partition}:elasticloadbalancing:${parsed.region}:${parsed.account}:loadbalancer/${parent[2]}`);
      }
    }
  };
  arns.forEach(take);
  for (const resource of resources) {
    const networkKind = NETWORK_KINDS.find((kind) => kind.cfnType === resource.type && resource.physicalId.startsWith(kind.prefix));
    if (networkKind !== undefined) network[networkKind.key].push(resource.physicalId);
    else if (resource.type === 'AWS::ECS::Cluster' && !resource.physicalId.startsWith('arn:')) ecs.clusters.push(resource.physicalId);
    else take(resource.physicalId);
  }
  const unique = (ids: string[]) => [...new Set(ids)].sort();
  return {
    ecs: ecsWhole ? undefined : { clusters: [...new Set(ecs.clusters)], services: ecs.services },
    targetGroupArns: [...new Set(targetGroupArns)],
    loadBalancerArns: [...new Set(loadBalancerArns)],
    network: { vpcIds: unique(network.vpcIds), subnetIds: unique(network.subnetIds), groupIds: unique(network.groupIds), endpointIds: unique(network.endpointIds) },
  };
}

/** A name is wanted when it is a token of what names it (an env value, a policy's resource, an ARN found) or fits a wildcard there. */
export function namedIn(texts: readonly string[]): (name: string) => boolean {
  const tokens = new Set<string>();
  const globs: RegExp[] = [];
  for (const text of texts) {
    for (const token of text.split(/[^A-Za-z0-9._*-]+/)) {
      if (token === '' || /^[*.]*$/.test(token)) continue;
      for (const piece of [token, ...token.split('.')]) {
        if (piece.includes('*')) globs.push(new RegExp(`^${piece.split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\-]/g, '\\$&')).join('.*')}$`));
        else if (piece !== '') tokens.add(piece);
      }
    }
  }
  return (name) => tokens.has(name) || globs.some((glob) => glob.test(name));
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * The narrowed collectors' inputs. The walk hands it each region's ECS result and the IAM result
 * as they arrive (`ecsRead`, `iamRead`); the ELBv2, SQS, S3 and DynamoDB collectors wait for them.
 */
export class ScopedWalkPlan {
  private readonly ecs = new Map<string, ReturnType<typeof deferred<Partial<Inventory>>>>();
  private readonly iam = deferred<Partial<Inventory>>();
  private readonly elbv2 = new Map<string, ReturnType<typeof deferred<Partial<Inventory>>>>();
  private readonly rds = new Map<string, ReturnType<typeof deferred<Partial<Inventory>>>>();

  constructor(
    private readonly seeds: ReadonlyMap<string, RegionSeeds>,
    /** ARNs and physical ids the lookups found. */
    private readonly found: readonly string[],
  ) {
    for (const region of seeds.keys()) {
      this.ecs.set(region, deferred());
      this.elbv2.set(region, deferred());
      this.rds.set(region, deferred());
    }
  }

  /** Undefined: read the region's ECS whole. */
  ecsTargets(region: string): EcsTargets | undefined {
    return this.seeds.get(region)?.ecs;
  }

  ecsRead(region: string, partial: Partial<Inventory>): void {
    this.ecs.get(region)?.resolve(partial);
  }

  elbv2Read(region: string, partial: Partial<Inventory>): void {
    this.elbv2.get(region)?.resolve(partial);
  }

  rdsRead(region: string, partial: Partial<Inventory>): void {
    this.rds.get(region)?.resolve(partial);
  }

  iamRead(partial: Partial<Inventory>): void {
    this.iam.resolve(partial);
  }

  /** The target groups the region's services use or the lookup found, and the load balancers it found. */
  async elbv2Targets(region: string): Promise<Elbv2Targets> {
    const seeds = this.seeds.get(region);
    const ecs = await this.ecs.get(region)!.promise;
    const used = (ecs.services ?? []).flatMap((service) => service.loadBalancers.flatMap((lb) => (lb.targetGroupArn ? [lb.targetGroupArn] : [])));
    return { targetGroupArns: [...new Set([...(seeds?.targetGroupArns ?? []), ...used])], loadBalancerArns: seeds?.loadBalancerArns ?? [] };
  }

  /**
   * The region's network the application needs: the VPCs of its target groups, load balancers
   * and of the databases its task definitions or the lookups name, the subnets its services run
   * in, and every database (RDS is read whole), whose groups may admit its services from another VPC.
   */
  async ec2Targets(region: string): Promise<Ec2Targets> {
    const [ecs, elbv2, rds] = await Promise.all([this.ecs.get(region)!.promise, this.elbv2.get(region)!.promise, this.rds.get(region)!.promise]);
    const named = namedIn([...this.found, ...(ecs.taskDefinitions ?? []).map((definition) => JSON.stringify(definition))]);
    const namedClusters = new Set((rds.dbClusters ?? []).filter((c) => [c.identifier, c.endpoint, c.readerEndpoint].some((n) => n !== undefined && named(n))).map((c) => c.identifier));
    const instances = rds.dbInstances ?? [];
    const namedInstances = instances.filter(
      (db) => named(db.identifier) || named(db.arn) || (db.endpoint !== undefined && named(db.endpoint.address)) || (db.clusterIdentifier !== undefined && namedClusters.has(db.clusterIdentifier)),
    );
    const found = this.seeds.get(region)?.network;
    const vpcIds = [
      ...(elbv2.targetGroups ?? []).map((tg) => tg.vpcId),
      ...(elbv2.loadBalancers ?? []).map((lb) => lb.vpcId),
      ...namedInstances.map((db) => db.vpcId),
      ...(found?.vpcIds ?? []),
    ].filter((id): id is string => id !== undefined && id !== '');
    return {
      vpcIds: [...new Set(vpcIds)].sort(),
      subnetIds: [...new Set([...(ecs.services ?? []).flatMap((service) => service.subnetIds), ...(found?.subnetIds ?? [])])].sort(),
      groupIds: found?.groupIds ?? [],
      endpointIds: found?.endpointIds ?? [],
      databases: instances.map((db) => ({ vpcId: db.vpcId, securityGroupIds: db.securityGroupIds })),
    };
  }

  /** Which queues, buckets and tables to read: those the task definitions, the roles' policies or the lookups name. */
  async storesWanted(): Promise<(name: string) => boolean> {
    const ecs = await Promise.all([...this.ecs.values()].map((d) => d.promise));
    const iam = await this.iam.promise;
    return namedIn([
      ...this.found,
      ...ecs.flatMap((partial) => (partial.taskDefinitions ?? []).map((definition) => JSON.stringify(definition))),
      ...(iam.roles ?? []).map((role) => JSON.stringify(role)),
      ...(iam.managedPolicies ?? []).map((policy) => JSON.stringify(policy)),
    ]);
  }
}
