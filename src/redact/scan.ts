/**
 * Finding many known strings in a large text in one pass, and undoing the line wrapping renderers
 * apply, so that a value split across table lines or label breaks is still found.
 */

const NAME_CHAR = /[a-z0-9_-]/;
const KEY_LENGTH = 4;

export interface Needle<T> {
  /** Text to find as a whole token, compared folded (case, accents, compatibility forms). */
  text: string;
  tag: T;
}

/** Case-insensitive whole-token search for many needles (each at least KEY_LENGTH long). */
export class NeedleScanner<T> {
  private readonly byKey = new Map<string, Needle<T>[]>();

  constructor(needles: Iterable<Needle<T>>) {
    for (let needle of needles) {
      if (needle.text.length < KEY_LENGTH) continue;
      needle = { ...needle, text: fold(needle.text) };
      const key = needle.text.slice(0, KEY_LENGTH);
      const list = this.byKey.get(key) ?? [];
      list.push(needle);
      this.byKey.set(key, list);
    }
  }

  /** Every needle found in `text`, once each, in order of first appearance. */
  find(text: string): Needle<T>[] {
    const haystack = fold(text);
    const found = new Set<Needle<T>>();
    for (let i = 0; i + KEY_LENGTH <= haystack.length; i++) {
      const candidates = this.byKey.get(haystack.slice(i, i + KEY_LENGTH));
      if (candidates === undefined) continue;
      for (const needle of candidates) {
        if (!found.has(needle) && haystack.startsWith(needle.text, i) && isWholeToken(haystack, i, needle.text)) found.add(needle);
      }
    }
    return [...found];
  }
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
  for (let c = 0; c + 1 < columns.length; c++) {
    const parts = rowLines.map((line) => [...line].slice(columns[c]! + 1, columns[c + 1]).join('').trim()).filter((part) => part !== '');
    if (parts.length > 1) cells.push(parts.join(''), parts.join(' '));
  }
  return cells;
}
