import { indexInventory, nodeKey, pushTo, type Edge, type EdgeKind, type Topology } from '../model/index.js';
import type { AuditContext } from './rule.js';

/** `index`: the topology's inventory indexed, when the caller has it already. */
export function auditContext(topology: Pick<Topology, 'inventory' | 'edges' | 'scope'>, index = indexInventory(topology.inventory)): AuditContext {
  const byKind = new Map<EdgeKind, Edge[]>();
  for (const edge of topology.edges) pushTo(byKind, edge.kind, edge);
  // The edges of a kind by their source, made when a rule first asks for that kind: the rules ask
  // for a few kinds, and the security-group rules (25,000 edges at 1,000 services) are not among them.
  const bySource = new Map<EdgeKind, Map<string, Edge[]>>();
  const sourcesOf = (kind: EdgeKind): Map<string, Edge[]> => {
    let sources = bySource.get(kind);
    if (sources === undefined) {
      sources = new Map();
      for (const edge of byKind.get(kind) ?? []) pushTo(sources, nodeKey(edge.from), edge);
      bySource.set(kind, sources);
    }
    return sources;
  };
  return {
    inventory: topology.inventory,
    edges: topology.edges,
    index,
    outgoing: (node, kind) => sourcesOf(kind).get(nodeKey(node)) ?? [],
    ...(topology.scope === undefined ? {} : { scope: topology.scope }),
  };
}
