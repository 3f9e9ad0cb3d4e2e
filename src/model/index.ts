import type { Edge, EdgeKind, NodeKind, NodeRef } from './topology.js';

export * from './accounts.js';
export * from './inventory.js';
export * from './topology.js';
export * from './ids.js';
export * from './kinds.js';
export { numbersAndBooleans } from './kind-redactions.js';
export * from './lists.js';
export * from './scope.js';

export function sameNode(a: NodeRef, b: NodeRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** One string per node, for maps keyed by node (kinds never contain the separator). */
export function nodeKey(node: NodeRef): string {
  return `${node.kind}\u0000${node.id}`;
}

/**
 * The edges leaving and arriving at each node, looked up in constant time. A stage that asks for
 * many nodes' edges builds this once instead of scanning every edge per node (`edgesFrom` /
 * `edgesTo`); the lists keep the edges' order, so answers equal the scans' answers.
 */
export interface EdgeIndex {
  from(node: NodeRef, kind?: EdgeKind): Edge[];
  to(node: NodeRef, kind?: EdgeKind): Edge[];
}

const NO_EDGES: readonly Edge[] = Object.freeze([]);

export function indexEdges(edges: readonly Edge[]): EdgeIndex {
  // By kind, then id: no key string is built per edge or per question.
  const bySource = new Map<NodeKind, Map<string, Edge[]>>();
  const byTarget = new Map<NodeKind, Map<string, Edge[]>>();
  const add = (map: Map<NodeKind, Map<string, Edge[]>>, node: NodeRef, edge: Edge): void => {
    let byId = map.get(node.kind);
    if (byId === undefined) {
      byId = new Map();
      map.set(node.kind, byId);
    }
    const list = byId.get(node.id);
    if (list) list.push(edge);
    else byId.set(node.id, [edge]);
  };
  for (const edge of edges) {
    add(bySource, edge.from, edge);
    add(byTarget, edge.to, edge);
  }
  // A node has few edges: filtering its own list by kind is cheaper than a second map per kind.
  // The answer is pushed into a literal, not made by `filter` or a spread: a literal's allocation
  // site makes every answer, empty or not, the same kind of array, which keeps the callers (the
  // tables' row builders, the diagram) from being optimised again for an empty one.
  const lookup = (map: Map<NodeKind, Map<string, Edge[]>>, node: NodeRef, kind: EdgeKind | undefined): Edge[] => {
    const found: Edge[] = [];
    for (const edge of map.get(node.kind)?.get(node.id) ?? NO_EDGES) if (kind === undefined || edge.kind === kind) found.push(edge);
    return found;
  };
  return {
    from: (node, kind) => lookup(bySource, node, kind),
    to: (node, kind) => lookup(byTarget, node, kind),
  };
}

export function edgesFrom(edges: Edge[], node: NodeRef, kind?: EdgeKind): Edge[] {
  return edges.filter((e) => sameNode(e.from, node) && (kind === undefined || e.kind === kind));
}

export function edgesTo(edges: Edge[], node: NodeRef, kind?: EdgeKind): Edge[] {
  return edges.filter((e) => sameNode(e.to, node) && (kind === undefined || e.kind === kind));
}

export function ref(kind: NodeKind, id: string): NodeRef {
  return { kind, id };
}

