import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_TEMPLATE_DIR, loadTemplates, precompiledFor, precompiledTemplates, renderHtml } from '../../src/render/html.js';
import { shopTopology } from './diagram-support.js';

/**
 * The bundled templates are precompiled by the build (scripts/build.mjs → dist/templates.js; the
 * test setup builds dist/) and used only while each file still has the source it was compiled from.
 */
describe('precompiled page templates', () => {
  it('has every bundled template with the source it was compiled from', async () => {
    const templates = await precompiledTemplates();
    const files = await loadTemplates();
    expect(Object.keys(templates).sort()).toEqual(['page.hbs', ...[...files.partials.keys()].map((name) => `partials/${name}.hbs`)].sort());
    expect(templates['page.hbs']!.source).toBe(files.page);
    expect(templates['partials/tables.hbs']!.source).toBe(await readFile(join(BUNDLED_TEMPLATE_DIR, 'partials', 'tables.hbs'), 'utf8'));
  });

  it('renders the page exactly as compiling every template does', async () => {
    // A copy of the bundled templates in a --template directory: every file compiled from source.
    const dir = await mkdtemp(join(tmpdir(), 'topology-template-'));
    try {
      await cp(BUNDLED_TEMPLATE_DIR, dir, { recursive: true });
      const topology = shopTopology();
      expect(await renderHtml(topology)).toBe(await renderHtml(topology, { templateDir: dir }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is used only for a bundled file whose source is the one it was compiled from', async () => {
    const templates = await precompiledTemplates();
    const path = join(BUNDLED_TEMPLATE_DIR, 'partials', 'stats.hbs');
    const source = await readFile(path, 'utf8');
    expect(precompiledFor(path, source, templates)).toBe(templates['partials/stats.hbs']!.spec);
    // Edited since the build: compiled from the file instead.
    expect(precompiledFor(path, `${source}<p>edited</p>`, templates)).toBeUndefined();
    // The same source in a --template directory is that directory's file: compiled.
    expect(precompiledFor(join(tmpdir(), 'partials', 'stats.hbs'), source, templates)).toBeUndefined();
  });

  it('renders the page as before when an override directory replaces one partial', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topology-template-'));
    try {
      await mkdir(join(dir, 'partials'));
      await writeFile(join(dir, 'partials', 'stats.hbs'), '<p class="override">{{page.title}}</p>');
      const html = await renderHtml(shopTopology(), { templateDir: dir });
      expect(html).toContain('<p class="override">Architecture overview: shop</p>');
      expect(html).not.toContain('class="stats"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
