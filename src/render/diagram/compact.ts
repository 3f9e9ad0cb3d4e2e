import type { DiagramEdge, DiagramGraph, DiagramNode, DiagramNodeKind } from './graph.js';
import { DIAGRAM_BOXES } from './boxes.js';
import { unique } from './resources.js';
import { formatCount } from '../story-text.js';

/**
 * The diagram of a large account, compacted: above `COMPACT_DIAGRAM_ABOVE` boxes one box per
 * resource is unreadable and Graphviz takes minutes to lay it out, so boxes of one kind in one
 * group (subnet tier, zone, AWS managed services) become one box with a count (groups of up to
 * three keep their boxes). ECS services are
 * kept apart by ECS cluster and role (`cluster-a · web`, see `DiagramNode.group`), load balancers
 * and queues by what their subtitle says (internet-facing or internal, dead-letter or not).
 * Arrows join the compacted boxes, one per (from, to, kind), with their distinct labels.
 */

/** More boxes than this and the page draws the compact diagram. */
export const COMPACT_DIAGRAM_ABOVE = 120;

/** A group of this many boxes or fewer keeps one box each: their names say more than a count. */
const KEEP_GROUPS_UP_TO = 3;

/** Distinct labels an arrow keeps before it says how many more it stands for. */
const MAX_EDGE_LABELS = 3;

/** `DynamoDB tables`: each box kind's plural, from its box (the registry's `diagram` part). */
const PLURALS = Object.fromEntries(Object.entries(DIAGRAM_BOXES).map(([kind, box]) => [kind, box.plural])) as Record<DiagramNodeKind, string>;

/** Kinds whose subtitle tells boxes apart that a reader wants apart (ALB vs NLB, dead-letter queues). */
const SPLIT_BY_SUBTITLE = new Set<DiagramNodeKind>(['load-balancer', 'queue']);

function groupKey(node: DiagramNode): string {
  const within = node.kind === 'ecs-service' ? (node.group ?? '') : SPLIT_BY_SUBTITLE.has(node.kind) ? node.subtitle : '';
  return `${node.kind}\u0000${node.clusterId ?? ''}\u0000${within}`;
}


function compactNode(id: string, members: DiagramNode[]): DiagramNode {
  const first = members[0]!;
  if (members.length === 1) return { ...first, id };
  const subtitles = unique(members.map((m) => m.subtitle));
  const base = { id, kind: first.kind, count: members.length, ...(first.clusterId === undefined ? {} : { clusterId: first.clusterId }) };
  if (first.kind === 'ecs-service') {
    return { ...base, title: first.group ?? PLURALS[first.kind], subtitle: `${formatCount(members.length)} ${PLURALS[first.kind]}` };
  }
  return {
    ...base,
    title: `${formatCount(members.length)} ${PLURALS[first.kind]}`,
    subtitle: subtitles.length <= KEEP_GROUPS_UP_TO ? subtitles.join(' / ') : `${PLURALS[first.kind]} of ${formatCount(subtitles.length)} kinds`,
  };
}

function mergedLabel(labels: string[]): string {
  const distinct = unique(labels.flatMap((label) => label.split(' · ')).filter((label) => label !== ''));
  if (distinct.length <= MAX_EDGE_LABELS) return distinct.join(' · ');
  return `${distinct.slice(0, MAX_EDGE_LABELS).join(' · ')} · ${distinct.length - MAX_EDGE_LABELS} more`;
}

/** The graph with like boxes merged; a graph of `COMPACT_DIAGRAM_ABOVE` boxes or fewer is returned as is. */
export function compactDiagram(graph: DiagramGraph, above = COMPACT_DIAGRAM_ABOVE): DiagramGraph {
  if (graph.nodes.length <= above) return graph;
  const groups = new Map<string, DiagramNode[]>();
  for (const node of graph.nodes) {
    const key = groupKey(node);
    const members = groups.get(key);
    if (members) members.push(node);
    else groups.set(key, [node]);
  }
  const nodes: DiagramNode[] = [];
  const compactId = new Map<string, string>();
  for (const members of groups.values()) {
    for (const boxes of members.length <= KEEP_GROUPS_UP_TO ? members.map((m) => [m]) : [members]) {
      const id = `n${nodes.length + 1}`;
      nodes.push(compactNode(id, boxes));
      for (const box of boxes) compactId.set(box.id, id);
    }
  }

  const merged = new Map<string, { edge: DiagramEdge; labels: string[] }>();
  for (const edge of graph.edges) {
    const from = compactId.get(edge.from);
    const to = compactId.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    const key = `${from}>${to}>${edge.kind}`;
    const existing = merged.get(key);
    if (existing) {
      existing.labels.push(edge.label);
      if (existing.edge.fromCluster !== edge.fromCluster) delete existing.edge.fromCluster;
      if (existing.edge.toCluster !== edge.toCluster) delete existing.edge.toCluster;
    } else {
      merged.set(key, { edge: { ...edge, from, to }, labels: [edge.label] });
    }
  }
  const edges = [...merged.values()].map(({ edge, labels }) => ({ ...edge, label: mergedLabel(labels) }));
  return { clusters: graph.clusters, nodes, edges };
}

/** A sentence for the page when the diagram was compacted; undefined when it was not. */
export function compactionNote(full: DiagramGraph, drawn: DiagramGraph): string | undefined {
  if (drawn === full) return undefined;
  return `${formatCount(full.nodes.length)} boxes drawn as ${formatCount(drawn.nodes.length)}: ECS services grouped by cluster and role, other resources by kind and group, each with its count; the tables list every resource`;
}
