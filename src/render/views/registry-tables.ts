import { EDGE_KIND_LIST, KIND_LIST, type AnyKindDescriptor, type CollectionKey, type ItemOf, type KindTable, type TableCells } from '../../model/index.js';
import { lines, serviceWithEvidence, text } from './cells.js';
import { EMPTY_CELL, type TableSpec, type ViewContext } from './context.js';
import { LINK_COLUMNS, serviceLinkRows } from './service-links.js';

/**
 * The tables the registry (`model/kinds.ts`) describes as data: a kind's own table (its
 * descriptor's `view` columns) and an edge kind's link table (`linkTable` in `EDGE_KINDS`). A new
 * kind or edge kind is listed here without touching `render/`.
 */

function cellsOf({ index, into, outOf }: ViewContext): TableCells {
  return { index, into, outOf, lines, text, serviceWithEvidence: (edge) => serviceWithEvidence(index, edge), empty: EMPTY_CELL };
}

function kindTable(descriptor: AnyKindDescriptor, table: KindTable<ItemOf<CollectionKey>>): TableSpec {
  return {
    id: table.id,
    title: table.title,
    columns: table.columns.map((column) => column.header),
    needs: [...table.needs],
    rows: (context) => {
      const cells = cellsOf(context);
      const items = context.topology.inventory[descriptor.collection] as ItemOf<CollectionKey>[];
      return items.map((item) => table.columns.map((column) => column.cell(item, cells)));
    },
  };
}

/** Each kind's table given as columns in its descriptor, in registry order. */
export const KIND_TABLES: TableSpec[] = KIND_LIST.flatMap((descriptor) =>
  descriptor.view !== null && typeof descriptor.view === 'object' ? [kindTable(descriptor, descriptor.view)] : [],
);

/** One link table per edge kind that names one (service → data store), in registry order. */
export const LINK_TABLES: TableSpec[] = EDGE_KIND_LIST.flatMap(({ edgeKind, linkTable }) =>
  linkTable === undefined
    ? []
    : [{ id: linkTable.id, title: linkTable.title, columns: LINK_COLUMNS, needs: [...linkTable.needs], rows: (context: ViewContext) => serviceLinkRows(context, edgeKind) }],
);

/** The id of the table listing a kind: its own table's, or the hand-written one's it names. */
export function kindTableId(descriptor: AnyKindDescriptor): string | undefined {
  if (descriptor.view === null) return undefined;
  return typeof descriptor.view === 'string' ? descriptor.view : descriptor.view.id;
}

