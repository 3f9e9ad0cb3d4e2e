import type { ScopeSelectors } from '../../model/index.js';

/**
 * A scoped live walk reads ECS only where the selectors point (docs/scoping.md, "Cheaper live
 * walks"): the named clusters' services, or the named services themselves. Only `--cluster` and
 * `--service` narrow it: a tag, stack or VPC may name services in any cluster, so any of them
 * among the selectors keeps the whole ECS walk.
 */
export interface EcsTargets {
  /** Cluster names or ARNs: every service of each. */
  clusters: string[];
  /** One service each: its cluster (name or ARN) and its name (or ARN). */
  services: { cluster: string; service: string }[];
}

export function ecsTargetsOf(selectors: ScopeSelectors | undefined): EcsTargets | undefined {
  if (selectors === undefined) return undefined;
  if (selectors.tags.length + selectors.stacks.length + selectors.vpcs.length > 0) return undefined;
  if (selectors.clusters.length + selectors.services.length === 0) return undefined;
  return {
    clusters: [...selectors.clusters],
    services: selectors.services.map((selector) => {
      // `arn:aws:ecs:region:account:service/CLUSTER/NAME`, or `CLUSTER/NAME`.
      const parts = selector.split('/');
      return { cluster: parts[parts.length - 2]!, service: parts[parts.length - 1]! };
    }),
  };
}

/** What a scoped ECS walk did not read, said once in the inventory's notices. */
export const ECS_TARGETS_NOTICE =
  'Scoped live walk: ECS services outside the --cluster/--service selectors were not read, so a shared database, queue, bucket or role does not count them among its users outside this scope.';
