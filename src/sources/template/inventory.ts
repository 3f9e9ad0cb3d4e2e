import { emptyInventory, type CollectionKey, type Inventory, type SourceInfo, type Warning } from '../../model/index.js';
import { mapDynamoDb } from './map/dynamodb.js';
import { mapEcs } from './map/ecs.js';
import { mapElbv2 } from './map/elbv2.js';
import { mapIam } from './map/iam.js';
import { mapSecurityGroups, mapSubnets, mapVpcEndpoints, mapVpcs } from './map/network.js';
import { mapRds } from './map/rds.js';
import { mapRoute53 } from './map/route53.js';
import { mapStorage } from './map/storage.js';
import { securityGroupUsers, targetGroupUsers } from './map/usage.js';
import { mapVpcLinks } from './map/vpc-links.js';
import { problemWarnings, unresolvedWarning } from './report.js';
import { ResourceSet } from './resources.js';
import type { TemplateStack } from './stack.js';

/**
 * The inventory the stacks describe, merged: identifiers are global, so cross-stack links hold.
 * `warnings` (what the loader noticed) gain what the templates left unresolved or unclear.
 */
export function inventoryFromStacks(stacks: TemplateStack[], source: SourceInfo, warnings: Warning[] = []): Inventory {
  const set = new ResourceSet(stacks);
  const accounts = [...new Set(stacks.map((stack) => stack.env.accountId))];
  const partitions = [...new Set(stacks.map((stack) => stack.env.partition))];
  const inventory = emptyInventory(source, partitions[0] ?? 'aws');
  const mapped: Inventory = {
    ...inventory,
    ...(accounts.length === 1 ? { accountId: accounts[0] } : {}),
    regions: [...new Set(stacks.map((stack) => stack.env.region))].sort(),
    ...mappedCollections(set),
  };
  markUsers(mapped, set);
  const unresolved = unresolvedWarning(set.all);
  const sourceWarnings = [...warnings, ...problemWarnings(stacks.flatMap((stack) => stack.problems)), ...(unresolved === undefined ? [] : [unresolved])];
  return sourceWarnings.length === 0 ? mapped : { ...mapped, sourceWarnings };
}

/** Every collection of the inventory from its mapper: a kind without one fails the build (the result is not padded with empty lists). */
function mappedCollections(set: ResourceSet): Pick<Inventory, CollectionKey> {
  return {
    ...mapRoute53(set),
    ...mapElbv2(set),
    ...mapEcs(set),
    vpcs: mapVpcs(set),
    subnets: mapSubnets(set),
    securityGroups: mapSecurityGroups(set),
    vpcEndpoints: mapVpcEndpoints(set),
    ...mapVpcLinks(set),
    ...mapRds(set),
    ...mapIam(set),
    ...mapStorage(set),
    ...mapDynamoDb(set),
  };
}

/** Groups used only by resources outside the model are still in use: say by what. */
function markUsers(inventory: Inventory, set: ResourceSet): void {
  const sgUsers = securityGroupUsers(set, inventory.securityGroups.map((group) => group.id));
  for (const group of inventory.securityGroups) {
    const users = sgUsers.get(group.id);
    if (users !== undefined) group.usedBy = users;
  }
  const tgUsers = targetGroupUsers(set, inventory.targetGroups.map((group) => group.arn));
  for (const group of inventory.targetGroups) {
    const users = tgUsers.get(group.arn);
    if (users !== undefined) group.usedBy = users;
  }
}
