import { execFileSync } from 'node:child_process';

/**
 * Tests that start `bin/topology.mjs` run the compiled dist/: rebuild it once per test run so they
 * exercise the sources as they are now, never a bundle left over from an earlier build.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
