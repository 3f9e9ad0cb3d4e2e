import type { Topology } from '../model/index.js';
import { inPublicOrder } from '../redact/order.js';

/**
 * Renderers are pure functions of the (already redacted, when --public) topology.
 * No AWS calls, no correlation: a renderer only formats what the earlier stages produced.
 */
export interface RenderOptions {
  /** --template DIR for the HTML page: overrides the bundled templates/. */
  templateDir?: string;
  /** --story FILE content, already validated (see the HTML renderer). */
  story?: unknown;
  /** Terminal width hint for tables; undefined means "not a terminal". */
  width?: number;
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
} satisfies Record<string, () => Promise<Renderer>>;

export type OutputFormat = keyof typeof FORMATS;

export const OUTPUT_FORMATS = Object.keys(FORMATS) as OutputFormat[];

export async function render(topology: Topology, format: OutputFormat, options: RenderOptions = {}): Promise<string> {
  const renderer = await FORMATS[format]();
  return renderer(topology.redacted ? inPublicOrder(topology) : topology, options);
}
