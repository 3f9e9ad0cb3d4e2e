import { constants, unlinkSync, type Stats } from 'node:fs';
import { access, lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ExitCode, TopologyError, UsageError } from '../errors.js';

/**
 * Where results go: stdout, or `--out FILE`.
 *
 * - A regular file is written to a temporary file in the target's own directory and renamed over
 *   it, so an interrupted or failed run never leaves a half-written file. The new file keeps the
 *   mode of the file it replaces; a new file is 0600 unless the content is `--public`, because
 *   unredacted output can hold secret values (plaintext environment variables).
 * - A symlink is followed: the file it points at is replaced (the link stays a link). A symlink
 *   that points nowhere is refused.
 * - A character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is written
 *   directly: renaming over it would replace the device with a regular file.
 * - The temporary file is removed on every exit path, SIGINT/SIGTERM/SIGHUP included.
 */

export interface WriteOptions {
  /** The content is redacted (`--public`): a new file gets the default mode (0666 minus umask) instead of 0600. */
  public?: boolean;
}

/** A failure writing the result that names the target; exit 2 (a full disk, a read-only directory...). */
export class OutputError extends TopologyError {
  constructor(target: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    super(`Cannot write ${target}: ${code ? `${code} (${describeErrno(code)})` : (cause as Error)?.message}.`, {
      cause,
      exitCode: ExitCode.userError,
      hint: code === 'ENOSPC' ? 'Free some space on that device, or write elsewhere with --out.' : 'Check that the path is writable, or write elsewhere with --out.',
    });
  }
}

/** The reader of stdout went away (`| head`): not an error, the run ends quietly. */
export class ClosedOutput extends Error {
  constructor() {
    super('stdout closed by its reader');
    this.name = 'ClosedOutput';
  }
}

function describeErrno(code: string): string {
  switch (code) {
    case 'ENOSPC':
      return 'no space left on device';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'ENOENT':
      return 'no such file or directory';
    case 'EDQUOT':
      return 'disk quota exceeded';
    default:
      return 'system error';
  }
}

/** What `--out` names, once symlinks are followed. */
export type OutputTarget =
  | { kind: 'stdout' }
  | { kind: 'file'; path: string; mode?: number }
  | { kind: 'stream'; path: string };

const isStdout = (out: string | undefined): out is undefined | '-' => out === undefined || out === '-';

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OutputError(path, error);
  }
}

/** Resolves `--out` to what will be written, and checks it can be (before any collection starts). */
export async function resolveOutputTarget(out: string | undefined): Promise<OutputTarget> {
  if (isStdout(out)) return { kind: 'stdout' };
  if (out === '') throw new UsageError('--out needs a file name.', { hint: 'Pass --out FILE, or leave it out to write to stdout.' });
  let path = resolve(out);
  const link = await lstatOrUndefined(path);
  let info = link;
  if (link?.isSymbolicLink()) {
    info = await stat(path).catch((cause: unknown) => {
      throw new UsageError(`--out ${out} is a symbolic link to a file that cannot be reached (${(cause as NodeJS.ErrnoException).code}).`, {
        cause,
        hint: 'Point --out at a regular file, or fix or remove the link.',
      });
    });
    // Only a regular file needs the link's real path (its directory gets the temporary file);
    // /dev/stdout and other links to pipes or devices are written through the link itself.
    if (info.isFile()) path = await realpath(path);
  }
  if (info?.isDirectory()) throw new UsageError(`--out ${out} is a directory.`, { hint: 'Name a file inside it, e.g. --out ' + join(out, 'topology.json') });
  if (info !== undefined && !info.isFile()) {
    await access(path, constants.W_OK).catch((cause: unknown) => {
      throw new OutputError(out, cause);
    });
    return { kind: 'stream', path };
  }
  await checkDirectoryWritable(dirname(path), out);
  return { kind: 'file', path, ...(info ? { mode: info.mode & 0o7777 } : {}) };
}

/** The nearest existing ancestor must be a writable directory: the temporary file and any missing parents are made there. */
async function checkDirectoryWritable(directory: string, out: string): Promise<void> {
  let current = directory;
  for (;;) {
    const info = await lstatOrUndefined(current);
    if (info !== undefined) {
      const resolved = info.isSymbolicLink() ? await stat(current).catch(() => undefined) : info;
      if (!resolved?.isDirectory()) throw new OutputError(out, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
      await access(current, constants.W_OK | constants.X_OK).catch((cause: unknown) => {
        throw new OutputError(out, cause);
      });
      return;
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** The files a run reads, by the flag that names them (`--from` may name several). */
export type RunInputs = Record<string, string | string[] | undefined>;

/**
 * `--out` must not name a file the same run reads (a snapshot, a template, the config): the
 * output would replace the input. Compared by device and inode, so links and `./` spellings match.
 */
export async function refuseOutputOverInputs(out: string | undefined, inputs: RunInputs): Promise<void> {
  if (isStdout(out)) return;
  const target = await stat(out).catch(() => undefined);
  if (target === undefined) return;
  const named = Object.entries(inputs).flatMap(([flag, paths]) => [paths ?? []].flat().map((input) => [flag, input] as const));
  for (const [flag, input] of named) {
    const read = await stat(input).catch(() => undefined);
    if (read === undefined) continue;
    const same = read.dev === target.dev && read.ino === target.ino;
    const inside = read.isDirectory() && resolve(await realpath(out)).startsWith(resolve(await realpath(input)) + '/');
    if (same || inside) {
      throw new UsageError(`--out ${out} is the ${flag} input of this run; writing the output there would replace what it reads.`, {
        hint: 'Write the output to another file.',
      });
    }
  }
}

/** Temporary files being written, removed if the process is interrupted before the rename. */
const pendingTemporaries = new Set<string>();
const INTERRUPTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onInterrupt(signal: NodeJS.Signals): void {
  removePendingTemporaries();
  for (const name of INTERRUPTS) process.removeListener(name, onInterrupt);
  // Re-raised with the default action, so the exit status says which signal ended the run.
  process.kill(process.pid, signal);
}

function removePendingTemporaries(): void {
  for (const file of pendingTemporaries) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  pendingTemporaries.clear();
}

function track(file: string): void {
  if (pendingTemporaries.size === 0) {
    for (const name of INTERRUPTS) process.on(name, onInterrupt);
    process.on('exit', removePendingTemporaries);
  }
  pendingTemporaries.add(file);
}

function untrack(file: string): void {
  pendingTemporaries.delete(file);
  if (pendingTemporaries.size === 0) {
    for (const name of INTERRUPTS) process.removeListener(name, onInterrupt);
    process.removeListener('exit', removePendingTemporaries);
  }
}

/** New files holding unredacted output: readable by their owner only. */
export const PRIVATE_MODE = 0o600;

/** Writes in slices so a signal arriving mid-write is handled between them. */
const SLICE = 1 << 20;

/** `mode` undefined: the default 0666 minus the umask, as any new file gets. */
async function writeAtomically(content: string, target: string, mode: number | undefined): Promise<void> {
  const directory = dirname(target);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  track(temporary);
  try {
    const handle = await open(temporary, 'wx', mode ?? 0o666);
    try {
      if (mode !== undefined) await handle.chmod(mode);
      const bytes = Buffer.from(content, 'utf8');
      for (let offset = 0; offset < bytes.length; offset += SLICE) await handle.write(bytes, offset, Math.min(SLICE, bytes.length - offset));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
    untrack(temporary);
  }
}

async function writeDirectly(content: string, target: string): Promise<void> {
  const handle = await open(target, 'w');
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
}

/** Streams whose late 'error' events (emitted after the write callback already reported them) are absorbed. */
const guardedStreams = new WeakSet<NodeJS.WritableStream>();

/** Writes to a stream and waits for it to take the data; EPIPE (reader gone) becomes ClosedOutput. */
export function writeToStream(content: string, stream: NodeJS.WritableStream, name = 'stdout'): Promise<void> {
  if (!guardedStreams.has(stream)) {
    stream.on('error', () => {});
    guardedStreams.add(stream);
  }
  return new Promise((done, fail) => {
    let settled = false;
    const settle = (error?: Error | null) => {
      if (settled) return;
      settled = true;
      stream.removeListener('error', settle);
      if (!error) done();
      else if ((error as NodeJS.ErrnoException).code === 'EPIPE') fail(new ClosedOutput());
      else fail(new OutputError(name, error));
    };
    stream.once('error', settle);
    try {
      stream.write(content, (error) => settle(error));
    } catch (error) {
      settle(error as Error);
    }
  });
}

/** Writes a result to stdout or to `--out` (see the top of this file for what each kind of target gets). */
export async function writeResult(content: string, out: string | undefined, stdout: NodeJS.WritableStream = process.stdout, options: WriteOptions = {}): Promise<void> {
  const target = await resolveOutputTarget(out);
  if (target.kind === 'stdout') return writeToStream(content, stdout);
  try {
    if (target.kind === 'stream') await writeDirectly(content, target.path);
    else await writeAtomically(content, target.path, target.mode ?? (options.public ? undefined : PRIVATE_MODE));
  } catch (cause) {
    if (cause instanceof TopologyError) throw cause;
    if ((cause as NodeJS.ErrnoException).code === 'EPIPE') throw new ClosedOutput();
    throw new OutputError(out!, cause);
  }
}

/**
 * Run before any collection: `--out` must be writable and must not be a file this run reads,
 * so a bad path fails in a second instead of after the whole walk.
 */
export async function checkOutputTarget(out: string | undefined, inputs: RunInputs): Promise<void> {
  await resolveOutputTarget(out);
  await refuseOutputOverInputs(out, inputs);
}
