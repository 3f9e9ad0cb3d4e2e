import { indexInventory, pushTo, type Edge, type EdgeKind, type NodeRef, type Topology } from '../model/index.js';
import type { AuditContext } from './rule.js';

function key(kind: EdgeKind, node: NodeRef): string {
  return `${kind}\u0000${node.kind}\u0000${node.id}`;
}

export function auditContext(topology: Pick<Topology, 'inventory' | 'edges' | 'scope'>): AuditContext {
  const bySource = new Map<string, Edge[]>();
  for (const edge of topology.edges) {
    const k = key(edge.kind, edge.from);
    // In place: copying the list for each edge is quadratic in a source's edges (one security group
    // is the source of thousands of rules in a large account).
    pushTo(bySource, k, edge);
  }
  return {
    inventory: topology.inventory,
    edges: topology.edges,
    index: indexInventory(topology.inventory),
    outgoing: (node, kind) => bySource.get(key(kind, node)) ?? [],
    ...(topology.scope === undefined ? {} : { scope: topology.scope }),
  };
}
