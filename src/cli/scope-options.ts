import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { emptySelectors, type ScopeSelectors, type TagSelector } from '../model/scope.js';

/** The selectors every command that reads a topology accepts (docs/scoping.md). */
export interface ScopeArgs {
  tag?: TagSelector[];
  stack?: string[];
  cluster?: string[];
  service?: string[];
  vpc?: string[];
}

function values(option: string, given: unknown): string[] {
  return (Array.isArray(given) ? given : [given]).map((value) => {
    const text = String(value);
    if (text.trim() === '') throw new UsageError(`--${option} needs a value.`, { hint: 'Run topology --help for usage.' });
    return text;
  });
}

/** `--tag app=orders` → `{ key: 'app', value: 'orders' }`; the value may hold `=`, the key may not be empty. */
export function parseTagSelector(text: string): TagSelector {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--tag takes KEY=VALUE, got "${text}".`, { hint: 'For example --tag app=orders (repeat --tag app=billing for either; another key to require both).' });
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

function serviceSelector(text: string): string {
  if (!text.startsWith('arn:') && !/^[^/]+\/.*[^/]$/.test(text)) {
    throw new UsageError(`--service takes CLUSTER/SERVICE (or the service's ARN), got "${text}".`, { hint: 'For example --service apps/orders-web.' });
  }
  return text;
}

export function withScopeOptions<T>(yargs: Argv<T>): Argv<T & ScopeArgs> {
  const group = 'Scope (one application, docs/scoping.md):';
  return yargs
    .option('tag', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: (given: unknown) => values('tag', given).map(parseTagSelector),
      describe: 'Only the application carrying tag KEY=VALUE, and what it uses (repeatable: same key = either value, different keys = all)',
      group,
    })
    .option('stack', { type: 'string', array: true, requiresArg: true, coerce: (given: unknown) => values('stack', given), describe: 'Only a CloudFormation stack\'s resources (nested stacks included), and what they use (repeatable)', group })
    .option('cluster', { type: 'string', array: true, requiresArg: true, coerce: (given: unknown) => values('cluster', given), describe: 'Only an ECS cluster\'s services, and what they use (repeatable)', group })
    .option('service', {
      type: 'string',
      array: true,
      requiresArg: true,
      coerce: (given: unknown) => values('service', given).map(serviceSelector),
      describe: 'Only one ECS service, CLUSTER/SERVICE, and what it uses (repeatable)',
      group,
    })
    .option('vpc', { type: 'string', array: true, requiresArg: true, coerce: (given: unknown) => values('vpc', given), describe: 'Only what is placed in a VPC (id or Name), and what it uses (repeatable)', group }) as Argv<T & ScopeArgs>;
}

/** The selectors given, or undefined when none (the whole account). Several selectors: the union. */
export function selectorsFromArgs(args: ScopeArgs): ScopeSelectors | undefined {
  const selectors: ScopeSelectors = {
    ...emptySelectors(),
    tags: args.tag ?? [],
    stacks: args.stack ?? [],
    clusters: args.cluster ?? [],
    services: args.service ?? [],
    vpcs: args.vpc ?? [],
  };
  const count = selectors.tags.length + selectors.stacks.length + selectors.clusters.length + selectors.services.length + selectors.vpcs.length;
  return count === 0 ? undefined : selectors;
}
