import { getOrMake } from '../model/index.js';

/**
 * Finding many known strings in a large text in one pass, and undoing the line wrapping renderers
 * apply, so that a value split across table lines or label breaks is still found.
 */

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
   * Needles by a number made of their first KEY_LENGTH characters (`keyAt`), then by their whole
   * text. Thousands of needles share a start (`sg-0…`, `arn:…`): at a position only one lookup
   * per distinct length is made, not one comparison per needle with that start. Two starts may
   * make the same number: they share a bucket, and the lookup by whole text tells them apart.
   */
  private readonly byKey = new Map<number, Bucket<T>>();
  /** Whether some needle starts with a pair of characters (their low bytes): most positions need no lookup. */
  private readonly starts = new Uint8Array(1 << 16);

  constructor(needles: Iterable<Needle<T>>) {
    let rank = 0;
    for (let needle of needles) {
      if (needle.text.length < KEY_LENGTH) continue;
      needle = { ...needle, text: fold(needle.text) };
      // Folding can shorten a text below the key's length: such a needle was never found, and is left out.
      if (needle.text.length < KEY_LENGTH) continue;
      const bucket = getOrMake(this.byKey, keyAt(needle.text, 0, SAME_CODE), (): Bucket<T> => ({ lengths: [], byText: new Map() }));
      const sameText = getOrMake(bucket.byText, needle.text, () => []);
      let sameLength = bucket.lengths.find((entry) => entry.length === needle.text.length);
      if (sameLength === undefined) bucket.lengths.push((sameLength = { length: needle.text.length, ends: new Set() }));
      sameLength.ends.add(keyAt(needle.text, needle.text.length - KEY_LENGTH, SAME_CODE));
      sameText.push({ needle, rank: rank++ });
      this.starts[pairOf(needle.text, 0)] = 1;
    }
  }

  /** Every needle found in `text`, once each, in order of first appearance (at one position, in the order they were given). */
  find(text: string): Needle<T>[] {
    // A text that folds by lowering its ASCII letters (`foldsByLowering`: all the JSON and tables of
    // 1,000 services) is read through LOWER_CASE rather than copied: a reading of the 40 MB JSON
    // would be another 40 MB string. Any other text is folded first, and read as it is.
    const lowering = foldsByLowering(text);
    const haystack = lowering ? text : fullFold(text);
    const codes = lowering ? LOWER_CASE : SAME_CODE;
    const found = new Set<Needle<T>>();
    const here: Ranked<T>[] = [];
    // The pair at each position is read one character at a time: the 40 MB of JSON at 1,000
    // services are 40 million positions, of which a few in a hundred start like a needle.
    let next = codes[haystack.charCodeAt(0)]! & 0xff;
    for (let i = 0; i + KEY_LENGTH <= haystack.length; i++) {
      const first = next;
      next = codes[haystack.charCodeAt(i + 1)]! & 0xff;
      if (this.starts[(first << 8) | next] === 0) continue;
      const bucket = this.byKey.get(keyAt(haystack, i, codes));
      if (bucket === undefined) continue;
      for (const { length, ends } of bucket.lengths) {
        if (i + length > haystack.length || !ends.has(keyAt(haystack, i + length - KEY_LENGTH, codes))) continue;
        const candidate = haystack.slice(i, i + length);
        for (const ranked of bucket.byText.get(lowering ? candidate.toLowerCase() : candidate) ?? []) {
          if (!found.has(ranked.needle) && isWholeToken(haystack, codes, i, ranked.needle.text)) here.push(ranked);
        }
      }
      if (here.length > 1) here.sort((a, b) => a.rank - b.rank);
      for (const { needle } of here) found.add(needle);
      here.length = 0;
    }
    return [...found];
  }
}

/** Every UTF-16 code unit as itself. */
const SAME_CODE = Uint16Array.from({ length: 1 << 16 }, (_, code) => code);
/** Every UTF-16 code unit as itself, `A`-`Z` as `a`-`z`: what `toLowerCase` does to ASCII. */
const LOWER_CASE = SAME_CODE.map((code) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code));

/**
 * The KEY_LENGTH characters at `at` as one small integer, without making a string of them (a
 * position that passes the pair filter would otherwise allocate one). Different starts can give
 * the same number; the needle's whole text is compared after.
 */
function keyAt(text: string, at: number, codes: Uint16Array): number {
  let key = 0;
  for (let k = 0; k < KEY_LENGTH; k++) key = (Math.imul(key, 31) + codes[text.charCodeAt(at + k)]!) | 0;
  return key & 0x3fffffff;
}

/**
 * The needles that start with one key: their lengths, each with the keys their last KEY_LENGTH
 * characters make (a text is looked up by whole only where its end matches one: `arn:` starts
 * ARNs of some twenty lengths, most of which end nowhere near where a needle would), and the
 * needles by their whole text.
 */
interface Bucket<T> {
  lengths: { length: number; ends: Set<number> }[];
  byText: Map<string, Ranked<T>[]>;
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

/** Whether the needle found at `at` is not part of a longer name: no name character joins it before or after. */
function isWholeToken(haystack: string, codes: Uint16Array, at: number, needle: string): boolean {
  const joinedBefore = isNameCode(needle.charCodeAt(0)) && at > 0 && isNameCode(codes[haystack.charCodeAt(at - 1)]!);
  const end = at + needle.length;
  const joinedAfter = isNameCode(needle.charCodeAt(needle.length - 1)) && end < haystack.length && isNameCode(codes[haystack.charCodeAt(end)]!);
  return !joinedBefore && !joinedAfter;
}

/** A character of a name, `[a-z0-9_-]`, by its code: what joins a needle to the text around it. */
function isNameCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d;
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
  return foldsByLowering(text) ? text.toLowerCase() : fullFold(text);
}

/** Whether folding the text is lowering its ASCII letters: ASCII, or other characters only where folding cannot change them. */
function foldsByLowering(text: string): boolean {
  // ASCII has no compatibility forms, marks or ß: only its case folds (the 40 MB JSON of 1,000 services is ASCII).
  return ASCII_TEXT.test(text) || hasOnlyFoldInertOthers(text);
}

function fullFold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').normalize('NFKC');
}

const NOT_ASCII = /[^\x00-\x7f]/g;
/** Past this many characters outside ASCII, a text is folded in full rather than checked one by one. */
const MOST_CHECKED = 4096;

/**
 * Whether every character of the text outside ASCII is one `fold` leaves as it is whatever its
 * neighbours (`isFoldInert`), so that folding the text only lowers its ASCII letters. The 17 MB
 * of tables at 1,000 services hold one such character, `→`, a hundred times; folding them in
 * full took a second for the leak guard's four readings.
 */
function hasOnlyFoldInertOthers(text: string): boolean {
  NOT_ASCII.lastIndex = 0;
  for (let checked = 0, match = NOT_ASCII.exec(text); match !== null; match = NOT_ASCII.exec(text)) {
    if (++checked > MOST_CHECKED || !isFoldInert(match[0].charCodeAt(0))) return false;
  }
  return true;
}

const FOLD_INERT = new Map<number, boolean>();

/**
 * A character (one UTF-16 unit) that folding cannot change or join to another: no compatibility
 * or canonical decomposition, not a mark, no case (so lowering the text around it is lowering its
 * ASCII letters one by one: no final sigma, no dotted I), not a surrogate half and not a Hangul
 * jamo (the one kind of starter that composes with the starter next to it). Such characters pass
 * through each step of `fullFold` unchanged and leave their neighbours unchanged.
 */
function isFoldInert(code: number): boolean {
  let inert = FOLD_INERT.get(code);
  if (inert === undefined) {
    const char = String.fromCharCode(code);
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    const jamo = (code >= 0x1100 && code <= 0x11ff) || (code >= 0xa960 && code <= 0xa97f) || (code >= 0xd7b0 && code <= 0xd7ff);
    inert = !surrogate && !jamo && char.normalize('NFKD') === char && !/\p{M}/u.test(char) && char.toLowerCase() === char && char.toUpperCase() === char && fullFold(char) === char;
    FOLD_INERT.set(code, inert);
  }
  return inert;
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

/**
 * `text` with each line break and the spaces and tabs around it (how the vertical table layout and
 * `topology paths` continue a value) replaced by `joiner`: what replacing every match of the
 * expression `[ \t]*\n[ \t]*` (global) makes. That expression tries its leading run at every
 * space of every run of padding and scans the run again from each (180 ms on the 1,000-service
 * tables); INDENTED_BREAK tries a run only where it starts, which finds the same matches: a match
 * ends after every space that follows its break, so the next one never starts inside a run.
 */
export function joinIndentedBreaks(text: string, joiner: string): string {
  return text.replace(INDENTED_BREAK, joiner);
}

const INDENTED_BREAK = /(?:(?<![ \t])[ \t]+)?\n[ \t]*/g;

/**
 * Alternative readings of a rendered output in which wrapped values are whole again: label
 * breaks removed or turned into spaces, every line joined to the next without its indentation
 * (values continued on indented lines: `Field: value` records, paths), and each cell of a
 * bordered text table joined across its wrapped lines.
 */
export function unwrappedReadings(text: string): string[] {
  const readings = [text.replace(LABEL_BREAKS, ''), text.replace(LABEL_BREAKS, ' ')];
  if (text.includes('\n')) readings.push(joinIndentedBreaks(text, ''), joinIndentedBreaks(text, ' '));
  const cells = tableCells(text);
  if (cells.length > 0) readings.push(cells.join('\n'));
  return readings.filter((reading) => reading !== text);
}

const BORDER_LINE = /^\s*[+┌├└╔╠╚╭╰][-─═━+┬┼┴┐┤┘╤╪╧╗╣╝╮╯]+\s*$/;
const JUNCTIONS = new Set([...'+┌├└╔╠╚╭╰┬┼┴┐┤┘╤╪╧╗╣╝╮╯'].map((junction) => junction.charCodeAt(0)));
const ROW_LINE = /^\s*[|│║┃]/;
/** BORDER_LINE at the start of any line of a text. */
const ANY_BORDER_LINE = new RegExp(BORDER_LINE.source, 'm');

/**
 * The cells of every bordered text table (cli-table3 ASCII or box drawing), each cell's wrapped
 * lines joined twice: without a separator (a value cut mid-word) and with a space.
 */
export function tableCells(text: string): string[] {
  // No line of the text is a border line (a line matching BORDER_LINE matches this too): no table,
  // and the text need not be split into its lines (1.5 million of them in the JSON of 1,000 services).
  if (!ANY_BORDER_LINE.test(text)) return [];
  const cells: string[] = [];
  let columns: number[] | undefined;
  let rowLines: string[] = [];
  // A table repeats its border line after every row (50,000 of them in the 1,000-service tables).
  const columnsOf = new Map<string, number[]>();
  const flush = () => {
    if (columns !== undefined && rowLines.length > 1) cells.push(...joinedCells(rowLines, columns));
    rowLines = [];
  };
  for (const line of text.split('\n')) {
    if (BORDER_LINE.test(line)) {
      flush();
      columns = columnsOf.get(line);
      if (columns === undefined) columnsOf.set(line, (columns = junctionColumns(line)));
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

/**
 * Where a border line's junctions are, by character. A border line (BORDER_LINE) is whitespace and
 * box drawing, characters of one code unit each, so its code units are its characters.
 */
function junctionColumns(borderLine: string): number[] {
  const columns: number[] = [];
  for (let i = 0; i < borderLine.length; i++) if (JUNCTIONS.has(borderLine.charCodeAt(i))) columns.push(i);
  return columns;
}

function joinedCells(rowLines: string[], columns: number[]): string[] {
  const cells: string[] = [];
  // Columns count characters (code points). In lines without surrogates every character is one
  // code unit, and a cell is a slice of the line; otherwise each line's characters, once.
  const lineChars = rowLines.some((line) => SURROGATE.test(line)) ? rowLines.map((line) => [...line]) : undefined;
  for (let c = 0; c + 1 < columns.length; c++) {
    const from = columns[c]! + 1;
    const to = columns[c + 1];
    const parts: string[] = [];
    for (let r = 0; r < rowLines.length; r++) {
      const part = (lineChars === undefined ? rowLines[r]!.slice(from, to) : lineChars[r]!.slice(from, to).join('')).trim();
      if (part !== '') parts.push(part);
    }
    if (parts.length > 1) cells.push(parts.join(''), parts.join(' '));
  }
  return cells;
}

const SURROGATE = /[\uD800-\uDFFF]/;
