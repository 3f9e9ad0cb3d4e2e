import { existsSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { ExitCode, InputFileError, type ExitCodeValue } from '../../errors.js';
import { createSnapshot, readSnapshot, serializeSnapshot, snapshotDiffers, type SnapshotFile } from '../../snapshot/index.js';
import type { CommandContext } from '../context.js';
import { loadTopology, type LoadedTopology } from '../load.js';
import { nonEmptyString, withSourceOptions, type SourceArgs } from '../options.js';
import { checkOutputTarget, writeResult } from '../output.js';
import { guardPublicOutput } from '../render-output.js';

export type SnapshotArgs = SourceArgs & { out?: string; public: boolean; 'redact-region': boolean; 'allow-partial': boolean };

/**
 * The existing snapshot at `file`, if any. A file there that is not a snapshot this version can
 * read (a report, a truncated file, a newer schema) is never overwritten.
 */
export async function existingSnapshot(file: string): Promise<SnapshotFile | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    return await readSnapshot(file);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new InputFileError(file, 'is not a snapshot this version can read; refusing to overwrite it', {
      cause: error,
      hint: `${error.message}. Choose another path, or move the file away if you mean to replace it.`,
    });
  }
}

/** The snapshot of a loaded topology: redacted (and leak-guarded) when it was loaded with --public. */
export async function snapshotOf(loaded: LoadedTopology, redactRegion: boolean): Promise<{ snapshot: SnapshotFile; text: string }> {
  const redactionKey = loaded.topology.redacted ? (await import('../../redact/key.js')).loadRedactionKey() : undefined;
  const snapshot = createSnapshot(loaded.topology, { partial: loaded.partial, redactRegion, ...(redactionKey ? { redactionKey } : {}) });
  const text = serializeSnapshot(snapshot);
  if (loaded.topology.redacted) await guardPublicOutput(text, loaded.original, 'snapshot');
  return { snapshot, text };
}

/** `topology snapshot --out FILE`: the topology of any source, as a file drift compares against. */
export async function runSnapshot(args: SnapshotArgs, context: CommandContext): Promise<ExitCodeValue> {
  const out = args.out === '-' ? undefined : args.out;
  await checkOutputTarget(out, { '--from': args.from, '--config': args.config });
  const previous = out === undefined ? undefined : await existingSnapshot(out);
  const loaded = await loadTopology(args, context.progress);
  const { snapshot, text } = await snapshotOf(loaded, args['redact-region']);
  if (previous !== undefined && loaded.partial && !args['allow-partial']) {
    // A partial collection would record as removed whatever could not be read.
    context.stderr.write(
      `topology: ${out} not replaced: the collection is partial (denied or failed AWS calls; see the WARNINGS of \`topology --format table\`). Pass --allow-partial to replace it anyway.\n`,
    );
    return ExitCode.partial;
  }
  if (previous !== undefined && !snapshotDiffers(previous, snapshot)) {
    context.stderr.write(`topology: ${out} is up to date (same topology); not rewritten.\n`);
  } else {
    await writeResult(text, out, context.stdout, { public: snapshot.header.public === true });
    if (out !== undefined) {
      const { inventory, edges } = snapshot.body;
      context.stderr.write(`topology: wrote ${out} (${inventory.services.length} services, ${edges.length} links${snapshot.header.public ? ', public' : ''}).\n`);
    }
  }
  if (loaded.partial) {
    // A snapshot keeps no warnings: say here which account and which call, as the report's WARNINGS would.
    const missing = loaded.topology.warnings.filter((warning) => warning.code === 'access-denied' || warning.code === 'throttled' || warning.code === 'collection-error');
    context.stderr.write(`topology: some AWS calls were denied or failed: the snapshot is partial (header.partial).\n${missing.map((warning) => `  ${warning.message}\n`).join('')}`);
  }
  return loaded.partial ? ExitCode.partial : ExitCode.ok;
}

export function snapshotCommand(context: CommandContext): CommandModule<object, SnapshotArgs> {
  return {
    command: 'snapshot',
    describe: 'Write the topology to a snapshot file (for topology drift, or --from later)',
    builder: (yargs) =>
      withSourceOptions(yargs)
        .option('out', { alias: 'o', type: 'string', requiresArg: true, coerce: nonEmptyString('out'), describe: 'Snapshot file to write (atomically); stdout without it', group: 'Output:' })
        .option('public', { type: 'boolean', default: false, describe: 'Redact every identifier (keyed pseudonyms, leak guard); safe to commit publicly', group: 'Output:' })
        .option('redact-region', { type: 'boolean', default: false, describe: 'With --public: also replace region names', group: 'Output:' })
        .option('allow-partial', {
          type: 'boolean',
          default: false,
          describe: 'Replace an existing --out snapshot even when the collection is partial (denied or failed calls)',
          group: 'Output:',
        })
        .example('$0 snapshot --region us-east-1 --out snapshots/prod.json', 'Record the live account')
        .example('$0 snapshot --from reference-stack --out snapshots/reference-stack.json', 'Record what a CDK app would deploy')
        .example('$0 snapshot --region us-east-1 --public --out snapshots/prod-public.json', 'A snapshot safe for a public repository'),
    handler: async (args) => {
      context.exitCode = await runSnapshot(args, context);
    },
  };
}
