import type { Topology } from '../model/index.js';
import { buildDiagram, type DiagramGraph } from './diagram/graph.js';
import { resourceLookup, type ResourceLookup } from './diagram/resources.js';
import { topologyTables, type TableView } from './views.js';
import { sharedView, type SharedViews } from './shared.js';

/**
 * The views the formats share (shared.ts), each made by the function that always made it. Kept
 * apart from shared.ts: `render` (index.ts) imports that, and `topology --help` loads index.ts for
 * the format names, not the diagram or the tables.
 */

/** The topology's resources and edges looked up by id and node (`resourceLookup`). */
export function sharedLookup(topology: Topology, views?: SharedViews): ResourceLookup {
  return sharedView(views, topology, 'lookup', () => resourceLookup(topology.inventory, topology.edges));
}

/** The diagram with one box per resource (Mermaid, DOT, and the page's before it is compacted). `lookup`: the caller's, when it has one. */
export function sharedFullDiagram(topology: Topology, views?: SharedViews, lookup?: ResourceLookup): DiagramGraph {
  return sharedView(views, topology, 'full-diagram', () => buildDiagram(topology, lookup ?? sharedLookup(topology, views)));
}

/** Every topology table with every row (the terminal tables; the page cuts them). `lookup`: the caller's, when it has one. */
export function sharedTables(topology: Topology, views?: SharedViews, lookup?: ResourceLookup): TableView[] {
  return sharedView(views, topology, 'tables', () => topologyTables(topology, lookup ?? sharedLookup(topology, views)));
}
