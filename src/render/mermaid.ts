import type { Topology } from '../model/index.js';
import type { RenderOptions } from './index.js';
import { sharedFullDiagram } from './shared-parts.js';
import { buildDiagram, type DiagramCluster, type DiagramEdge, type DiagramGraph, type DiagramNodeKind } from './diagram/graph.js';
import { EDGE_STYLES, INK, NODE_SWATCHES } from './diagram/style.js';

/**
 * The architecture diagram as a Mermaid `flowchart LR` (`--format mermaid`, and the diagram of the
 * Markdown report): renders in GitHub Markdown. Ids are synthetic; every label is a quoted string
 * with Mermaid's entity codes for the characters that could end it or be read as markup.
 */

const MERMAID_CODES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#60;',
  '>': '#62;',
  '&': '#38;',
  '`': '#96;',
  '|': '#124;',
  '%': '#37;',
  '{': '#123;',
  '}': '#125;',
};

/** Text for inside a Mermaid quoted label: entity codes, line breaks as spaces. */
const MERMAID_SPECIAL = /[\r\n#"<>&`|%{}]/;

export function mermaidText(value: string): string {
  if (!MERMAID_SPECIAL.test(value)) return value;
  return value.replace(/\r?\n/g, ' ').replace(/[#"<>&`|%{}]/g, (ch) => MERMAID_CODES[ch] ?? ch);
}

export function mermaidString(value: string): string {
  return `"${mermaidText(value)}"`;
}

function nodeLine(id: string, title: string, subtitle: string): string {
  // `<br/>` is ours and the only tag in a label: the texts around it cannot open markup.
  return `${id}["${mermaidText(title)}<br/>${mermaidText(subtitle)}"]`;
}

function clusterLines(graph: DiagramGraph, cluster: DiagramCluster, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const lines = [`${pad}subgraph ${cluster.id}[${mermaidString(cluster.label)}]`];
  for (const child of graph.clusters.filter((c) => c.parentId === cluster.id)) lines.push(...clusterLines(graph, child, depth + 1));
  for (const node of graph.nodes.filter((n) => n.clusterId === cluster.id)) lines.push(`${pad}  ${nodeLine(node.id, node.title, node.subtitle)}`);
  lines.push(`${pad}end`);
  return lines;
}

function edgeLine(edge: DiagramEdge): string {
  const style = EDGE_STYLES[edge.kind];
  const arrow = style.dashed ? '-.->' : '-->';
  const from = edge.fromCluster ?? edge.from;
  const to = edge.toCluster ?? edge.to;
  // A consumer pulls: the arrow follows the messages, from the queue to the worker.
  const [tail, head] = edge.kind === 'consume' ? [to, from] : [from, to];
  return edge.label ? `${tail} ${arrow}|${mermaidString(edge.label)}| ${head}` : `${tail} ${arrow} ${head}`;
}

function classLines(graph: DiagramGraph): string[] {
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  return kinds.flatMap((kind: DiagramNodeKind) => {
    const swatch = NODE_SWATCHES[kind];
    const ids = graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    const name = `k_${kind.replace(/-/g, '_')}`;
    return [`  classDef ${name} fill:${swatch.fill},stroke:${swatch.stroke},color:${INK}`, `  class ${ids.join(',')} ${name}`];
  });
}

export function diagramToMermaid(graph: DiagramGraph): string {
  const lines = ['flowchart LR'];
  for (const node of graph.nodes.filter((n) => n.clusterId === undefined)) lines.push(`  ${nodeLine(node.id, node.title, node.subtitle)}`);
  for (const cluster of graph.clusters.filter((c) => c.parentId === undefined)) lines.push(...clusterLines(graph, cluster, 1));
  for (const edge of graph.edges) lines.push(`  ${edgeLine(edge)}`);
  lines.push(...classLines(graph));
  return `${lines.join('\n')}\n`;
}

export function renderMermaid(topology: Topology, options: RenderOptions = {}): string {
  return diagramToMermaid(options.shared === undefined ? buildDiagram(topology) : sharedFullDiagram(topology, options.shared));
}
