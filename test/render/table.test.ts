import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyInventory } from '../../src/model/index.js';
import { DEFAULT_TABLE_WIDTH, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, READABLE_COLUMN_WIDTH, columnWidths, renderTables, renderView } from '../../src/render/table.js';
import { topologyTables, type TableView } from '../../src/render/views.js';
import { ARNS, IDS, shopInventory } from '../fixtures/model/shop-account.js';
import { topologyOf } from './tables-fixtures.js';

/** The lines of one titled section of the rendered output, title excluded. */
function section(output: string, title: string): string[] {
  const blocks = output.split(/\n\n(?=[A-Z0-9 /]+\n)/);
  const block = blocks.find((b) => b.split('\n')[0] === title);
  if (!block) throw new Error(`no section ${title}`);
  return block.split('\n').slice(1);
}

const longest = (lines: string[]) => Math.max(...lines.map((line) => line.length));

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

  it('prints the cells of a row on one line when they fit', () => {
    expect(section(output, 'ROUTE53')).toContainEqual(expect.stringMatching(/^\| corp\.io +\| www\.corp\.io +\| A +\|.*\| shop-edge-alb +\|/));
    expect(section(output, 'ALB LISTENERS')).toContainEqual(expect.stringMatching(/^\| shop-edge-alb HTTP:80 +\| HTTP +\| 80 +\| - +\| forward +\| shop-web-tg +\|$/));
  });

  it('wraps long cells of a wide table at the column cap when no width is given', () => {
    const iam = section(output, 'IAM ROLES');
    const arnLine = iam.findIndex((line) => line.includes(ARNS.webTaskRole.slice(0, MAX_COLUMN_WIDTH - 2)));
    expect(arnLine).toBeGreaterThan(0);
    expect(iam[arnLine]).not.toContain(ARNS.webTaskRole);
    expect(iam[arnLine + 1]).toContain(ARNS.webTaskRole.slice(MAX_COLUMN_WIDTH - 2));
  });

  it('keeps every line within the given width', () => {
    for (const width of [80, 100, 132, 200]) {
      const lines = renderTables(topologyOf(shopInventory()), { width }).split('\n');
      expect(longest(lines), `width ${width}`).toBeLessThanOrEqual(width);
    }
  });

  it('prints ECS SERVICES as one Column | Value table per service when thirteen columns cannot fit readably', () => {
    const narrow = section(renderTables(topologyOf(shopInventory()), { width: 100 }), 'ECS SERVICES');
    expect(narrow).toContainEqual(expect.stringMatching(/^\| Service +\| shop-web +\|$/));
    expect(narrow).toContainEqual(expect.stringMatching(/^\| Service +\| shop-worker +\|$/));
    expect(narrow).toContainEqual(expect.stringMatching(/^\| ALB Usage +\| shop-edge-alb -> shop-web-tg \(web:3000\) +\|$/));
    expect(narrow).toContainEqual(expect.stringMatching(new RegExp(`^\\| SG Connections +\\| in<- shop-alb-sg \\(${IDS.sgAlb}\\) tcp 3000 +\\|$`)));

    const wide = section(renderTables(topologyOf(shopInventory()), { width: 400 }), 'ECS SERVICES');
    expect(wide[1]).toMatch(/^\| Cluster +\| Service +\| Desired +\|.*\| SQS Links +\|$/);
  });

  it('prints every title followed by (none) for an empty inventory', () => {
    const empty = renderTables(topologyOf(emptyInventory({ kind: 'aws', label: 'empty' })));
    const titles = topologyTables(topologyOf(shopInventory())).map((v) => v.title);
    expect(empty.trimEnd().split('\n\n')).toEqual(titles.map((title) => `${title}\n(none)`));
  });

  it('draws a cell of hundreds of lines in milliseconds, not minutes', () => {
    const users = Array.from({ length: 300 }, (_, i) => `service-${i} (sg-reference, route-table)`).join('\n');
    const view: TableView = { id: 'vpc-endpoints', title: 'VPC ENDPOINTS', columns: ['Endpoint ID', 'Reachable From'], rows: [['vpce-1', users]] };
    const started = performance.now();
    const lines = renderView(view).split('\n');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lines).toHaveLength(1 + 3 + 300 + 1);
    expect(lines[303]).toBe(`| ${' '.repeat(11)} | service-299 (sg-reference, route-table) |`);
  });

  it('prints the reason instead of (none) when the view gives one', () => {
    const view: TableView = { id: 'route53', title: 'ROUTE53', columns: ['Record'], rows: [], emptyMessage: '(none collected: route53 denied in us-east-1; see WARNINGS)' };
    expect(renderView(view)).toBe('ROUTE53\n(none collected: route53 denied in us-east-1; see WARNINGS)');
  });
});

describe('columnWidths', () => {
  const view = (columns: string[], rows: string[][]): TableView => ({ id: 't', title: 'T', columns, rows });

  it('sizes a column by its longest line plus padding, multi-line cells by their longest line', () => {
    expect(columnWidths(view(['Name', 'Rules'], [['db', 'tcp 5432\nCIDR 10.0.0.0/16 | tcp 5432']]))).toEqual([6, 29]);
  });

  it('takes space from the widest columns first and leaves narrow ones alone', () => {
    const v = view(['Id', 'A', 'B'], [['x1', 'a'.repeat(60), 'b'.repeat(30)]]);
    expect(columnWidths(v, 60)).toEqual([4, 26, 26]);
    expect(columnWidths(v, 200)).toEqual([4, 62, 32]);
  });

  it('without a width, gives a long column room up to the default table width, and no more', () => {
    const message = 'Access denied: s3:GetBucketPolicy (s3 in us-east-1 for shop-media-uploads-123456789012); data from this call is missing.';
    const warnings = view(['Level', 'Code', 'Message'], [['warning', 'access-denied', message]]);
    expect(columnWidths(warnings)).toEqual([9, 15, DEFAULT_TABLE_WIDTH - 4 - 9 - 15]);
    const short = view(['Level', 'Code', 'Message'], [['info', 'public-mode', 'a'.repeat(60)]]);
    expect(columnWidths(short)).toEqual([7, 13, 62]);
  });

  it('without a width, wraps a table wider than the default at MAX_COLUMN_WIDTH per column', () => {
    const wide = view(['A', 'B', 'C', 'D'], [['a'.repeat(70), 'b'.repeat(50), 'c'.repeat(45), 'd'.repeat(10)]]);
    expect(columnWidths(wide)).toEqual([MAX_COLUMN_WIDTH, MAX_COLUMN_WIDTH, MAX_COLUMN_WIDTH, 12]);
  });

  it('never shrinks a column below the minimum, even when the table cannot fit', () => {
    const v = view(['A', 'B', 'C'], [['a'.repeat(20), 'b'.repeat(20), 'c'.repeat(20)]]);
    expect(columnWidths(v, 10)).toEqual([MIN_COLUMN_WIDTH, MIN_COLUMN_WIDTH, MIN_COLUMN_WIDTH]);
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
      fc.property(arbitraryView, fc.integer({ min: 40, max: 240 }), ({ columns, rows }, width) => {
        const lines = renderView(view(columns, rows), width).split('\n');
        return longest(lines) <= width;
      }),
      { numRuns: 80 },
    );
  });

  it('uses the grid only when every column can keep READABLE_COLUMN_WIDTH', () => {
    const columns = Array.from({ length: 6 }, (_, i) => `Column ${i}`);
    const v = view(columns, [columns.map(() => 'x'.repeat(30))]);
    const gridWidth = 6 * READABLE_COLUMN_WIDTH + 7;
    expect(renderView(v, gridWidth).split('\n')[2]).toMatch(/^\| Column 0/);
    expect(renderView(v, gridWidth - 1).split('\n')[2]).toMatch(/^\| Column 0 +\| x+ +\|$/);
  });
});
