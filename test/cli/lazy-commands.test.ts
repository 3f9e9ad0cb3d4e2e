import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands, commandsFor } from '../../src/cli/commands/index.js';
import type { CommandContext } from '../../src/cli/context.js';
import { silentProgress } from '../../src/cli/progress.js';
import { ExitCode } from '../../src/errors.js';
import { binStderrWithPreload } from './support.js';

const context = (): CommandContext => ({ stdout: process.stdout, stderr: process.stderr, progress: silentProgress, exitCode: ExitCode.ok });

describe('lazily loaded commands', () => {
  it.each(commands.map((c) => [c.name, c] as const))('%s: the listed name and description are the module’s own', async (_name, command) => {
    const module = (await command.load())(context());
    // The command string may name positionals after the name (`merge <files..>`).
    expect(String(module.command).split(' ')[0]).toBe(command.name);
    expect(module.describe).toBe(command.describe);
  });

  it('loads only the modules of the commands argv names; the others are listed by name only', async () => {
    const loaded = await commandsFor(['audit', '--recorded-account', '--fail-on', 'high'], context());
    const audit = loaded.find((c) => c.command === 'audit')!;
    expect(typeof audit.builder).toBe('function');
    const others = loaded.filter((c) => c.command !== 'audit');
    expect(others.map((c) => c.command)).toEqual(['reference-stack', 'paths', 'snapshot', 'merge', 'drift']);
    expect(others.every((c) => c.builder === undefined)).toBe(true);
  });

  it('does not take a word after -- for a command', async () => {
    const loaded = await commandsFor(['--', 'drift'], context());
    expect(loaded.find((c) => c.command === 'drift')!.builder).toBeUndefined();
  });
});

/**
 * The sources and packages `topology --help` loads: a module-resolution hook logs every URL the
 * run resolves, and each dist/ chunk is read for the `// src/...` and `// node_modules/...` markers
 * esbuild writes above every module it bundles.
 */
function modulesLoadedBy(args: string[]): Set<string> {
  const hooks = "export async function resolve(specifier, context, next) { const r = await next(specifier, context); process._rawDebug('resolved ' + r.url); return r; }";
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const stderr = binStderrWithPreload(register, args);
  const modules = new Set<string>();
  for (const url of stderr.split('\n').filter((line) => line.startsWith('resolved file:')).map((line) => line.slice('resolved '.length))) {
    const file = fileURLToPath(url);
    const fromRoot = file.slice(resolve('.').length + 1);
    modules.add(fromRoot);
    if (fromRoot.startsWith('dist/')) for (const marker of readFileSync(file, 'utf8').match(/^\/\/ (src|node_modules)\/\S+/gm) ?? []) modules.add(marker.slice(3));
  }
  return modules;
}

describe('topology --help', () => {
  it('prints the help the build saved without loading the CLI (help-snapshot.test.ts checks it is yargs\' own)', () => {
    expect([...modulesLoadedBy(['--help'])].filter((module) => module.startsWith('dist/') || module.startsWith('src/'))).toEqual([]);
  });

  // `--quiet` is a global flag that changes nothing in the help, but not the bare `--help` the saved copy answers.
  it('through yargs, loads the CLI and the report command\'s flags, not the pipeline, the sources, the renderers or their packages', () => {
    const loaded = [...modulesLoadedBy(['--help', '--quiet'])];
    // What help needs is there (so the markers are read at all)...
    expect(loaded).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/report.ts', 'src/cli/options.ts']));
    // ...and none of what a run needs.
    const runOnly = [
      'src/cli/report-run.ts',
      'src/cli/load.ts',
      'src/pipeline.ts',
      'src/correlate/index.ts',
      'src/audit/index.ts',
      'src/redact/inventory.ts',
      'src/sources/index.ts',
      'src/sources/aws/index.ts',
      'src/sources/template/index.ts',
      'src/render/html.ts',
      'src/render/table.ts',
      'src/render/story-page.ts',
      'src/render/views.ts',
    ];
    expect(loaded.filter((module) => runOnly.includes(module))).toEqual([]);
    const packages = ['node_modules/@aws-sdk/', 'node_modules/handlebars/', 'node_modules/cli-progress/', 'node_modules/yaml/', 'node_modules/@hpcc-js/', 'node_modules/ajv/'];
    expect(loaded.filter((module) => packages.some((p) => module.startsWith(p)))).toEqual([]);
  });
});
