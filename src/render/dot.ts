import type { Topology } from '../model/index.js';
import type { RenderOptions } from './index.js';
import { sharedFullDiagram } from './shared-parts.js';
import { buildDiagram, type DiagramCluster, type DiagramEdge, type DiagramGraph, type DiagramNode } from './diagram/graph.js';
import { CLUSTER_SWATCHES, EDGE_STYLES, FONT, INK, MUTED_INK, NODE_SWATCHES } from './diagram/style.js';

/**
 * The architecture diagram as Graphviz DOT (`--format dot`), also the source the HTML page lays out
 * with Graphviz. Every label is escaped here: nothing from the topology reaches DOT unescaped.
 */

/** A DOT double-quoted string: backslash and quote escaped, line breaks as `\n`. */
export function dotString(value: string): string {
  const escaped = htmlEntities(value)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n/g, '\\n');
  return `"${escaped}"`;
}

/**
 * Text for Graphviz: `&`, `<` and `>` as entities, which Graphviz decodes once for display and
 * re-encodes in its SVG output. Used for plain and HTML-like labels alike.
 */
const HTML_SPECIAL = /[&<>"']/;

export function htmlEntities(value: string): string {
  // Most labels have nothing to escape: one test instead of five replacements (11,000 boxes at 1,000 services).
  if (!HTML_SPECIAL.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function nodeStatement(node: DiagramNode): string {
  const swatch = NODE_SWATCHES[node.kind];
  const label = `<<B>${htmlEntities(node.title)}</B><BR/><FONT POINT-SIZE="10" COLOR="${MUTED_INK}">${htmlEntities(node.subtitle)}</FONT>>`;
  const shape = node.kind === 'database' ? 'cylinder' : node.kind === 'internet' ? 'ellipse' : 'box';
  const attributes = [
    `label=${label}`,
    `shape=${shape}`,
    `fillcolor="${swatch.fill}"`,
    `color="${swatch.stroke}"`,
    `class="kind-${node.kind}"`,
  ];
  // A compact diagram's box standing for several resources is drawn as a stack (a double outline).
  if (node.count !== undefined && node.count > 1) attributes.push('peripheries=2');
  return `${node.id} [${attributes.join(', ')}];`;
}

function edgeStatement(edge: DiagramEdge): string {
  const style = EDGE_STYLES[edge.kind];
  const attributes = [
    `label=${dotString(edge.label)}`,
    `color="${style.color}"`,
    `fontcolor="${style.color}"`,
    `penwidth=${style.weight}`,
    `class="flow-${edge.kind}"`,
  ];
  if (style.dashed) attributes.push('style=dashed');
  // The consumer pulls from the queue: keep the queue to the right of the worker in the layout,
  // but point the arrow from the queue to the worker.
  if (edge.kind === 'consume') attributes.push('dir=back');
  if (edge.fromCluster) attributes.push(`ltail=cluster_${edge.fromCluster}`);
  if (edge.toCluster) attributes.push(`lhead=cluster_${edge.toCluster}`);
  return `${edge.from} -> ${edge.to} [${attributes.join(', ')}];`;
}

/** A group-to-group arrow reaches one node: invisible edges keep the rest of the group in rank. */
function bundleRankHints(graph: DiagramGraph, edge: DiagramEdge): string[] {
  if (!edge.toCluster) return [];
  return graph.nodes
    .filter((n) => n.clusterId === edge.toCluster && n.id !== edge.to)
    .map((n) => `  ${edge.from} -> ${n.id} [style=invis];`);
}

function clusterLines(graph: DiagramGraph, cluster: DiagramCluster, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const swatch = CLUSTER_SWATCHES[cluster.kind === 'tier' && cluster.tier ? (`tier-${cluster.tier}` as const) : cluster.kind];
  const lines = [
    `${pad}subgraph cluster_${cluster.id} {`,
    `${pad}  label=${dotString(cluster.label)}; labeljust=l;`,
    `${pad}  class="group-${cluster.kind}${cluster.tier ? ` group-tier-${cluster.tier}` : ''}";`,
    `${pad}  style="rounded,filled${cluster.kind === 'vpc' ? ',dashed' : ''}"; fillcolor="${swatch.fill}"; color="${swatch.stroke}";`,
  ];
  for (const child of graph.clusters.filter((c) => c.parentId === cluster.id)) lines.push(...clusterLines(graph, child, depth + 1));
  for (const node of graph.nodes.filter((n) => n.clusterId === cluster.id)) lines.push(`${pad}  ${nodeStatement(node)}`);
  lines.push(`${pad}}`);
  return lines;
}

export function diagramToDot(graph: DiagramGraph, title?: string): string {
  const lines = [
    `digraph topology {`,
    `  graph [${title ? `label=${dotString(title)}, labelloc=t, labeljust=l, ` : ''}rankdir=LR, newrank=true, compound=true, nodesep=0.25, ranksep=0.45, pad=0.2, bgcolor="transparent", fontname="${FONT}", fontsize=11, fontcolor="${MUTED_INK}"];`,
    `  node [fontname="${FONT}", fontsize=13, fontcolor="${INK}", style="rounded,filled", penwidth=1.2, margin="0.14,0.06"];`,
    `  edge [fontname="${FONT}", fontsize=10, arrowsize=0.7];`,
  ];
  const outside = graph.nodes.filter((n) => n.clusterId === undefined);
  // The internet first: Graphviz keeps declaration order within a rank, so it sits top-left.
  for (const node of outside.filter((n) => n.kind === 'internet')) lines.push(`  ${nodeStatement(node)}`);
  for (const cluster of graph.clusters.filter((c) => c.parentId === undefined)) lines.push(...clusterLines(graph, cluster, 1));
  for (const node of outside.filter((n) => n.kind !== 'internet')) lines.push(`  ${nodeStatement(node)}`);
  for (const edge of graph.edges) lines.push(`  ${edgeStatement(edge)}`, ...bundleRankHints(graph, edge));
  // A dead-letter queue sits beside (below) its source queue instead of adding a column.
  for (const edge of graph.edges.filter((e) => e.kind === 'redrive')) lines.push(`  { rank=same; ${edge.from}; ${edge.to}; }`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function renderDot(topology: Topology, options: RenderOptions = {}): string {
  return diagramToDot(options.shared === undefined ? buildDiagram(topology) : sharedFullDiagram(topology, options.shared), 'Architecture (generated by topology)');
}
