import { idOf, inventoryAccounts, KIND_LIST, pushTo, type CollectionKey, type Inventory, type ItemOf } from '../model/index.js';
import type { PublicNames } from './names.js';

/**
 * Under --public, the accounts of a walk of several get names that say what each holds, not who it
 * is: `account-web` (load balancers, ECS services, DNS), `account-data` (databases, buckets,
 * queues), `account-network` (VPCs and nothing else of those); two of a role are numbered
 * (`account-web-1`, `account-web-2`, by account id), an account with none of these is
 * `account-1`, `account-2`... The same accounts holding the same kinds of things get the same
 * names on every run. Accounts only named (a principal of another account) keep keyed pseudonyms.
 */

type AccountRole = 'web' | 'data' | 'network';

const ROLE_COLLECTIONS: Record<AccountRole, readonly CollectionKey[]> = {
  web: ['loadBalancers', 'services', 'dnsRecords'],
  data: ['dbInstances', 'dbClusters', 'buckets', 'queues'],
  network: ['vpcs', 'subnets'],
};

const ROLE_ORDER: readonly AccountRole[] = ['web', 'data', 'network'];

/** The collections each account holds something of. */
function heldCollections(inventory: Inventory): Map<string, Set<CollectionKey>> {
  const held = new Map<string, Set<CollectionKey>>();
  for (const descriptor of KIND_LIST) {
    for (const item of inventory[descriptor.collection] as ItemOf<CollectionKey>[]) {
      const account = inventory.resourceAccounts?.[idOf(descriptor, item)];
      if (account === undefined) continue;
      const set = held.get(account) ?? new Set<CollectionKey>();
      set.add(descriptor.collection);
      held.set(account, set);
    }
  }
  return held;
}

/** Each walked account's public name; empty for an inventory of one account (it is just `account`). */
export function accountPseudonyms(inventory: Inventory): Map<string, string> {
  const accounts = inventoryAccounts(inventory).map((account) => account.id).sort();
  if (accounts.length < 2) return new Map();
  const held = heldCollections(inventory);
  const byRole = new Map<AccountRole | 'other', string[]>();
  for (const account of accounts) {
    const collections = held.get(account) ?? new Set<CollectionKey>();
    const role = ROLE_ORDER.find((candidate) => ROLE_COLLECTIONS[candidate].some((collection) => collections.has(collection))) ?? 'other';
    pushTo(byRole, role, account);
  }
  const names = new Map<string, string>();
  for (const [role, members] of byRole) {
    members.forEach((account, i) => {
      if (role === 'other') names.set(account, `account-${i + 1}`);
      else names.set(account, members.length === 1 ? `account-${role}` : `account-${role}-${i + 1}`);
    });
  }
  return names;
}

/** `resourceAccounts` with each id and account in its public form (the collections are redacted in the same order). */
export function redactResourceAccounts(names: PublicNames, inventory: Inventory, publicInventory: Omit<Inventory, 'resourceAccounts'>): Record<string, string> | undefined {
  const real = inventory.resourceAccounts;
  if (real === undefined) return undefined;
  const result: Record<string, string> = {};
  for (const descriptor of KIND_LIST) {
    const items = inventory[descriptor.collection] as ItemOf<CollectionKey>[];
    const published = publicInventory[descriptor.collection] as ItemOf<CollectionKey>[];
    items.forEach((item, i) => {
      const account = real[idOf(descriptor, item)];
      if (account !== undefined && published[i] !== undefined) result[idOf(descriptor, published[i])] = names.account(account);
    });
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
