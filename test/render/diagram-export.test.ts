import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLeaks } from '../../src/redact/leak-guard.js';
import { buildDiagram } from '../../src/render/diagram/graph.js';
import { DRAWIO_SHAPES, groupIcon, renderDrawio } from '../../src/render/drawio.js';
import { render } from '../../src/render/index.js';
import { pageContent } from '../../src/render/story-page.js';
import { renderSvg } from '../../src/render/svg.js';
import { redact } from '../redact/support.js';
import { cli } from '../support/cli.js';
import { hostileTopology, shopTopology } from './diagram-support.js';

/**
 * `--format svg` and `--format drawio`: the SVG opened in headless Chromium (no request, every box
 * drawn), the draw.io file parsed by Chromium's XML parser (DOMParser, application/xml) and
 * checked for every box, arrow and group of the page's diagram with its AWS style name. As in
 * browser.test.ts, a missing Chromium fails these unless TOPOLOGY_SKIP_BROWSER=1 (said, never silent).
 */
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const skipAsked = process.env.TOPOLOGY_SKIP_BROWSER === '1';
if (skipAsked) console.warn('diagram-export.test.ts: the Chromium tests skipped (TOPOLOGY_SKIP_BROWSER=1)');
const SNAPSHOT = fileURLToPath(new URL('../../snapshots/reference-stack.json', import.meta.url));

interface Cell {
  id: string;
  value: string;
  style: string;
  parent: string;
  vertex: boolean;
  edge: boolean;
  source: string | null;
  target: string | null;
  geometry: { x: number; y: number; width: number; height: number } | null;
}

describe.skipIf(skipAsked)('the diagram on its own, in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium), or set TOPOLOGY_SKIP_BROWSER=1`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The cells of a draw.io file as Chromium's XML parser reads them; throws on a parse error. */
  async function drawioCells(xml: string): Promise<Cell[]> {
    const page = await browser.newPage();
    try {
      return await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const error = doc.querySelector('parsererror');
        if (error) throw new Error(`not XML: ${error.textContent}`);
        if (doc.documentElement.nodeName !== 'mxfile') throw new Error(`root is ${doc.documentElement.nodeName}`);
        return Array.from(doc.querySelectorAll('mxGraphModel > root > mxCell')).map((cell) => {
          const g = cell.querySelector('mxGeometry');
          const n = (name: string) => Number(g?.getAttribute(name) ?? 0);
          return {
            id: cell.getAttribute('id') ?? '',
            value: cell.getAttribute('value') ?? '',
            style: cell.getAttribute('style') ?? '',
            parent: cell.getAttribute('parent') ?? '',
            vertex: cell.getAttribute('vertex') === '1',
            edge: cell.getAttribute('edge') === '1',
            source: cell.getAttribute('source'),
            target: cell.getAttribute('target'),
            geometry: g && g.getAttribute('relative') !== '1' ? { x: n('x'), y: n('y'), width: n('width'), height: n('height') } : null,
          };
        });
      }, xml);
    } finally {
      await page.close();
    }
  }

  it('opens the SVG with no request, every box of the diagram drawn inside it at slide size', async () => {
    const topology = shopTopology();
    const svg = await renderSvg(topology);
    const diagram = pageContent(topology).diagram;
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/(href|src)="(https?:|\/\/)|@import|url\(/);

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const requests: string[] = [];
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === 'http://diagram.test/architecture.svg') return route.fulfill({ contentType: 'image/svg+xml', body: svg });
      requests.push(url);
      return route.abort();
    });
    await page.goto('http://diagram.test/architecture.svg');
    const boxes = await page.evaluate(() => {
      const root = document.documentElement.getBoundingClientRect();
      return Array.from(document.querySelectorAll('g.node')).map((node) => {
        const box = (node as SVGGraphicsElement).getBoundingClientRect();
        const texts = Array.from(node.querySelectorAll('text')).map((t) => t.textContent ?? '');
        const font = node.querySelector('text') ? getComputedStyle(node.querySelector('text')!).fontFamily : '';
        return { texts, font, inside: box.width > 0 && box.height > 0 && box.left >= root.left && box.right <= root.right + 1 && box.top >= root.top && box.bottom <= root.bottom + 1 };
      });
    });
    await page.close();
    expect(requests).toEqual([]);
    expect(boxes).toHaveLength(diagram.nodes.length);
    for (const node of diagram.nodes) {
      const box = boxes.find((b) => b.texts.includes(node.title));
      expect(box, node.title).toBeDefined();
      expect(box!.inside, node.title).toBe(true);
      expect(box!.font).toMatch(/Helvetica, Arial, sans-serif/);
    }
    // Readable on a 1920-pixel slide: the drawing is at least slide-wide at its natural size or scales up.
    expect(Number(/ width="(\d+)"/.exec(svg)?.[1])).toBeGreaterThan(800);
  });

  it('writes a draw.io file with every box, arrow and group of the diagram, in AWS shapes, where Graphviz put them', async () => {
    const topology = shopTopology();
    const diagram = pageContent(topology).diagram;
    const cells = await drawioCells(await renderDrawio(topology));
    const byId = new Map(cells.map((cell) => [cell.id, cell]));

    for (const node of diagram.nodes) {
      const cell = byId.get(node.id);
      expect(cell?.vertex, node.title).toBe(true);
      expect(cell!.value).toBe(`${node.title}\n${node.subtitle}`);
      expect(cell!.style).toContain(`shape=${DRAWIO_SHAPES[node.kind].shape};`);
      expect(cell!.parent).toBe(node.clusterId ? `group-${node.clusterId}` : '1');
      expect(cell!.geometry!.width).toBeGreaterThan(0);
    }
    for (const cluster of diagram.clusters) {
      const cell = byId.get(`group-${cluster.id}`);
      expect(cell?.value, cluster.label).toBe(cluster.label);
      expect(cell!.style).toContain(`shape=mxgraph.aws4.group;grIcon=${groupIcon(cluster)};`);
      expect(cell!.parent).toBe(cluster.parentId ? `group-${cluster.parentId}` : '1');
    }
    const edges = cells.filter((cell) => cell.edge);
    expect(edges).toHaveLength(diagram.edges.length);
    diagram.edges.forEach((edge, i) => {
      const ends = [edge.fromCluster ? `group-${edge.fromCluster}` : edge.from, edge.toCluster ? `group-${edge.toCluster}` : edge.to];
      if (edge.kind === 'consume') ends.reverse();
      expect([edges[i]!.source, edges[i]!.target]).toEqual(ends);
      expect(edges[i]!.value).toBe(edge.label);
    });
    // The shop's request path and its labels: the ALB, the ECS service, SQS, RDS, S3, VPC and subnets.
    const styles = cells.map((cell) => cell.style).join('\n');
    for (const shape of ['application_load_balancer', 'ecs_service', 'queue', 'rds_instance', 'bucket', 'group_vpc', 'group_public_subnet', 'group_private_subnet']) {
      expect(styles).toContain(`mxgraph.aws4.${shape};`);
    }
    expect(edges.map((edge) => edge.value)).toContain('HTTPS 443');
    // Graphviz's left-to-right layout: the load balancer is left of the service it forwards to.
    const absoluteX = (cell: Cell): number => cell.geometry!.x + (cell.parent === '1' ? 0 : absoluteX(byId.get(cell.parent)!));
    const alb = cells.find((cell) => cell.value.startsWith('shop-edge-alb\n'))!;
    const web = cells.find((cell) => cell.value.startsWith('shop-web\n'))!;
    expect(absoluteX(alb)).toBeLessThan(absoluteX(web));
  });

  it('keeps hostile names as text in both files', async () => {
    const topology = hostileTopology();
    const cells = await drawioCells(await renderDrawio(topology));
    const names = buildDiagram(topology).nodes.map((node) => `${node.title}\n${node.subtitle}`);
    for (const name of names) expect(cells.map((cell) => cell.value)).toContain(name);
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.fulfill({ contentType: 'image/svg+xml', body: '' }));
    await page.setContent(await renderSvg(topology));
    const found = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      handlers: Array.from(document.querySelectorAll('*')).filter((element) => Array.from(element.attributes).some((a) => a.name.startsWith('on'))).length,
      texts: Array.from(document.querySelectorAll('text')).map((t) => t.textContent),
    }));
    await page.close();
    expect(found.scripts).toBe(0);
    expect(found.handlers).toBe(0);
    expect(found.texts).toContain('</script><script>alert(2)</script>');
    expect(found.texts).toContain('"><svg onload=alert(3)>');
  });
});

describe('--format svg and --format drawio with --public', () => {
  it('render the redacted topology, and the leak guard finds nothing in either', async () => {
    const original = shopTopology();
    const published = redact(original);
    for (const format of ['svg', 'drawio'] as const) {
      const output = await render(published, format);
      expect(findLeaks(output, original, { format }), format).toEqual([]);
      expect(output).not.toContain('shop-edge-alb');
    }
  });

  it('go through the leak guard in the CLI', async () => {
    process.env.TOPOLOGY_REDACTION_KEY ??= 'diagram-export-test-key-0123456789abcdef';
    for (const format of ['svg', 'drawio']) {
      const result = await cli('--from', SNAPSHOT, '--public', '--format', format);
      expect(result.stderr, format).toBe('');
      expect(result.code, format).toBe(0);
      expect(result.stdout).not.toMatch(/Services\/|Edge\/LoadBalancer|databaseinstance/);
    }
  });
});
