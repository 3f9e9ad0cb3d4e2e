import type { Inventory, Topology } from '../model/index.js';

/**
 * A redacted topology with every list (inventory lists and edges) in the order of its public
 * names: the source lists them by real name, and that order alone tells a reader something.
 * Every renderer gets this copy under --public (src/render/index.ts).
 */
export function inPublicOrder(topology: Topology): Topology {
  return {
    ...topology,
    inventory: inventoryInPublicOrder(topology.inventory),
    edges: sortedBy(topology.edges, (edge) => [edge.kind, edge.from.kind, edge.from.id, edge.to.kind, edge.to.id]),
  };
}

/**
 * Every list in the order of its public names, so that no output (JSON, tables, diagrams) keeps
 * the order of the real names the source listed them in.
 */
function inventoryInPublicOrder(inventory: Inventory): Inventory {
  const sorted: Record<string, unknown> = { ...inventory };
  for (const [key, value] of Object.entries(inventory)) {
    if (Array.isArray(value) && key !== 'coverage' && key !== 'regions') sorted[key] = sortedBy(value as object[], publicSortKey);
  }
  return sorted as unknown as Inventory;
}

function publicSortKey(item: object): string[] {
  const record = item as Record<string, unknown>;
  const fields = ['name', 'identifier', 'family', 'revision', 'type', 'arn', 'id', 'url', 'zoneId'];
  return fields.map((field) => (record[field] === undefined ? '' : String(record[field]).padStart(field === 'revision' ? 8 : 0, '0')));
}

export function sortedBy<T>(items: T[], key: (item: T) => string[]): T[] {
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return items.map((item) => ({ item, key: key(item) })).sort((a, b) => compare(a.key, b.key)).map(({ item }) => item);
}

