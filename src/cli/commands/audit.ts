import { stat } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import {
  AUDIT_FORMATS,
  failingFindings,
  renderAuditJson,
  renderAuditMarkdown,
  renderAuditTable,
  summaryLine,
  type AuditFormat,
} from '../../audit/report.js';
import { ExitCode, type ExitCodeValue } from '../../errors.js';
import { SEVERITIES, type Severity, type Topology } from '../../model/index.js';
import type { CommandContext } from '../context.js';
import { loadTopology } from '../load.js';
import { withOutputOptions, withSourceOptions, type OutputArgs, type SourceArgs } from '../options.js';
import { writeResult } from '../output.js';
import { guardPublicOutput } from '../render-output.js';

export type AuditArgs = SourceArgs & OutputArgs & { 'fail-on'?: Severity };

/** The committed file SARIF results point at: the template or snapshot read, else the config file. */
async function sarifArtifact(args: SourceArgs): Promise<string | undefined> {
  const from = [args.from ?? []].flat();
  if (from.length === 1 && (await stat(from[0]!).catch(() => undefined))?.isFile()) return from[0];
  return args.config;
}

async function renderFindings(topology: Topology, format: AuditFormat, args: AuditArgs, context: CommandContext): Promise<string> {
  switch (format) {
    case 'table': {
      const columns = (context.stdout as NodeJS.WriteStream).columns;
      return renderAuditTable(topology, args.out === undefined && typeof columns === 'number' && columns > 0 ? columns : undefined);
    }
    case 'json':
      return renderAuditJson(topology);
    case 'markdown':
      return renderAuditMarkdown(topology);
    case 'sarif': {
      const { renderSarif } = await import('../../render/sarif.js');
      return renderSarif(topology, { artifactUri: await sarifArtifact(args) });
    }
  }
}

/**
 * `topology audit`: the findings alone. Exit 1 (check failed) when an unsuppressed finding is at or
 * above --fail-on; otherwise 4 when the collection was partial, else 0.
 */
export async function runAuditCommand(args: AuditArgs, context: CommandContext): Promise<ExitCodeValue> {
  const format = args.format as AuditFormat;
  const loaded = await loadTopology(args, context.progress);
  context.progress.step(`rendering ${format}`);
  const output = await renderFindings(loaded.topology, format, args, context);
  if (args.public) await guardPublicOutput(output, loaded.original, format);
  await writeResult(output, args.out, context.stdout);
  const findings = loaded.topology.findings;
  if (args['fail-on'] !== undefined) {
    const failing = failingFindings(findings, args['fail-on']).length;
    context.stderr.write(`topology: ${summaryLine(findings)} ${failing} unsuppressed at or above ${args['fail-on']} (--fail-on).\n`);
    if (failing > 0) return ExitCode.checkFailed;
  }
  return loaded.partial ? ExitCode.partial : ExitCode.ok;
}

export function auditCommand(context: CommandContext): CommandModule<object, AuditArgs> {
  return {
    command: 'audit',
    describe: 'Check the topology against the architecture rules (docs/rules.md) and print the findings',
    builder: (yargs) =>
      withOutputOptions(withSourceOptions(yargs), AUDIT_FORMATS)
        .option('fail-on', {
          choices: SEVERITIES,
          describe: 'Exit 1 when an unsuppressed finding at or above this severity exists',
          group: 'Output:',
        })
        .example('$0 audit --region us-east-1', 'Findings for the account, most severe first')
        .example('$0 audit --from reference-stack --fail-on medium', 'CI gate on what a CDK app would deploy')
        .example('$0 audit --from snapshots/prod.json --format sarif --out topology.sarif', 'For GitHub code scanning'),
    handler: async (args) => {
      context.exitCode = await runAuditCommand(args, context);
    },
  };
}
