import {
  indexEdges,
  indexInventory,
  type EdgeIndex,
  type Edge,
  type EdgeKind,
  type InventoryIndex,
  type NodeRef,
  type Topology,
} from '../../model/index.js';
import { type DataSource } from '../../model/coverage.js';

/** What every table file builds on: the table shape, its spec, and the topology with its edges looked up by node. */
export interface TableView {
  id: string;
  title: string;
  columns: string[];
  rows: string[][];
  /** Why the table is empty when that is not simply "nothing there" (e.g. the calls were denied). */
  emptyMessage?: string;
  /** Shown above the rows when some of the calls they derive from failed: the rows are incomplete. */
  note?: string;
}

export const EMPTY_CELL = '-';

export const PUBLIC_MODE_MESSAGE =
  'Public mode enabled: infrastructure identifiers, endpoints, ARNs, and sensitive values have been redacted.';

export const REDACTED_VALUE = '<redacted>';

/** A table: what it is called, its columns, and how its rows come out of the topology. */
export interface TableSpec {
  id: string;
  title: string;
  columns: string[];
  /** The data the rows and cells derive from: a call among them that failed makes the table "not collected". */
  needs: DataSource[];
  rows(context: ViewContext): string[][];
}

export interface ViewContext {
  topology: Topology;
  index: InventoryIndex;
  /** Edges of one kind leaving a node. */
  outOf(kind: EdgeKind, node: NodeRef): Edge[];
  /** Edges of one kind arriving at a node. */
  into(kind: EdgeKind, node: NodeRef): Edge[];
}

/** What a context can take from a caller that already indexed the topology (the page's `ResourceLookup`). */
export interface TopologyIndexes {
  index: InventoryIndex;
  edges: EdgeIndex;
}

/** The tables' lookups: the inventory by id and the edges by node (`indexEdges`), built here unless the caller has them. */
export function viewContext(topology: Topology, indexes?: TopologyIndexes): ViewContext {
  const edges = indexes?.edges ?? indexEdges(topology.edges);
  return {
    topology,
    index: indexes?.index ?? indexInventory(topology.inventory),
    outOf: (kind, node) => edges.from(node, kind),
    into: (kind, node) => edges.to(node, kind),
  };
}
