import { pushTo } from '../model/index.js';
import type { FieldChange } from './compare.js';
import { fieldName, type EntityChange } from './diff.js';
import { countChanges, hasDrift, type DriftFormat, type DriftReport } from './report.js';

/**
 * The drift report in three formats. Text and Markdown share one line model: an entity line with
 * its `+ - ~` marker, then one entry per changed field with the old and new values. References to
 * other resources are shown by name; the JSON keeps the raw values.
 */

const MARKERS = { added: '+', removed: '-', changed: '~' } as const;

export function renderDrift(report: DriftReport, format: DriftFormat): string {
  if (format === 'json') return renderDriftJson(report);
  return format === 'markdown' ? renderDriftMarkdown(report) : renderDriftText(report);
}

// ---------------------------------------------------------------- values

/** A value as a reader wants it: ids replaced by names, lists and objects on one line. */
export function formatValue(value: unknown, labels: ReadonlyMap<string, string>): string {
  if (value === undefined) return '(absent)';
  if (value === null) return 'none';
  if (typeof value === 'string') return value === '' ? '""' : (labels.get(value) ?? value.split(/(\s+)/).map((token) => labels.get(token) ?? token).join(''));
  if (Array.isArray(value)) return `[${value.map((item) => formatValue(item, labels)).join(', ')}]`;
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => `${key}=${typeof member === 'object' && member !== null && !Array.isArray(member) ? `(${formatValue(member, labels)})` : formatValue(member, labels)}`)
      .join(', ');
  }
  return String(value);
}

function entityTitle(change: EntityChange): string {
  if (!change.kind.startsWith('link:')) return `${change.kind} ${change.name}`;
  // An added or removed link says how it was found: the reviewer's first question.
  return change.change !== 'changed' && change.via !== undefined ? `${change.name} (via ${change.via.join(', ')})` : change.name;
}

function summaryLine(report: DriftReport): string {
  const counts = countChanges(report);
  const ignored = report.ignored > 0 ? `; ${report.ignored} ignored` : '';
  if (!hasDrift(report)) return `No drift: the current topology matches the expected one${ignored ? ` (${report.ignored} change(s) ignored)` : ''}.`;
  return `Topology drift: ${report.changes.length} change(s) — ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed${ignored}.`;
}

function sideLines(report: DriftReport): string[] {
  const at = report.expected.createdAt ? `, taken ${report.expected.createdAt}` : '';
  return [`expected: ${report.expected.label}${at}`, `current:  ${report.current.label}`];
}

/** The report's headings: the group, after its account when the topology has several (changes come sorted by account). */
function groupsOf(report: DriftReport): Map<string, EntityChange[]> {
  const groups = new Map<string, EntityChange[]>();
  for (const change of report.changes) {
    const heading = change.account === undefined ? change.group : `Account ${change.account} · ${change.group}`;
    pushTo(groups, heading, change);
  }
  return groups;
}

// ---------------------------------------------------------------- text

export function renderDriftText(report: DriftReport): string {
  const lines = [summaryLine(report), ...sideLines(report).map((line) => `  ${line}`)];
  for (const [group, changes] of groupsOf(report)) {
    lines.push('', group);
    for (const change of changes) {
      lines.push(`  ${MARKERS[change.change]} ${entityTitle(change)}`);
      for (const field of change.fields) lines.push(...textField(field, report.labels));
    }
  }
  for (const note of report.notes) lines.push('', `Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

function textField(field: FieldChange, labels: ReadonlyMap<string, string>): string[] {
  const name = fieldName(field.path, labels) || '(value)';
  if (field.type === 'value') return [`      ${name}: ${formatValue(field.before, labels)} → ${formatValue(field.after, labels)}`];
  return [
    `      ${name}:`,
    ...field.added.map((item) => `        + ${formatValue(item, labels)}`),
    ...field.removed.map((item) => `        - ${formatValue(item, labels)}`),
  ];
}

// ---------------------------------------------------------------- markdown

/** For `$GITHUB_STEP_SUMMARY`: a count table, then one `diff` block per group (GitHub colours + and -). */
export function renderDriftMarkdown(report: DriftReport): string {
  const lines = ['## Topology drift', '', summaryLine(report), '', ...sideLines(report).map((line) => `- ${inlineCode(line)}`)];
  const groups = groupsOf(report);
  if (groups.size > 0) {
    lines.push('', '| Kind | Added | Removed | Changed |', '| --- | ---: | ---: | ---: |');
    for (const [group, changes] of groups) {
      const counts = countChanges({ changes });
      lines.push(`| ${group.replace(/\|/g, '\\|')} | ${counts.added} | ${counts.removed} | ${counts.changed} |`);
    }
  }
  for (const [group, changes] of groups) {
    lines.push('', `### ${group}`, '', '```diff');
    for (const change of changes) {
      lines.push(fenced(`${MARKERS[change.change]} ${entityTitle(change)}`));
      for (const field of change.fields) lines.push(...diffField(field, report.labels).map(fenced));
    }
    lines.push('```');
  }
  for (const note of report.notes) lines.push('', `> **Note:** ${note}`);
  return `${lines.join('\n')}\n`;
}

function diffField(field: FieldChange, labels: ReadonlyMap<string, string>): string[] {
  const name = fieldName(field.path, labels) || '(value)';
  const added = field.type === 'value' ? (field.after === undefined ? [] : [field.after]) : field.added;
  const removed = field.type === 'value' ? (field.before === undefined ? [] : [field.before]) : field.removed;
  return [
    `    ${name}:`,
    ...removed.map((item) => `-     ${formatValue(item, labels)}`),
    ...added.map((item) => `+     ${formatValue(item, labels)}`),
  ];
}

/** A line inside a code fence must not close it. */
function fenced(line: string): string {
  return line.replace(/```/g, '`\u200b``');
}

function inlineCode(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

// ---------------------------------------------------------------- json

export const DRIFT_SCHEMA = 'topology/drift@1';

/** Machine-readable: field paths as the other formats name them, values as recorded (raw ids). */
export function renderDriftJson(report: DriftReport): string {
  const counts = countChanges(report);
  const document = {
    schema: DRIFT_SCHEMA,
    drift: hasDrift(report),
    mode: report.mode,
    expected: report.expected,
    current: report.current,
    summary: { ...counts, ignored: report.ignored },
    changes: report.changes.map((change) => ({
      change: change.change,
      kind: change.kind,
      group: change.group,
      ...(change.account === undefined ? {} : { account: change.account }),
      name: change.name,
      key: change.key,
      ...(change.change === 'changed' ? { fields: change.fields.map((field) => jsonField(field, report.labels)) } : {}),
    })),
    notes: report.notes,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function jsonField(field: FieldChange, labels: ReadonlyMap<string, string>): Record<string, unknown> {
  const path = fieldName(field.path, labels);
  if (field.type === 'members') return { path, added: field.added, removed: field.removed };
  return { path, ...(field.before === undefined ? {} : { before: field.before }), ...(field.after === undefined ? {} : { after: field.after }) };
}
