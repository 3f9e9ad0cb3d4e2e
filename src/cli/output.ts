import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { TopologyError } from '../errors.js';

/**
 * Writes a result: to stdout, or to FILE atomically (temp file in the same directory, then
 * rename), so an interrupted or failed run never leaves a half-written file behind.
 */
export async function writeResult(content: string, out: string | undefined, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (out === undefined || out === '-') {
    stdout.write(content);
    return;
  }
  const directory = dirname(out);
  const temporary = join(directory, `.${basename(out)}.${process.pid}.tmp`);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, out);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new TopologyError(`Cannot write ${out}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      cause,
      hint: 'Check that the directory exists and is writable.',
    });
  }
}
