import type { ExitCodeValue } from '../errors.js';
import type { Progress } from './progress.js';

/** What a command handler gets from the top-level runner, and how it hands back its exit code. */
export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  progress: Progress;
  exitCode: ExitCodeValue;
}
