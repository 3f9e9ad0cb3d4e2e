/**
 * Finds which known identifiers (bucket names, queue URLs, DB endpoints...) a free-text value
 * contains as whole tokens — the same rule as `containsToken`, but by lookup instead of a scan over
 * every target, so correlation stays linear in the number of services and targets.
 */
/** 1 at the char codes of the name characters (ASCII letters, digits, `_`, `-`): what /[a-z0-9_-]/i matches. */
const NAME_CHAR = new Uint8Array(128);
for (const range of ['az', 'AZ', '09', '__', '--']) {
  for (let code = range.charCodeAt(0); code <= range.charCodeAt(1); code++) NAME_CHAR[code] = 1;
}

function isNameChar(code: number): boolean {
  return code < 128 && NAME_CHAR[code] === 1;
}

/** Values with more token boundaries than this are scanned target by target instead. */
const MAX_BOUNDARIES = 200;

export class TokenIndex<T> {
  private readonly byToken = new Map<string, T[]>();
  /** The tokens' lengths: a part of a value of another length is no token, so it is not looked up. */
  private readonly lengths = new Set<number>();
  private readonly entries: { token: string; target: T }[] = [];

  add(token: string, target: T): void {
    if (token.length === 0) return;
    const key = token.toLowerCase();
    const list = this.byToken.get(key);
    this.lengths.add(key.length);
    if (list === undefined) this.byToken.set(key, [target]);
    else if (!list.includes(target)) list.push(target);
    this.entries.push({ token: key, target });
  }

  /** Every target one of whose tokens `value` contains, each once, in insertion order. */
  find(value: string): T[] {
    const text = value.toLowerCase();
    const starts: number[] = [];
    const ends: number[] = [];
    let before = false;
    for (let i = 0; i <= text.length; i++) {
      const here = i < text.length && isNameChar(text.charCodeAt(i));
      if (here && !before) starts.push(i);
      if (!here && before) ends.push(i);
      before = here;
    }
    if (starts.length > MAX_BOUNDARIES) return this.scan(text);
    const found: T[] = [];
    for (const start of starts) {
      for (const end of ends) {
        if (end <= start || !this.lengths.has(end - start)) continue;
        for (const target of this.byToken.get(text.slice(start, end)) ?? []) {
          if (!found.includes(target)) found.push(target);
        }
      }
    }
    return found;
  }

  private scan(text: string): T[] {
    const found: T[] = [];
    for (const { token, target } of this.entries) {
      if (!found.includes(target) && containsTokenLowercase(text, token)) found.push(target);
    }
    return found;
  }
}

/** `containsToken` for text and token already in lower case. */
export function containsTokenLowercase(haystack: string, needle: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const end = at + needle.length;
    const before = at > 0 && isNameChar(haystack.charCodeAt(at - 1));
    const after = end < haystack.length && isNameChar(haystack.charCodeAt(end));
    if (!before && !after) return true;
    from = at + 1;
  }
}
