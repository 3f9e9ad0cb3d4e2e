#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci` runs through
// `prepare`): nothing is transpiled at start-up. tsx is loaded only to read a user's TypeScript CDK app.
import { existsSync, readFileSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('topology: the compiled CLI (dist/) is missing.\n  Run `npm run build` (npm ci and npm install run it too) in the topology folder.\n');
  process.exit(2);
}

/**
 * A bare `topology --help` prints what the build saved of yargs' help (dist/help.txt, see
 * scripts/build.mjs) when it would print exactly that: yargs wraps at min(110, stderr's columns)
 * and translates by the first of LC_ALL, LC_MESSAGES, LANG, LANGUAGE (English when none is set,
 * for C / POSIX and for en*). Anything else runs the CLI.
 */
function savedHelp(args) {
  if (args.length !== 1 || (args[0] !== '--help' && args[0] !== '-h')) return undefined;
  if (Math.min(110, process.stderr.columns ?? 110) !== 110) return undefined;
  const env = process.env;
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || 'en_US').replace(/[.:].*/, '');
  if (!/^(en([_-]|$)|C$|POSIX$)/.test(locale)) return undefined;
  try {
    return readFileSync(new URL('../dist/help.txt', import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

const help = savedHelp(process.argv.slice(2));
if (help !== undefined) {
  process.stdout.write(help);
} else {
  const { run, tuneEngineForOneShotRun } = await import(main.href);
  // Before any command runs: V8's tiering for a one-shot run (src/cli/engine.ts).
  tuneEngineForOneShotRun();
  process.exitCode = await run(process.argv.slice(2));
}
