import { type EdgeKind, type Evidence } from '../../model/index.js';
import { VALUE_BEARING_MATCHES, nodeName, linkTargetType, evidenceLabel, text } from './cells.js';
import { REDACTED_VALUE, type ViewContext } from './context.js';

export const LINK_COLUMNS = ['ECS Service', 'Target Type', 'Target ID', 'Match Type', 'Match', 'Found In'];

/** One row per evidence item of every ECS → data-store edge of a kind. */
export function serviceLinkRows({ topology, index }: ViewContext, edgeKind: EdgeKind): string[][] {
  const hidden = (evidence: Evidence) => topology.redacted && VALUE_BEARING_MATCHES.has(evidence.matchType);
  return topology.edges
    .filter((edge) => edge.kind === edgeKind)
    .flatMap((edge) =>
      edge.evidence.map((evidence) => [
        nodeName(index, edge.from),
        linkTargetType(edge.to),
        nodeName(index, edge.to),
        evidenceLabel(evidence),
        hidden(evidence) ? REDACTED_VALUE : text(evidence.matchedValue),
        hidden(evidence) ? REDACTED_VALUE : text(evidence.field),
      ]),
    );
}
