import {
  arnResourceName,
  idOf,
  KIND_LIST,
  type AnyKindDescriptor,
  type Inventory,
  type Tags,
} from '../model/index.js';
import type { ScopeSelectors, TagSelector } from '../model/scope.js';

/**
 * Which resources the selectors name themselves (before the closure takes in what they use).
 * Keys are `nodeKey`-shaped (`kind\0id`) for every collection, inventory-only kinds included.
 */

export const STACK_TAG = 'aws:cloudformation:stack-name';

export function itemKey(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

export interface InventoryItem {
  descriptor: AnyKindDescriptor;
  item: object;
  key: string;
  id: string;
}

/** Every resource of the inventory with its key, in registry order. */
export function inventoryItems(inventory: Inventory): InventoryItem[] {
  const items: InventoryItem[] = [];
  for (const descriptor of KIND_LIST) {
    for (const item of inventory[descriptor.collection] as object[]) {
      const id = idOf(descriptor, item as never);
      items.push({ descriptor, item, key: itemKey(descriptor.kind, id), id });
    }
  }
  return items;
}

export function tagsOf(item: object): Tags | undefined {
  const tags = (item as { tags?: unknown }).tags;
  return tags !== null && typeof tags === 'object' ? (tags as Tags) : undefined;
}

/** One selector (or, for tags, the whole tag combination) and what it matched. */
export interface SelectorMatch {
  /** `--tag app=orders --tag team=commerce`, `--stack orders`: as the user typed it. */
  flag: string;
  keys: string[];
}

export interface Selection {
  /** Everything matched, inventory-only kinds (cluster, VPC) included. */
  keys: Set<string>;
  /** Per selector, for "matches nothing" errors. */
  matches: SelectorMatch[];
}

/** Same key: any of its values; different keys: all of them. */
export function matchesTags(tags: Tags | undefined, selectors: readonly TagSelector[]): boolean {
  if (tags === undefined || selectors.length === 0) return false;
  const byKey = new Map<string, Set<string>>();
  for (const { key, value } of selectors) byKey.set(key, (byKey.get(key) ?? new Set()).add(value));
  for (const [key, values] of byKey) {
    const value = tags[key];
    if (value === undefined || !values.has(value)) return false;
  }
  return true;
}

/**
 * The stack itself, or one of its nested stacks: CloudFormation names a nested stack
 * `<parent>-<logical id>-<random suffix>` (the template source does the same), so a name that
 * continues the stack's with `-…-SUFFIX` (upper-case letters and digits) belongs to it.
 */
export function inStack(stackTag: string | undefined, stack: string): boolean {
  if (stackTag === undefined) return false;
  if (stackTag === stack) return true;
  return stackTag.startsWith(`${stack}-`) && /^.+-[A-Z0-9]{8,13}$/.test(stackTag.slice(stack.length + 1));
}

export function selectResources(inventory: Inventory, selectors: ScopeSelectors): Selection {
  const items = inventoryItems(inventory);
  const matches: SelectorMatch[] = [];
  if (selectors.tags.length > 0) {
    matches.push({
      flag: selectors.tags.map((tag) => `--tag ${tag.key}=${tag.value}`).join(' '),
      keys: items.filter((entry) => matchesTags(tagsOf(entry.item), selectors.tags)).map((entry) => entry.key),
    });
  }
  for (const stack of selectors.stacks) {
    matches.push({ flag: `--stack ${stack}`, keys: items.filter((entry) => inStack(tagsOf(entry.item)?.[STACK_TAG], stack)).map((entry) => entry.key) });
  }
  for (const cluster of selectors.clusters) matches.push({ flag: `--cluster ${cluster}`, keys: clusterKeys(inventory, cluster) });
  for (const service of selectors.services) matches.push({ flag: `--service ${service}`, keys: serviceKeys(inventory, service) });
  for (const vpc of selectors.vpcs) matches.push({ flag: `--vpc ${vpc}`, keys: vpcKeys(inventory, vpc) });
  return { keys: new Set(matches.flatMap((match) => match.keys)), matches };
}

/** A cluster by name or ARN, and its services. */
function clusterKeys(inventory: Inventory, selector: string): string[] {
  const arns = new Set(inventory.clusters.filter((cluster) => cluster.name === selector || cluster.arn === selector).map((cluster) => cluster.arn));
  // A service may name a cluster the inventory does not hold (a template importing it): its ARN's name still counts.
  for (const service of inventory.services) if (arnResourceName(service.clusterArn) === selector || service.clusterArn === selector) arns.add(service.clusterArn);
  return [
    ...inventory.clusters.filter((cluster) => arns.has(cluster.arn)).map((cluster) => itemKey('ecs-cluster', cluster.arn)),
    ...inventory.services.filter((service) => arns.has(service.clusterArn)).map((service) => itemKey('ecs-service', service.arn)),
  ];
}

/**
 * `CLUSTER/SERVICE` by names (or the cluster's ARN), or the service's ARN. Either side may hold a
 * slash (a cluster ARN; a template's service named by its construct path, `Services/WebService`),
 * so every split is tried.
 */
function serviceKeys(inventory: Inventory, selector: string): string[] {
  const clusterNames = new Map(inventory.clusters.map((cluster) => [cluster.arn, cluster.name]));
  const splits = [...selector.matchAll(/\//g)].map((slash) => ({ cluster: selector.slice(0, slash.index), service: selector.slice(slash.index + 1) }));
  return inventory.services
    .filter((service) => {
      if (service.arn === selector) return true;
      const clusterName = clusterNames.get(service.clusterArn) ?? arnResourceName(service.clusterArn);
      return splits.some((split) => split.service === service.name && (split.cluster === clusterName || split.cluster === service.clusterArn));
    })
    .map((service) => itemKey('ecs-service', service.arn));
}

/** A VPC by id or Name, and every resource placed in it. */
function vpcKeys(inventory: Inventory, selector: string): string[] {
  const vpcIds = new Set(inventory.vpcs.filter((vpc) => vpc.id === selector || vpc.name === selector).map((vpc) => vpc.id));
  if (vpcIds.size === 0) return [];
  const subnetIds = new Set(inventory.subnets.filter((subnet) => vpcIds.has(subnet.vpcId)).map((subnet) => subnet.id));
  const inVpc = (item: { vpcId?: string | undefined }) => item.vpcId !== undefined && vpcIds.has(item.vpcId);
  const inSubnets = (item: { subnetIds: string[] }) => item.subnetIds.some((id) => subnetIds.has(id));
  const dbInstances = inventory.dbInstances.filter((db) => inVpc(db) || inSubnets(db));
  const dbClusterIds = new Set(dbInstances.flatMap((db) => (db.clusterIdentifier === undefined ? [] : [db.clusterIdentifier])));
  return [
    ...inventory.vpcs.filter((vpc) => vpcIds.has(vpc.id)).map((vpc) => itemKey('vpc', vpc.id)),
    ...inventory.subnets.filter((subnet) => subnetIds.has(subnet.id)).map((subnet) => itemKey('subnet', subnet.id)),
    ...inventory.securityGroups.filter(inVpc).map((group) => itemKey('security-group', group.id)),
    ...inventory.vpcEndpoints.filter(inVpc).map((endpoint) => itemKey('vpc-endpoint', endpoint.id)),
    ...inventory.loadBalancers.filter((lb) => inVpc(lb) || inSubnets(lb)).map((lb) => itemKey('load-balancer', lb.arn)),
    ...inventory.targetGroups.filter(inVpc).map((tg) => itemKey('target-group', tg.arn)),
    ...inventory.services.filter(inSubnets).map((service) => itemKey('ecs-service', service.arn)),
    ...dbInstances.map((db) => itemKey('db-instance', db.arn)),
    ...inventory.dbClusters.filter((cluster) => dbClusterIds.has(cluster.identifier)).map((cluster) => itemKey('db-cluster', cluster.arn)),
  ];
}
