import { InputFileError, UsageError } from '../errors.js';
import { linkKind } from './entities.js';
import { LINK_GROUPS, RESOURCE_KINDS } from './kinds.js';

/**
 * Ignore patterns: `KIND/NAME/FIELD`, each part a glob (`*` any text, `?` one character), as the
 * drift report spells them. `KIND/NAME` ignores whole resources; a FIELD part ignores that field
 * of changed resources. `ecs-service/*\/desiredCount`, `queue/legacy-*`, `*\/*\/tags.cost-center`.
 */
export interface IgnorePattern {
  source: string;
  kind: RegExp;
  name: RegExp;
  field?: RegExp;
}

export interface DefaultIgnore {
  pattern: string;
  why: string;
}

/** On unless `--no-default-ignores` or `drift.defaultIgnores: false`. docs/ci-drift.md lists them. */
export const DEFAULT_IGNORES: readonly DefaultIgnore[] = [
  { pattern: 'task-definition/*/revision', why: 'every deploy registers a new revision; the definition itself is still compared' },
  { pattern: 'ecs-service/*/taskDefinitionRevision', why: 'the revision a service runs; its task-definition family is still compared' },
  { pattern: 'task-definition/*/containers.*.imageTag', why: 'releases change image tags and digests; the image repository is still compared' },
  { pattern: 'hosted-zone/*/recordCount', why: 'a count; the records are compared one by one' },
];

export function knownKinds(): string[] {
  return ['account', ...RESOURCE_KINDS.map((spec) => spec.kind), ...Object.keys(LINK_GROUPS).map(linkKind)];
}

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Parses one pattern; the message says what is wrong with it (the caller names where it came from). */
export function parseIgnorePattern(source: string): IgnorePattern | string {
  const text = source.trim();
  if (text === '') return 'the pattern is empty';
  const [kindPart = '', namePart, ...fieldParts] = text.split('/');
  const fieldPart = fieldParts.length > 0 ? fieldParts.join('/') : undefined;
  if (kindPart === '' || namePart === '' || fieldPart === '') return `"${text}" has an empty part; write KIND/NAME/FIELD (globs allowed, e.g. ecs-service/*/desiredCount)`;
  const kind = globRegExp(kindPart);
  if (!knownKinds().some((known) => kind.test(known))) {
    return `"${text}": "${kindPart}" matches no kind; kinds are ${knownKinds().join(', ')}`;
  }
  return { source: text, kind, name: globRegExp(namePart ?? '*'), ...(fieldPart === undefined ? {} : { field: globRegExp(fieldPart) }) };
}

/** `--ignore` values: a bad one is a usage error. */
export function ignoresFromArgs(values: readonly string[]): IgnorePattern[] {
  return values.map((value) => {
    const parsed = parseIgnorePattern(value);
    if (typeof parsed === 'string') throw new UsageError(`--ignore ${parsed}`);
    return parsed;
  });
}

export interface DriftConfig {
  ignore: IgnorePattern[];
  defaultIgnores: boolean;
}

/**
 * The config file's `drift` section:
 *
 * ```yaml
 * drift:
 *   ignore: [ecs-service/*\/desiredCount, queue/legacy-*]
 *   defaultIgnores: true
 * ```
 */
export function parseDriftConfig(raw: unknown, file = 'config file'): DriftConfig {
  if (raw === undefined || raw === null) return { ignore: [], defaultIgnores: true };
  const fail = (entry: string, problem: string): never => {
    throw new InputFileError(file, `drift${entry}: ${problem}`, { hint: 'See docs/ci-drift.md, "Ignoring changes".' });
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('', 'must be a mapping with ignore, defaultIgnores');
  const section = raw as Record<string, unknown>;
  for (const key of Object.keys(section)) {
    if (key !== 'ignore' && key !== 'defaultIgnores') fail(`.${key}`, 'unknown setting (known: ignore, defaultIgnores)');
  }
  const defaultIgnores = section.defaultIgnores ?? true;
  if (typeof defaultIgnores !== 'boolean') fail('.defaultIgnores', 'must be true or false');
  const list = section.ignore ?? [];
  if (!Array.isArray(list)) fail('.ignore', 'must be a list of patterns');
  const ignore = (list as unknown[]).map((entry, index) => {
    if (typeof entry !== 'string') return fail(`.ignore[${index}]`, 'must be a string pattern');
    const parsed = parseIgnorePattern(entry);
    return typeof parsed === 'string' ? fail(`.ignore[${index}]`, parsed) : parsed;
  });
  return { ignore, defaultIgnores: defaultIgnores as boolean };
}

export function defaultIgnorePatterns(): IgnorePattern[] {
  return DEFAULT_IGNORES.map(({ pattern }) => parseIgnorePattern(pattern) as IgnorePattern);
}

export function ignoresEntity(patterns: readonly IgnorePattern[], kind: string, name: string): boolean {
  return patterns.some((pattern) => pattern.field === undefined && pattern.kind.test(kind) && pattern.name.test(name));
}

export function ignoresField(patterns: readonly IgnorePattern[], kind: string, name: string, field: string): boolean {
  return patterns.some((pattern) => pattern.field !== undefined && pattern.kind.test(kind) && pattern.name.test(name) && pattern.field.test(field));
}
