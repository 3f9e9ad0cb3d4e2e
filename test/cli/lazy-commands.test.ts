import { describe, expect, it } from 'vitest';
import { commands, commandsFor } from '../../src/cli/commands/index.js';
import type { CommandContext } from '../../src/cli/context.js';
import { silentProgress } from '../../src/cli/progress.js';
import { ExitCode } from '../../src/errors.js';

const context = (): CommandContext => ({ stdout: process.stdout, stderr: process.stderr, progress: silentProgress, exitCode: ExitCode.ok });

describe('lazily loaded commands', () => {
  it.each(commands.map((c) => [c.name, c] as const))('%s: the listed name and description are the module’s own', async (_name, command) => {
    const module = (await command.load())(context());
    expect(module.command).toBe(command.name);
    expect(module.describe).toBe(command.describe);
  });

  it('loads only the modules of the commands argv names; the others are listed by name only', async () => {
    const loaded = await commandsFor(['audit', '--recorded-account', '--fail-on', 'high'], context());
    const audit = loaded.find((c) => c.command === 'audit')!;
    expect(typeof audit.builder).toBe('function');
    const others = loaded.filter((c) => c.command !== 'audit');
    expect(others.map((c) => c.command)).toEqual(['reference-stack', 'paths', 'snapshot', 'drift']);
    expect(others.every((c) => c.builder === undefined)).toBe(true);
  });

  it('does not take a word after -- for a command', async () => {
    const loaded = await commandsFor(['--', 'drift'], context());
    expect(loaded.find((c) => c.command === 'drift')!.builder).toBeUndefined();
  });
});
