import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An empty folder for this run's one `npm pack` of the repository (test/package/packed.ts). */
    packDir: string;
  }
}

/**
 * One folder per test run for the packed tarball: the first test file that needs the tarball packs
 * it there (`packedTarball`), every other one reuses it, and the folder goes when the run ends.
 * A run that needs no tarball pays nothing.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'topology-pack-'));
  project.provide('packDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
