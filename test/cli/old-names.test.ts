import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsFor } from '../../src/cli/commands/index.js';
import type { CommandContext } from '../../src/cli/context.js';
import { sourceSpecFromArgs } from '../../src/cli/options.js';
import { silentProgress } from '../../src/cli/progress.js';
import { ExitCode } from '../../src/errors.js';

const context = (): CommandContext => ({ stdout: process.stdout, stderr: process.stderr, progress: silentProgress, exitCode: ExitCode.ok });

describe('the two demos have their own names; the old ones keep working', () => {
  it('`topology demo` loads the reference-stack command, which answers to demo as an alias', async () => {
    const loaded = await commandsFor(['demo'], context());
    const referenceStack = loaded.find((c) => c.command === 'reference-stack')!;
    expect(typeof referenceStack.builder).toBe('function');
    expect(referenceStack.aliases).toEqual(['demo']);
  });

  it('--recorded-account and the hidden --demo both choose the recorded account', async () => {
    expect(await sourceSpecFromArgs({ 'recorded-account': true })).toEqual({ kind: 'recorded-account' });
    expect(await sourceSpecFromArgs({ demo: true })).toEqual({ kind: 'recorded-account' });
    await expect(sourceSpecFromArgs({ demo: true, from: 'x.yaml' })).rejects.toThrow('Use only one of --from and --recorded-account.');
  });

  it('--help lists reference-stack (alias demo) and --recorded-account, not --demo', () => {
    const stdout = execFileSync(process.execPath, [resolve('bin/topology.mjs'), '--help'], { encoding: 'utf8' });
    expect(stdout).toMatch(/^ {2}topology reference-stack +No AWS account needed.*\n.*\[aliases: demo\]$/m);
    expect(stdout).toContain('--recorded-account');
    expect(stdout).not.toContain('--demo');
  });
});
