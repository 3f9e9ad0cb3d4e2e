import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installerFiles, installOffline, packedTarball } from './packed.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const TEMPLATE = resolve('test/fixtures/templates/web-service.yaml');

/**
 * What `npm install -g topology` gives a user: the packed tarball installed into an empty folder
 * with production dependencies only, offline (from the npm cache `npm ci` filled; nothing may need
 * the network), then the installed `topology` run from another empty folder, never from the repo.
 */
describe('the packed tarball, installed with production dependencies only', () => {
  let root: string;
  let bin: string;
  let work: string;

  function topology(...args: string[]): Promise<Run> {
    // A cache of its own: a reused synthesis would skip loading the CDK app and its imports (cdk-nag).
    // aws-cdk-lib's built-in validation on, as on a user's machine (the rest of the run turns it off).
    const env = { ...withoutCdkValidation(process.env), TOPOLOGY_CACHE_DIR: join(root, 'cache'), TOPOLOGY_REDACTION_KEY: 'install-test-key-0123456789abcdef0123456789', NO_COLOR: '1' };
    return new Promise((done) => {
      execFile(bin, args, { cwd: work, env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr });
      });
    });
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'topology-install-'));
    const tarball = await packedTarball();
    await mkdir(join(root, 'app'));
    await installOffline(tarball, join(root, 'app'));
    bin = join(root, 'app', 'node_modules', '.bin', 'topology');
    work = join(root, 'work');
    await mkdir(work);
  }, 600_000);

  afterAll(async () => {
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('installs the run-time packages and none of the development ones', async () => {
    const installed = (name: string) => access(join(root, 'app', 'node_modules', name, 'package.json')).then(() => true, () => false);
    expect(await installed('cdk-nag')).toBe(true);
    expect(await installed('aws-cdk-lib')).toBe(true);
    expect(await installed('vitest')).toBe(false);
    expect(await installed('typescript')).toBe(false);
  });

  it('topology --help', async () => {
    const { code, stdout } = await topology('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}topology reference-stack +No AWS account needed/m);
    expect(stdout).toContain('--recorded-account');
  });

  it('topology reference-stack: synthesizes the bundled CDK app (cdk-nag included), prints its tables, writes its page', async () => {
    const { code, stdout, stderr } = await topology('reference-stack');
    expect(stderr).toContain('topology: wrote the public page to architecture.html');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ROUTE53$/m);
    expect(stdout).toContain('app.example.com');
    expect(stdout).toContain('Services/WebService');
    expect(stdout).toContain('Services/WorkerService');
    const page = await readFile(join(work, 'architecture.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
  }, 300_000);

  it('topology --from <template>', async () => {
    const { code, stdout } = await topology('--from', TEMPLATE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ROUTE53$/m);
    expect(stdout).toContain('shop.example.com');
    expect(stdout).toContain('shop-alb');
  }, 120_000);
});

describe('installerFiles', () => {
  const ourLock = {
    name: 'topology',
    version: '1.2.3',
    lockfileVersion: 3,
    packages: {
      '': { name: 'topology', version: '1.2.3', dependencies: { left: '^1.0.0' }, devDependencies: { vitest: '^4.0.0' }, bin: { topology: 'bin/topology.mjs' } },
      'node_modules/left': { version: '1.0.1', integrity: 'sha512-left' },
      'node_modules/left/node_modules/inner': { version: '2.0.0', integrity: 'sha512-inner' },
      'node_modules/vitest': { version: '4.1.0', integrity: 'sha512-vitest', dev: true },
      'node_modules/linked': { version: '0.0.0', link: true },
    },
  };

  it('pins the tarball\'s production dependencies to our lockfile\'s versions, without the development ones', () => {
    const { packageJson, lock } = installerFiles(ourLock, '/tmp/p/topology-1.2.3.tgz');
    expect(packageJson).toEqual({ name: 'topology-install-check', private: true, dependencies: { topology: 'file:/tmp/p/topology-1.2.3.tgz' } });
    expect(lock).toEqual({
      name: 'topology-install-check',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': packageJson,
        'node_modules/topology': {
          version: '1.2.3',
          resolved: 'file:/tmp/p/topology-1.2.3.tgz',
          dependencies: { left: '^1.0.0' },
          bin: { topology: 'bin/topology.mjs' },
        },
        'node_modules/left': { version: '1.0.1', integrity: 'sha512-left' },
        'node_modules/left/node_modules/inner': { version: '2.0.0', integrity: 'sha512-inner' },
      },
    });
  });
});

function withoutCdkValidation(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'CDK_VALIDATION'));
}
