import type { Topology } from '../model/index.js';
import { inPublicOrder } from '../redact/order.js';
import { sharedView, type SharedViews } from './shared.js';

/**
 * Renderers are pure functions of the (already redacted, when --public) topology.
 * No AWS calls, no correlation: a renderer only formats what the earlier stages produced.
 */
export interface RenderOptions {
  /** --template DIR for the HTML page: overrides the bundled templates/. */
  templateDir?: string;
  /** --story FILE content, already validated (see the HTML renderer). */
  story?: unknown;
  /** Width tables fit (--width, the terminal's columns, else 120 in the table renderer). */
  width?: number;
  /** Tables: grid, `Field: value` blocks, or the grid when it fits (default). */
  layout?: 'auto' | 'wide' | 'vertical';
  /** Tables: --columns, the headers to keep (`task-role` or `Task Role`). */
  columns?: string[];
  /** Tables: ANSI colour for severities and missing data (a terminal without NO_COLOR). */
  color?: boolean;
  /** Views shared by several renders of this topology (the benchmark renders every format); see shared.ts. */
  shared?: SharedViews;
}

export type Renderer = (topology: Topology, options: RenderOptions) => string | Promise<string>;

/**
 * Every output format and the module that renders it. The --public leak-guard tests iterate over
 * this list, so a format added here is covered by them automatically.
 */
export const FORMATS = {
  table: () => import('./table.js').then((m) => m.renderTables),
  json: () => import('./json.js').then((m) => m.renderJson),
  sarif: () => import('./sarif.js').then((m) => m.renderSarif),
  html: () => import('./html.js').then((m) => m.renderHtml),
  markdown: () => import('./markdown.js').then((m) => m.renderMarkdown),
  mermaid: () => import('./mermaid.js').then((m) => m.renderMermaid),
  dot: () => import('./dot.js').then((m) => m.renderDot),
  svg: () => import('./svg.js').then((m) => m.renderSvg),
  drawio: () => import('./drawio.js').then((m) => m.renderDrawio),
} satisfies Record<string, () => Promise<Renderer>>;

export type OutputFormat = keyof typeof FORMATS;

export const OUTPUT_FORMATS = Object.keys(FORMATS) as OutputFormat[];

export async function render(topology: Topology, format: OutputFormat, options: RenderOptions = {}): Promise<string> {
  const renderer = await FORMATS[format]();
  const input = topology.redacted ? sharedView(options.shared, topology, 'public-order', () => inPublicOrder(topology)) : topology;
  return renderer(input, options);
}
