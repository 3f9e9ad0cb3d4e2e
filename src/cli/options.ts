import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { SourceSpec } from '../sources/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/index.js';
import { MAX_CONCURRENCY } from '../sources/aws/concurrency.js';
import { accountIdList, accountSelection, type AccountFlags } from './account-targets.js';
import { terminalMfaCodeProvider } from './mfa.js';
import { selectorsFromArgs, withScopeOptions, type ScopeArgs } from './scope-options.js';

/** Options every command that reads a topology shares: where it comes from. */
export interface SourceArgs extends ScopeArgs, AccountFlags {
  region?: string[];
  'endpoint-url'?: string;
  /** Repeatable: yargs gives a list when the flag is repeated. */
  from?: string | string[];
  parameter?: string[];
  parameters?: string[];
  'stack-name'?: string;
  /** Replay the recorded account (`--recorded-account`; `--demo` is its old, hidden name). */
  'recorded-account'?: boolean;
  demo?: boolean;
  concurrency?: number;
  /** Seconds the whole AWS collection may take. */
  timeout?: number;
  config?: string;
}

/** The overall deadline of a live collection unless --timeout says otherwise (seconds). */
export const DEFAULT_TIMEOUT_SECONDS = 900;

/**
 * Every option value goes through one of these (as yargs `coerce`), so a bad value is refused the
 * same way whatever the option: one line naming the option, what it takes and what it got, exit 2.
 */
export function wholeNumberIn(option: string, min: number, max: number) {
  return (value: unknown): number => {
    const text = String(Array.isArray(value) ? value[value.length - 1] : value).trim();
    const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, got "${text}".`);
    }
    return number;
  };
}

export function secondsIn(option: string, max: number) {
  return (value: unknown): number => {
    const text = String(Array.isArray(value) ? value[value.length - 1] : value).trim();
    const number = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!(number > 0) || number > max) throw new UsageError(`--${option} must be a number of seconds above 0 and at most ${max}, got "${text}".`);
    return number;
  };
}

/** A string option given more than once keeps its last value, and an empty value is refused. */
export function nonEmptyString(option: string) {
  return (value: unknown): string => {
    const text = String(Array.isArray(value) ? value[value.length - 1] : value);
    if (text.trim() === '') throw new UsageError(`--${option} needs a value.`, { hint: 'Run topology --help for usage.' });
    return text;
  };
}

function nonEmptyStrings(option: string) {
  const one = nonEmptyString(option);
  return (values: unknown): string[] => (Array.isArray(values) ? values : [values]).map((value) => one(value));
}

/** `--columns a,b,c` (repeatable) as the list of names. */
function columnList(value: unknown): string[] {
  const names = [value]
    .flat()
    .flatMap((item) => String(item).split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--columns needs column names, e.g. --columns service,task-role.');
  return names;
}

export interface OutputArgs {
  format: string;
  out?: string;
  public: boolean;
  'redact-region': boolean;
  'public-names'?: 'roles' | 'keyed';
  template?: string;
  story?: string;
  width?: number;
  layout?: 'auto' | 'wide' | 'vertical';
  columns?: string[];
}

export function withSourceOptions<T>(yargs: Argv<T>): Argv<T & SourceArgs> {
  return withScopeOptions(yargs)
    .option('region', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: nonEmptyStrings('region'),
      describe: 'AWS region to scan (repeatable). Default: the profile/environment region.',
      group: 'Source:',
    })
    .option('profile', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: nonEmptyStrings('profile'),
      describe: 'AWS shared-config profile (standard credential chain otherwise); repeat it to walk one account per profile; with --role-arn, the base credentials',
      group: 'Source:',
    })
    .option('role-arn', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: nonEmptyStrings('role-arn'),
      describe: 'Walk the account of this role, assumed from the base credentials (repeatable: one merged topology, see docs/multi-account.md)',
      group: 'Source:',
    })
    .option('external-id', { type: 'string', requiresArg: true, coerce: nonEmptyString('external-id'), describe: 'With --role-arn or --org: the external id the roles require', group: 'Source:' })
    .option('org', { type: 'boolean', describe: 'Walk every active account of the AWS Organization (organizations:ListAccounts with the base credentials)', group: 'Source:' })
    .option('org-role', { type: 'string', requiresArg: true, coerce: nonEmptyString('org-role'), describe: 'With --org: the role assumed in each account (default topology-read-only)', group: 'Source:' })
    .option('org-unit', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: nonEmptyStrings('org-unit'),
      describe: 'With --org: only the accounts in this organizational unit and the units inside it (repeatable)',
      group: 'Source:',
    })
    .option('accounts', { type: 'string', array: true, requiresArg: true, coerce: accountIdList('accounts'), describe: 'With --org: only these account ids (comma-separated or repeated)', group: 'Source:' })
    .option('exclude-accounts', { type: 'string', array: true, requiresArg: true, coerce: accountIdList('exclude-accounts'), describe: 'With --org: not these account ids', group: 'Source:' })
    .option('role-session-name', {
      type: 'string',
      requiresArg: true,
      coerce: nonEmptyString('role-session-name'),
      describe: 'With --role-arn or --org: the session name CloudTrail shows (default topology)',
      group: 'Source:',
    })
    .option('endpoint-url', {
      type: 'string',
      requiresArg: true,
      coerce: nonEmptyString('endpoint-url'),
      describe: 'One endpoint for all services (LocalStack, moto); S3 uses path-style addressing',
      group: 'Source:',
    })
    .option('from', {
      type: 'string',
      requiresArg: true,
      coerce: nonEmptyStrings('from'),
      describe:
        'Read CloudFormation templates (files or directories), a cdk.out directory, a CDK app directory, or a snapshot instead of AWS (repeatable, see docs/iac-input.md)',
      group: 'Source:',
    })
    .option('parameter', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: nonEmptyStrings('parameter'),
      describe: 'With --from templates: a parameter value, Key=Value or Stack.Key=Value (repeatable)',
      group: 'Source:',
    })
    .option('parameters', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: nonEmptyStrings('parameters'),
      describe: 'With --from templates: a parameters file (CloudFormation CLI or CodePipeline JSON)',
      group: 'Source:',
    })
    .option('stack-name', { type: 'string', requiresArg: true, coerce: nonEmptyString('stack-name'), describe: 'With --from one template: its stack name (default: from the file name)', group: 'Source:' })
    .option('recorded-account', { type: 'boolean', describe: 'Replay a recorded AWS account through the real SDK clients (no AWS account needed)', group: 'Source:' })
    .option('demo', { type: 'boolean', hidden: true, describe: 'Old name of --recorded-account' })
    .option('concurrency', {
      type: 'string',
      requiresArg: true,
      coerce: wholeNumberIn('concurrency', 1, MAX_CONCURRENCY),
      describe: `Most concurrent API calls per service and region (1-${MAX_CONCURRENCY}; default: its AWS rate bucket's burst)`,
      group: 'Source:',
    })
    .option('timeout', {
      type: 'string',
      requiresArg: true,
      coerce: secondsIn('timeout', 86_400),
      describe: `Seconds the whole AWS collection may take before it is stopped with exit 2 (default ${DEFAULT_TIMEOUT_SECONDS}); each request also times out on its own`,
      group: 'Source:',
    })
    .option('config', { type: 'string', requiresArg: true, coerce: nonEmptyString('config'), describe: 'Config file (redaction aliases, audit suppressions, drift ignores)', group: 'Source:' }) as Argv<
    T & SourceArgs
  >;
}

export function withOutputOptions<T>(yargs: Argv<T>, formats: readonly string[] = OUTPUT_FORMATS): Argv<T & OutputArgs> {
  return yargs
    .option('format', { alias: 'f', requiresArg: true, choices: formats, default: formats[0], describe: 'Output format', group: 'Output:' })
    .option('out', { alias: 'o', type: 'string', requiresArg: true, coerce: nonEmptyString('out'), describe: 'Write to FILE instead of stdout (atomically)', group: 'Output:' })
    .option('public', {
      type: 'boolean',
      default: false,
      describe: 'Redact every identifier (account, ARNs, DNS, endpoints, network ids, names, env values); fail closed on leaks',
      group: 'Output:',
    })
    .option('redact-region', { type: 'boolean', default: false, describe: 'With --public: also replace region names', group: 'Output:' })
    .option('public-names', { choices: ['roles', 'keyed'] as const, requiresArg: true, describe: 'With --public: names from each resource\'s role (web, worker, app-db; default) or keyed pseudonyms', group: 'Output:' })
    .option('template', { type: 'string', requiresArg: true, coerce: nonEmptyString('template'), describe: 'HTML: directory overriding the bundled templates', group: 'Output:' })
    .option('story', { type: 'string', requiresArg: true, coerce: nonEmptyString('story'), describe: 'HTML/Markdown: story file (YAML or Markdown with front matter)', group: 'Output:' })
    .option('width', {
      type: 'string',
      requiresArg: true,
      coerce: wholeNumberIn('width', 40, 1000),
      describe: 'Tables: fit this many columns (default: the terminal width, 120 when not a terminal)',
      group: 'Output:',
    })
    .option('layout', {
      choices: ['auto', 'wide', 'vertical'] as const,
      requiresArg: true,
      describe: 'Tables: wide (always the grid), vertical (one Field: value block per row), auto (the grid when it fits; default)',
      group: 'Output:',
    })
    .option('columns', {
      type: 'string',
      requiresArg: true,
      coerce: columnList,
      describe: 'Tables: only these columns, comma-separated (e.g. service,task-role); tables without any of them are left out',
      group: 'Output:',
    }) as Argv<
    T & OutputArgs
  >;
}

/**
 * Refuses output options a command offers through withOutputOptions but does not use, so a flag
 * is never silently ignored: `topology paths --template DIR` is a usage error (exit 2).
 */
export function refusingUnusedOptions<T>(yargs: Argv<T>, command: string, unused: readonly string[]): Argv<T> {
  return yargs.check((args) => {
    const given = unused.filter((name) => (args as Record<string, unknown>)[name] !== undefined);
    if (given.length > 0) {
      throw new UsageError(`topology ${command} does not use ${given.map((name) => `--${name}`).join(', ')}.`, { hint: `Run topology ${command} --help for its options.` });
    }
    return true;
  });
}

const DEFAULT_REGION_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION'];

/** Which source the flags name. Live AWS unless --from or --recorded-account says otherwise. */
export async function sourceSpecFromArgs(args: SourceArgs): Promise<SourceSpec> {
  const recordedAccount = args['recorded-account'] === true || args.demo === true;
  const chosen = [args.from !== undefined, recordedAccount].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Use only one of --from and --recorded-account.');
  if (recordedAccount) return { kind: 'recorded-account' };
  const templateFlags = (args.parameter?.length ?? 0) + (args.parameters?.length ?? 0) + (args['stack-name'] === undefined ? 0 : 1);
  if (args.from !== undefined) {
    if (args.region?.length || args.profile?.length || args['role-arn']?.length || args.org || args['endpoint-url']) {
      throw new UsageError('--from reads a file: --region, --profile, --role-arn and --endpoint-url apply only to a live account.');
    }
    const { templateSourceSpec } = await import('../sources/detect.js');
    return templateSourceSpec([args.from].flat(), {
      ...(args.parameter?.length ? { parameters: args.parameter } : {}),
      ...(args.parameters?.length ? { parameterFiles: args.parameters } : {}),
      ...(args['stack-name'] === undefined ? {} : { stackName: args['stack-name'] }),
    });
  }
  if (templateFlags > 0) throw new UsageError('--parameter, --parameters and --stack-name apply to templates read with --from.');
  const accounts = accountSelection(args);
  const regions = args.region?.length ? args.region : await defaultRegions(accounts.profile);
  const selectors = selectorsFromArgs(args);
  return {
    kind: 'aws',
    regions: [...new Set(regions)],
    ...(accounts.profile ? { profile: accounts.profile } : {}),
    ...(accounts.targets ? { targets: accounts.targets } : {}),
    ...(accounts.org ? { org: accounts.org, orgRoleSettings: accounts.orgRoleSettings ?? {} } : {}),
    mfaCodeProvider: terminalMfaCodeProvider(),
    ...(args['endpoint-url'] ? { endpointUrl: args['endpoint-url'] } : {}),
    ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
    ...(selectors === undefined ? {} : { selectors }),
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
    hint: 'Pass --region us-east-1 (repeatable), set AWS_REGION, or set region in your AWS profile. To try topology without an account: topology --recorded-account, or topology reference-stack',
  });
}

export function asOutputFormat(format: string): OutputFormat {
  if ((OUTPUT_FORMATS as string[]).includes(format)) return format as OutputFormat;
  throw new UsageError(`Unknown format "${format}". Choose one of: ${OUTPUT_FORMATS.join(', ')}.`);
}
