import Table from 'cli-table3';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syntheticInventory } from '../../bench/synthetic.js';
import { emptyInventory, type Topology } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import {
  DEFAULT_TABLE_WIDTH,
  MIN_COLUMN_WIDTH,
  READABLE_COLUMN_WIDTH,
  SHARED_COLUMN_WIDTH,
  columnKey,
  fitsAsGrid,
  gridWidths,
  renderTables,
  renderView,
  selectColumns,
  shrinkOrder,
  wrapLine,
} from '../../src/render/table.js';
import { topologyTables, type TableView } from '../../src/render/views.js';
import { loadSnapshotInventory } from '../../src/sources/snapshot/index.js';
import { IDS, shopInventory } from '../fixtures/model/shop-account.js';
import { topologyOf } from './tables-fixtures.js';

const SEPARATORS = ' -/:.,';

/** The lines of one titled section of the rendered output, title excluded. */
function section(output: string, title: string): string[] {
  const blocks = output.split(/\n\n(?=[A-Z0-9 /]+\n)/);
  const block = blocks.find((b) => b.split('\n')[0] === title);
  if (!block) throw new Error(`no section ${title}`);
  return block.split('\n').slice(1);
}

const longest = (lines: string[]) => lines.reduce((max, line) => Math.max(max, line.length), 0);
const view = (columns: string[], rows: string[][]): TableView => ({ id: 't', title: 'T', columns, rows });

/**
 * Where `pieces` (the wrapped lines of a cell) break `original` inside a word although the word
 * fits `width`: every break must be at a newline of the cell, at a space, or after a separator.
 * Also reports text lost or changed. Empty when the wrapping is faithful.
 */
function badBreaks(pieces: string[], original: string, width: number): string[] {
  const bad: string[] = [];
  let rest = original;
  let atLineStart = true;
  for (const piece of pieces) {
    if (!atLineStart) rest = rest.replace(/^ +/, '');
    atLineStart = false;
    if (!rest.startsWith(piece)) return [...bad, `"${piece}" is not what follows in "${rest.slice(0, 40)}"`];
    rest = rest.slice(piece.length);
    if (rest.startsWith('\n')) {
      rest = rest.slice(1);
      atLineStart = true;
      continue;
    }
    if (rest === '' || SEPARATORS.includes(rest[0]!) || SEPARATORS.includes(piece.at(-1)!)) continue;
    const word = (piece.match(/[^ \-/:.,]*$/)?.[0] ?? '') + (rest.match(/^[^ \-/:.,\n]*/)?.[0] ?? '');
    if (word.length <= width) bad.push(`"${piece}" / "${rest.slice(0, 20)}"`);
  }
  if (rest.trim() !== '') bad.push(`lost "${rest}"`);
  return bad;
}

/** The cells of a rendered grid (or vertical blocks), each as its wrapped pieces, row by row. */
function renderedCells(lines: string[], columns: string[]): { pieces: string[][][]; widths: number[] } {
  if (lines[0]!.startsWith('-[ RECORD')) {
    const labelWidth = Math.max(...columns.map((c) => c.length)) + 2;
    const rows: string[][][] = [];
    let column = -1;
    for (const line of lines) {
      if (line.startsWith('-[ RECORD')) {
        rows.push(columns.map(() => []));
        column = -1;
        continue;
      }
      if (!line.startsWith(' ')) column += 1;
      rows.at(-1)![column]!.push(line.slice(labelWidth));
    }
    return { pieces: rows, widths: columns.map(() => Math.max(...lines.map((l) => l.length)) - labelWidth) };
  }
  const rows: string[][][] = [];
  let current: string[][] | undefined;
  let widths: number[] = [];
  for (const line of lines) {
    if (line.startsWith('+')) {
      widths = line.split('+').slice(1, -1).map((dashes) => dashes.length - 2);
      if (current) rows.push(current);
      current = undefined;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((cell) => cell.slice(1).trimEnd());
    current ??= cells.map(() => []);
    cells.forEach((cell, i) => {
      if (cell !== '') current![i]!.push(cell);
    });
  }
  return { pieces: rows.slice(1), widths };
}

async function referenceStackTopology(): Promise<Topology> {
  return buildTopology(await loadSnapshotInventory(fileURLToPath(new URL('../../snapshots/reference-stack.json', import.meta.url))), {});
}

describe('renderTables', () => {
  const output = renderTables(topologyOf(shopInventory()));

  it('prints every view under its title, in order, with plain ASCII borders and no colour', () => {
    const titles = topologyTables(topologyOf(shopInventory())).map((v) => v.title);
    const positions = titles.map((title) => output.indexOf(`${title}\n`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(output).not.toMatch(/\x1b\[/);
    expect(output).not.toMatch(/[┌─│┼└]/);
    expect(section(output, 'ROUTE53')[0]).toMatch(/^\+-+\+-+/);
  });

  it('fits DEFAULT_TABLE_WIDTH when no width is given, and prints the cells of a row on one line when they fit', () => {
    expect(longest(output.split('\n'))).toBeLessThanOrEqual(DEFAULT_TABLE_WIDTH);
    expect(section(output, 'ALB LISTENERS')).toContainEqual(expect.stringMatching(/^\| shop-edge-alb HTTP:80 +\| HTTP +\| 80 +\| - +\| forward +\| shop-web-tg +\|$/));
  });

  it('never draws a cell with the border character: security-group rules are joined with "; "', () => {
    const rules = section(renderTables(topologyOf(shopInventory()), { width: 200, layout: 'vertical' }), 'SECURITY GROUPS');
    expect(rules).toContainEqual(expect.stringMatching(new RegExp(`^Inbound Rules: +SG shop-alb-sg \\(${IDS.sgAlb}\\); tcp 3000`)));
    const grid = renderTables(topologyOf(shopInventory()), { width: 400, layout: 'wide' }).split('\n');
    let borders = 0;
    for (const line of grid) {
      if (line.startsWith('+')) borders = line.split('+').length - 1;
      else if (line.startsWith('|')) expect(line.split('|').length - 1, line).toBe(borders);
    }
    expect(grid.some((line) => line.includes('SG shop-alb-sg') && line.includes('; tcp 3000'))).toBe(true);
  });

  it('prints ECS SERVICES as one Field: value block per service when thirteen columns cannot fit readably', () => {
    const narrow = section(renderTables(topologyOf(shopInventory()), { width: 100 }), 'ECS SERVICES');
    expect(narrow[0]).toMatch(/^-\[ RECORD 1 \]-+$/);
    expect(narrow).toContainEqual(expect.stringMatching(/^Service: +shop-web$/));
    expect(narrow).toContainEqual(expect.stringMatching(/^Service: +shop-worker$/));
    expect(narrow).toContainEqual(expect.stringMatching(/^ALB Usage: +shop-edge-alb -> shop-web-tg \(web:3000\)$/));
    expect(narrow).toContainEqual(expect.stringMatching(new RegExp(`^SG Connections: +in<- shop-alb-sg \\(${IDS.sgAlb}\\) tcp 3000$`)));

    const wide = section(renderTables(topologyOf(shopInventory()), { width: 400 }), 'ECS SERVICES');
    expect(wide[1]).toMatch(/^\| Cluster +\| Service +\| Desired +\|.*\| SQS Links +\|$/);
    const forced = section(renderTables(topologyOf(shopInventory()), { width: 100, layout: 'wide' }), 'ECS SERVICES');
    expect(forced[1]).toMatch(/^\| Cluster/);
    expect(longest(forced)).toBeLessThanOrEqual(100);
  });

  it('prints every title followed by (none) for an empty inventory', () => {
    const empty = renderTables(topologyOf(emptyInventory({ kind: 'aws', label: 'empty' })));
    const titles = topologyTables(topologyOf(shopInventory())).map((v) => v.title);
    expect(empty.trimEnd().split('\n\n')).toEqual(titles.map((title) => `${title}\n(none)`));
  });

  it('keeps only the --columns it is given, in their order, and leaves out tables without them', () => {
    const chosen = renderTables(topologyOf(shopInventory()), { columns: ['service', 'Task Role'] });
    expect(chosen.split('\n')[0]).toBe('ECS SERVICES');
    expect(chosen).toContain('| Service     | Task Role');
    expect(chosen).not.toContain('ROUTE53');
    expect(() => renderTables(topologyOf(shopInventory()), { columns: ['nope'] })).toThrow(/No table has the columns nope\. Known columns: .*task-role/);
  });

  it('colours severities and missing data only when asked, and the colour does not count toward the width', () => {
    const coloured = renderView(view(['Level', 'Code', 'Message'], [['high', 'TOPO-1', 'x'], ['low', 'TOPO-2', 'unknown']]), { color: true });
    expect(coloured).toContain('\x1b[31mhigh\x1b[0m');
    expect(coloured).toContain('\x1b[36mlow\x1b[0m');
    expect(coloured).toContain('\x1b[33munknown\x1b[0m');
    const plain = renderView(view(['Level', 'Code', 'Message'], [['high', 'TOPO-1', 'x'], ['low', 'TOPO-2', 'unknown']]));
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('prints the reason instead of (none) when the view gives one', () => {
    const empty: TableView = { id: 'route53', title: 'ROUTE53', columns: ['Record'], rows: [], emptyMessage: '(none collected: route53 denied in us-east-1; see WARNINGS)' };
    expect(renderView(empty)).toBe('ROUTE53\n(none collected: route53 denied in us-east-1; see WARNINGS)');
  });
});

describe('tables at 80, 120 and 200 columns', async () => {
  const accounts: [string, Topology][] = [
    ['the reference stack', await referenceStackTopology()],
    ['a 50-service account', topologyOf(syntheticInventory(25))],
  ];
  for (const [name, topology] of accounts) {
    for (const width of [80, 120, 200]) {
      it(`${name} at ${width}: no line longer than ${width}, no word broken where a separator exists, vertical when needed`, () => {
        const views = topologyTables(topology).filter((v) => v.rows.length > 0);
        const vertical: string[] = [];
        for (const v of views) {
          const lines = renderView(v, { width }).split('\n').slice(v.note ? 2 : 1);
          expect(longest(lines), `${v.title} at ${width}`).toBeLessThanOrEqual(width);
          const { pieces, widths } = renderedCells(lines, v.columns);
          if (lines[0]!.startsWith('-[')) vertical.push(v.title);
          expect(pieces, v.title).toHaveLength(v.rows.length);
          v.rows.forEach((row, r) =>
            row.forEach((cell, c) => expect(badBreaks(pieces[r]![c]!, cell.replace(/ \| /g, '; '), widths[c]!), `${v.title} row ${r} ${v.columns[c]}`).toEqual([])),
          );
        }
        // Thirteen columns need 196 characters at READABLE_COLUMN_WIDTH: vertical even at 200.
        if (width === 200) expect(vertical).toEqual(['ECS SERVICES']);
        else expect(vertical).toContain('ECS SERVICES');
      });
    }
  }
});

describe('wrapLine', () => {
  it('breaks after separators, never inside a word that fits', () => {
    expect(wrapLine('sg-AppSecurityGroup (sg-0123456789abcdef0)', 24)).toEqual(['sg-AppSecurityGroup (sg-', '0123456789abcdef0)']);
    expect(wrapLine('sg-AppSecurityGroup (sg-0123456789abcdef0)', 20)).toEqual(['sg-AppSecurityGroup', '(sg-', '0123456789abcdef0)']);
    expect(wrapLine('task definition shop-web:12', 16)).toEqual(['task definition', 'shop-web:12']);
    expect(wrapLine('arn:aws:iam::123456789012:role/shop-web-task', 20)).toEqual(['arn:aws:iam::', '123456789012:role/', 'shop-web-task']);
  });

  it('cuts a word only when it alone is wider than the line', () => {
    expect(wrapLine('id 0123456789abcdef', 8)).toEqual(['id', '01234567', '89abcdef']);
  });

  it('keeps every character but the spaces at its breaks, within the width, for any text', () => {
    // Cells never start with a space (the spaces a line starts with are dropped at a break).
    const text = fc.stringMatching(/^[a-z0-9 \-/:.,()]{0,120}$/).map((line) => line.trimStart());
    fc.assert(
      fc.property(text, fc.integer({ min: 3, max: 60 }), (line, width) => {
        const pieces = wrapLine(line, width);
        expect(longest(pieces)).toBeLessThanOrEqual(width);
        expect(badBreaks(pieces.filter((p) => p.trim() !== ''), line, width)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** wrapLine as it was written first (joining and trimming strings): the reference for its ASCII fast path. */
function referenceWrapLine(line: string, width: number): string[] {
  const pieces = /[^ \-/:.,]*[ \-/:.,]|[^ \-/:.,]+$/g;
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const piece of line.match(pieces) ?? []) {
    const joined = current + piece;
    if (joined.trimEnd().length <= width) {
      current = joined;
      continue;
    }
    if (current.trimEnd() !== '') out.push(current.trimEnd());
    current = current.trimEnd() === '' ? joined.trimStart() : piece.trimStart();
    while (current.trimEnd().length > width) {
      out.push(current.slice(0, width));
      current = current.slice(width);
    }
  }
  if (current.trimEnd() !== '') out.push(current.trimEnd());
  return out.length === 0 ? [''] : out;
}

describe('wrapLine on ASCII lines', () => {
  it('breaks where the string-joining reference breaks, spaces and separators anywhere, any width', () => {
    const text = fc.stringMatching(/^[a-c0-9 \-/:.,()]{0,90}$/);
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (line, width) => {
        expect(wrapLine(line, width)).toEqual(referenceWrapLine(line, width));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts runs of spaces and long words as the reference does', () => {
    for (const line of ['   ', 'a    b', '      leading', 'trailing      ', 'abcdefghijklmnop qrs', 'x- -y', '...,,,:::///---', 'a '.repeat(30)]) {
      for (let width = 1; width <= 12; width++) expect(wrapLine(line, width)).toEqual(referenceWrapLine(line, width));
    }
  });
});

describe('column widths', () => {
  it('sizes a column by its longest line plus padding', () => {
    expect(gridWidths(view(['Name', 'Rules'], [['db', 'tcp 5432\nCIDR 10.0.0.0/16; tcp 5432']]), 120)).toEqual([6, 28]);
  });

  it('shrinks the least important columns first: the last ones, and the naming columns last of all', () => {
    expect(shrinkOrder(['Cluster', 'Service', 'Desired', 'Task Role'])).toEqual([3, 2, 0, 1]);
    const v = view(['Name', 'Description', 'Rules'], [['n'.repeat(30), 'word '.repeat(12).trim(), 'rule '.repeat(12).trim()]]);
    // natural 32 + 61 + 61 = 154 + 4 borders; 120 leaves 116: Rules gives 35 (down to
    // SHARED_COLUMN_WIDTH) first, then Description the last 3.
    expect(gridWidths(v, 120)).toEqual([32, 58, SHARED_COLUMN_WIDTH]);
    // 80 leaves 76: both down to SHARED_COLUMN_WIDTH, then the widest give way evenly; Name, a key
    // column whose one word is 30 characters, keeps it.
    expect(gridWidths(v, 80)).toEqual([32, 22, 22]);
  });

  it('goes vertical in auto when the columns cannot all keep READABLE_COLUMN_WIDTH', () => {
    const columns = Array.from({ length: 6 }, (_, i) => `Column ${i}`);
    const v = view(columns, [columns.map(() => 'x '.repeat(15).trim())]);
    const gridWidth = 6 * READABLE_COLUMN_WIDTH + 7;
    expect(fitsAsGrid(v, gridWidth)).toBe(true);
    expect(fitsAsGrid(v, gridWidth - 1)).toBe(false);
    expect(renderView(v, { width: gridWidth }).split('\n')[2]).toMatch(/^\| Column 0/);
    const record = `Column 0: ${'x '.repeat(15).trim()}`;
    expect(renderView(v, { width: gridWidth - 1 }).split('\n').slice(1, 3)).toEqual([`-[ RECORD 1 ]${'-'.repeat(record.length - 13)}`, record]);
  });

  it('in wide layout shrinks down to MIN_COLUMN_WIDTH before giving up the width', () => {
    const v = view(['A', 'B', 'C'], [['a'.repeat(20), 'b'.repeat(20), 'c'.repeat(20)]]);
    expect(gridWidths(v, 10, 'wide')).toEqual([MIN_COLUMN_WIDTH, MIN_COLUMN_WIDTH, MIN_COLUMN_WIDTH]);
    // 26 inside the borders: every column to its 14-character floor first, then C and B further.
    expect(gridWidths(v, 30, 'wide')).toEqual([14, 7, MIN_COLUMN_WIDTH]);
  });

  it('keeps any table within any width from 40 columns, in grid or record layout', () => {
    const cell = fc.stringMatching(/^[a-z0-9:\/ (),|>-]{0,70}(\n[a-z0-9:\/ ()-]{1,50}){0,3}$/).map((s) => s.trim() || '-');
    const arbitraryView = fc.integer({ min: 1, max: 14 }).chain((columnCount) =>
      fc.record({
        columns: fc.array(fc.stringMatching(/^[A-Z][a-z]{0,14}( [A-Z][a-z]{0,10})?$/), { minLength: columnCount, maxLength: columnCount }),
        rows: fc.array(fc.array(cell, { minLength: columnCount, maxLength: columnCount }), { minLength: 1, maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(arbitraryView, fc.integer({ min: 40, max: 240 }), ({ columns, rows }, width) => longest(renderView(view(columns, rows), { width }).split('\n')) <= width),
      { numRuns: 80 },
    );
  });
});

describe('the grid', () => {
  it('is drawn exactly as cli-table3 draws the same cells with the same widths and ASCII borders', () => {
    const v = view(['Name', 'Rules', 'Used By'], [['shop-db', 'SG shop-app (sg-1); tcp 5432\nCIDR 10.0.0.0/16; tcp 5432', 'web'], ['jobs', '-', 'worker\nweb']]);
    const widths = gridWidths(v, 120);
    const chars = { top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+', bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+', left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|' };
    const table = new Table({ head: v.columns, colWidths: widths, chars, style: { head: [], border: [] } });
    table.push(...v.rows);
    expect(renderView(v, { width: 120 })).toBe(`T\n${table.toString()}`);
  });

  it('draws a cell of hundreds of lines in milliseconds', () => {
    const users = Array.from({ length: 300 }, (_, i) => `service-${i} (sg-reference, route-table)`).join('\n');
    const v: TableView = { id: 'vpc-endpoints', title: 'VPC ENDPOINTS', columns: ['Endpoint ID', 'Reachable From'], rows: [['vpce-1', users]] };
    const started = performance.now();
    const lines = renderView(v).split('\n');
    expect(performance.now() - started).toBeLessThan(500);
    expect(lines).toHaveLength(1 + 3 + 300 + 1);
    expect(lines[303]).toBe(`| ${' '.repeat(11)} | service-299 (sg-reference, route-table) |`);
  });

  it('writes a table of megabytes whole: every row once, in order, as the same row drawn alone', () => {
    // Rows of the same lengths get the same column widths alone or together; 4,000 wrapped rows are
    // over a million characters, several of the chunks the text is joined in.
    const row = (i: number) => {
      const n = String(i).padStart(5, '0');
      return [`service-${n}`, `SG web (sg-${n}); tcp 443\nCIDR 10.0.0.0/16; tcp 80`, `worker-${n}, web-${n}, api-${n}`];
    };
    const rows = Array.from({ length: 4000 }, (_, i) => row(i));
    const whole = renderView(view(['Service', 'Rules', 'Used By'], rows), { width: 60 });
    expect(whole.length).toBeGreaterThan(1_000_000);
    const headerLines = 4;
    const drawnAlone = (i: number) => renderView(view(['Service', 'Rules', 'Used By'], [row(i)]), { width: 60 }).split('\n').slice(headerLines);
    const rowLines = drawnAlone(0).length;
    const lines = whole.split('\n');
    expect(lines).toHaveLength(headerLines + rows.length * rowLines);
    for (const i of [0, 1, 777, 2048, 3999]) expect(lines.slice(headerLines + i * rowLines, headerLines + (i + 1) * rowLines)).toEqual(drawnAlone(i));
    expect(lines.filter((line) => line.startsWith('| service-')).map((line) => line.slice(2, 15))).toEqual(rows.map((r) => r[0]));
  });
});

describe('--columns', () => {
  it('matches headers by a key that ignores case, spaces and dashes', () => {
    expect(columnKey('Task Role')).toBe('task-role');
    expect(columnKey('DLQ / Redrive')).toBe('dlq-redrive');
    const views = selectColumns([view(['Name', 'Task Role'], [['a', 'b']]), view(['Other'], [['c']])], ['task-role', 'NAME']);
    expect(views).toEqual([{ id: 't', title: 'T', columns: ['Task Role', 'Name'], rows: [['b', 'a']] }]);
  });
});

describe('column measuring', () => {
  // Printable ASCII with every separator, line breaks, and characters the fast path must hand to
  // the code-point path: accented, arrow, an astral emoji, a tab.
  const letter = fc.constantFrom('a', 'b', 'Z', '7', 'é', '→', '👍', '\t');
  const word = fc.array(fc.constantFrom('a', 'b', 'Z', '7'), { maxLength: 36 }).chain((ascii) => fc.oneof({ weight: 4, arbitrary: fc.constant(ascii) }, { weight: 1, arbitrary: letter.map((l) => [...ascii, l]) }));
  const separator = fc.constantFrom(' ', '-', '/', ':', '.', ',', '\n', '  ', '|');
  const cell = fc.array(fc.tuple(word, separator), { maxLength: 4 }).map((parts) => parts.map(([w, s]) => w.join('') + s).join(''));
  const header = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,12}$/);

  /** What the measure must find, written plainly: code points per line; words split at the separators, and at line breaks in printable ASCII. */
  const codePoints = (text: string) => [...text].length;
  const reference = (text: string) => {
    const lines = Math.max(...text.split('\n').map(codePoints));
    const wordPattern = /^[\x20-\x7e\n]*$/.test(text) ? /[^ \-/:.,\n]+/g : /[^ \-/:.,]+/g;
    const words = Math.max(0, ...(text.match(wordPattern) ?? []).map(codePoints));
    return { line: lines, word: words };
  };

  it('finds each column its longest line and longest word: a grid fits exactly at the sum of the readable floors', () => {
    fc.assert(
      fc.property(fc.array(header, { minLength: 1, maxLength: 3 }), fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (columns, cells) => {
        const rows = cells.map((row) => row.slice(0, columns.length));
        const floors = columns.map((column, i) => {
          const measured = [column, ...rows.map((row) => row[i]!)].map(reference);
          const natural = Math.max(...measured.map((m) => m.line)) + 2;
          const word = Math.max(...measured.map((m) => m.word)) + 2;
          return Math.min(natural, Math.max(READABLE_COLUMN_WIDTH, Math.min(word, 32)));
        });
        const exact = floors.reduce((sum, w) => sum + w, 0) + columns.length + 1;
        const v = view(columns, rows);
        expect(fitsAsGrid(v, exact)).toBe(true);
        expect(fitsAsGrid(v, exact - 1)).toBe(false);
        expect(gridWidths(v, 10_000)).toEqual(columns.map((column, i) => Math.max(...[column, ...rows.map((row) => row[i]!)].map((text) => reference(text).line)) + 2));
      }),
      { numRuns: 400 },
    );
  });
});
