import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_IMPORTS,
  EXCEPTIONS,
  describeViolation,
  layerOf,
  layerViolations,
  readSources,
  relativeImports,
} from './import-layers.js';

const FIXTURE = 'test/architecture/fixtures/against-the-flow';

describe('import layers of src/', () => {
  const sources = readSources('src');

  it('every import in src/ goes along the flow (or is a listed, justified exception)', () => {
    expect(layerViolations(sources).map(describeViolation)).toEqual([]);
  });

  it('knows every layer src/ has: a new folder must be placed in the table before it may import anything', () => {
    const layers = new Set(sources.map((file) => layerOf(file.path)));
    expect([...layers].sort()).toEqual(Object.keys(ALLOWED_IMPORTS).sort());
  });

  it('holds the issue\'s rules: model imports nothing; no stage imports cli; render never imports sources or correlate', () => {
    expect(ALLOWED_IMPORTS.model).toEqual([]);
    for (const [layer, allowed] of Object.entries(ALLOWED_IMPORTS)) {
      if (layer !== 'cli') expect(allowed, layer).not.toContain('cli');
    }
    expect(ALLOWED_IMPORTS.render).not.toContain('sources');
    expect(ALLOWED_IMPORTS.render).not.toContain('correlate');
  });

  it('lists only exceptions that are still needed, each with its reason', () => {
    const withoutExceptions = layerViolations(sources, ALLOWED_IMPORTS, []);
    for (const exception of EXCEPTIONS) {
      expect(withoutExceptions.some((v) => v.from === exception.from && v.to === exception.to), `${exception.from} → ${exception.to}`).toBe(true);
      expect(exception.why.length).toBeGreaterThan(20);
    }
  });
});

describe('the layer check itself', () => {
  it('fails on the deliberate bad imports of its fixture, and only on those', () => {
    const violations = layerViolations(readSources(FIXTURE)).map(describeViolation);
    expect(violations).toEqual([
      'model/kinds.ts imports ../cli/flags.js (model → cli)',
      'render/table.ts imports ../correlate/links.js (render → correlate)',
      'render/table.ts imports ../sources/collect.js (render → sources)',
      'sources/collect.ts imports ../cli/flags.js (sources → cli)',
    ]);
  });

  it('reads static, type-only, re-exported and dynamic imports, and not imports quoted in strings or comments', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/index.js';",
      "export * from './c.js';",
      'const d = await import("../d.js");',
      "// import '../commented.js'",
      "const s = \"import x from '../quoted.js'\";",
      "import { readFile } from 'node:fs';",
      "import yargs from 'yargs';",
    ].join('\n');
    expect(relativeImports(text)).toEqual(['./a.js', '../b/index.js', './c.js', '../d.js']);
  });

  it('names layers by their first folder, top-level files by their name, and files outside src by their folder', () => {
    expect(layerOf('render/diagram/svg.ts')).toBe('render');
    expect(layerOf('errors.ts')).toBe('errors');
    expect(layerOf('../reference-stack/cache.ts')).toBe('../reference-stack');
  });
});

describe('docs/architecture.md', () => {
  it('prints the same table of allowed imports as the check', async () => {
    const doc = await readFile('docs/architecture.md', 'utf8');
    for (const [layer, allowed] of Object.entries(ALLOWED_IMPORTS)) {
      const cell = allowed.length === 0 ? 'nothing' : allowed.map((name) => `\`${name}\``).join(', ');
      expect(doc, layer).toContain(`| \`${layer}\` | ${cell} |`);
    }
    for (const exception of EXCEPTIONS) expect(doc).toContain(`\`${exception.from}\` → \`${exception.to}\``);
  });
});
