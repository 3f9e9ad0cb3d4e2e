import { type EdgeKind, type Evidence } from '../../model/index.js';
import { VALUE_BEARING_MATCHES, nodeName, linkTargetType, evidenceLabel, text } from './cells.js';
import { REDACTED_VALUE, type ViewContext } from './context.js';

export const LINK_COLUMNS = ['ECS Service', 'Target Type', 'Target ID', 'Match Type', 'Match', 'Found In'];

/**
 * One row per evidence item of every ECS → data-store edge of a kind. Rows are pushed one by one:
 * `flatMap` returns a holey array, and the table code, which sees the other views' packed ones,
 * would be optimised again for it.
 */
export function serviceLinkRows({ topology, index }: ViewContext, edgeKind: EdgeKind): string[][] {
  const hidden = (evidence: Evidence) => topology.redacted && VALUE_BEARING_MATCHES.has(evidence.matchType);
  const rows: string[][] = [];
  for (const edge of topology.edges.filter((edge) => edge.kind === edgeKind)) {
    for (const evidence of edge.evidence) {
      rows.push([
        nodeName(index, edge.from),
        linkTargetType(edge.to),
        nodeName(index, edge.to),
        evidenceLabel(evidence),
        hidden(evidence) ? REDACTED_VALUE : text(evidence.matchedValue),
        hidden(evidence) ? REDACTED_VALUE : text(evidence.field),
      ]);
    }
  }
  return rows;
}
