import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * Makes `name` once per test run in the run's folder (test/support/run-dir.ts) and returns what
 * `make` returned, as JSON: the first test file to ask makes it (in `<runDir>/<name>/`), files asking
 * meanwhile wait for it, later ones read the result. A `mkdir` lock holds between test processes.
 */
export async function oncePerRun<T>(name: string, make: (dir: string) => Promise<T>): Promise<T> {
  const runDir = inject('runDir');
  const dir = join(runDir, name);
  const result = join(runDir, `${name}.json`);
  const lock = join(runDir, `${name}.lock`);
  for (;;) {
    const made = await readFile(result, 'utf8').catch(() => undefined);
    if (made !== undefined) return JSON.parse(made) as T;
    try {
      await mkdir(lock);
      break;
    } catch {
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }
  try {
    const again = await readFile(result, 'utf8').catch(() => undefined);
    if (again !== undefined) return JSON.parse(again) as T;
    await mkdir(dir, { recursive: true });
    const value = await make(dir);
    await writeFile(result, JSON.stringify(value));
    return value;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
