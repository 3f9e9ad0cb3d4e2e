import { spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('usage mistakes exit 2 with one line, never 70', () => {
  it.each([
    [['--recorded-account', '--out'], 'topology: Not enough arguments following: out'],
    [['--recorded-account', '--format'], 'topology: Not enough arguments following: format'],
    [['audit', '--recorded-account', '--format'], 'topology: Not enough arguments following: format'],
    [['drift', '--snapshot'], 'topology: Not enough arguments following: snapshot'],
    [['--recorded-account', '--concurrency', '0'], 'topology: --concurrency must be a whole number from 1 to 32, got "0".'],
    [['--recorded-account', '--concurrency', 'abc'], 'topology: --concurrency must be a whole number from 1 to 32, got "abc".'],
    [['--recorded-account', '--concurrency', 'NaN'], 'topology: --concurrency must be a whole number from 1 to 32, got "NaN".'],
    [['--recorded-account', '--concurrency', '2.5'], 'topology: --concurrency must be a whole number from 1 to 32, got "2.5".'],
    [['--recorded-account', '--concurrency', '33'], 'topology: --concurrency must be a whole number from 1 to 32, got "33".'],
    [['--recorded-account', '--timeout', '0'], 'topology: --timeout must be a number of seconds above 0 and at most 86400, got "0".'],
    [['--recorded-account', '--timeout', 'soon'], 'topology: --timeout must be a number of seconds above 0 and at most 86400, got "soon".'],
    [['--recorded-account', '--out', ''], 'topology: --out needs a value.'],
    [['--recorded-account', '--bogus'], 'topology: Unknown argument: bogus'],
  ])('%j', async (argv, line) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(line);
  });

  it('a valid --concurrency is used', async () => {
    const { code } = await cli('--recorded-account', '--concurrency', '8', '--format', 'json');
    expect(code).toBe(0);
  });
});

describe('an unreadable .json passed to --from', () => {
  it('is exit 2 naming the file (run as an unprivileged user, since root reads anything)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topology-unreadable-'));
    await chmod(dir, 0o755);
    const file = join(dir, 'prod.json');
    await writeFile(file, '{"schemaVersion": 1}');
    await chmod(file, 0o000);
    const scratch = await mkdtemp(join(tmpdir(), 'topology-nobody-'));
    await chmod(scratch, 0o777); // tsx's compile cache, as the unprivileged user
    const result = await new Promise<{ status: number | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, [resolve('bin/topology.mjs'), '--from', file], {
        uid: 65534,
        gid: 65534,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch, TMPDIR: scratch },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => done({ status, stderr }));
    });
    expect(result.stderr).toBe(`topology: ${file}: cannot read it (EACCES)\n  Check the --from path and its permissions.\n`);
    expect(result.status).toBe(2);
  }, 60_000);
});
