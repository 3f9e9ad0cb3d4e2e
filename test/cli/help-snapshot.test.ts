import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `topology --help` prints dist/help.txt, saved by the build from the CLI's own help
 * (scripts/build.mjs), when yargs would print exactly that; these check that it does.
 */
const BIN = resolve('bin/topology.mjs');
const NO_LOCALE = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'].includes(name)));

function stdoutOf(args: string[], env: NodeJS.ProcessEnv = NO_LOCALE): string {
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The help as yargs lays it out in the built CLI (what `run` prints), not the saved copy. */
function yargsHelp(args: string[], env: NodeJS.ProcessEnv = NO_LOCALE): string {
  const main = pathToFileURL(resolve('dist/main.js')).href;
  return stdoutOf(['--input-type=module', '-e', `const { run } = await import(${JSON.stringify(main)}); process.exitCode = await run(${JSON.stringify(args)});`], env);
}

describe('the saved help', () => {
  const saved = readFileSync(resolve('dist/help.txt'), 'utf8');

  it('is what yargs prints for --help and -h', () => {
    expect(saved).toContain('topology [command] [options]');
    expect(saved).toContain('--format');
    expect(stdoutOf([BIN, '--help'])).toBe(yargsHelp(['--help']));
    expect(stdoutOf([BIN, '-h'])).toBe(yargsHelp(['-h']));
    expect(stdoutOf([BIN, '--help'])).toBe(saved);
  });

  it('answers an English or unset locale; any other locale, or more arguments, go to yargs', () => {
    for (const LANG of ['en_GB.UTF-8', 'C', 'POSIX']) expect(stdoutOf([BIN, '--help'], { ...NO_LOCALE, LANG })).toBe(saved);
    const german = { ...NO_LOCALE, LANG: 'de_DE.UTF-8' };
    expect(stdoutOf([BIN, '--help'], german)).toBe(yargsHelp(['--help'], german));
    // A command's help is its own: not the saved top-level help.
    const auditHelp = stdoutOf([BIN, 'audit', '--help']);
    expect(auditHelp).not.toBe(saved);
    expect(auditHelp).toBe(yargsHelp(['audit', '--help']));
  });
});
