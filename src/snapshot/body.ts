import { KIND_LIST, type CollectionKey, type Edge, type Inventory, type Topology } from '../model/index.js';
import { canonicalize, compareText } from './canonical.js';
import type { SnapshotBody, SnapshotEdge, SnapshotInventory } from './format.js';

/**
 * Each kind's `volatile` fields (the registry, src/model/kinds.ts): they change while the design
 * stays the same (running counts, health, states), so the body leaves them out.
 */
export const VOLATILE_FIELDS: Partial<Record<CollectionKey, readonly string[]>> = Object.fromEntries(
  KIND_LIST.filter((descriptor) => descriptor.volatile.length > 0).map((descriptor) => [descriptor.collection, descriptor.volatile]),
);

/** The topology as drift compares it, in canonical order. */
export function snapshotBody(topology: Pick<Topology, 'inventory' | 'edges'>): SnapshotBody {
  return canonicalize({ inventory: comparedInventory(topology.inventory), edges: topology.edges.map(comparedEdge) }) as SnapshotBody;
}

function comparedInventory(inventory: Inventory): SnapshotInventory {
  const { source: _source, coverage: _coverage, sourceWarnings: _sourceWarnings, ...rest } = inventory;
  const compared: Record<string, unknown> = { ...rest };
  for (const [collection, fields] of Object.entries(VOLATILE_FIELDS)) {
    compared[collection] = (rest[collection as keyof typeof rest] as object[]).map((item) => withoutFields(item, fields));
  }
  return compared as unknown as SnapshotInventory;
}

function withoutFields(item: object, fields: readonly string[]): object {
  const copy: Record<string, unknown> = { ...item };
  for (const field of fields) delete copy[field];
  return copy;
}

function comparedEdge(edge: Edge): SnapshotEdge {
  const via = [...new Set(edge.evidence.map((evidence) => evidence.matchType))].sort(compareText);
  return { kind: edge.kind, from: edge.from, to: edge.to, attributes: edge.attributes, via };
}

/**
 * The inventory a snapshot body stands for, as a source gives it to the pipeline. It takes the
 * body's lists and items as they are, not copies: a body is parsed for this and read no more
 * (`--from`, merge), and copying the 1,000-service snapshot's inventory cost 96 ms of a 1.3 s run.
 */
export function inventoryFromBody(body: SnapshotBody, source: Inventory['source']): Inventory {
  const inventory: Inventory = { source, ...body.inventory, coverage: [] };
  // A snapshot written before a kind was in the registry has no list of it (the schema allows that).
  for (const { collection } of KIND_LIST) if (inventory[collection] === undefined) (inventory[collection] as unknown[]) = [];
  return inventory;
}
