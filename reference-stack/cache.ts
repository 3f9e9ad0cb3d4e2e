import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SynthesizedReferenceStack } from './synth.js';

/**
 * The synthesized reference stack, reused while nothing it is made of changed. Synthesis loads
 * aws-cdk-lib and runs cdk-nag (most of `npm start`'s time); its output depends only on the
 * files of this folder, the context passed in and the versions of aws-cdk-lib, constructs and
 * cdk-nag, so a hash of those names the cached cloud assembly. A miss synthesizes into a
 * temporary directory beside the cache entry and renames it into place: a failed or interrupted
 * synthesis leaves no entry behind.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
/** Not inputs of synthesis. */
const IGNORED = new Set(['cdk.out', 'test', 'node_modules', 'README.md', 'story.md', 'topology.config.yml']);
const SYNTH_PACKAGES = ['aws-cdk-lib', 'constructs', 'cdk-nag'];

/** `TOPOLOGY_CACHE_DIR`, else node_modules/.cache/topology (which `npm ci` starts afresh). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.TOPOLOGY_CACHE_DIR ?? path.join(REPO, 'node_modules', '.cache', 'topology');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !IGNORED.has(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

function packageVersion(name: string): string {
  const file = path.join(REPO, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'absent';
}

/** Hash of everything the synthesized assembly depends on. */
export function referenceStackKey(context: Record<string, string>, dir: string = HERE): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ context, versions: SYNTH_PACKAGES.map((name) => [name, packageVersion(name)]) }));
  for (const file of sourceFiles(dir)) {
    hash.update(`\0${path.relative(dir, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 20);
}

export interface CachedAssembly {
  outdir: string;
  /** Reused from an earlier run, not synthesized now. */
  reused: boolean;
}

/** The cloud assembly of the reference stack with `context`: from the cache, else synthesized into it. */
export async function cachedReferenceStack(
  context: Record<string, string>,
  synthesize: (outdir: string) => Promise<SynthesizedReferenceStack> = async (outdir) =>
    (await import('./synth.js')).synthesizeReferenceStack({ outdir, context }),
  root: string = cacheRoot(),
): Promise<CachedAssembly> {
  const outdir = path.join(root, `reference-stack-${referenceStackKey(context)}`);
  if (existsSync(path.join(outdir, 'manifest.json'))) return { outdir, reused: true };
  await mkdir(root, { recursive: true });
  const staging = await mkdtemp(path.join(root, 'staging-'));
  try {
    await synthesize(staging);
    await rename(staging, outdir).catch(async (error: NodeJS.ErrnoException) => {
      // Another run filled the entry meanwhile: theirs is the same assembly.
      if (!existsSync(path.join(outdir, 'manifest.json'))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { outdir, reused: false };
}
