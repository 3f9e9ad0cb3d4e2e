import { canonicalize, compareText } from '../snapshot/canonical.js';

/** A field whose value differs; `before`/`after` undefined means absent on that side. */
export interface ValueChange {
  type: 'value';
  path: string[];
  before?: unknown;
  after?: unknown;
}

/** Members of a list that appeared or disappeared (SG rules, subnets, containers, env vars...). */
export interface MembersChange {
  type: 'members';
  path: string[];
  added: unknown[];
  removed: unknown[];
}

export type FieldChange = ValueChange | MembersChange;

export interface CompareOptions {
  /**
   * IaC mode: compare only what the expected side (a template) states. Fields it leaves unset are
   * the live default (tags CloudFormation adds, engine minor versions) and are not compared, and
   * values that only exist after deployment (placeholders) are skipped.
   */
  expectedOnly?: boolean;
  /** Expected values that cannot be compared (template placeholders). */
  isUnknown?: (value: unknown) => boolean;
}

/** Lists whose order is meaningful (ELBv2 actions) are compared position by position. */
const ORDERED_LISTS = new Set(['actions', 'defaultActions']);

/** List members carrying one of these fields are matched by it, so their own fields can be compared. */
const MEMBER_KEYS = ['name', 'targetGroupArn', 'arn'];

const textOf = (value: unknown) => JSON.stringify(canonicalize(value));

export function compareValues(before: unknown, after: unknown, options: CompareOptions = {}, path: string[] = []): FieldChange[] {
  if (options.expectedOnly && (before === undefined || (isScalar(before) && options.isUnknown?.(before)))) return [];
  if (textOf(before) === textOf(after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) return compareLists(before, after, options, path);
  if (isRecord(before) && isRecord(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText);
    return names.flatMap((name) => compareValues(before[name], after[name], options, [...path, name]));
  }
  return [{ type: 'value', path, before, after }];
}

function compareLists(before: unknown[], after: unknown[], options: CompareOptions, path: string[]): FieldChange[] {
  const field = path[path.length - 1];
  if (field !== undefined && ORDERED_LISTS.has(field)) {
    const changes: FieldChange[] = [];
    for (let index = 0; index < Math.min(before.length, after.length); index++) {
      changes.push(...compareValues(before[index], after[index], options, [...path, String(index + 1)]));
    }
    return [...changes, ...members(path, after.slice(before.length), before.slice(after.length))];
  }
  const memberKey = sharedMemberKey(before, after);
  if (memberKey !== undefined) {
    const old = new Map(before.map((item) => [String((item as Record<string, unknown>)[memberKey]), item]));
    const now = new Map(after.map((item) => [String((item as Record<string, unknown>)[memberKey]), item]));
    const common = [...old.keys()].filter((key) => now.has(key)).sort(compareText);
    const changes = common.flatMap((key) => compareValues(old.get(key), now.get(key), options, [...path, key]));
    const added = [...now.entries()].filter(([key]) => !old.has(key)).map(([, item]) => item);
    const removed = [...old.entries()].filter(([key]) => !now.has(key)).map(([, item]) => item);
    return [...changes, ...members(path, added, removed)];
  }
  const known = options.expectedOnly && options.isUnknown ? before.filter((item) => !options.isUnknown!(item)) : before;
  const oldTexts = new Set(known.map(textOf));
  const newTexts = new Set(after.map(textOf));
  return members(
    path,
    after.filter((item) => !oldTexts.has(textOf(item))),
    known.filter((item) => !newTexts.has(textOf(item))),
  );
}

function members(path: string[], added: unknown[], removed: unknown[]): MembersChange[] {
  return added.length === 0 && removed.length === 0 ? [] : [{ type: 'members', path, added, removed }];
}

/** The member key both lists use, when every member of both has a distinct value for it. */
function sharedMemberKey(before: unknown[], after: unknown[]): string | undefined {
  const all = [...before, ...after];
  if (all.length === 0 || !all.every(isRecord)) return undefined;
  return MEMBER_KEYS.find((key) =>
    [before, after].every((list) => {
      const values = list.map((item) => (item as Record<string, unknown>)[key]);
      return values.every((value) => typeof value === 'string') && new Set(values).size === values.length;
    }),
  );
}

function isScalar(value: unknown): boolean {
  return !Array.isArray(value) && !isRecord(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
