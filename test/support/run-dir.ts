import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for what this test run makes once and its test files share (test/support/once-per-run.ts). */
    runDir: string;
  }
}

/**
 * One folder per test run, removed when the run ends. What several test files need and is slow to
 * make (the packed tarball, the synthesized reference stack) is made there once, by the first file
 * that asks (`oncePerRun`); a run that needs none of it pays nothing.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'topology-run-'));
  project.provide('runDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
