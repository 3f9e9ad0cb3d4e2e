import { open, stat } from 'node:fs/promises';
import { InputFileError, UsageError } from '../errors.js';
import type { SourceSpec, TemplateSourceOptions } from './index.js';

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

/**
 * `--from` given once or more: one snapshot, or any mix of templates, template directories,
 * cdk.out directories and CDK apps read as one topology.
 */
export async function templateSourceSpec(paths: string[], options: TemplateSourceOptions): Promise<SourceSpec> {
  const snapshots: string[] = [];
  for (const path of paths) if (await isSnapshotFile(path)) snapshots.push(path);
  if (snapshots.length === 0) return { kind: 'template', path: paths[0]!, paths, options };
  if (paths.length > 1) throw new UsageError(`--from ${snapshots[0]} is a snapshot; a snapshot is read on its own, not with other --from inputs.`);
  if (Object.keys(options).length > 0) throw new UsageError('--parameter, --parameters and --stack-name apply to templates, not to a snapshot.');
  return { kind: 'snapshot', path: paths[0]! };
}
