import { setFlagsFromString } from 'node:v8';
import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
import { htmlEntities } from '../dot.js';

/**
 * Lays a DOT source out with Graphviz (WASM, offline) and turns the SVG it returns into markup that
 * can sit inside an HTML page: no prolog, doctype or comments, an accessible name and description,
 * and a viewBox that scales with the page.
 */

let graphviz: Promise<Graphviz> | undefined;

/**
 * V8 runs WebAssembly with its baseline compiler (Liftoff) first and recompiles hot functions with
 * its optimizing one (TurboFan). A run lays out one or two diagrams, and optimizing Graphviz's hot
 * functions costs far more CPU than it saves: 0.3-0.45 s of CPU (compiler threads included) for
 * the two layouts of the compact 1,000-service diagram, which take 0.1-0.15 s as baseline code; a
 * 700-box layout is no slower. So the budget before a function is optimized is raised to where
 * layouts of this size never reach it. Read when the module is compiled, hence set just before;
 * the flag is the process's, and Graphviz is the only WebAssembly the CLI runs.
 */
const WASM_TIERING_BUDGET = '--wasm-tiering-budget=1000000000';

function loadGraphviz(): Promise<Graphviz> {
  if (graphviz === undefined) {
    setFlagsFromString(WASM_TIERING_BUDGET);
    graphviz = Graphviz.load();
  }
  return graphviz;
}

export async function layoutSvg(dot: string): Promise<string> {
  return (await loadGraphviz()).dot(dot);
}

/**
 * Graphviz's JSON output of a DOT source: positions of every node, cluster and edge label. The
 * `json0` form: the same layout without the drawing instructions `json` adds to every object
 * (`_draw_`, `_ldraw_`), which nothing here reads: 108 KB instead of 413 KB for the compact
 * 1,000-service diagram, 0.04-0.08 s of CPU instead of 0.1-0.12 s.
 */
export async function layoutJson(dot: string): Promise<string> {
  // Graphviz has the format; the package's `Format` type does not list it.
  return (await loadGraphviz()).dot(dot, 'json0' as Format);
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
