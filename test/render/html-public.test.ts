import { describe, expect, it } from 'vitest';
import { LeakError } from '../../src/errors.js';
import type { Topology } from '../../src/model/index.js';
import { assertNoLeak, findLeaks, redactTopology } from '../../src/redact/index.js';
import { renderHtml } from '../../src/render/html.js';
import { render } from '../../src/render/index.js';
import { ACCOUNT, NAMES } from '../fixtures/model/shop-account.js';
import { shopVariant } from './diagram-support.js';

const KEY = 'page-test-redaction-key-0123456789abcdef0123456789';

/**
 * The shop account, with the worker's container renamed: a container named `worker` equals a word
 * the page prints by itself ("Worker path"), and the guard does not know the page's vocabulary yet.
 */
function original(): Topology {
  return shopVariant((inv) => {
    inv.taskDefinitions[1]!.containers[0]!.name = 'media-runner';
  });
}

function publicCopy(topology: Topology): Topology {
  return redactTopology(topology, { redactRegion: false, config: {}, key: KEY });
}

function svgOf(html: string): string {
  const svg = /<svg[\s\S]*<\/svg>/.exec(html)?.[0];
  if (!svg) throw new Error('no svg in the page');
  return svg;
}

describe('--public output of the page formats under the leak guard', async () => {
  const before = original();
  const after = publicCopy(before);
  const html = await renderHtml(after, {});

  it('passes the guard: page, SVG and Markdown', async () => {
    expect(findLeaks(html, before, { format: 'html' })).toEqual([]);
    expect(findLeaks(svgOf(html), before, { format: 'svg' })).toEqual([]);
    expect(findLeaks(await render(after, 'markdown'), before, { format: 'markdown' })).toEqual([]);
    expect(findLeaks(await render(after, 'mermaid'), before, { format: 'mermaid' })).toEqual([]);
    expect(findLeaks(await render(after, 'dot'), before, { format: 'dot' })).toEqual([]);
  });

  it('still shows the structure: the redacted page walks the same request and worker paths', () => {
    expect(html).toContain('<span class="badge badge-redacted">Redacted for publication</span>');
    expect(html.match(/<li class="step">/g)).toHaveLength(8 + 5);
    expect(html).toContain('<span class="step-kind">Route53 record</span>');
    expect(html).not.toContain(NAMES.albDns);
    expect(html).not.toContain(ACCOUNT);
  });

  it('is caught when a real identifier reaches the page, the SVG or the Markdown', async () => {
    // An unredacted topology rendered as if it were public: the guard must fail every format.
    const leakyHtml = await renderHtml(before, {});
    expect(() => assertNoLeak(leakyHtml, before, { format: 'html' })).toThrow(LeakError);
    expect(() => assertNoLeak(svgOf(leakyHtml), before, { format: 'svg' })).toThrow(LeakError);
    const leakyMarkdown = await render(before, 'markdown');
    expect(() => assertNoLeak(leakyMarkdown, before, { format: 'markdown' })).toThrow(LeakError);
    // A story is published as written: naming a real resource in it is a leak too.
    const story = { summary: ['Our `shop-media-uploads-123456789012` bucket holds the media.'] };
    const storyHtml = await renderHtml(after, { story });
    expect(() => assertNoLeak(storyHtml, before, { format: 'html' })).toThrow(LeakError);
  });
});
