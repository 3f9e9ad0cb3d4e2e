import type { CommandModule } from 'yargs';
import { loadValidConfig } from '../config.js';
import { ExitCode, TopologyError, UsageError, type ExitCodeValue } from '../../errors.js';
import { alignTemplateToLive } from '../../drift/iac.js';
import { defaultIgnorePatterns, ignoresFromArgs, parseDriftConfig, type IgnorePattern } from '../../drift/ignore.js';
import { renderDrift } from '../../drift/render.js';
import { DRIFT_FORMATS, driftReport, hasDrift, type DriftFormat, type DriftInput, type DriftReport } from '../../drift/report.js';
import type { Inventory } from '../../model/index.js';
import { buildTopology } from '../../pipeline.js';
import { readSnapshot, redactionKeyCheck, snapshotBody, type SnapshotFile } from '../../snapshot/index.js';
import { canonicalize } from '../../snapshot/canonical.js';
import { scopeLabel, type ScopeSelectors } from '../../model/index.js';
import { selectorsFromArgs } from '../scope-options.js';
import { containsUnresolved } from '../../sources/template/values.js';
import type { CommandContext } from '../context.js';
import { loadTopology, type LoadedTopology } from '../load.js';
import { nonEmptyString, withSourceOptions, type SourceArgs } from '../options.js';
import { checkOutputTarget, writeResult } from '../output.js';
import { guardPublicOutput } from '../render-output.js';
import { snapshotOf } from './snapshot.js';

export type DriftArgs = SourceArgs & {
  snapshot?: string;
  'expected-from'?: string;
  format: DriftFormat;
  out?: string;
  update: boolean;
  ignore?: string[];
  'default-ignores': boolean;
};

/** The expected side: a snapshot file, or a template read for the live account. */
type Expected = { kind: 'snapshot'; file: string; snapshot: SnapshotFile } | { kind: 'template'; path: string };

const PARTIAL_NOTE =
  'The current collection is partial (some AWS calls were denied or failed): resources shown as removed may only be unreadable. See the warnings of `topology --format table`.';

function checkUsage(args: DriftArgs): void {
  if ((args.snapshot === undefined) === (args['expected-from'] === undefined)) {
    throw new UsageError('Give the expected topology with exactly one of --snapshot FILE and --expected-from PATH.');
  }
  if (args.update && args.snapshot === undefined) throw new UsageError('--update rewrites the --snapshot file; it needs --snapshot.');
}

/**
 * `topology drift --from reference-stack` with no other expected side: `--from` names the intended
 * topology and the live account (or `--recorded-account`) is the current side, as `--expected-from` would.
 */
function fromAsExpectedSide(args: DriftArgs): DriftArgs {
  if (args.from === undefined || args.snapshot !== undefined || args['expected-from'] !== undefined) return args;
  const { from, ...rest } = args;
  const [only, ...more] = [from].flat();
  if (more.length > 0) throw new UsageError('drift compares one --from input with the live account; give one --from (a directory reads several templates).');
  return { ...rest, 'expected-from': only };
}

async function expectedSide(args: DriftArgs): Promise<Expected> {
  const file = args.snapshot ?? args['expected-from']!;
  const { isSnapshotFile } = await import('../../sources/detect.js');
  if (args.snapshot !== undefined || (await isSnapshotFile(file))) return { kind: 'snapshot', file, snapshot: await readSnapshot(file) };
  return { kind: 'template', path: file };
}

/**
 * A scoped snapshot narrows the current side the same way: its selectors are used when none are
 * given (a public snapshot stores them redacted, so they must be given again), and selectors given
 * must be the snapshot's. A whole-account snapshot is not compared with a scope.
 */
function withSnapshotScope(args: DriftArgs, expected: Expected): DriftArgs {
  if (expected.kind !== 'snapshot') return args;
  const stored = expected.snapshot.header.scope;
  const given = selectorsFromArgs(args);
  if (stored === undefined) {
    if (given === undefined) return args;
    throw new UsageError(`${expected.file} holds the whole topology, not a scope: every resource outside the scope would read as removed.`, {
      hint: 'Drop the selectors, or re-create the snapshot with them (topology snapshot --tag KEY=VALUE ... --out FILE).',
    });
  }
  if (given !== undefined) return args;
  if (expected.snapshot.header.public) {
    throw new UsageError(`${expected.file} is a public snapshot of one application (${scopeLabel(stored)}, redacted): its selectors cannot be read back.`, {
      hint: 'Give the selectors the snapshot was made with again (--tag, --stack, --cluster, --service, --vpc).',
    });
  }
  return { ...args, tag: stored.tags, stack: stored.stacks, cluster: stored.clusters, service: stored.services, vpc: stored.vpcs };
}

/** Selectors given next to a scoped snapshot must be the snapshot's (compared as the snapshot spells them: redacted when public). */
function checkSameScope(expected: Expected, loaded: LoadedTopology): void {
  if (expected.kind !== 'snapshot' || expected.snapshot.header.scope === undefined) return;
  const stored: ScopeSelectors = expected.snapshot.header.scope;
  const current = loaded.topology.scope?.selectors;
  if (current !== undefined && JSON.stringify(canonicalize(current)) === JSON.stringify(canonicalize(stored))) return;
  throw new UsageError(`${expected.file} is a snapshot of ${scopeLabel(stored)}; the selectors given name another scope${current === undefined ? '' : ` (${scopeLabel(current)})`}.`, {
    hint: 'Give the snapshot\'s selectors, or none (a snapshot that is not public supplies its own).',
  });
}

/** The current topology, redacted with the snapshot's settings when the snapshot is public. */
async function currentSide(args: DriftArgs, expected: Expected, context: CommandContext): Promise<LoadedTopology> {
  const header = expected.kind === 'snapshot' ? expected.snapshot.header : undefined;
  if (header?.public && header.redactionKeyCheck !== undefined) {
    const { loadRedactionKey, REDACTION_KEY_ENV } = await import('../../redact/key.js');
    if (redactionKeyCheck(loadRedactionKey()) !== header.redactionKeyCheck) {
      throw new TopologyError(`${args.snapshot ?? args['expected-from']} is a public snapshot made with another redaction key: every pseudonym would differ.`, {
        hint: `Set ${REDACTION_KEY_ENV} to the key the snapshot was made with (a CI secret), or re-create the snapshot with this key.`,
      });
    }
  }
  return loadTopology({ ...args, public: header?.public ?? false, 'redact-region': header?.redactRegion ?? false }, context.progress);
}

async function templateInventory(path: string, current: Inventory, context: CommandContext): Promise<Inventory> {
  const { loadTemplateInventory } = await import('../../sources/template/index.js');
  const region = current.regions.length === 1 ? current.regions[0] : undefined;
  return loadTemplateInventory(path, context.progress, { ...(current.accountId ? { accountId: current.accountId } : {}), ...(region ? { region } : {}) });
}

/**
 * Both sides as drift compares them. A template (or a snapshot of one) against anything but a
 * template is IaC-versus-live: resources are paired by CloudFormation tags first.
 */
async function driftInput(expected: Expected, loaded: LoadedTopology, context: CommandContext, args: DriftArgs): Promise<DriftInput> {
  const current = { label: loaded.topology.inventory.source.label, body: snapshotBody(loaded.topology) };
  const notes = loaded.partial ? [PARTIAL_NOTE] : [];
  let side: DriftInput['expected'];
  if (expected.kind === 'snapshot') {
    const { header, body } = expected.snapshot;
    side = { label: `snapshot ${expected.file} (${header.source.label})`, createdAt: header.createdAt, body };
    if (header.partial) notes.push('The expected snapshot was taken from a partial collection: it may lack resources the account had.');
  } else {
    const inventory = await templateInventory(expected.path, loaded.original.inventory, context);
    const selectors = selectorsFromArgs(args);
    const scope = selectors === undefined ? undefined : { selectors, public: loaded.topology.redacted };
    side = { label: inventory.source.label, body: snapshotBody(buildTopology(inventory, loaded.config, scope)) };
  }
  const expectedIsTemplate = expected.kind === 'template' || expected.snapshot.header.source.kind === 'template';
  if (!expectedIsTemplate || loaded.original.inventory.source.kind === 'template') return { mode: 'snapshot', expected: side, current, notes };
  context.progress.step('pairing template resources with live ones');
  const aligned = alignTemplateToLive(side.body, current.body);
  return { mode: 'template', expected: { ...side, body: aligned.expected }, current: { ...current, body: aligned.current }, notes: [...aligned.notes, ...notes] };
}

async function ignorePatterns(args: DriftArgs): Promise<IgnorePattern[]> {
  const fromArgs = ignoresFromArgs(args.ignore ?? []);
  const config = await loadValidConfig(args.config);
  const section = parseDriftConfig(config.drift, config.file);
  const defaults = args['default-ignores'] && section.defaultIgnores ? defaultIgnorePatterns() : [];
  return [...defaults, ...section.ignore, ...fromArgs];
}

/**
 * `topology drift`: the current topology against the expected one. Exit 0 no drift, 1 drift,
 * 2 bad input, 4 partial collection (the diff is still printed). `--update` rewrites the
 * snapshot after printing the diff and exits 0.
 */
export async function runDrift(given: DriftArgs, context: CommandContext): Promise<ExitCodeValue> {
  const args = fromAsExpectedSide(given);
  checkUsage(args);
  await checkOutputTarget(args.out, { '--snapshot': args.snapshot, '--expected-from': args['expected-from'], '--from': args.from, '--config': args.config });
  if (args.update) await checkOutputTarget(args.snapshot, { '--config': args.config });
  const ignore = await ignorePatterns(args);
  const expected = await expectedSide(args);
  const scoped = withSnapshotScope(args, expected);
  const loaded = await currentSide(scoped, expected, context);
  checkSameScope(expected, loaded);
  const input = await driftInput(expected, loaded, context, scoped);
  if (args.update && input.mode === 'template') {
    throw new UsageError(`--update would replace a snapshot of a template with one of ${input.current.label}.`, {
      hint: 'Re-create the template snapshot with: topology snapshot --from TEMPLATE --out FILE',
    });
  }
  const report = driftReport(input, { ignore, ...(input.mode === 'template' ? { expectedOnly: true, isUnknown: containsUnresolved } : {}) });
  const output = renderDrift(report, args.format);
  if (loaded.topology.redacted) await guardPublicOutput(output, loaded.original, `drift ${args.format}`);
  await writeResult(output, args.out, context.stdout, { public: loaded.topology.redacted === true });
  if (args.update) return updateSnapshot(args.snapshot!, report, loaded, expected, context);
  if (loaded.partial) return ExitCode.partial;
  return hasDrift(report) ? ExitCode.checkFailed : ExitCode.ok;
}

async function updateSnapshot(file: string, report: DriftReport, loaded: LoadedTopology, expected: Expected, context: CommandContext): Promise<ExitCodeValue> {
  if (!hasDrift(report)) {
    context.stderr.write(`topology: ${file} is up to date; not rewritten.\n`);
    return loaded.partial ? ExitCode.partial : ExitCode.ok;
  }
  if (loaded.partial) {
    // A partial collection would record as removed whatever could not be read.
    context.stderr.write(`topology: ${file} not updated: the current collection is partial (denied or failed AWS calls).\n`);
    return ExitCode.partial;
  }
  const redactRegion = expected.kind === 'snapshot' && expected.snapshot.header.redactRegion === true;
  const { text } = await snapshotOf(loaded, redactRegion);
  await writeResult(text, file, undefined, { public: loaded.topology.redacted === true });
  context.stderr.write(`topology: updated ${file} with the current topology (${report.changes.length} change(s)). Review and commit it.\n`);
  return ExitCode.ok;
}

export function driftCommand(context: CommandContext): CommandModule<object, DriftArgs> {
  return {
    command: 'drift',
    describe: 'Compare the current topology with a snapshot or a template; exit 1 on drift',
    builder: (yargs) =>
      withSourceOptions(yargs)
        .option('snapshot', { type: 'string', requiresArg: true, coerce: nonEmptyString('snapshot'), describe: 'Expected topology: a snapshot file (topology snapshot)', group: 'Expected:' })
        .option('expected-from', {
          type: 'string',
          requiresArg: true,
          coerce: nonEmptyString('expected-from'),
          describe: 'Expected topology: a CloudFormation template, cdk.out, CDK app directory or snapshot; resources paired by CloudFormation tags',
          group: 'Expected:',
        })
        .option('update', { type: 'boolean', default: false, describe: 'After showing the diff, rewrite the --snapshot file with the current topology', group: 'Expected:' })
        .option('ignore', { type: 'string', array: true, requiresArg: true, describe: 'Ignore changes matching KIND/NAME[/FIELD] (globs; repeatable)', group: 'Expected:' })
        .option('default-ignores', { type: 'boolean', default: true, describe: 'Apply the default ignores (task-definition revisions, image tags); --no-default-ignores to compare them', group: 'Expected:' })
        .option('format', { alias: 'f', requiresArg: true, choices: DRIFT_FORMATS, default: 'text' as DriftFormat, describe: 'Output format', group: 'Output:' })
        .option('out', { alias: 'o', type: 'string', requiresArg: true, coerce: nonEmptyString('out'), describe: 'Write the report to FILE instead of stdout', group: 'Output:' })
        .example('$0 drift --snapshot snapshots/prod.json --region us-east-1', 'Exit 1 when the account drifted from the snapshot')
        .example('$0 drift --snapshot snapshots/prod.json --format markdown >> "$GITHUB_STEP_SUMMARY"', 'The diff in a GitHub job summary')
        .example('$0 drift --expected-from reference-stack --region us-east-1', 'What the live account has that the CDK app does not say, and back'),
    handler: async (args) => {
      context.exitCode = await runDrift(args, context);
    },
  };
}
