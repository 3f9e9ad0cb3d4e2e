/**
 * Generated prose as data: plain text runs and identifier runs (`code`). Each output format escapes
 * the runs its own way (HTML entities, Markdown, SVG), so resource names never need pre-escaping.
 */
export interface CodeRun {
  code: string;
}

export type PhrasePart = string | CodeRun;
export type Phrase = PhrasePart[];

export function code(value: string): CodeRun {
  return { code: value };
}

type Interpolation = string | number | CodeRun | Phrase;

/** ``phrase`Route53 maps ${code(name)} to ${code(lb)}.` `` */
export function phrase(strings: TemplateStringsArray, ...values: Interpolation[]): Phrase {
  // Runs appended as they come, merged on the way (what `normalize` does): phrases are made for
  // every path step and statement of the page.
  const result: Phrase = [];
  for (let i = 0; i < strings.length; i++) {
    append(result, strings[i]!);
    const value = values[i];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const part of value) append(result, part);
    else append(result, typeof value === 'number' ? String(value) : value);
  }
  return result;
}

/** `part` added to a normalized phrase: an empty run dropped, a text run merged into a text run before it. */
function append(result: Phrase, part: PhrasePart): void {
  if (part === '') return;
  const last = result.length === 0 ? undefined : result[result.length - 1];
  if (typeof part === 'string' && typeof last === 'string') result[result.length - 1] = last + part;
  else result.push(part);
}

/** Merges adjacent text runs and drops empty ones. */
function normalize(parts: Phrase): Phrase {
  const result: Phrase = [];
  for (const part of parts) append(result, part);
  return result;
}

/**
 * `a`, `a and b`, `a, b and c` with every item as code (or as given, for phrases). Past `limit`
 * items the rest are counted: `a, b, c and 997 more` (a summarised page, see page-summary.ts).
 */
export function listPhrase(items: (string | Phrase)[], conjunction = 'and', limit = Infinity): Phrase {
  const shown: (string | Phrase)[] = items.length > limit ? [...items.slice(0, limit), [`${formatCount(items.length - limit)} more`]] : items;
  const runs = shown.map((item) => (typeof item === 'string' ? [code(item)] : item));
  const parts: Phrase = [];
  runs.forEach((run, i) => {
    if (i > 0) parts.push(i === runs.length - 1 ? ` ${conjunction} ` : ', ');
    parts.push(...run);
  });
  return normalize(parts);
}

/** Story text: backtick spans become code runs, the rest stays text. */
export function storyPhrase(text: string): Phrase {
  const parts: Phrase = [];
  const pattern = /`([^`]+)`/g;
  let at = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    parts.push(text.slice(at, match.index), code(match[1] ?? ''));
    at = match.index + match[0].length;
  }
  parts.push(text.slice(at));
  return normalize(parts);
}

export function plainText(value: Phrase): string {
  return value.map((part) => (typeof part === 'string' ? part : part.code)).join('');
}

const EN_US_NUMBERS = new Intl.NumberFormat('en-US');

/** `1,234`: a count as `n.toLocaleString('en-US')` writes it, through one formatter (toLocaleString makes one per call). */
export function formatCount(n: number): string {
  return EN_US_NUMBERS.format(n);
}

/** `1 service`, `2 services`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
