import { describe, expect, it } from 'vitest';
import { dotString, htmlEntities, renderDot } from '../../src/render/dot.js';
import { inlineSvg, layoutDot } from '../../src/render/diagram/svg.js';
import { HOSTILE, hostileTopology, shopTopology } from './diagram-support.js';

/** The DOT node id whose label starts with this bold title. */
function nodeId(dot: string, title: string): string {
  const match = new RegExp(`^\\s*(n\\d+) \\[label=<<B>${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</B>`, 'm').exec(dot);
  if (!match?.[1]) throw new Error(`no node ${title}`);
  return match[1];
}

describe('renderDot', () => {
  const dot = renderDot(shopTopology());

  it('is a left-to-right digraph with one cluster per VPC and subnet tier', () => {
    expect(dot.startsWith('digraph topology {')).toBe(true);
    expect(dot).toContain('rankdir=LR');
    expect(dot).toMatch(/subgraph cluster_c\d+ \{\n\s+label="VPC shop-vpc · 10\.0\.0\.0\/16"/);
    for (const tier of ['Public subnets · 2 AZs', 'Private subnets · 2 AZs', 'Isolated subnets · 2 AZs', 'VPC endpoints', 'AWS managed services · us-east-1']) {
      expect(dot).toContain(`label="${tier}"; labeljust=l;`);
    }
  });

  it('draws the request path with protocol and port labels', () => {
    const alb = nodeId(dot, 'shop-edge-alb');
    const tg = nodeId(dot, 'shop-web-tg');
    const web = nodeId(dot, 'shop-web');
    expect(dot).toContain(`${alb} -> ${tg} [label="HTTP 80 · HTTPS 443"`);
    expect(dot).toContain(`${tg} -> ${web} [label="HTTP 3000"`);
    expect(dot).toContain(`${web} -> ${nodeId(dot, 'shop-db')} [label="tcp 5432"`);
  });

  it('points the consumer arrow from the queue to the worker, the producer arrow into the queue', () => {
    const worker = nodeId(dot, 'shop-worker');
    const queue = nodeId(dot, 'shop-jobs');
    const consume = dot.split('\n').find((l) => l.includes(`${worker} -> ${queue} `));
    expect(consume).toContain('label="polls · HTTPS 443"');
    expect(consume).toContain('dir=back');
    const produce = dot.split('\n').find((l) => l.includes(`${nodeId(dot, 'shop-web')} -> ${queue} `));
    expect(produce).toContain('label="sends · HTTPS 443"');
    expect(produce).not.toContain('dir=back');
  });

  it('draws the bundled endpoint arrow between the clusters, with invisible rank hints for the rest', () => {
    const line = dot.split('\n').find((l) => l.includes('label="tcp 443 · route table"'));
    expect(line).toMatch(/ltail=cluster_c\d+/);
    expect(line).toMatch(/lhead=cluster_c\d+/);
    expect(dot.match(/\[style=invis\]/g)).toHaveLength(2);
  });

  it('escapes labels for DOT: quotes, backslashes, line breaks and markup', () => {
    expect(dotString('a "b" \\N\nnext')).toBe('"a &quot;b&quot; \\\\N\\nnext"');
    expect(htmlEntities(`<B>&'"`)).toBe('&lt;B&gt;&amp;&#39;&quot;');
    const hostile = renderDot(hostileTopology());
    expect(hostile).toContain('<B>&lt;img src=x onerror=alert(1)&gt;</B>');
    expect(hostile).toContain('label="VPC &lt;/title&gt;&lt;desc&gt;x&lt;/desc&gt;\\\\N &amp; co · 10.0.0.0/16"');
    expect(hostile).not.toContain('<img');
  });
});

describe('Graphviz layout', () => {
  it('lays the shop DOT out offline and inlines it as an accessible, scalable SVG', async () => {
    const svg = inlineSvg((await layoutDot(renderDot(shopTopology()), ['svg'])).svg ?? '', {
      idPrefix: 'd',
      title: 'Architecture <of> shop',
      description: 'A & B',
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg" role="img" aria-labelledby="d-title d-desc"')).toBe(true);
    expect(svg).toContain('<title id="d-title">Architecture &lt;of&gt; shop</title>');
    expect(svg).toContain('<desc id="d-desc">A &amp; B</desc>');
    expect(svg).toMatch(/ viewBox="0\.00 0\.00 \d+(\.\d+)? \d+(\.\d+)?" width="\d+" height="\d+"/);
    expect(svg).not.toMatch(/<\?xml|<!DOCTYPE|<!--/);
    expect(svg.match(/<title/g)).toHaveLength(1);
    expect(svg).toContain('>shop-edge-alb</text>');
    expect(svg).toContain('>HTTP 80 · HTTPS 443</text>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('keeps hostile names as text in the SVG', async () => {
    const svg = (await layoutDot(renderDot(hostileTopology()), ['svg'])).svg ?? '';
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(svg).not.toMatch(/<img|<script|<svg onload/i);
    expect(svg).toContain(HOSTILE.targetGroup);
  });

  it('writes one layout in SVG and JSON: the same boxes at the same places', async () => {
    const dot = renderDot(shopTopology());
    const layouts = await layoutDot(dot, ['svg', 'json0']);
    const json = JSON.parse(layouts.json0 ?? '') as { objects: { name: string; pos?: string }[] };
    const albId = nodeId(dot, 'shop-edge-alb');
    const alb = json.objects.find((object) => object.name === albId);
    const [x, y] = (alb?.pos ?? '').split(',').map(Number);
    // Graphviz's SVG draws in points with y negated; the box's <title> names the DOT node.
    const outline = new RegExp(`<title>${albId}</title>\\n<(?:path|polygon)[^>]* (?:d|points)="([^"]+)"`).exec(layouts.svg ?? '')?.[1] ?? '';
    const corners = [...outline.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])] as const);
    const middle = (values: number[]): number => (Math.min(...values) + Math.max(...values)) / 2;
    expect(corners.length).toBeGreaterThan(3);
    expect(middle(corners.map(([cx]) => cx))).toBeCloseTo(x ?? NaN, 1);
    expect(-middle(corners.map(([, cy]) => cy))).toBeCloseTo(y ?? NaN, 1);
  });

  it('says what Graphviz could not read', async () => {
    await expect(layoutDot('digraph { a -> ', ['svg'])).rejects.toThrow('Graphviz could not lay the diagram out: syntax error in line 1');
  });
});
