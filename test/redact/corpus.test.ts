import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/cli/progress.js';
import { buildTopology } from '../../src/pipeline.js';
import { loadTemplateInventory } from '../../src/sources/template/index.js';
import { publicExportProblems } from './support.js';

/** Every CloudFormation template of the shared corpus (public templates written by others), with --public in every format. */
const CORPUS = join(process.cwd(), '..', 'shared', 'corpus', 'cloudformation-templates');
const quiet = new Proxy({}, { get: () => () => undefined }) as unknown as Progress;

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templates(path);
    return /\.(ya?ml|json|template)$/.test(name) ? [path] : [];
  });
}

/** The logical ids under `Resources:` (two-space indented keys), as the template spells them. */
function logicalIds(text: string): string[] {
  const section = text.split(/^Resources:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  return [...section.matchAll(/^ {2}([A-Za-z0-9]+):/gm)].map((match) => match[1]!);
}

const files = (() => {
  try {
    return templates(CORPUS);
  } catch {
    return [];
  }
})();

// A missing corpus fails here unless TOPOLOGY_SKIP_CORPUS=1 says to skip it (said, never silent).
const skipAsked = process.env.TOPOLOGY_SKIP_CORPUS === '1';
if (skipAsked) console.warn('corpus.test.ts skipped: TOPOLOGY_SKIP_CORPUS=1');

describe.skipIf(skipAsked)('the template corpus', () => {
  it(`is present at ${CORPUS} (or TOPOLOGY_SKIP_CORPUS=1 says to skip it)`, () => {
    expect(files.length).toBeGreaterThan(0);
  });
});

describe.runIf(!skipAsked && files.length > 0)('--public on every CloudFormation template of the corpus', () => {
  it.each(files.map((file) => [file.slice(CORPUS.length + 1), file]))('%s: every format passes the guard, no logical id survives', async (_name, file) => {
    const original = buildTopology(await loadTemplateInventory(file, quiet), {});
    const { problems } = await publicExportProblems(original, logicalIds(readFileSync(file, 'utf8')));
    expect(problems).toEqual([]);
  }, 120_000);
});
