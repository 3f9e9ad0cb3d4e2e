import { getOrMake } from '../model/index.js';

/**
 * Finding many known strings in a large text in one pass, and undoing the line wrapping renderers
 * apply, so that a value split across table lines or label breaks is still found.
 */

const NAME_CHAR = /[a-z0-9_-]/;
const ASCII_TEXT = /^[\x00-\x7f]*$/;
const KEY_LENGTH = 4;

export interface Needle<T> {
  /** Text to find as a whole token, compared folded (case, accents, compatibility forms). */
  text: string;
  tag: T;
}

/** Case-insensitive whole-token search for many needles (each at least KEY_LENGTH long). */
export class NeedleScanner<T> {
  /**
   * Needles by their first KEY_LENGTH characters, then by their whole text. Thousands of needles
   * share a start (`sg-0…`, `arn:…`): at a position only one lookup per distinct length is made,
   * not one comparison per needle with that start.
   */
  private readonly byKey = new Map<string, { lengths: number[]; byText: Map<string, Ranked<T>[]> }>();
  /** Whether some needle starts with a pair of characters (their low bytes): most positions need no lookup. */
  private readonly starts = new Uint8Array(1 << 16);

  constructor(needles: Iterable<Needle<T>>) {
    let rank = 0;
    for (let needle of needles) {
      if (needle.text.length < KEY_LENGTH) continue;
      needle = { ...needle, text: fold(needle.text) };
      // Folding can shorten a text below the key's length: such a needle was never found, and is left out.
      if (needle.text.length < KEY_LENGTH) continue;
      const bucket = getOrMake(this.byKey, needle.text.slice(0, KEY_LENGTH), () => ({ lengths: [], byText: new Map<string, Ranked<T>[]>() }));
      const sameText = getOrMake(bucket.byText, needle.text, () => []);
      if (!bucket.lengths.includes(needle.text.length)) bucket.lengths.push(needle.text.length);
      sameText.push({ needle, rank: rank++ });
      this.starts[pairOf(needle.text, 0)] = 1;
    }
  }

  /** Every needle found in `text`, once each, in order of first appearance (at one position, in the order they were given). */
  find(text: string): Needle<T>[] {
    const haystack = fold(text);
    const found = new Set<Needle<T>>();
    const here: Ranked<T>[] = [];
    for (let i = 0; i + KEY_LENGTH <= haystack.length; i++) {
      if (this.starts[pairOf(haystack, i)] === 0) continue;
      const bucket = this.byKey.get(haystack.slice(i, i + KEY_LENGTH));
      if (bucket === undefined) continue;
      for (const length of bucket.lengths) {
        if (i + length > haystack.length) continue;
        for (const ranked of bucket.byText.get(haystack.slice(i, i + length)) ?? []) {
          if (!found.has(ranked.needle) && isWholeToken(haystack, i, ranked.needle.text)) here.push(ranked);
        }
      }
      if (here.length > 1) here.sort((a, b) => a.rank - b.rank);
      for (const { needle } of here) found.add(needle);
      here.length = 0;
    }
    return [...found];
  }
}

interface Ranked<T> {
  needle: Needle<T>;
  /** Its place among the needles given: the order of needles found at one position. */
  rank: number;
}

/** The low bytes of the two characters at `at`, as one index of `NeedleScanner.starts`. */
function pairOf(text: string, at: number): number {
  return ((text.charCodeAt(at) & 0xff) << 8) | (text.charCodeAt(at + 1) & 0xff);
}

function isWholeToken(haystack: string, at: number, needle: string): boolean {
  const before = haystack[at - 1];
  const after = haystack[at + needle.length];
  const startsWithNameChar = NAME_CHAR.test(needle[0]!);
  const endsWithNameChar = NAME_CHAR.test(needle[needle.length - 1]!);
  return !(startsWithNameChar && before !== undefined && NAME_CHAR.test(before)) && !(endsWithNameChar && after !== undefined && NAME_CHAR.test(after));
}

/** The forms a value takes once a renderer escapes it (HTML entities, JSON / DOT string escapes). */
export function escapedForms(value: string): string[] {
  const html = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const json = JSON.stringify(value).slice(1, -1);
  return [...new Set([value, html.replace(/'/g, '&#39;'), html.replace(/'/g, '&#x27;'), html.replace(/'/g, '&apos;'), json, json.replace(/\//g, '\\/')])];
}

/**
 * Unicode-insensitive comparison form: compatibility forms (the Kelvin sign, full-width letters)
 * to their plain letters, accents and combining marks dropped (`İ` → `i`), then lower case.
 */
export function fold(text: string): string {
  // ASCII has no compatibility forms, marks or ß: only its case folds (the 40 MB JSON of 1,000 services is ASCII).
  if (ASCII_TEXT.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').normalize('NFKC');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', sol: '/', equals: '=', lowbar: '_', hyphen: '-', period: '.', colon: ':', num: '#', commat: '@' };

export function decodeHtml(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));?/gi, (match, decimal?: string, hex?: string, name?: string) => {
    const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    return NAMED_ENTITIES[name!.toLowerCase()] ?? match;
  });
}

/** `CORP\_SYNC` → `CORP_SYNC`: backslash escapes of Markdown (and DOT / Mermaid) punctuation. */
export function decodeBackslashEscapes(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** JSON string escapes: `\u0041`, `\/`, `\"`. */
export function decodeJsonEscapes(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\(["\\/])/g, '$1');
}

/** `%2F` → `/`, byte sequences decoded as UTF-8 where they form characters. */
export function decodeUrl(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * The output as a reader sees it, however it was escaped: each format's escapes undone one at a
 * time and all together (entities inside Markdown, URL-encoding inside JSON...).
 */
export function decodedReadings(text: string): string[] {
  const steps = [decodeHtml, decodeBackslashEscapes, decodeJsonEscapes, decodeUrl];
  const readings = steps.map((step) => step(text));
  let all = text;
  for (let round = 0; round < 2; round++) for (const step of steps) all = step(all);
  readings.push(all);
  return [...new Set(readings)].filter((reading) => reading !== text);
}

/** Line breaks renderers put inside labels: DOT `\n`, HTML `<br>`, numeric entities. */
const LABEL_BREAKS = /\\n|<br\s*\/?>|&#10;|&#xa;/gi;

/** A line break and the indentation around it: how the vertical table layout and `topology paths` continue a value. */
const INDENTED_BREAK = /[ \t]*\n[ \t]*/g;

/**
 * Alternative readings of a rendered output in which wrapped values are whole again: label
 * breaks removed or turned into spaces, every line joined to the next without its indentation
 * (values continued on indented lines: `Field: value` records, paths), and each cell of a
 * bordered text table joined across its wrapped lines.
 */
export function unwrappedReadings(text: string): string[] {
  const readings = [text.replace(LABEL_BREAKS, ''), text.replace(LABEL_BREAKS, ' ')];
  if (text.includes('\n')) readings.push(text.replace(INDENTED_BREAK, ''), text.replace(INDENTED_BREAK, ' '));
  const cells = tableCells(text);
  if (cells.length > 0) readings.push(cells.join('\n'));
  return readings.filter((reading) => reading !== text);
}

const BORDER_LINE = /^\s*[+┌├└╔╠╚╭╰][-─═━+┬┼┴┐┤┘╤╪╧╗╣╝╮╯]+\s*$/;
const JUNCTION = /[+┌├└╔╠╚╭╰┬┼┴┐┤┘╤╪╧╗╣╝╮╯]/;
const ROW_LINE = /^\s*[|│║┃]/;

/**
 * The cells of every bordered text table (cli-table3 ASCII or box drawing), each cell's wrapped
 * lines joined twice: without a separator (a value cut mid-word) and with a space.
 */
export function tableCells(text: string): string[] {
  const cells: string[] = [];
  let columns: number[] | undefined;
  let rowLines: string[] = [];
  const flush = () => {
    if (columns !== undefined && rowLines.length > 1) cells.push(...joinedCells(rowLines, columns));
    rowLines = [];
  };
  for (const line of text.split('\n')) {
    if (BORDER_LINE.test(line)) {
      flush();
      columns = [...line].flatMap((ch, i) => (JUNCTION.test(ch) ? [i] : []));
    } else if (ROW_LINE.test(line) && columns !== undefined) {
      rowLines.push(line);
    } else {
      flush();
      columns = undefined;
    }
  }
  flush();
  return cells;
}

function joinedCells(rowLines: string[], columns: number[]): string[] {
  const cells: string[] = [];
  // Each line's characters once, not once per column.
  const lineChars = rowLines.map((line) => [...line]);
  for (let c = 0; c + 1 < columns.length; c++) {
    const parts = lineChars.map((chars) => chars.slice(columns[c]! + 1, columns[c + 1]).join('').trim()).filter((part) => part !== '');
    if (parts.length > 1) cells.push(parts.join(''), parts.join(' '));
  }
  return cells;
}
