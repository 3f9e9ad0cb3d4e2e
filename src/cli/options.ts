import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { SourceSpec } from '../sources/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/index.js';

/** Options every command that reads a topology shares: where it comes from. */
export interface SourceArgs {
  region?: string[];
  profile?: string;
  'endpoint-url'?: string;
  from?: string;
  demo?: boolean;
  concurrency?: number;
  config?: string;
}

export interface OutputArgs {
  format: string;
  out?: string;
  public: boolean;
  'redact-region': boolean;
  'public-names'?: 'roles' | 'keyed';
  template?: string;
  story?: string;
}

export function withSourceOptions<T>(yargs: Argv<T>): Argv<T & SourceArgs> {
  return yargs
    .option('region', {
      type: 'string',
      array: true,
      describe: 'AWS region to scan (repeatable). Default: the profile/environment region.',
      group: 'Source:',
    })
    .option('profile', { type: 'string', describe: 'AWS shared-config profile (standard credential chain otherwise)', group: 'Source:' })
    .option('endpoint-url', {
      type: 'string',
      describe: 'One endpoint for all services (LocalStack, moto); S3 uses path-style addressing',
      group: 'Source:',
    })
    .option('from', {
      type: 'string',
      describe: 'Read a CloudFormation template, a cdk.out directory, a CDK app directory, or a snapshot instead of AWS',
      group: 'Source:',
    })
    .option('demo', { type: 'boolean', describe: 'Replay the recorded demo account through the real SDK clients (no AWS account needed)', group: 'Source:' })
    .option('concurrency', { type: 'number', describe: 'Concurrent API calls per service', default: 4, group: 'Source:' })
    .option('config', { type: 'string', describe: 'Config file (redaction aliases, audit suppressions, drift ignores)', group: 'Source:' }) as Argv<
    T & SourceArgs
  >;
}

export function withOutputOptions<T>(yargs: Argv<T>, formats: readonly string[] = OUTPUT_FORMATS): Argv<T & OutputArgs> {
  return yargs
    .option('format', { alias: 'f', choices: formats, default: formats[0], describe: 'Output format', group: 'Output:' })
    .option('out', { alias: 'o', type: 'string', requiresArg: true, describe: 'Write to FILE instead of stdout (atomically)', group: 'Output:' })
    .option('public', {
      type: 'boolean',
      default: false,
      describe: 'Redact every identifier (account, ARNs, DNS, endpoints, network ids, names, env values); fail closed on leaks',
      group: 'Output:',
    })
    .option('redact-region', { type: 'boolean', default: false, describe: 'With --public: also replace region names', group: 'Output:' })
    .option('public-names', { choices: ['roles', 'keyed'] as const, describe: 'With --public: names from each resource\'s role (web, worker, app-db; default) or keyed pseudonyms', group: 'Output:' })
    .option('template', { type: 'string', describe: 'HTML: directory overriding the bundled templates', group: 'Output:' })
    .option('story', { type: 'string', describe: 'HTML/Markdown: story file (YAML or Markdown with front matter)', group: 'Output:' }) as Argv<
    T & OutputArgs
  >;
}

const DEFAULT_REGION_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION'];

/** Which source the flags name. Live AWS unless --from or --demo says otherwise. */
export async function sourceSpecFromArgs(args: SourceArgs): Promise<SourceSpec> {
  const chosen = [args.from !== undefined, args.demo === true].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Use only one of --from and --demo.');
  if (args.demo) return { kind: 'demo' };
  if (args.from !== undefined) {
    if (args.region?.length || args.profile || args['endpoint-url']) {
      throw new UsageError('--from reads a file: --region, --profile and --endpoint-url apply only to a live account.');
    }
    const { isSnapshotFile } = await import('../sources/detect.js');
    return (await isSnapshotFile(args.from)) ? { kind: 'snapshot', path: args.from } : { kind: 'template', path: args.from };
  }
  const regions = args.region?.length ? args.region : await defaultRegions(args.profile);
  return {
    kind: 'aws',
    regions: [...new Set(regions)],
    ...(args.profile ? { profile: args.profile } : {}),
    ...(args['endpoint-url'] ? { endpointUrl: args['endpoint-url'] } : {}),
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
  };
}

async function defaultRegions(profile: string | undefined): Promise<string[]> {
  for (const name of DEFAULT_REGION_ENV) {
    const value = process.env[name];
    if (value) return [value];
  }
  const { loadConfiguredRegion } = await import('../sources/aws/region.js');
  const region = await loadConfiguredRegion(profile);
  if (region) return [region];
  throw new UsageError('No region given.', {
    hint: 'Pass --region us-east-1 (repeatable), set AWS_REGION, or set region in your AWS profile. To try topology without an account: topology --demo',
  });
}

export function asOutputFormat(format: string): OutputFormat {
  if ((OUTPUT_FORMATS as string[]).includes(format)) return format as OutputFormat;
  throw new UsageError(`Unknown format "${format}". Choose one of: ${OUTPUT_FORMATS.join(', ')}.`);
}
