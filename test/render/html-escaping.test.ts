import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { render } from '../../src/render/index.js';
import { HOSTILE, hostileTopology } from './diagram-support.js';

/**
 * Resource names built to break out of every format: a tag with an event handler, quotes and
 * Handlebars braces, a closing script tag, an SVG tag, Markdown/Mermaid punctuation, a closing
 * SVG title. Each must appear as text and run nothing. The browser test loads this page too.
 */
describe('hostile resource names', async () => {
  const topology = hostileTopology();
  const html = await renderHtml(topology, {});

  it('appear in the page as escaped text, in prose, tables and the diagram alike', () => {
    // The templates escape `=` too; Graphviz escapes only what XML needs.
    expect(HOSTILE.service).toBe('<img src=x onerror=alert(1)>');
    const escapedService = '&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;';
    expect(html).toContain(`<code>${escapedService}</code>`);
    expect(html).toContain(`<td>${escapedService}</td>`);
    expect(html).toMatch(/<text[^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/text>/);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
  });

  it('create no element, attribute or script in the page', () => {
    expect(html).not.toMatch(/<img|<script|<svg onload|<desc>x<\/desc>/i);
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html.match(/<title/g)).toHaveLength(2);
    expect(html.match(/<\/title>/g)).toHaveLength(2);
  });

  it('keep Handlebars braces as text: data is never evaluated as a template', () => {
    expect(html).toContain('{{constructor}} {{{raw}}}');
    expect(html).toContain('&quot;quoted&quot; &#x27;single&#x27;');
  });

  it('stay text in Markdown, Mermaid and DOT too', async () => {
    const markdown = await render(topology, 'markdown');
    const mermaid = await render(topology, 'mermaid');
    const dot = await render(topology, 'dot');
    expect(markdown).toContain(`\`${HOSTILE.queue}\``);
    expect(markdown.replace(/```mermaid[\s\S]*?```/g, '').replace(/(`+)[^`][\s\S]*?\1/g, '')).not.toMatch(/<(img|script|svg)/i);
    expect(mermaid).not.toMatch(/<img|<script|<svg|"quoted"/);
    expect(dot).not.toMatch(/<img|<script|<svg /);
    expect(dot).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});
