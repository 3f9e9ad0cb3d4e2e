/**
 * Canonical JSON: the same topology always gives the same bytes, whatever order the API listed
 * things in. Object keys are sorted; arrays are sorted by their elements' canonical text, except
 * the few whose order means something.
 */

/** ELBv2 actions run in list order (authenticate, then forward): never reorder them. */
const ORDERED_ARRAYS = new Set(['actions', 'defaultActions']);

/** A deep copy with sorted keys and arrays; `undefined` members are dropped (JSON has no such value). */
export function canonicalize(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalize(item));
    if (key !== undefined && ORDERED_ARRAYS.has(key)) return items;
    return items
      .map((item) => ({ item, text: JSON.stringify(item) }))
      .sort((a, b) => compareText(a.text, b.text))
      .map(({ item }) => item);
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(value).sort(compareText)) {
      const member = (value as Record<string, unknown>)[name];
      if (member !== undefined) sorted[name] = canonicalize(member, name);
    }
    return sorted;
  }
  return value;
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two-space indented canonical JSON with a final newline: reviewable in a pull request. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}
