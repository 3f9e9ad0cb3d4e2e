import { KIND_LIST, type BoxSwatch, type DiagramBox } from '../../model/index.js';
import type { DiagramNodeKind } from './graph.js';

/** What the renderers draw a box with; the resources' boxes come from the registry (`diagram` in `model/kinds.ts`). */
export type BoxStyle = Pick<DiagramBox, 'plural' | 'swatch' | 'drawio'>;

/** The boxes that are not resources: the internet and the address ranges network arrows come from. */
const OTHER_BOXES: Record<'internet' | 'cidr', BoxStyle> = {
  internet: { plural: 'internet sources', swatch: { fill: '#f1f5f9', stroke: '#475569' }, drawio: { shape: 'mxgraph.aws4.users', fill: '#232F3E' } },
  cidr: { plural: 'CIDR ranges', swatch: { fill: '#fef3c7', stroke: '#b45309' }, drawio: { shape: 'mxgraph.aws4.corporate_data_center', fill: '#232F3E' } },
};

/** Every diagram node kind's box: the two above, then each shape the registry draws (kinds sharing a shape share its box). */
export const DIAGRAM_BOXES = {
  ...OTHER_BOXES,
  ...Object.fromEntries(KIND_LIST.flatMap((kind) => (kind.diagram === 'none' ? [] : [[kind.diagram.shape, kind.diagram]]))),
} as Record<DiagramNodeKind, BoxStyle>;

export function boxSwatch(kind: DiagramNodeKind): BoxSwatch {
  return DIAGRAM_BOXES[kind].swatch;
}
