import { setFlagsFromString } from 'node:v8';
import { instance, type Viz } from '@viz-js/viz';
import { diagramToDot, htmlEntities } from '../dot.js';
import { sharedView, type SharedViews } from '../shared.js';
import type { DiagramGraph } from './graph.js';

/**
 * Lays a DOT source out with Graphviz (WASM, offline) and turns the SVG it returns into markup that
 * can sit inside an HTML page: no prolog, doctype or comments, an accessible name and description,
 * and a viewBox that scales with the page.
 */

/**
 * What the renderers read of a layout: the SVG drawing (the page, `--format svg`) and Graphviz's
 * JSON of it (draw.io: positions of every node, cluster and edge label). `json0` is that JSON
 * without the drawing instructions `json` adds to every object (`_draw_`, `_ldraw_`), which nothing
 * here reads: 108 KB instead of 413 KB for the compact 1,000-service diagram.
 */
export type LayoutFormat = 'svg' | 'json0';
const LAYOUT_FORMATS: readonly LayoutFormat[] = ['svg', 'json0'];
export type Layouts = Partial<Record<LayoutFormat, string>>;

let graphviz: Promise<Viz> | undefined;

/**
 * V8 runs WebAssembly with its baseline compiler (Liftoff) first and recompiles hot functions with
 * its optimizing one (TurboFan). A run lays out one diagram, and optimizing Graphviz's hot
 * functions costs far more CPU than it saves: 0.24-0.26 s of CPU (compiler threads included) for
 * the layout of the compact 1,000-service diagram in SVG and JSON, which takes 0.09 s as baseline
 * code; a 700-box layout is no slower. So the budget before a function is optimized is raised to where
 * layouts of this size never reach it. Read when the module is compiled, hence set just before;
 * the flag is the process's, and Graphviz is the only WebAssembly the CLI runs.
 */
const WASM_TIERING_BUDGET = '--wasm-tiering-budget=1000000000';

function loadGraphviz(): Promise<Viz> {
  if (graphviz === undefined) {
    setFlagsFromString(WASM_TIERING_BUDGET);
    graphviz = instance();
  }
  return graphviz;
}

/**
 * Lays `dot` out once and writes that one layout in each of `formats`: a caller that needs the SVG
 * and the JSON of the same diagram pays for one layout, the most of Graphviz's time.
 */
export async function layoutDot(dot: string, formats: readonly LayoutFormat[]): Promise<Layouts> {
  const result = (await loadGraphviz()).renderFormats(dot, [...formats]);
  if (result.status === 'failure') {
    const messages = result.errors.map((error) => error.message.trim()).filter((message) => message !== '');
    throw new Error(`Graphviz could not lay the diagram out: ${messages.join('; ') || 'no message'}`);
  }
  return result.output;
}

/**
 * `format` of the diagram's layout. With shared views (several formats of one topology) the one
 * layout is written in every format the renderers read, so the page, `--format svg` and draw.io
 * share it; a single render writes only the format it reads.
 */
export async function diagramLayout(diagram: DiagramGraph, format: LayoutFormat, shared: SharedViews | undefined): Promise<string> {
  const formats = shared === undefined ? [format] : LAYOUT_FORMATS;
  return laidOut(await sharedView(shared, diagram, 'layout', () => layoutDot(diagramToDot(diagram), formats)), format);
}

function laidOut(layouts: Layouts, format: LayoutFormat): string {
  const text = layouts[format];
  if (text === undefined) throw new Error(`Graphviz layout: no ${format} output was asked for`);
  return text;
}

export interface SvgLabel {
  /** Prefix for the `<title>` and `<desc>` ids the svg's aria-labelledby points at. */
  idPrefix: string;
  title: string;
  description: string;
}

const POINTS_TO_PIXELS = 4 / 3;

/** Graphviz SVG → inline SVG element. `label` is plain text; it is escaped here. */
export function inlineSvg(svg: string, label: SvgLabel): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('Graphviz returned no <svg> element');
  const body = svg
    .slice(start)
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    // Graphviz titles name the synthetic node ids (n1, cluster_c2): noise for readers and tooltips.
    .replace(/<title>[^<]*<\/title>\n?/g, '')
    .replace(/ font-family="[^"]*"/g, '')
    // Graphviz writes every hyphen as &#45; (for comments, gone now): plain hyphens read and weigh less.
    .replace(/&#45;/g, '-');
  const open = /^<svg[^>]*>/.exec(body);
  if (!open) throw new Error('Graphviz returned a malformed <svg> element');
  const viewBox = /viewBox="([^"]+)"/.exec(open[0])?.[1] ?? '0 0 100 100';
  const [, , width = 100, height = 100] = viewBox.split(/\s+/).map(Number);
  const titleId = `${label.idPrefix}-title`;
  const descId = `${label.idPrefix}-desc`;
  const root =
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg" role="img" aria-labelledby="${titleId} ${descId}"` +
    ` viewBox="${viewBox}" width="${Math.round(width * POINTS_TO_PIXELS)}" height="${Math.round(height * POINTS_TO_PIXELS)}"` +
    ` preserveAspectRatio="xMidYMid meet">` +
    `\n<title id="${titleId}">${htmlEntities(label.title)}</title>\n<desc id="${descId}">${htmlEntities(label.description)}</desc>`;
  return `${root}${body.slice(open[0].length)}`.trimEnd();
}
