import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { oncePerRun } from '../support/once-per-run.js';

const run = promisify(execFile);

interface LockEntry {
  version?: string;
  dev?: boolean;
  link?: boolean;
  [field: string]: unknown;
}

interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry & { dependencies?: Record<string, string>; bin?: unknown; engines?: unknown }>;
}

/**
 * `npm pack` of the repository, once per test run (dist/ is already built by the build-dist global
 * setup, so lifecycle scripts are skipped): the path of the tarball.
 */
export function packedTarball(): Promise<string> {
  return oncePerRun('pack', async (dir) => {
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: resolve('.') });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (packed === undefined) throw new Error(`npm pack printed no tarball: ${stdout}`);
    return join(dir, packed.filename);
  });
}

/**
 * The package.json and package-lock.json of a folder that depends on nothing but the tarball: the
 * tarball's production dependencies pinned to the versions our lockfile pins (npm never ships a
 * package-lock.json in a tarball), so that `npm ci --omit=dev --offline` installs them from the local
 * npm cache with no registry request. Dev-only entries are left out: a production install must not
 * need them.
 */
export function installerFiles(ourLock: Lockfile, tarball: string): { packageJson: object; lock: object } {
  const root = ourLock.packages[''];
  if (root === undefined) throw new Error('package-lock.json has no root package');
  const spec = `file:${tarball}`;
  const packageJson = { name: 'topology-install-check', private: true, dependencies: { [ourLock.name]: spec } };
  const packages: Record<string, unknown> = {
    '': packageJson,
    [`node_modules/${ourLock.name}`]: {
      version: ourLock.version,
      resolved: spec,
      dependencies: root.dependencies ?? {},
      ...(root.bin === undefined ? {} : { bin: root.bin }),
      ...(root.engines === undefined ? {} : { engines: root.engines }),
    },
  };
  for (const [path, entry] of Object.entries(ourLock.packages)) {
    if (path === '' || entry.dev === true || entry.link === true) continue;
    packages[path] = entry;
  }
  return { packageJson, lock: { name: packageJson.name, lockfileVersion: 3, requires: true, packages } };
}

/** Installs the tarball into `dir` (empty) with production dependencies only, offline. */
export async function installOffline(tarball: string, dir: string): Promise<void> {
  const ourLock = JSON.parse(await readFile('package-lock.json', 'utf8')) as Lockfile;
  const { packageJson, lock } = installerFiles(ourLock, tarball);
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  await writeFile(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  await run('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
}
