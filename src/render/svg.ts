import type { Topology } from '../model/index.js';
import { diagramLayout, inlineSvg } from './diagram/svg.js';
import type { RenderOptions } from './index.js';
import { pageDiagram } from './story-page.js';

/**
 * `--format svg`: the page's diagram (the same graph, compacted the same way, laid out by the same
 * Graphviz call) as a self-contained SVG file for slides: no external reference, generic fonts, a
 * title and description for assistive technology, and a white background so it reads on any slide.
 */
export const SVG_FONTS = 'Helvetica, Arial, sans-serif';

export async function renderSvg(topology: Topology, options: RenderOptions = {}): Promise<string> {
  const content = pageDiagram(topology, {}, options.shared);
  // The same layout as the page's diagram (html.ts): one Graphviz call when both are rendered.
  const layout = await diagramLayout(content.diagram, 'svg', options.shared);
  const svg = inlineSvg(layout, {
    idPrefix: 'topology-diagram',
    title: `Architecture diagram: ${content.title}`,
    description: content.diagramDescription,
  });
  // After the title and description (the first children, for assistive technology).
  const at = svg.indexOf('</desc>') + '</desc>'.length;
  const style = `\n<style>text { font-family: ${SVG_FONTS}; }</style>\n<rect width="100%" height="100%" fill="#ffffff"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.slice(0, at).replace(' class="diagram-svg"', '')}${style}${svg.slice(at)}\n`;
}
