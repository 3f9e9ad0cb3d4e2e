import type { Inventory, ServiceCoverage, SourceInfo } from './inventory.js';
import { idOf, KIND_LIST, type CollectionKey, type ItemOf } from './kinds.js';

/**
 * Several accounts in one inventory. A walk of many accounts (or `topology merge` of snapshots
 * made by separate jobs) joins one inventory per account into one: collections concatenated (a
 * resource seen twice, e.g. a bucket listed by two region jobs of one account, is kept once),
 * `accounts` listing each account with its regions, and `resourceAccounts` saying which account
 * every resource belongs to (by its id). ARNs carry an account, but EC2 ids, bucket names, zone
 * ids and DNS records do not; the map answers for all of them alike.
 *
 * An inventory of one account has neither field: `accountOf` answers with `accountId`.
 */

export interface AccountInfo {
  /** The 12-digit account id (or its public pseudonym under --public). */
  id: string;
  /** The regions walked in this account, sorted. */
  regions: string[];
}

/** The accounts an inventory covers: the listed ones, else its own account, else none (a template without one). */
export function inventoryAccounts(inventory: Pick<Inventory, 'accounts' | 'accountId' | 'regions'>): AccountInfo[] {
  if (inventory.accounts !== undefined && inventory.accounts.length > 0) return inventory.accounts;
  return inventory.accountId === undefined ? [] : [{ id: inventory.accountId, regions: [...inventory.regions] }];
}

/** True when the inventory spans more than one account (tables then show an Account column). */
export function isMultiAccount(inventory: Pick<Inventory, 'accounts' | 'accountId' | 'regions'>): boolean {
  return inventoryAccounts(inventory).length > 1;
}

/** The account a resource (by node id) belongs to; undefined when not known. */
export function accountOf(inventory: Pick<Inventory, 'resourceAccounts' | 'accountId'>, id: string): string | undefined {
  return inventory.resourceAccounts?.[id] ?? inventory.accountId;
}

function coverageKey(entry: ServiceCoverage): string {
  return `${entry.account ?? ''}|${entry.service}|${entry.region}`;
}

/** Two jobs that both visited a (account, service, region) — the global services of one account — keep the fuller answer. */
function betterCoverage(a: ServiceCoverage, b: ServiceCoverage): ServiceCoverage {
  if (a.status === 'ok') return a;
  if (b.status === 'ok') return b;
  return a.missing.length <= b.missing.length ? a : b;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A resource several walks saw: the owner's copy wins, else the lowest account's. */
function replacesCopy(seenBy: string | undefined, kept: string | undefined, owner: string | undefined): boolean {
  if (seenBy === undefined) return false;
  if (kept === undefined) return true;
  if (kept === owner) return false;
  if (seenBy === owner) return true;
  return compareText(seenBy, kept) < 0;
}

/**
 * One inventory from several (accounts, or regions of one account). The result does not depend on
 * the order of `parts`: collections and coverage are sorted by id, so a walk of every account at
 * once and a merge of per-account snapshots give the same inventory. A resource several accounts
 * describe (a peering connection) is filed under its owner (the kind's `owner`), else the lowest account.
 */
export function mergeAccountInventories(parts: readonly Inventory[], source: SourceInfo): Inventory {
  if (parts.length === 0) throw new Error('mergeAccountInventories: nothing to merge');
  const accountRegions = new Map<string, Set<string>>();
  const resourceAccounts: Record<string, string> = {};
  const merged: Record<string, unknown> = {};
  const seen = new Map<CollectionKey, Map<string, number>>();
  for (const descriptor of KIND_LIST) {
    merged[descriptor.collection] = [];
    seen.set(descriptor.collection, new Map());
  }
  for (const part of parts) {
    for (const account of inventoryAccounts(part)) {
      const regions = accountRegions.get(account.id) ?? new Set<string>();
      for (const region of account.regions) regions.add(region);
      accountRegions.set(account.id, regions);
    }
    for (const descriptor of KIND_LIST) {
      const positions = seen.get(descriptor.collection)!;
      const items = merged[descriptor.collection] as ItemOf<CollectionKey>[];
      const owner = descriptor.owner as ((item: ItemOf<CollectionKey>) => string | undefined) | undefined;
      for (const item of part[descriptor.collection] as ItemOf<CollectionKey>[]) {
        const id = idOf(descriptor, item);
        const seenBy = accountOf(part, id);
        const position = positions.get(id);
        if (position !== undefined) {
          // Seen by another walk too (another account's, or another region's of one account).
          if (!replacesCopy(seenBy, resourceAccounts[id], owner?.(item))) continue;
          items[position] = item;
        } else {
          positions.set(id, items.length);
          items.push(item);
        }
        if (seenBy !== undefined) resourceAccounts[id] = seenBy;
      }
    }
  }
  for (const descriptor of KIND_LIST) {
    const items = merged[descriptor.collection] as ItemOf<CollectionKey>[];
    items.sort((a, b) => compareText(idOf(descriptor, a), idOf(descriptor, b)));
  }
  const coverage = new Map<string, ServiceCoverage>();
  for (const entry of parts.flatMap((part) => part.coverage)) {
    const key = coverageKey(entry);
    const known = coverage.get(key);
    coverage.set(key, known === undefined ? entry : betterCoverage(known, entry));
  }
  const accounts = [...accountRegions]
    .map(([id, regions]) => ({ id, regions: [...regions].sort(compareText) }))
    .sort((a, b) => compareText(a.id, b.id));
  const warnings = parts.flatMap((part) => part.sourceWarnings ?? []);
  const regions = [...new Set(parts.flatMap((part) => part.regions))].sort(compareText);
  const single = accounts.length === 1 ? accounts[0]!.id : undefined;
  return {
    ...(merged as Omit<Inventory, 'source' | 'partition' | 'regions' | 'coverage'>),
    source,
    partition: parts[0]!.partition,
    ...(single === undefined ? {} : { accountId: single }),
    regions,
    ...(accounts.length > 1 ? { accounts, resourceAccounts: sortedRecord(resourceAccounts) } : {}),
    coverage: [...coverage.values()].sort((a, b) => compareText(coverageKey(a), coverageKey(b))),
    ...(warnings.length > 0 ? { sourceWarnings: warnings } : {}),
  };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
