import type { Severity } from '../model/index.js';
import type { ArchitecturePath } from './story-paths.js';
import { code, count, formatCount, type Phrase } from './story-text.js';
import type { TableView } from './views.js';

/**
 * What the page (HTML and Markdown) shows of a large account. One box per resource is unreadable
 * above `COMPACT_DIAGRAM_ABOVE` boxes, and so are a thousand request paths, five thousand
 * security-group statements and a 5,000-row table: a reader of a review page needs the shapes,
 * the counts and a few examples of each, and goes to `--format table`, `--format json`,
 * `topology paths` or `topology audit` for the full lists. So when the page's diagram is compacted,
 * the page says less in the same way: lists of names keep their first few and say how many more,
 * sections and cards keep their first statements, paths of one shape and findings of one rule
 * keep a few examples under a count, and tables keep their first rows. Below that size nothing is
 * cut (`FULL_PAGE`) and the page is what it always was. docs/page.md describes it for readers.
 */
export interface PageLimits {
  /** Names a sentence lists before "and N more" (`a, b, c and 997 more`). */
  names: number;
  /** Statements a security section or a component card keeps. */
  statements: number;
  /** Paths of one shape (the same kinds of steps in the same order) shown in full. */
  pathsPerShape: number;
  /** Findings of one rule shown in full (suppressed findings too). */
  findingsPerRule: number;
  /** Rows a topology table keeps on the page. */
  tableRows: number;
}

export const FULL_PAGE: PageLimits = { names: Infinity, statements: Infinity, pathsPerShape: Infinity, findingsPerRule: Infinity, tableRows: Infinity };

export const SUMMARY_PAGE: PageLimits = { names: 5, statements: 8, pathsPerShape: 2, findingsPerRule: 3, tableRows: 20 };


/** The full lists are in these outputs; each cut says so. */
const FULL_LISTS: Phrase = [code('topology --format table'), ' and ', code('--format json'), ' list every one'];

function cutStatement(more: number): Phrase {
  return [`${formatCount(more)} more ${more === 1 ? 'statement' : 'statements'} like these: `, ...FULL_LISTS, '.'];
}

/** The first `limit` statements and, when some were cut, one saying how many. */
export function firstStatements(items: Phrase[], limit: number): Phrase[] {
  return items.length <= limit ? items : [...items.slice(0, limit), cutStatement(items.length - limit)];
}

/** Statements about `things`, made only for the first `limit` of them, then one counting the rest. */
export function statementsOf<T>(things: readonly T[], limit: number, statement: (thing: T) => Phrase): Phrase[] {
  const made = things.slice(0, limit).map(statement);
  return things.length <= limit ? made : [...made, cutStatement(things.length - limit)];
}

/** "Route53 record → Load balancer → Listener → …": what a path's steps are, not which resources. */
export function pathShape(path: ArchitecturePath): string {
  return path.steps.map((step) => step.kind).join(' → ');
}

export interface PathSummary {
  paths: ArchitecturePath[];
  /** Set when paths were cut: how many of each shape there are, and where the rest are. */
  summary?: Phrase[];
}

/** Paths grouped by shape, `limit` of each kept in their original order; the counts say the rest. */
export function summarisePaths(paths: ArchitecturePath[], limit: number, noun: 'request' | 'worker'): PathSummary {
  const shapes = new Map<string, number>();
  const kept: ArchitecturePath[] = [];
  for (const path of paths) {
    const shape = pathShape(path);
    const seen = shapes.get(shape) ?? 0;
    shapes.set(shape, seen + 1);
    if (seen < limit) kept.push(path);
  }
  if (kept.length === paths.length) return { paths };
  const summary: Phrase[] = [
    [`${formatCount(paths.length)} ${noun} paths of ${count(shapes.size, 'shape')}; the first ${limit} of each are shown. `, code('topology paths'), ' prints every one.'],
    ...[...shapes].map(([shape, n]): Phrase => [`${shape}: ${formatCount(n)} ${n === 1 ? 'path' : 'paths'}.`]),
  ];
  return { paths: kept, summary };
}

export interface FindingRuleCount {
  severity: Severity;
  ruleId: string;
  title: string;
  count: number;
}

/** The findings of each rule cut to `limit`, in their order; the per-rule counts when any were cut. */
export function summariseFindings<F extends Omit<FindingRuleCount, 'count'>>(findings: F[], limit: number): { findings: F[]; rules?: FindingRuleCount[] } {
  const rules = new Map<string, FindingRuleCount>();
  const kept: F[] = [];
  for (const finding of findings) {
    const rule = rules.get(finding.ruleId);
    if (rule) rule.count += 1;
    else rules.set(finding.ruleId, { severity: finding.severity, ruleId: finding.ruleId, title: finding.title, count: 1 });
    if ((rule?.count ?? 1) <= limit) kept.push(finding);
  }
  return kept.length === findings.length ? { findings } : { findings: kept, rules: [...rules.values()] };
}

/** A note under a cut list of findings. */
export function findingsCutNote(shown: number, total: number): Phrase {
  return [`${formatCount(shown)} of ${formatCount(total)} findings are shown, the first of each rule; `, code('topology audit'), ' and ', code('--format sarif'), ' list every one.'];
}

/** A page table: a topology table, cut to its first rows on a summarised page. */
export interface PageTable extends TableView {
  /** Set when rows were cut: how many are shown of how many, and where the rest are. */
  cut?: Phrase;
}

/** A multi-value cell (one value per line) cut to its first `limit` values, the rest counted. */
function firstValues(cell: string, limit: number): string {
  const values = cell.split('\n');
  return values.length > limit ? [...values.slice(0, limit), `… and ${formatCount(values.length - limit)} more`].join('\n') : cell;
}

/** The table on a page with these limits: its first rows, each cell with its first values. */
export function summariseTable(table: TableView, limits: Pick<PageLimits, 'tableRows' | 'names'>): PageTable {
  if (table.rows.length <= limits.tableRows && limits.names === Infinity) return table;
  const rows = table.rows.slice(0, limits.tableRows).map((row) => row.map((cell) => firstValues(cell, limits.names)));
  if (table.rows.length <= limits.tableRows) return { ...table, rows };
  return { ...table, rows, cut: [`The first ${formatCount(limits.tableRows)} of ${formatCount(table.rows.length)} rows: `, ...FULL_LISTS, '.'] };
}
