import Table from 'cli-table3';
import type { Topology } from '../model/index.js';
import type { RenderOptions } from './index.js';
import { topologyTables, type TableView } from './views.js';

/** Without a terminal, tables aim at this width (borders included)... */
export const DEFAULT_TABLE_WIDTH = 120;
/** ...but no column is made narrower than this for it (padding included): wider tables wrap here. */
export const MAX_COLUMN_WIDTH = 40;
/** Narrowest a column shrinks to fit a terminal: one padding space each side and 3 characters. */
export const MIN_COLUMN_WIDTH = 5;
/** Below this many characters (padding included) a column of a wide table stops being readable. */
export const READABLE_COLUMN_WIDTH = 14;
const PADDING = 2;

/** Plain ASCII borders, as the reference page prints them: safe in files, e-mails and old terminals. */
const ASCII_BORDERS = {
  top: '-',
  'top-mid': '+',
  'top-left': '+',
  'top-right': '+',
  bottom: '-',
  'bottom-mid': '+',
  'bottom-left': '+',
  'bottom-right': '+',
  left: '|',
  'left-mid': '+',
  mid: '-',
  'mid-mid': '+',
  right: '|',
  'right-mid': '+',
  middle: '|',
};

/** Every table view as a titled, uncoloured cli-table3 table; empty ones as the title and `(none)`. */
export function renderTables(topology: Topology, options: RenderOptions = {}): string {
  return `${topologyTables(topology)
    .map((view) => renderView(view, options.width))
    .join('\n\n')}\n`;
}

/**
 * A view as one grid when its columns fit the width at READABLE_COLUMN_WIDTH or more; otherwise
 * (ECS SERVICES on an ordinary terminal) as one two-column Column | Value table per row, which
 * stays readable where thirteen columns of five characters would not.
 */
export function renderView(view: TableView, width?: number): string {
  if (view.rows.length === 0) return `${view.title}\n${view.emptyMessage ?? '(none)'}`;
  const title = view.note ? `${view.title}\n${view.note}` : view.title;
  if (width === undefined || fitsReadably(view, width)) {
    return `${title}\n${drawTable(view.rows, columnWidths(view, width), view.columns)}`;
  }
  const records = view.rows.map((row) => view.columns.map((column, i) => [column, row[i] ?? '']));
  const recordWidths = columnWidths({ ...view, columns: ['', ''], rows: records.flat() }, width);
  return `${title}\n${records.map((record) => drawTable(record, recordWidths)).join('\n\n')}`;
}

/**
 * Draws rows (the header first, when given) with cli-table3. cli-table3 takes time cubic in the
 * number of lines of a multi-line cell (cli-table/cli-table3#362: 80 lines take 20 s), so cells are
 * wrapped here, hard at the column width as `wrapOnWordBoundary: false` would, and each row goes in
 * as single-line rows of its own compact table; the tables are then stacked, sharing borders.
 */
function drawTable(rows: string[][], colWidths: number[], head?: string[]): string {
  const blocks = (head ? [head, ...rows] : rows).map((row) => {
    const table = new Table({
      colWidths,
      wordWrap: true,
      wrapOnWordBoundary: false,
      chars: ASCII_BORDERS,
      style: { head: [], border: [], compact: true },
    });
    table.push(...physicalLines(row, colWidths));
    return table.toString().split('\n');
  });
  // Every block starts and ends with the same ASCII border line: keep one between two blocks.
  return blocks.flatMap((lines, i) => (i === 0 ? lines : lines.slice(1))).join('\n');
}

/** A row of cells as the single-line rows it spans once each cell is wrapped to its column. */
function physicalLines(row: string[], colWidths: number[]): string[][] {
  const wrapped = row.map((cell, i) => wrapCell(cell, colWidths[i]! - PADDING));
  const height = Math.max(1, ...wrapped.map((lines) => lines.length));
  return Array.from({ length: height }, (_, line) => wrapped.map((lines) => lines[line] ?? ''));
}

function wrapCell(cell: string, width: number): string[] {
  return cell.split('\n').flatMap((line) => {
    const chars = [...line];
    if (chars.length <= width) return [line];
    const pieces: string[] = [];
    for (let at = 0; at < chars.length; at += width) pieces.push(chars.slice(at, at + width).join(''));
    return pieces;
  });
}

function fitsReadably(view: TableView, width: number): boolean {
  const needed = naturalWidths(view).reduce((sum, w) => sum + Math.min(w, READABLE_COLUMN_WIDTH), 0);
  return needed + view.columns.length + 1 <= width;
}

function longestLine(cell: string): number {
  return Math.max(...cell.split('\n').map((line) => [...line].length));
}

function naturalWidths(view: TableView): number[] {
  return view.columns.map((header, i) => Math.max(longestLine(header), ...view.rows.map((row) => longestLine(row[i] ?? ''))) + PADDING);
}

/**
 * Each column as wide as its longest line, then the widest columns give up space first until the
 * table (borders included) fits the width. With a terminal width no column goes below
 * MIN_COLUMN_WIDTH; without one the table aims at DEFAULT_TABLE_WIDTH but no column needs to go
 * below MAX_COLUMN_WIDTH, so a long message gets room and a wide table wraps at 40 characters.
 */
export function columnWidths(view: TableView, width?: number): number[] {
  const natural = naturalWidths(view);
  return width === undefined ? shrinkToFit(natural, DEFAULT_TABLE_WIDTH, MAX_COLUMN_WIDTH) : shrinkToFit(natural, width, MIN_COLUMN_WIDTH);
}

function shrinkToFit(natural: number[], tableWidth: number, floor: number): number[] {
  const widths = [...natural];
  const floors = natural.map((w) => Math.min(w, floor));
  const budget = tableWidth - (widths.length + 1);
  let total = widths.reduce((sum, w) => sum + w, 0);
  while (total > budget) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > floors[i]! && (widest < 0 || w > widths[widest]!)) widest = i;
    });
    if (widest < 0) break;
    widths[widest]! -= 1;
    total -= 1;
  }
  return widths;
}
