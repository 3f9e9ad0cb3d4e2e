import { UsageError } from '../errors.js';
import type { Topology } from '../model/index.js';
import type { RenderOptions } from './index.js';
import { sharedTables } from './shared-parts.js';
import { topologyTables, type TableView } from './views.js';

/**
 * Terminal tables that fit the terminal.
 *
 * - Width: `--width N`, else the terminal's columns, else DEFAULT_TABLE_WIDTH (the CLI decides).
 * - Columns keep their natural width while the table fits; otherwise the least important columns
 *   shrink first (COLUMN_PRIORITY), each no further than its floor.
 * - Cells wrap only after a separator (space - / : . ,); a word is cut only when it alone is wider
 *   than its column (it has no separator to wrap at).
 * - A table whose columns cannot all keep their floor is printed as one `Field: value` block per
 *   row instead (`--layout auto`, as psql's expanded mode); `--layout wide` keeps the grid,
 *   `--layout vertical` always prints blocks.
 * - The grid looks as cli-table3 draws it with ASCII borders (drawn here for speed, see drawGrid);
 *   cells never contain the border character `|`.
 */

/** When the output is not a terminal and no --width is given, tables fit this width. */
export const DEFAULT_TABLE_WIDTH = 120;
/** Narrowest a column shrinks in `--layout wide`: one padding space each side and 3 characters. */
export const MIN_COLUMN_WIDTH = 5;
/** In `--layout auto`, a column shrinks to this (padding included) at most, else the table goes vertical. */
export const READABLE_COLUMN_WIDTH = 14;
/** Columns wider than this (padding included) give up their extra width before any column shrinks below it. */
export const SHARED_COLUMN_WIDTH = 26;
/** A column keeps room for its longest word up to this many characters (padding included). */
export const LONGEST_KEPT_WORD = 32;
const PADDING = 2;

export const TABLE_LAYOUTS = ['auto', 'wide', 'vertical'] as const;
export type TableLayout = (typeof TABLE_LAYOUTS)[number];

export interface TableOptions {
  /** Total width of every line, borders included. Default DEFAULT_TABLE_WIDTH. */
  width?: number;
  layout?: TableLayout;
  /** ANSI colour for severities and missing data (the CLI sets it only for a terminal without NO_COLOR). */
  color?: boolean;
}

/** Every table view (or the chosen columns of those that have them) as a titled table. */
export function renderTables(topology: Topology, options: RenderOptions = {}): string {
  const tables = options.shared === undefined ? topologyTables(topology) : sharedTables(topology, options.shared);
  const views = options.columns ? selectColumns(tables, options.columns) : tables;
  // 14 MB of tables at 1,000 services.
  const out = new TextChunks();
  views.forEach((view, i) => {
    if (i > 0) out.push('\n\n');
    writeView(out, view, options);
  });
  out.push('\n');
  return out.text();
}

/** A header as `--columns` names it: `Task Role` is `task-role` (any case, spaces or dashes). */
export function columnKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * `--columns a,b,c`: each view keeps the named columns it has, in the order named; views with
 * none of them are left out. Throws when no view has any of them, listing the known names.
 */
export function selectColumns(views: TableView[], names: readonly string[]): TableView[] {
  const wanted = names.map(columnKey).filter((key) => key !== '');
  const selected = views.flatMap((view) => {
    const keys = view.columns.map(columnKey);
    const indexes = wanted.map((key) => keys.indexOf(key)).filter((i) => i >= 0);
    if (indexes.length === 0) return [];
    return [{ ...view, columns: indexes.map((i) => view.columns[i]!), rows: view.rows.map((row) => indexes.map((i) => row[i] ?? '')) }];
  });
  if (selected.length === 0) {
    const known = [...new Set(views.flatMap((view) => view.columns.map(columnKey)))].sort();
    throw new UsageError(`No table has the columns ${names.join(', ')}. Known columns: ${known.join(', ')}.`, { hint: 'Pass --columns with names from that list, e.g. --columns service,task-role.' });
  }
  return selected;
}

/** A titled view: the grid when it fits (or `wide`), else one `Field: value` block per row. */
export function renderView(view: TableView, options: TableOptions = {}): string {
  const out = new TextChunks();
  writeView(out, view, options);
  return out.text();
}

/**
 * Text written as many short pieces (a title, a grid line, a separator), joined every CHUNK_LENGTH
 * characters and once more at the end. Held until one final join, the pieces of 14 MB of tables
 * (hundreds of thousands of them, and the array holding them) outlived every young-generation collection of
 * the render, each copied twice by the collector; a chunk is one string, large enough that V8
 * allocates it outside the young generation, where it is never copied.
 */
class TextChunks {
  private readonly chunks: string[] = [];
  private readonly pieces: string[] = [];
  private length = 0;

  push(a: string, b?: string, c?: string): void {
    this.pieces.push(a);
    this.length += a.length;
    if (b !== undefined) {
      this.pieces.push(b);
      this.length += b.length;
    }
    if (c !== undefined) {
      this.pieces.push(c);
      this.length += c.length;
    }
    if (this.length >= CHUNK_LENGTH) this.flush();
  }

  text(): string {
    this.flush();
    return this.chunks.join('');
  }

  private flush(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(''));
    this.pieces.length = 0;
    this.length = 0;
  }
}

/** Characters per chunk of `TextChunks`: above V8's largest young-generation object (128 KiB) even as one byte per character. */
const CHUNK_LENGTH = 1 << 18;

/** `renderView`, as pieces added to `out`. */
function writeView(out: TextChunks, view: TableView, options: TableOptions): void {
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  const paint = painter(options.color === true);
  if (view.rows.length === 0) {
    out.push(view.title, '\n', paint.missing(view.emptyMessage ?? '(none)', view.emptyMessage !== undefined));
    return;
  }
  const title = view.note ? `${view.title}\n${paint.missing(view.note, true)}` : view.title;
  const layout = options.layout ?? 'auto';
  const cleaned = withoutBorderCharacters(view);
  if (layout === 'vertical') {
    out.push(title, '\n');
    drawRecords(out, cleaned, width, paint);
    return;
  }
  const measures = measureColumns(cleaned);
  // Every column plain and no colour: each record line is as wide as it is long.
  const plainRecords = options.color !== true && measures.every((measure) => measure.plain);
  if (layout === 'auto' && !fitsAsGrid(cleaned, width, measures)) {
    out.push(title, '\n');
    drawRecords(out, cleaned, width, paint, plainRecords);
    return;
  }
  const widths = gridWidths(cleaned, width, layout === 'wide' ? 'wide' : 'auto', measures);
  // Uncoloured cells of a plain column are as wide as they are long: no need to measure each again.
  const plain = measures.map((measure) => measure.plain && options.color !== true);
  out.push(title, '\n');
  drawGrid(out, cleaned, widths, paint, plain);
}

// ---------------------------------------------------------------- text measure and wrapping

const ASCII = /^[\x20-\x7e]*$/;

/** Display width of a line of plain text (code points; the views use no double-width characters). */
export function textWidth(text: string): number {
  return ASCII.test(text) ? text.length : [...text].length;
}

/** Text pieces that each end with one separator (or the end of the line): wrapping happens only between them. */
const PIECES = /[^ \-/:.,]*[ \-/:.,]|[^ \-/:.,]+$/g;
/** Maximal runs without a separator: what must never be cut when it fits. */
const WORDS = /[^ \-/:.,]+/g;

/**
 * A line of text as lines of at most `width` characters, broken only after a separator
 * (space - / : . ,); a word longer than `width` on its own is cut, having nowhere else to break.
 * Spaces at a break are dropped; other separators stay at the end of the line they close.
 */
export function wrapLine(line: string, width: number): string[] {
  if (ASCII.test(line)) return line.length <= width ? [line] : wrapAsciiLine(line, width);
  if (textWidth(line) <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const piece of line.match(PIECES) ?? []) {
    const joined = current + piece;
    if (textWidth(joined.trimEnd()) <= width) {
      current = joined;
      continue;
    }
    if (current.trimEnd() !== '') out.push(current.trimEnd());
    current = current.trimEnd() === '' ? joined.trimStart() : piece.trimStart();
    while (textWidth(current.trimEnd()) > width) {
      const chars = [...current];
      out.push(chars.slice(0, width).join(''));
      current = chars.slice(width).join('');
    }
  }
  if (current.trimEnd() !== '') out.push(current.trimEnd());
  return out.length === 0 ? [''] : out;
}

/**
 * `wrapLine` for a printable ASCII line wider than `width` (most cells): the same breaks, found by
 * index instead of by joining and trimming strings. One character is one column, the only
 * whitespace is the space, and what `wrapLine` calls the current line is always the part of the
 * line from `start` to the end of the last piece read (`end`).
 */
function wrapAsciiLine(line: string, width: number): string[] {
  const out: string[] = [];
  const length = line.length;
  let start = 0;
  let end = 0;
  while (end < length) {
    // The next piece, [end, pieceEnd): up to and with the next separator, or the rest of the line.
    let pieceEnd = end;
    while (pieceEnd < length && SEPARATOR[line.charCodeAt(pieceEnd)] === 0) pieceEnd++;
    if (pieceEnd < length) pieceEnd++;
    if (beforeSpaces(line, start, pieceEnd) - start <= width) {
      end = pieceEnd;
      continue;
    }
    const currentEnd = beforeSpaces(line, start, end);
    if (currentEnd > start) out.push(line.slice(start, currentEnd));
    // The piece without its leading spaces (when the current line is only spaces, they go too).
    start = afterSpaces(line, end, pieceEnd);
    end = pieceEnd;
    while (beforeSpaces(line, start, end) - start > width) {
      out.push(line.slice(start, start + width));
      start += width;
    }
  }
  const lastEnd = beforeSpaces(line, start, end);
  if (lastEnd > start) out.push(line.slice(start, lastEnd));
  return out.length === 0 ? [''] : out;
}

/** `to` moved back over the spaces before it, no further than `from`. */
function beforeSpaces(line: string, from: number, to: number): number {
  while (to > from && line.charCodeAt(to - 1) === SPACE) to--;
  return to;
}

/** `from` moved on over the spaces at it, no further than `to`. */
function afterSpaces(line: string, from: number, to: number): number {
  while (from < to && line.charCodeAt(from) === SPACE) from++;
  return from;
}

/** A cell (its own lines kept) wrapped to a width. */
export function wrapCell(cell: string, width: number): string[] {
  if (!cell.includes('\n')) return wrapLine(cell, width);
  const wrapped: string[] = [];
  for (const line of cell.split('\n')) {
    // A line no longer in UTF-16 units than the width fits (its display width is no more).
    if (line.length <= width) wrapped.push(line);
    else for (const part of wrapLine(line, width)) wrapped.push(part);
  }
  return wrapped;
}

const SPACE = 0x20;
/** 1 at the char codes of the separators (space - / : . ,), 0 at every other code below 128: for the scans here. */
const SEPARATOR = new Uint8Array(128);
for (const separator of ' -/:.,') SEPARATOR[separator.charCodeAt(0)] = 1;

/** A character that is neither printable ASCII nor a line break: the cell's widths are counted in code points. */
const NOT_PLAIN = /[^\x20-\x7e\n]/;
/** `wordLongerThan(n)` finds a separator-free word of more than n characters (words end at line breaks too). */
const WORD_LONGER_THAN = new Map<number, RegExp>();

function wordLongerThan(n: number): RegExp {
  let pattern = WORD_LONGER_THAN.get(n);
  if (pattern === undefined) WORD_LONGER_THAN.set(n, (pattern = new RegExp(`(?:^|[ \\-/:.,\\n])[^ \\-/:.,\\n]{${n + 1}}`)));
  return pattern;
}

/** What `measureCell` has found so far in a column: the longest line and word (without padding), and whether all is plain. */
interface ColumnScan {
  line: number;
  word: number;
  plain: boolean;
}

/**
 * A column's longest line and longest separator-free word (padding included) over its header and
 * cells, and whether all of them are printable ASCII (and line breaks).
 */
function measureColumn(header: string, rows: readonly string[][], column: number): ColumnMeasure {
  const scan: ColumnScan = { line: 0, word: 0, plain: true };
  scanColumn(scan, header, rows, column);
  return { natural: scan.line + PADDING, word: scan.word + PADDING, plain: scan.plain };
}

/**
 * A column's header and cells, read into `scan`. A function of its own: V8 compiles this loop
 * while it runs through the first long column, when any code after the loop has not run yet, and
 * such code, compiled without knowing its types, makes V8 compile the loop again once it runs.
 */
function scanColumn(scan: ColumnScan, header: string, rows: readonly string[][], column: number): void {
  measureCell(scan, header);
  for (let r = 0; r < rows.length; r++) measureCell(scan, rows[r]![column] ?? '');
}

/**
 * One cell read into `scan` by regular expressions (compiled to native code): one test for its
 * characters, and one for a word longer than the longest so far, which is measured only when there is one.
 */
function measureCell(scan: ColumnScan, cell: string): void {
  const length = cell.length;
  if (length === 0) return;
  if (NOT_PLAIN.test(cell)) {
    scan.plain = false;
    scan.line = Math.max(scan.line, longestLineWidth(cell));
    scan.word = Math.max(scan.word, wideWordWidth(cell));
    return;
  }
  if (length > scan.line) scan.line = Math.max(scan.line, cell.includes('\n') ? longestLineWidth(cell) : length);
  if (length > scan.word && wordLongerThan(scan.word).test(cell)) scan.word = longestWord(cell);
}

/** The longest run without a separator or line break in printable ASCII text. */
function longestWord(cell: string): number {
  let longest = 0;
  let start = 0;
  for (let i = 0; i <= cell.length; i++) {
    if (i === cell.length || cell.charCodeAt(i) === 0x0a || SEPARATOR[cell.charCodeAt(i)] === 1) {
      if (i - start > longest) longest = i - start;
      start = i + 1;
    }
  }
  return longest;
}

/** The width of a cell's longest line, in code points. */
function longestLineWidth(cell: string): number {
  return Math.max(...cell.split('\n').map(textWidth));
}

/** The longest separator-free word of a cell that is not all printable ASCII, in code points (as `wrapLine` breaks it). */
function wideWordWidth(cell: string): number {
  return Math.max(0, ...(cell.match(WORDS) ?? []).map(textWidth));
}

/** `|` draws the grid: a cell's ` | ` reads `; ` and a lone `|` becomes `¦`. */
export function withoutBorderCharacters(view: TableView): TableView {
  const clean = (cell: string) => (cell.includes('|') ? cell.replace(/ \| /g, '; ').replace(/\|/g, '¦') : cell);
  if (!view.rows.some((row) => row.some((cell) => cell.includes('|'))) && !view.columns.some((c) => c.includes('|'))) return view;
  return { ...view, columns: view.columns.map(clean), rows: view.rows.map((row) => row.map(clean)) };
}

// ---------------------------------------------------------------- column widths

/**
 * Headers that name the row: they shrink last. The other columns shrink from the last to the
 * first, so the leftmost (the views put the most telling columns first) keep their width longest.
 */
const KEY_COLUMNS = new Set(['Name', 'Service', 'ECS Service', 'Identifier', 'Role', 'Record', 'Listener', 'Endpoint ID', 'Level', 'Severity', 'Code', 'Rule']);

/** Column indexes from the first to shrink to the last. */
export function shrinkOrder(columns: readonly string[]): number[] {
  const indexes = columns.map((_, i) => i).reverse();
  return [...indexes.filter((i) => !KEY_COLUMNS.has(columns[i]!)), ...indexes.filter((i) => KEY_COLUMNS.has(columns[i]!))];
}

interface ColumnMeasure {
  /** Longest line of the header and every cell, padding included. */
  natural: number;
  /** Longest separator-free word, padding included. */
  word: number;
  /** The header and every cell printable ASCII (and line breaks): each line as wide as it is long. */
  plain: boolean;
}

function measureColumns(view: TableView): ColumnMeasure[] {
  return view.columns.map((header, i) => measureColumn(header, view.rows, i));
}

/** The narrowest a column goes in `auto`: readable, and room for its words up to LONGEST_KEPT_WORD. */
function readableFloor(measure: ColumnMeasure): number {
  return Math.min(measure.natural, Math.max(READABLE_COLUMN_WIDTH, Math.min(measure.word, LONGEST_KEPT_WORD)));
}

function bordersOf(columnCount: number): number {
  return columnCount + 1;
}

/** Whether every column can keep its readable floor within the width. */
export function fitsAsGrid(view: TableView, width: number, measures = measureColumns(view)): boolean {
  const floors = measures.map(readableFloor);
  return floors.reduce((sum, w) => sum + w, 0) + bordersOf(view.columns.length) <= width;
}

/**
 * Column widths (padding included) for a grid of `width` characters: natural widths, then, until
 * the table fits, the columns in shrinkOrder give up what they have beyond SHARED_COLUMN_WIDTH,
 * then the widest give way evenly down to their floor (readable in `auto`), then in `wide` down to
 * MIN_COLUMN_WIDTH in shrinkOrder. A `wide` table that cannot fit even then is wider than `width`.
 */
export function gridWidths(view: TableView, width: number, layout: 'auto' | 'wide' = 'auto', measures = measureColumns(view)): number[] {
  const widths = measures.map((m) => m.natural);
  const floors = measures.map((m) => (layout === 'auto' ? readableFloor(m) : Math.min(m.natural, Math.max(MIN_COLUMN_WIDTH, Math.min(m.word, READABLE_COLUMN_WIDTH)))));
  const budget = width - bordersOf(widths.length);
  let excess = widths.reduce((sum, w) => sum + w, 0) - budget;
  const order = shrinkOrder(view.columns);
  // Long columns give up what they have beyond SHARED_COLUMN_WIDTH, least important first.
  for (const i of order) {
    if (excess <= 0) return widths;
    const give = Math.min(excess, widths[i]! - Math.max(floors[i]!, Math.min(widths[i]!, SHARED_COLUMN_WIDTH)));
    if (give > 0) {
      widths[i]! -= give;
      excess -= give;
    }
  }
  // Then the widest column above its floor gives one character at a time (the least important
  // of equally wide ones first), so that the columns end up evenly narrow rather than one crushed.
  const rank = new Map(order.map((column, position) => [column, position]));
  const shrinkable = (i: number) => widths[i]! > floors[i]!;
  while (excess > 0) {
    let widest = -1;
    for (const i of order) if (shrinkable(i) && (widest < 0 || widths[i]! > widths[widest]! || (widths[i] === widths[widest] && rank.get(i)! < rank.get(widest)!))) widest = i;
    if (widest < 0) break;
    widths[widest]! -= 1;
    excess -= 1;
  }
  // Wide and still too wide: down to MIN_COLUMN_WIDTH, least important first.
  for (const i of order) {
    if (excess <= 0 || layout === 'auto') break;
    const give = Math.min(excess, widths[i]! - Math.min(widths[i]!, MIN_COLUMN_WIDTH));
    widths[i]! -= give;
    excess -= give;
  }
  return widths;
}

// ---------------------------------------------------------------- drawing

/**
 * The grid, as pieces added to `out`, drawn here in cli-table3's ASCII style (a test checks it
 * line for line against cli-table3 with the same widths). cli-table3 itself spends about 0.3 ms
 * per line of 7 cells whatever the rows per table, and the tables of 1,000 services are over
 * 100,000 lines.
 */
function drawGrid(out: TextChunks, view: TableView, widths: number[], paint: Painter, plain: boolean[]): void {
  const separator = `+${widths.map((w) => '-'.repeat(w)).join('+')}+`;
  const closing = `\n${separator}`;
  out.push(separator);
  const drawRow = (row: string[], columns: string[] | undefined): void => {
    if (fitsOnOneLine(row, widths)) out.push(gridLine(row, widths, columns, paint, plain), closing);
    else pushWrappedRow(out, row, widths, columns, paint, plain, closing);
  };
  drawRow(view.columns, undefined);
  for (const row of view.rows) drawRow(row, view.columns);
}

/** Whether every cell of the row is one line that fits its column, so the row is one grid line. */
function fitsOnOneLine(row: string[], widths: number[]): boolean {
  for (let i = 0; i < widths.length; i++) {
    const cell = row[i] ?? '';
    // UTF-16 length bounds the display width (code points): a cell this short fits.
    if (cell.length > widths[i]! - PADDING || cell.includes('\n')) return false;
  }
  return true;
}

/**
 * The grid line of a row that fits on one (`fitsOnOneLine`), with the line break before it: the
 * opening border, then each cell followed by its padding and the border after it.
 *
 * A line is one string made by `+`, not pieces pushed apart: V8 keeps the sum as a tree of the
 * pieces (a cons string) and copies them once, when the chunk is joined. Pushed apart, the 14 MB
 * of tables at 1,000 services were three million array elements, each read again by the join.
 */
function gridLine(row: string[], widths: number[], columns: string[] | undefined, paint: Painter, plain: boolean[]): string {
  let line = '\n| ';
  const last = widths.length - 1;
  for (let i = 0; i <= last; i++) {
    const cell = row[i] ?? '';
    line += cellText(columns ? paint.cell(columns[i]!, cell) : cell, widths[i]!, plain[i]!, i === last);
  }
  return line;
}

/** A cell's text on a grid line, then its padding to `width` and the border after it. */
function cellText(text: string, width: number, plain: boolean, end: boolean): string {
  return text + gap(width - PADDING - (plain ? text.length : visibleWidth(text)), end);
}

/** `n` spaces of padding and the border after a cell: ` | ` before the next cell, ` |` at the end of the line. */
const GAPS: string[] = [];
const LINE_ENDS: string[] = [];
function gap(n: number, end: boolean): string {
  const length = Math.max(0, n);
  if (end) return (LINE_ENDS[length] ??= `${' '.repeat(length)} |`);
  return (GAPS[length] ??= `${' '.repeat(length)} | `);
}

const ANSI = /\x1b\[[0-9;]*m/g;

function visibleWidth(text: string): number {
  return textWidth(text.includes('\x1b') ? text.replace(ANSI, '') : text);
}

/**
 * A row that spans several grid lines once each cell is wrapped to its column (or has lines of its
 * own), then `closing`: per line the opening border, then each cell's line of it (or nothing) with
 * its padding and border, one string per line as `gridLine` makes it.
 */
function pushWrappedRow(out: TextChunks, row: string[], widths: number[], columns: string[] | undefined, paint: Painter, plain: boolean[], closing: string): void {
  const last = widths.length - 1;
  const wrapped: string[][] = [];
  let height = 1;
  for (let i = 0; i <= last; i++) {
    const lines = wrapCell(row[i] ?? '', widths[i]! - PADDING);
    wrapped.push(columns && paint !== NO_COLOUR ? lines.map((text) => paint.cell(columns[i]!, text)) : lines);
    if (lines.length > height) height = lines.length;
  }
  for (let line = 0; line < height; line++) {
    let text = '\n| ';
    for (let i = 0; i <= last; i++) text += cellText(wrapped[i]![line] ?? '', widths[i]!, plain[i]!, i === last);
    out.push(text);
  }
  out.push(closing);
}

/**
 * The vertical layout (psql's expanded mode): per row a `-[ RECORD n ]---` line as wide as its
 * widest line, then `Field: value` lines, the values
 * aligned and wrapped at separators, continuation lines indented under the value. `plain`: every
 * line is printable ASCII (each as wide as it is long).
 */
function drawRecords(out: TextChunks, view: TableView, width: number, paint: Painter, plain = false): void {
  const labelWidth = Math.max(...view.columns.map((column) => textWidth(column))) + 2;
  const valueWidth = Math.max(MIN_COLUMN_WIDTH, width - labelWidth);
  const indent = ' '.repeat(labelWidth);
  const labels = view.columns.map((column) => `${column}:`.padEnd(labelWidth));
  const leadWidths = labels.map((label) => (plain ? label.length : visibleWidth(label)));
  // A record's lines, each its line break, then the label (or indent) and the value, made one
  // string by `+` as grid lines are (see `gridLine`); trimmed only where the value ends blank.
  view.rows.forEach((row, r) => {
    let body = '';
    let widest = 0;
    view.columns.forEach((column, i) => {
      wrapCell(row[i] ?? '', valueWidth).forEach((text, line) => {
        const lead = line === 0 ? labels[i]! : indent;
        const painted = paint.cell(column, text);
        if (painted === '' || ENDS_BLANK.test(painted)) {
          const printed = `${lead}${painted}`.trimEnd();
          widest = Math.max(widest, plain ? printed.length : visibleWidth(printed));
          body += '\n' + printed;
        } else {
          widest = Math.max(widest, (line === 0 ? leadWidths[i]! : labelWidth) + (plain ? painted.length : visibleWidth(painted)));
          body += '\n' + lead + painted;
        }
      });
    });
    const heading = `-[ RECORD ${r + 1} ]`;
    if (r > 0) out.push('\n');
    out.push(heading + '-'.repeat(Math.max(0, Math.min(width, widest) - heading.length)), body);
  });
}

/** What `trimEnd` removes: a value ending with it is joined to its label and trimmed. */
const ENDS_BLANK = /\s$/;

// ---------------------------------------------------------------- colour

interface Painter {
  /** A wrapped line of a cell in a column. */
  cell(column: string, text: string): string;
  /** A note or message saying data is missing. */
  missing(text: string, isMissing: boolean): string;
}

const SEVERITY_COLOURS: Record<string, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', warning: '\x1b[33m' };
const SEVERITY_COLUMNS = new Set(['Level', 'Severity']);
const MISSING_VALUES = /^(unknown|not collected.*|\(none collected.*)$/;
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** The painter of uncoloured output: every text as it is. */
const NO_COLOUR: Painter = { cell: (_column, text) => text, missing: (text) => text };

function painter(color: boolean): Painter {
  if (!color) return NO_COLOUR;
  return {
    cell(column, text) {
      if (SEVERITY_COLUMNS.has(column)) {
        const colour = SEVERITY_COLOURS[text.split(' ')[0]!];
        return colour ? `${colour}${text}${RESET}` : text;
      }
      return MISSING_VALUES.test(text) ? `${YELLOW}${text}${RESET}` : text;
    },
    missing: (text, isMissing) => (isMissing ? `${YELLOW}${text}${RESET}` : text),
  };
}
