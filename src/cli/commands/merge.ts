import type { CommandModule } from 'yargs';
import { ExitCode, UsageError, type ExitCodeValue } from '../../errors.js';
import { mergeAccountInventories } from '../../model/index.js';
import { buildTopology } from '../../pipeline.js';
import { inventoryFromBody } from '../../snapshot/body.js';
import { createSnapshot, readSnapshot, serializeSnapshot, type SnapshotFile } from '../../snapshot/index.js';
import { loadValidConfig } from '../config.js';
import type { CommandContext } from '../context.js';
import { nonEmptyString } from '../options.js';
import { checkOutputTarget, writeResult } from '../output.js';

export interface MergeArgs {
  files: string[];
  out?: string;
  config?: string;
}

/**
 * `topology merge A.json B.json …`: the snapshots of separate jobs (one per account, or per
 * account and region, in a CI matrix) joined into one snapshot, as if one run had walked them all:
 * the inventories merged (model/accounts.ts: each resource keeps its account; one resource seen
 * by two jobs, such as an account's buckets listed by each of its region jobs, is kept once), and
 * the links found again over the whole, so links across accounts appear. The result is partial
 * when any input was. Public snapshots are refused: each was redacted alone (every account is
 * `account` there); merge the private ones, then publish the merge (`topology --from M --public`).
 */
export async function runMerge(args: MergeArgs, context: CommandContext): Promise<ExitCodeValue> {
  const files = args.files;
  if (files.length < 2) throw new UsageError('topology merge needs at least two snapshot files.', { hint: 'topology merge web.json data.json --out all.json' });
  const out = args.out === '-' ? undefined : args.out;
  await checkOutputTarget(out, { '--from': files, '--config': args.config });
  const snapshots: SnapshotFile[] = [];
  for (const file of files) snapshots.push(await readSnapshot(file));
  const published = files.filter((_, i) => snapshots[i]!.header.public);
  if (published.length > 0) {
    throw new UsageError(`topology merge reads private snapshots; ${published.join(', ')} ${published.length === 1 ? 'is' : 'are'} public (redacted alone, its accounts cannot be told apart).`, {
      hint: 'Merge the snapshots made without --public, then publish the merge: topology --from merged.json --public',
    });
  }
  // A scoped snapshot holds one application's part of its account: joined, the scope would be lost without a word.
  const scoped = files.filter((_, i) => snapshots[i]!.header.scope !== undefined);
  if (scoped.length > 0) {
    throw new UsageError(`topology merge joins whole snapshots; ${scoped.join(', ')} ${scoped.length === 1 ? 'is' : 'are'} scoped to one application (header.scope).`, {
      hint: 'Merge the snapshots made without selectors, then scope the merge: topology snapshot --from merged.json --tag KEY=VALUE --out app.json',
    });
  }
  const parts = snapshots.map((snapshot, i) => inventoryFromBody(snapshot.body, { kind: 'snapshot', label: `snapshot ${files[i]}` }));
  const labels = snapshots.map((snapshot) => snapshot.header.source.label);
  const inventory = mergeAccountInventories(parts, { kind: 'snapshot', label: `merge of ${labels.join('; ')}` });
  const topology = buildTopology(inventory, await loadValidConfig(args.config));
  const partial = snapshots.some((snapshot) => snapshot.header.partial);
  const merged = createSnapshot(topology, { partial });
  await writeResult(serializeSnapshot(merged), out, context.stdout, { public: false });
  const accounts = merged.body.inventory.accounts?.length ?? (merged.body.inventory.accountId === undefined ? 0 : 1);
  if (out !== undefined) {
    context.stderr.write(`topology: wrote ${out} (${files.length} snapshots, ${accounts} account(s), ${merged.body.inventory.services.length} services, ${merged.body.edges.length} links).\n`);
  }
  if (partial) context.stderr.write('topology: some inputs were partial (header.partial): so is the merge.\n');
  return partial ? ExitCode.partial : ExitCode.ok;
}

export function mergeCommand(context: CommandContext): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <files..>',
    describe: 'Join snapshots made by separate jobs (one per account and region) into one snapshot',
    builder: (yargs) =>
      yargs
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Snapshot files (topology snapshot --out)' })
        .option('out', { alias: 'o', type: 'string', requiresArg: true, coerce: nonEmptyString('out'), describe: 'Merged snapshot to write (atomically); stdout without it', group: 'Output:' })
        .option('config', { type: 'string', requiresArg: true, coerce: nonEmptyString('config'), describe: 'Config file (audit suppressions for the links found again)' })
        .example('$0 merge snapshots/web-us-east-1.json snapshots/data-us-east-1.json --out snapshots/all.json', 'One topology of the jobs of a CI matrix'),
    handler: async (args) => {
      context.exitCode = await runMerge(args, context);
    },
  };
}
