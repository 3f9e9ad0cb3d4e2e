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
} from '../../render/audit.js';
import { ExitCode, type ExitCodeValue } from '../../errors.js';
import { describeMissing } from '../../model/coverage.js';
import { SEVERITIES, type Finding, type ServiceCoverage, type Severity, type Topology } from '../../model/index.js';
import { ruleNotEvaluated } from '../../audit/rules/index.js';
import type { CommandContext } from '../context.js';
import { loadTopology } from '../load.js';
import { refusingUnusedOptions, withOutputOptions, withSourceOptions, type OutputArgs, type SourceArgs } from '../options.js';
import { checkOutputTarget, writeResult } from '../output.js';
import { guardPublicOutput, tableOptionsFromArgs } from '../render-output.js';

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
      const { columns: _columns, ...options } = tableOptionsFromArgs(args, context);
      return renderAuditTable(topology, options);
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
 * `topology audit`: the findings alone. A partial collection exits 4 whatever --fail-on finds, so
 * CI can tell an audit that could not see everything from a complete one; otherwise exit 1 (check
 * failed) when an unsuppressed finding is at or above --fail-on, else 0.
 */
export async function runAuditCommand(args: AuditArgs, context: CommandContext): Promise<ExitCodeValue> {
  const format = args.format as AuditFormat;
  await checkOutputTarget(args.out, { '--from': args.from, '--config': args.config });
  const loaded = await loadTopology(args, context.progress);
  context.progress.step(`rendering ${format}`);
  const output = await renderFindings(loaded.topology, format, args, context);
  if (args.public) await guardPublicOutput(output, loaded.original, format);
  await writeResult(output, args.out, context.stdout, { public: args.public });
  const findings = loaded.topology.findings;
  const failing = args['fail-on'] === undefined ? 0 : failingFindings(findings, args['fail-on']).length;
  if (args['fail-on'] !== undefined) {
    context.stderr.write(`topology: ${summaryLine(findings)} ${failing} unsuppressed at or above ${args['fail-on']} (--fail-on).\n`);
  }
  if (loaded.partial) {
    context.stderr.write(`${partialAuditNotice(loaded.original.inventory.coverage, findings)}\n`);
    return ExitCode.partial;
  }
  return failing > 0 ? ExitCode.checkFailed : ExitCode.ok;
}

/** The coverage notice of a partial audit: which calls are missing and which rules could not be checked. */
export function partialAuditNotice(coverage: readonly ServiceCoverage[], findings: readonly Finding[]): string {
  const missing = coverage.flatMap((entry) =>
    entry.missing.filter((miss) => miss.recoveredBy === undefined).map((miss) => ({ ...miss, service: entry.service, region: entry.region })),
  );
  const notChecked = [...new Set(findings.filter((f) => f.ruleId === ruleNotEvaluated.id && / not checked: /.test(f.message)).map((f) => f.message.split(' ')[0]!))];
  return [
    `topology: partial audit (exit 4): ${missing.length} AWS call(s) were denied or failed: ${describeMissing(missing)}.`,
    notChecked.length > 0 ? `  Not checked for want of that data: ${notChecked.join(', ')}. Grant the calls (docs/iam-policy.json) and run again.` : '  Grant the calls (docs/iam-policy.json) and run again.',
  ].join('\n');
}

export function auditCommand(context: CommandContext): CommandModule<object, AuditArgs> {
  return {
    command: 'audit',
    describe: 'Check the topology against the architecture rules (docs/rules.md) and print the findings',
    builder: (yargs) =>
      refusingUnusedOptions(withOutputOptions(withSourceOptions(yargs), AUDIT_FORMATS), 'audit', ['columns', 'template', 'story'])
        .option('fail-on', {
          choices: SEVERITIES,
          requiresArg: true,
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
