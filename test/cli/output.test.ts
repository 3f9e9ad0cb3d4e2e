import { execFileSync, spawn } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputError, PRIVATE_MODE, writeResult } from '../../src/cli/output.js';
import { UsageError } from '../../src/errors.js';
import { cli } from '../support/cli.js';
import { withLiveAccount } from './support.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'topology-out-'));
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o7777;

describe('--out to a regular file', () => {
  it('creates a new file 0600 when the content is not public, and with the default mode when it is', async () => {
    await writeResult('secret env values\n', join(dir, 'private.txt'));
    await writeResult('redacted\n', join(dir, 'public.txt'), undefined, { public: true });
    expect(await modeOf(join(dir, 'private.txt'))).toBe(PRIVATE_MODE);
    const umask = process.umask();
    expect(await modeOf(join(dir, 'public.txt'))).toBe(0o666 & ~umask);
    expect(await readFile(join(dir, 'private.txt'), 'utf8')).toBe('secret env values\n');
  });

  it('keeps the mode of the file it replaces, and leaves no temporary file', async () => {
    const file = join(dir, 'report.txt');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    await writeResult('new', file, undefined, { public: true });
    expect(await modeOf(file)).toBe(0o640);
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['report.txt']);
  });

  it('refuses a directory', async () => {
    await expect(writeResult('x', dir)).rejects.toThrow(UsageError);
    await expect(writeResult('x', dir)).rejects.toThrow(`--out ${dir} is a directory.`);
  });

  it('names the target when a parent is not a directory (exit 2)', async () => {
    await writeFile(join(dir, 'plain'), '');
    const error = await writeResult('x', join(dir, 'plain', 'out.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).message).toBe(`Cannot write ${join(dir, 'plain', 'out.json')}: ENOTDIR (a parent is not a directory).`);
    expect((error as OutputError).exitCode).toBe(2);
  });
});

describe('--out to a symlink', () => {
  it('follows it: the file it points at is replaced and the link stays a link', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'target.json'), 'old');
    await chmod(join(dir, 'real', 'target.json'), 0o604);
    await symlink(join(dir, 'real', 'target.json'), join(dir, 'link.json'));
    await writeResult('new', join(dir, 'link.json'));
    expect((await lstat(join(dir, 'link.json'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'link.json'))).toBe(join(dir, 'real', 'target.json'));
    expect(await readFile(join(dir, 'real', 'target.json'), 'utf8')).toBe('new');
    expect(await modeOf(join(dir, 'real', 'target.json'))).toBe(0o604);
    expect((await readdir(join(dir, 'real'))).sort()).toEqual(['target.json']);
  });

  it('refuses a link that points nowhere', async () => {
    await symlink(join(dir, 'missing', 'file.json'), join(dir, 'dangling.json'));
    await expect(writeResult('x', join(dir, 'dangling.json'))).rejects.toThrow(/is a symbolic link to a file that cannot be reached \(ENOENT\)/);
  });
});

describe('--out to a device or a FIFO is written directly, never renamed over', () => {
  it('a copy of /dev/null stays a character device', async () => {
    execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
    await writeResult('discarded', join(dir, 'null'));
    expect((await lstat(join(dir, 'null'))).isCharacterDevice()).toBe(true);
    expect(await readdir(dir)).toEqual(['null']);
  });

  it('a copy of /dev/full is an error naming the target and ENOSPC, exit 2, and stays a device', async () => {
    execFileSync('mknod', [join(dir, 'full'), 'c', '1', '7']);
    const { code, stderr } = await cli('--recorded-account', '--format', 'json', '--out', join(dir, 'full'));
    expect(code).toBe(2);
    expect(stderr).toContain(`topology: Cannot write ${join(dir, 'full')}: ENOSPC (no space left on device).`);
    expect((await lstat(join(dir, 'full'))).isCharacterDevice()).toBe(true);
  });

  it('a FIFO is written through and stays a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    const received: Buffer[] = [];
    reader.stdout.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise((done) => reader.on('close', done));
    await writeResult('through the pipe\n', fifo);
    await closed;
    expect(Buffer.concat(received).toString('utf8')).toBe('through the pipe\n');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });
});

describe('--out never replaces an input of the same run', () => {
  it('refuses --out naming the --config file, before reading anything', async () => {
    const config = join(dir, 'topology.yml');
    await writeFile(config, 'drift:\n  ignore: []\n');
    const { code, stderr } = await cli('--recorded-account', '--config', config, '--out', config);
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${config} is the --config input of this run`);
    expect(await readFile(config, 'utf8')).toBe('drift:\n  ignore: []\n');
  });

  it('refuses --out naming the --from snapshot through another spelling', async () => {
    const snapshot = join(dir, 'snap.json');
    expect((await cli('snapshot', '--recorded-account', '--out', snapshot)).code).toBe(0);
    const before = await readFile(snapshot, 'utf8');
    const { code, stderr } = await cli('--from', snapshot, '--out', join(dir, '.', 'x', '..', 'snap.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('is the --from input of this run');
    expect(await readFile(snapshot, 'utf8')).toBe(before);
  });

  it('drift --snapshot S --update --out S is refused and S is kept', async () => {
    const snapshot = join(dir, 'S.json');
    expect((await cli('snapshot', '--recorded-account', '--out', snapshot)).code).toBe(0);
    const before = await readFile(snapshot, 'utf8');
    const { code, stderr } = await cli('drift', '--snapshot', snapshot, '--recorded-account', '--update', '--out', snapshot);
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${snapshot} is the --snapshot input of this run`);
    expect(await readFile(snapshot, 'utf8')).toBe(before);
  });
});

describe('--out is checked before the walk starts', () => {
  it('a path under a regular file fails before any AWS request', async () => {
    await writeFile(join(dir, 'plain'), '');
    await withLiveAccount(async ({ url, fake }) => {
      const { code, stderr } = await cli('--region', 'us-east-1', '--endpoint-url', url, '--out', join(dir, 'plain', 'report.txt'));
      expect(code).toBe(2);
      expect(stderr).toContain('ENOTDIR');
      expect(fake.served).toEqual([]);
    });
  });
});

describe('snapshot --out over an existing snapshot', () => {
  it('refuses a partial collection (exit 4, file kept) unless --allow-partial', async () => {
    const snapshot = join(dir, 'prod.json');
    await withLiveAccount(async ({ url }) => {
      expect((await cli('snapshot', '--region', 'us-east-1', '--endpoint-url', url, '--out', snapshot)).code).toBe(0);
    });
    const complete = await readFile(snapshot, 'utf8');
    await withLiveAccount(
      async ({ url }) => {
        const refused = await cli('snapshot', '--region', 'us-east-1', '--endpoint-url', url, '--out', snapshot);
        expect(refused.code).toBe(4);
        expect(refused.stderr).toContain(`${snapshot} not replaced: the collection is partial`);
        expect(await readFile(snapshot, 'utf8')).toBe(complete);
        const allowed = await cli('snapshot', '--region', 'us-east-1', '--endpoint-url', url, '--out', snapshot, '--allow-partial');
        expect(allowed.code).toBe(4);
        expect(JSON.parse(await readFile(snapshot, 'utf8')).header.partial).toBe(true);
      },
      (fake) => fake.fail('rds', 'DescribeDBInstances', 'AccessDenied'),
    );
  });
});

const BIN = resolve('bin/topology.mjs');
const sh = (command: string) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn('bash', ['-c', command], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });

describe('stdout', () => {
  it('closed early by its reader (| head -c 100): quiet, exit 0', async () => {
    const { stdout, stderr } = await sh(`node ${BIN} --recorded-account --format json | head -c 100 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`);
    expect(stdout.trim()).toBe('rc=0');
    expect(stderr).toBe('');
  }, 60_000);

  it('full (> /dev/full): one line naming stdout and ENOSPC, exit 2', async () => {
    const { stdout, stderr } = await sh(`node ${BIN} --recorded-account > /dev/full; echo "rc=$?" >&2`);
    expect(stdout).toBe('');
    expect(stderr).toBe('topology: Cannot write stdout: ENOSPC (no space left on device).\n  Free some space on that device, or write elsewhere with --out.\nrc=2\n');
  }, 60_000);
});

describe('an interrupted write', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(() => child?.kill('SIGKILL'));

  it('SIGINT while the temporary file is being written removes it and ends by the signal', async () => {
    const target = join(dir, 'big.json');
    const script = `import { writeResult } from ${JSON.stringify(resolve('src/cli/output.ts'))};
      await writeResult('x'.repeat(200_000_000), ${JSON.stringify(target)});`;
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((done) => child!.on('exit', (_code, signal) => done(signal)));
    let temporary: string | undefined;
    for (let i = 0; i < 600 && temporary === undefined; i++) {
      temporary = (await readdir(dir)).find((name) => name.endsWith('.tmp'));
      if (temporary === undefined) await new Promise((done) => setTimeout(done, 25));
    }
    expect(temporary).toMatch(/^\.big\.json\.\d+\.[a-z0-9]+\.tmp$/);
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(await readdir(dir)).toEqual([]);
  }, 60_000);
});

describe('--out /dev/stdout', () => {
  it('a link to a pipe is written through the link, not refused or renamed over', async () => {
    const { stdout, stderr } = await sh(`node ${BIN} --recorded-account --format json --out /dev/stdout | head -c 30; echo; echo "rc=\${PIPESTATUS[0]}"`);
    expect(stdout).toBe('{\n  "schema": "topology/report@1"'.slice(0, 30) + '\nrc=0\n');
    expect(stderr).toBe('');
  }, 60_000);
});
