import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedReferenceStack, cacheRoot, referenceStackKey } from '../cache.js';

/** Stands in for CDK synthesis: writes a manifest, counts its calls. */
function fakeSynthesis() {
  const calls: string[] = [];
  const synthesize = async (outdir: string) => {
    calls.push(outdir);
    writeFileSync(path.join(outdir, 'manifest.json'), '{}');
    return { outdir, templatePath: path.join(outdir, 'Stack.template.json'), stackName: 'Stack' };
  };
  return { calls, synthesize };
}

describe('the cached reference-stack synthesis', () => {
  const context = { domainName: 'example.com' };

  it('synthesizes once, then reuses the assembly while sources and context are unchanged', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'topology-cache-'));
    const { calls, synthesize } = fakeSynthesis();
    const first = await cachedReferenceStack(context, synthesize, root);
    const second = await cachedReferenceStack(context, synthesize, root);
    expect(first.reused).toBe(false);
    expect(second).toEqual({ outdir: first.outdir, reused: true });
    expect(calls).toHaveLength(1);
    expect(readdirSync(root)).toEqual([path.basename(first.outdir)]);
  });

  it('keys the entry by the context too', async () => {
    expect(referenceStackKey(context)).not.toBe(referenceStackKey({ domainName: 'example.org' }));
    expect(referenceStackKey(context)).toBe(referenceStackKey({ domainName: 'example.com' }));
  });

  it('keys the entry by the stack’s files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'topology-sources-'));
    writeFileSync(path.join(dir, 'app.ts'), 'one');
    const before = referenceStackKey(context, dir);
    writeFileSync(path.join(dir, 'app.ts'), 'two');
    expect(referenceStackKey(context, dir)).not.toBe(before);
  });

  it('leaves no entry when synthesis fails', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'topology-cache-'));
    await expect(cachedReferenceStack(context, async () => Promise.reject(new Error('cdk-nag: violation')), root)).rejects.toThrow('violation');
    expect(readdirSync(root)).toEqual([]);
  });

  it('lives in TOPOLOGY_CACHE_DIR when set', () => {
    expect(cacheRoot({ TOPOLOGY_CACHE_DIR: '/var/cache/t' })).toBe('/var/cache/t');
    expect(cacheRoot({})).toMatch(/node_modules\/\.cache\/topology$/);
  });
});
