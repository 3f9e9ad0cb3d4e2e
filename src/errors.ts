/**
 * The tool's typed errors. One top-level handler (src/cli/main.ts) turns them into one line on
 * stderr and the documented exit code; nothing else calls process.exit.
 */

export const ExitCode = {
  ok: 0,
  /** A check the user asked for failed: drift found, or findings at/above --fail-on. */
  checkFailed: 1,
  /** Bad input, bad usage, missing credentials, unknown region, unreachable endpoint. */
  userError: 2,
  /** The --public leak guard found an identifier in the rendered output; nothing was written. */
  leak: 3,
  /** Collection finished but some calls were denied or failed: output is partial. */
  partial: 4,
  /** A bug in topology itself. */
  internal: 70,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class TopologyError extends Error {
  readonly exitCode: ExitCodeValue;
  /** What the user can do about it; printed after the message. */
  readonly hint?: string;

  constructor(message: string, options: { exitCode?: ExitCodeValue; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? ExitCode.userError;
    this.hint = options.hint;
  }
}

/** Missing, expired or invalid AWS credentials. */
export class CredentialsError extends TopologyError {}

/** Unknown region, unreachable endpoint, DNS failure. */
export class EndpointError extends TopologyError {}

/** A file the user gave us (template, snapshot, config, story) is malformed. */
export class InputFileError extends TopologyError {
  constructor(
    readonly file: string,
    problem: string,
    options: { line?: number; hint?: string; cause?: unknown } = {},
  ) {
    super(`${file}${options.line === undefined ? '' : `:${options.line}`}: ${problem}`, {
      exitCode: ExitCode.userError,
      hint: options.hint,
      cause: options.cause,
    });
  }
}

/** Bad command-line usage that yargs itself cannot express. */
export class UsageError extends TopologyError {}

/** The leak guard found sensitive strings in rendered --public output. */
export class LeakError extends TopologyError {
  constructor(readonly hits: { category: string; field: string }[]) {
    super(
      `--public output would leak ${hits.length} sensitive value(s): ${hits
        .slice(0, 10)
        .map((h) => `${h.category} (${h.field})`)
        .join(', ')}${hits.length > 10 ? ', ...' : ''}. Nothing was written.`,
      {
        exitCode: ExitCode.leak,
        hint: 'This is a redaction bug or an alias that maps to a real value; please report it with the categories above.',
      },
    );
  }
}
