import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.js';
import { BUNDLED_TEMPLATE_DIR, renderHtml } from '../../src/render/html.js';
import { render } from '../../src/render/index.js';
import { topologyTables } from '../../src/render/views.js';
import { SAMPLE_FINDING, shopTopology } from './diagram-support.js';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`;

function textOf(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

describe('renderHtml', async () => {
  const html = await renderHtml(shopTopology([SAMPLE_FINDING]), {});

  it('is one self-contained document: CSP forbidding the network, inline CSS and SVG, no script', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(CSP);
    expect(html).toMatch(/<style>\n\/\* topology portfolio page/);
    expect(html).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="diagram-svg" role="img"/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    // Links stay inside the page; URLs appear only as text (queue URLs in the tables) or as the SVG namespace.
    expect(html).not.toMatch(/\b(?:src|srcset|action|poster|data)=/i);
    expect([...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]).every((href) => href?.startsWith('#'))).toBe(true);
  });

  it('has the sections of the reference page, in order', () => {
    expect(textOf(html, /<h1>([\s\S]*?)<\/h1>/g)).toEqual(['Architecture overview: shop']);
    expect(textOf(html, /<h2 id="[^"]+"(?: class="[^"]+")?>([\s\S]*?)<\/h2>/g)).toEqual([
      'At a glance',
      'Design notes',
      'Diagram',
      'How work moves through the system',
      'Security model',
      'Component roles',
      'Findings and warnings',
      'How to read this page',
      'Topology tables',
    ]);
    expect(textOf(html, /<h3 id="(?:request|worker)-heading">([\s\S]*?)<\/h3>/g)).toEqual(['Request path', 'Worker path']);
  });

  it('shows the stats of the inventory', () => {
    const stats = [...html.matchAll(/<dt>([^<]+)<\/dt><dd[^>]*>([^<]+)<\/dd>/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(stats).toEqual([
      'Region=us-east-1',
      'ECS services=2',
      'Target groups=1',
      'IAM roles=3',
      'Security groups=6',
      'VPC endpoints=3',
      'Databases=1',
      'Queues=2',
      'Buckets=1',
    ]);
  });

  it('renders the paths from the edges with identifiers as code', () => {
    expect(html).toContain(
      '<span class="step-kind">Route53 record</span> <span class="step-text">Route53 resolves <code>www.corp.io</code> to <code>shop-edge-alb</code> (alias A record).</span>',
    );
    expect(html).toContain('<h4 class="path-title">shop-jobs → shop-worker</h4>');
  });

  it('labels the diagram for assistive technology', () => {
    expect(html).toContain('aria-labelledby="architecture-diagram-title architecture-diagram-desc"');
    expect(html).toContain('<title id="architecture-diagram-title">Architecture diagram: Architecture overview: shop</title>');
    expect(html).toMatch(/<desc id="architecture-diagram-desc">\d+ components in \d+ groups, \d+ connections\. Paths: www\.corp\.io → shop-edge-alb → /);
  });

  it('writes every table with column headers scoped to columns and the first cell as the row header', () => {
    const tables = topologyTables(shopTopology()).filter((t) => t.id !== 'warnings' && t.rows.length > 0);
    const columnCount = tables.reduce((sum, t) => sum + t.columns.length, 0);
    const rowCount = tables.reduce((sum, t) => sum + t.rows.length, 0);
    expect(html.match(/<th scope="col">/g)).toHaveLength(columnCount);
    expect(html.match(/<th scope="row">/g)).toHaveLength(rowCount);
    expect(html).not.toMatch(/<th>/);
    expect(html).toContain('<th scope="col">Health Check</th>'.replace('Health Check', tables.find((t) => t.id === 'target-groups')!.columns[4]!));
    expect(html.match(/<div class="table-scroll" tabindex="0" role="region"/g)).toHaveLength(tables.length);
  });

  it('lists findings with their severity', () => {
    expect(html).toContain('<span class="pill pill-medium">medium</span> <strong>HTTP listener forwards instead of redirecting to HTTPS</strong>');
    expect(html).toContain('<code>alb-http-forwards</code>');
  });

  it('marks a redacted topology as such', async () => {
    const redacted = await renderHtml({ ...shopTopology(), redacted: true }, {});
    expect(redacted).toContain('<span class="badge badge-redacted">Redacted for publication</span>');
    expect(html).not.toContain('<span class="badge badge-redacted">');
  });

  it('has light and dark schemes, small-screen rules and a print stylesheet', () => {
    expect(html).toContain('@media screen and (prefers-color-scheme: dark)');
    expect(html).toContain('@media (max-width: 600px)');
    expect(html).toContain('@media print');
  });

  it('stays well under 300 KB for the shop account', () => {
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(150 * 1024);
  });

  it('is registered as the html format', async () => {
    expect(await render(shopTopology([SAMPLE_FINDING]), 'html')).toBe(html);
  });
});

describe('templates', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('never use triple-stash (unescaped) output in the bundled templates', async () => {
    const files = ['page.hbs', ...(await readdir(join(BUNDLED_TEMPLATE_DIR, 'partials'))).map((f) => `partials/${f}`)];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(await readFile(join(BUNDLED_TEMPLATE_DIR, file), 'utf8'), file).not.toContain('{{{');
  });

  it('are found next to the module, whatever the working directory', async () => {
    process.chdir(await mkdtemp(join(tmpdir(), 'cwd-')));
    expect(await renderHtml(shopTopology(), {})).toContain('<h2 id="diagram-heading">Diagram</h2>');
  });

  it('are overridden file by file by --template DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'templates-'));
    await mkdir(join(dir, 'partials'));
    await writeFile(join(dir, 'partials', 'stats.hbs'), '<p class="custom-stats">{{page.stats.length}} stats</p>\n');
    await writeFile(join(dir, 'page.css'), 'body { color: rebeccapurple; }\n');
    const html = await renderHtml(shopTopology(), { templateDir: dir });
    expect(html).toContain('<p class="custom-stats">9 stats</p>');
    expect(html).toContain('body { color: rebeccapurple; }');
    expect(html).not.toContain('/* topology portfolio page');
    // Everything not overridden still comes from the bundled templates.
    expect(html).toContain('<h2 id="paths-heading">How work moves through the system</h2>');
  });

  it('report a broken override or a missing directory as an input error naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'templates-'));
    await mkdir(join(dir, 'partials'));
    await writeFile(join(dir, 'partials', 'header.hbs'), '<h1>{{#if page.title}}unclosed</h1>\n');
    await expect(renderHtml(shopTopology(), { templateDir: dir })).rejects.toThrow(
      new RegExp(`^${join(dir, 'partials', 'header.hbs').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a valid Handlebars template`),
    );
    await expect(renderHtml(shopTopology(), { templateDir: join(dir, 'nope') })).rejects.toBeInstanceOf(InputFileError);
  });
});
