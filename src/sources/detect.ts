import { open, stat } from 'node:fs/promises';
import { InputFileError } from '../errors.js';

/** A snapshot is a JSON file whose first bytes declare `"schemaVersion"` under a topology header. */
export async function isSnapshotFile(path: string): Promise<boolean> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new InputFileError(path, 'no such file or directory', { cause, hint: 'Check the --from path.' });
  }
  if (!info.isFile() || !path.endsWith('.json')) return false;
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new InputFileError(path, `cannot read it (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, {
      cause,
      hint: 'Check the --from path and its permissions.',
    });
  });
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    return /"kind"\s*:\s*"topology-snapshot"/.test(head) || /"schemaVersion"/.test(head);
  } finally {
    await handle.close();
  }
}
