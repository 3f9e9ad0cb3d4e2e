import { EDGE_KIND_LIST, type ArrowStyle, type RegistryArrowKind } from '../../model/index.js';
import { DIAGRAM_BOXES } from './boxes.js';
import type { DiagramClusterKind, DiagramEdgeKind, DiagramNodeKind } from './graph.js';

/**
 * The diagram's light palette, written into the DOT source so `--format dot` renders well on its
 * own. The HTML page re-colours the same elements through their classes (dark scheme, print).
 */
export interface Swatch {
  fill: string;
  stroke: string;
}

/** Each box kind's colours, from its box (`boxes.ts`, the registry's `diagram` part). */
export const NODE_SWATCHES = Object.fromEntries(Object.entries(DIAGRAM_BOXES).map(([kind, box]) => [kind, box.swatch])) as Record<DiagramNodeKind, Swatch>;

export const CLUSTER_SWATCHES: Record<DiagramClusterKind | 'tier-public' | 'tier-private' | 'tier-isolated', Swatch> = {
  dns: { fill: '#faf5ff', stroke: '#c4b5fd' },
  vpc: { fill: '#ffffff', stroke: '#64748b' },
  tier: { fill: '#f8fafc', stroke: '#cbd5e1' },
  'tier-public': { fill: '#f0f9ff', stroke: '#bae6fd' },
  'tier-private': { fill: '#fff7ed', stroke: '#fed7aa' },
  'tier-isolated': { fill: '#eff6ff', stroke: '#bfdbfe' },
  endpoints: { fill: '#f9fafb', stroke: '#d1d5db' },
  regional: { fill: '#fdf2f8', stroke: '#fbcfe8' },
  account: { fill: '#ffffff', stroke: '#e7157b' },
};

export type EdgeStyle = ArrowStyle;

/** The arrows the diagram draws itself; the registry's arrows (`arrow` in `EDGE_KINDS`) bring their own look. */
const OWN_EDGE_STYLES: Record<Exclude<DiagramEdgeKind, RegistryArrowKind>, EdgeStyle> = {
  request: { color: '#0369a1', dashed: false, weight: 1.6 },
  data: { color: '#1d4ed8', dashed: false, weight: 1.3 },
  storage: { color: '#15803d', dashed: false, weight: 1.3 },
  produce: { color: '#be185d', dashed: false, weight: 1.3 },
  consume: { color: '#be185d', dashed: false, weight: 1.3 },
  redrive: { color: '#be185d', dashed: true, weight: 1 },
  endpoint: { color: '#6b7280', dashed: true, weight: 1 },
  network: { color: '#b45309', dashed: true, weight: 1.1 },
  'vpc-link': { color: '#0f766e', dashed: true, weight: 1.4 },
};

export const EDGE_STYLES = {
  ...OWN_EDGE_STYLES,
  ...Object.fromEntries(EDGE_KIND_LIST.flatMap(({ arrow }) => (arrow === undefined ? [] : [[arrow.kind, arrow.style]]))),
} as Record<DiagramEdgeKind, EdgeStyle>;

export const INK = '#0f172a';
export const MUTED_INK = '#475569';
export const FONT = 'Helvetica';
