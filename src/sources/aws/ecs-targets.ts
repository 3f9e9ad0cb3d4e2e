import type { ScopeSelectors } from '../../model/index.js';

/**
 * A scoped live walk reads ECS only where the selectors point (docs/scoping.md, "Cheaper live
 * walks"): the named clusters' services, or the named services themselves. `ecsTargetsOf` reads
 * `--cluster` and `--service`; a tag or stack names its services through a lookup first
 * (scoped-walk.ts), and a VPC keeps the whole ECS walk.
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
