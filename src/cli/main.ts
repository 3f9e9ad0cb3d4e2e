import yargs from 'yargs';
import { ExitCode, TopologyError, UsageError, type ExitCodeValue } from '../errors.js';
import { ClosedOutput } from './output.js';
import { commandsFor } from './commands/index.js';
import type { CommandContext } from './context.js';
import { stderrProgress } from './progress.js';

export { tuneEngineForOneShotRun } from './engine.js';

const EPILOGUE = `Exit codes: 0 ok · 1 check failed (drift, --fail-on) · 2 bad input, usage, credentials, region, endpoint, timeout, unwritable --out · 3 --public leak guard tripped (nothing written) · 4 partial (some AWS calls denied or failed; audit too, whatever --fail-on finds) · 70 internal error. Details: docs/exit-codes.md.
Read-only: topology calls only Describe/List/Get APIs; docs/iam-policy.json lists every action.`;

export interface RunIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** The one top-level handler: runs a command and maps every outcome to an exit code. */
export async function run(argv: string[], io: RunIo = {}): Promise<ExitCodeValue> {
  const stderr = io.stderr ?? process.stderr;
  const context: CommandContext = {
    stdout: io.stdout ?? process.stdout,
    stderr,
    // Read before parsing: progress is shown from the first step on.
    progress: stderrProgress(stderr as NodeJS.WriteStream, { quiet: argv.includes('--quiet') }),
    exitCode: ExitCode.ok,
  };
  const debug = argv.includes('--debug');
  let parser = yargs(argv.filter((arg) => arg !== '--debug'))
    .scriptName('topology')
    .usage('$0 [command] [options]\n\nAudit the topology of an AWS account (Route53 → ALB → ECS → SQS / RDS / S3) and export it, optionally redacted.')
    .command((await import('./report.js')).reportCommand(context));
  // Only the modules of the commands argv names are imported (see commands/index.ts).
  for (const command of await commandsFor(argv, context)) parser = parser.command(command);
  parser = parser
    .option('quiet', { type: 'boolean', global: true, describe: 'No progress on stderr (there is none when stderr is not a terminal)' })
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .epilogue(EPILOGUE)
    .wrap(Math.min(110, (stderr as NodeJS.WriteStream).columns ?? 110))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own validation (a missing option value, an unknown flag) as a YError: usage, exit 2.
      if (error !== undefined && error !== null && error.name !== 'YError') throw error;
      throw new UsageError(message ?? error?.message ?? 'bad usage', { hint: 'Run topology --help for usage.' });
    });
  try {
    await parser.parseAsync();
    return context.exitCode;
  } catch (error) {
    return reportError(error, stderr, debug);
  }
}

function reportError(error: unknown, stderr: NodeJS.WritableStream, debug: boolean): ExitCodeValue {
  // The reader of stdout went away (`topology | head`): like any Unix filter, stop quietly.
  if (error instanceof ClosedOutput) return ExitCode.ok;
  if (error instanceof TopologyError) {
    stderr.write(`topology: ${error.message}\n`);
    if (error.hint) stderr.write(`  ${error.hint}\n`);
    if (debug && error.cause) stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  stderr.write(`topology: internal error: ${(error as Error)?.message ?? String(error)}\n`);
  stderr.write(debug ? `${(error as Error)?.stack}\n` : '  This is a bug in topology. Re-run with --debug and report the output.\n');
  return ExitCode.internal;
}
