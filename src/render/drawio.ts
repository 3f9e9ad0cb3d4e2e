import type { Topology } from '../model/index.js';
import type { DiagramCluster, DiagramEdge, DiagramGraph, DiagramNode, DiagramNodeKind } from './diagram/graph.js';
import { DIAGRAM_BOXES } from './diagram/boxes.js';
import { EDGE_STYLES } from './diagram/style.js';
import { diagramLayout } from './diagram/svg.js';
import type { RenderOptions } from './index.js';
import { pageDiagram } from './story-page.js';

/**
 * `--format drawio`: the page's diagram as a diagrams.net (draw.io) file people edit instead of
 * redrawing. Boxes and groups sit where Graphviz put them on the page; resources use draw.io's
 * built-in AWS 2021 shapes (`mxgraph.aws4.*`), VPC and subnet tiers its AWS group shapes; edges
 * connect the shapes (draw.io routes them) and carry the page's labels (ports, protocols).
 */

/** draw.io's AWS resource shape per diagram box kind, with the AWS category colour (from its box: the registry's `diagram` part). */
export const DRAWIO_SHAPES = Object.fromEntries(Object.entries(DIAGRAM_BOXES).map(([kind, box]) => [kind, box.drawio])) as Record<DiagramNodeKind, { shape: string; fill: string }>;

/** A network load balancer's box says `NLB` in its subtitle: it gets the NLB shape. */
function nodeShape(node: DiagramNode): string {
  if (node.kind === 'load-balancer' && /^NLB\b/.test(node.subtitle)) return 'mxgraph.aws4.network_load_balancer';
  return DRAWIO_SHAPES[node.kind].shape;
}

/** draw.io's AWS group icon per diagram group (subnet tiers by tier). */
export function groupIcon(cluster: DiagramCluster): string {
  switch (cluster.kind) {
    case 'vpc':
      return 'mxgraph.aws4.group_vpc';
    case 'tier':
      return cluster.tier === 'public' ? 'mxgraph.aws4.group_public_subnet' : 'mxgraph.aws4.group_private_subnet';
    case 'dns':
      return 'mxgraph.aws4.group_aws_cloud_alt';
    case 'endpoints':
    case 'regional':
      return 'mxgraph.aws4.group_region';
    case 'account':
      return 'mxgraph.aws4.group_account';
  }
}

const GROUP_COLOURS: Record<string, { stroke: string; fill: string; font: string }> = {
  'mxgraph.aws4.group_vpc': { stroke: '#8C4FFF', fill: 'none', font: '#8C4FFF' },
  'mxgraph.aws4.group_public_subnet': { stroke: '#7AA116', fill: '#F2F6E8', font: '#248814' },
  'mxgraph.aws4.group_private_subnet': { stroke: '#00A4A6', fill: '#E6F6F7', font: '#147EBA' },
  'mxgraph.aws4.group_aws_cloud_alt': { stroke: '#232F3E', fill: 'none', font: '#232F3E' },
  'mxgraph.aws4.group_region': { stroke: '#00A4A6', fill: 'none', font: '#147EBA' },
  'mxgraph.aws4.group_account': { stroke: '#E7157B', fill: 'none', font: '#E7157B' },
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Positions from Graphviz's json output, in draw.io's coordinates (y down), by DOT name. */
interface Layout {
  width: number;
  height: number;
  boxes: Map<string, Box>;
}

interface GraphvizJson {
  bb: string;
  objects?: { name: string; bb?: string; pos?: string; width?: string; height?: string }[];
}

const POINTS_PER_INCH = 72;

export function readLayout(json: string): Layout {
  const graph = JSON.parse(json) as GraphvizJson;
  const [, , width = 0, height = 0] = graph.bb.split(',').map(Number);
  const boxes = new Map<string, Box>();
  for (const object of graph.objects ?? []) {
    if (object.bb) {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = object.bb.split(',').map(Number);
      boxes.set(object.name, { x: x1, y: height - y2, width: x2 - x1, height: y2 - y1 });
    } else if (object.pos) {
      const [cx = 0, cy = 0] = object.pos.split(',').map(Number);
      const w = Number(object.width ?? 0) * POINTS_PER_INCH;
      const h = Number(object.height ?? 0) * POINTS_PER_INCH;
      boxes.set(object.name, { x: cx - w / 2, y: height - cy - h / 2, width: w, height: h });
    }
  }
  return { width, height, boxes };
}

/** Text for an XML attribute: markup characters as entities, line breaks as `&#10;`. */
export function xmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r?\n/g, '&#10;');
}

const round = (n: number) => Math.round(n * 10) / 10;

function geometry(box: Box, origin: { x: number; y: number }): string {
  return `<mxGeometry x="${round(box.x - origin.x)}" y="${round(box.y - origin.y)}" width="${round(box.width)}" height="${round(box.height)}" as="geometry"/>`;
}

const clusterCellId = (id: string) => `group-${id}`;

function clusterCell(cluster: DiagramCluster, layout: Layout, origins: Map<string, Box>): string {
  const icon = groupIcon(cluster);
  const colours = GROUP_COLOURS[icon]!;
  const style = [
    'shape=mxgraph.aws4.group',
    `grIcon=${icon}`,
    `strokeColor=${colours.stroke}`,
    `fillColor=${colours.fill}`,
    `fontColor=${colours.font}`,
    'verticalAlign=top',
    'align=left',
    'spacingLeft=30',
    'fontSize=12',
    'html=0',
    'container=1',
    'collapsible=0',
    'recursiveResize=0',
    'pointerEvents=0',
    `dashed=${cluster.kind === 'vpc' || cluster.kind === 'regional' ? 1 : 0}`,
  ].join(';');
  const box = layout.boxes.get(`cluster_${cluster.id}`) ?? { x: 0, y: 0, width: 100, height: 60 };
  const parent = cluster.parentId ? origins.get(cluster.parentId) : undefined;
  return `<mxCell id="${clusterCellId(cluster.id)}" value="${xmlAttribute(cluster.label)}" style="${style};" vertex="1" parent="${cluster.parentId ? clusterCellId(cluster.parentId) : '1'}">${geometry(box, parent ?? { x: 0, y: 0 })}</mxCell>`;
}

/** A resource: its AWS icon as tall as Graphviz's box, the label beside it where Graphviz made room for it. */
function nodeCell(node: DiagramNode, layout: Layout, origins: Map<string, Box>): string {
  const box = layout.boxes.get(node.id) ?? { x: 0, y: 0, width: 60, height: 40 };
  const side = Math.max(24, Math.min(box.height, 48));
  const icon = { x: box.x, y: box.y + (box.height - side) / 2, width: side, height: side };
  const style = [
    `shape=${nodeShape(node)}`,
    `fillColor=${DRAWIO_SHAPES[node.kind].fill}`,
    'strokeColor=none',
    'gradientColor=none',
    'outlineConnect=0',
    'aspect=fixed',
    'labelPosition=right',
    'verticalLabelPosition=middle',
    'align=left',
    'verticalAlign=middle',
    'spacingLeft=4',
    'fontColor=#232F3E',
    'fontSize=12',
    'html=0',
    'whiteSpace=wrap',
  ].join(';');
  const label = `${node.title}\n${node.subtitle}`;
  const parent = node.clusterId ? origins.get(node.clusterId) : undefined;
  return `<mxCell id="${node.id}" value="${xmlAttribute(label)}" style="${style};" vertex="1" parent="${node.clusterId ? clusterCellId(node.clusterId) : '1'}">${geometry(icon, parent ?? { x: 0, y: 0 })}</mxCell>`;
}

function edgeCell(edge: DiagramEdge, index: number): string {
  const style = EDGE_STYLES[edge.kind];
  const attributes = [
    'edgeStyle=orthogonalEdgeStyle',
    'rounded=1',
    'html=0',
    'endArrow=block',
    'endFill=1',
    `strokeColor=${style.color}`,
    `fontColor=${style.color}`,
    `strokeWidth=${style.weight}`,
    `dashed=${style.dashed ? 1 : 0}`,
    'labelBackgroundColor=#FFFFFF',
    'fontSize=10',
  ].join(';');
  // A group-to-group arrow stands for every pair in them: it joins the groups. Queue consumers
  // point from the queue to the worker, the way the messages go.
  let source = edge.fromCluster ? clusterCellId(edge.fromCluster) : edge.from;
  let target = edge.toCluster ? clusterCellId(edge.toCluster) : edge.to;
  if (edge.kind === 'consume') [source, target] = [target, source];
  return `<mxCell id="e${index + 1}" value="${xmlAttribute(edge.label)}" style="${attributes};" edge="1" parent="1" source="${source}" target="${target}"><mxGeometry relative="1" as="geometry"/></mxCell>`;
}

/** Clusters parents first (draw.io resolves a cell's parent when it reads it). */
function byDepth(clusters: DiagramCluster[]): DiagramCluster[] {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const depth = (c: DiagramCluster): number => (c.parentId && byId.has(c.parentId) ? 1 + depth(byId.get(c.parentId)!) : 0);
  return [...clusters].sort((a, b) => depth(a) - depth(b));
}

export function diagramToDrawio(graph: DiagramGraph, layout: Layout, title: string): string {
  const origins = new Map(graph.clusters.map((c) => [c.id, layout.boxes.get(`cluster_${c.id}`) ?? { x: 0, y: 0, width: 0, height: 0 }]));
  const cells = [
    '<mxCell id="0"/>',
    '<mxCell id="1" parent="0"/>',
    ...byDepth(graph.clusters).map((cluster) => clusterCell(cluster, layout, origins)),
    ...graph.nodes.map((node) => nodeCell(node, layout, origins)),
    ...graph.edges.map(edgeCell),
  ];
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="topology" type="device">',
    `  <diagram id="topology-architecture" name="${xmlAttribute(title)}">`,
    `    <mxGraphModel dx="${width}" dy="${height}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="${width}" pageHeight="${height}" math="0" shadow="0">`,
    '      <root>',
    ...cells.map((cell) => `        ${cell}`),
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}

export async function renderDrawio(topology: Topology, options: RenderOptions = {}): Promise<string> {
  const content = pageDiagram(topology, {}, options.shared);
  const layout = readLayout(await diagramLayout(content.diagram, 'json0', options.shared));
  return diagramToDrawio(content.diagram, layout, content.title);
}
