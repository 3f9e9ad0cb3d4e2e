import { SEVERITIES, type Finding, type Severity, type Topology } from '../model/index.js';
import type { TableOptions } from './table.js';
import type { TableView } from './views.js';
import { atOrAbove } from '../audit/severity.js';

export const AUDIT_FORMATS = ['table', 'json', 'markdown', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditSummary {
  total: number;
  suppressed: number;
  /** Unsuppressed findings per severity, every severity present. */
  bySeverity: Record<Severity, number>;
}

export function summarize(findings: Finding[]): AuditSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) if (!finding.suppressed) bySeverity[finding.severity] += 1;
  return { total: findings.length, suppressed: findings.filter((f) => f.suppressed).length, bySeverity };
}

/** `6 findings: 3 medium, 2 low, 1 info; 1 suppressed.` */
export function summaryLine(findings: Finding[]): string {
  const summary = summarize(findings);
  if (summary.total === 0) return 'No findings.';
  const counts = SEVERITIES.filter((severity) => summary.bySeverity[severity] > 0).map((severity) => `${summary.bySeverity[severity]} ${severity}`);
  const suppressed = summary.suppressed > 0 ? `; ${summary.suppressed} suppressed` : '';
  return `${summary.total} finding${summary.total === 1 ? '' : 's'}: ${counts.join(', ') || 'none unsuppressed'}${suppressed}.`;
}

/** The unsuppressed findings that make `--fail-on threshold` fail. */
export function failingFindings(findings: Finding[], threshold: Severity): Finding[] {
  return findings.filter((finding) => !finding.suppressed && atOrAbove(finding.severity, threshold));
}

export function findingsView(findings: Finding[]): TableView {
  return {
    id: 'findings',
    title: 'FINDINGS',
    columns: ['Severity', 'Rule', 'Finding', 'Suppressed'],
    rows: findings.map((finding) => [finding.severity, finding.ruleId, finding.message, finding.suppressed?.reason ?? '-']),
  };
}

export async function renderAuditTable(topology: Topology, options: TableOptions = {}): Promise<string> {
  const { renderView } = await import('./table.js');
  return `${renderView(findingsView(topology.findings), options)}\n${summaryLine(topology.findings)}\n`;
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

export function renderAuditMarkdown(topology: Topology): string {
  const view = findingsView(topology.findings);
  const table =
    view.rows.length === 0
      ? []
      : [`| ${view.columns.join(' | ')} |`, `|${view.columns.map(() => '---').join('|')}|`, ...view.rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`), ''];
  return ['# Audit findings', '', summaryLine(topology.findings), '', ...table, 'Rules: see docs/rules.md.', ''].join('\n');
}

export function renderAuditJson(topology: Topology): string {
  const document = { schema: 'topology/audit@1', summary: summarize(topology.findings), findings: topology.findings };
  return `${JSON.stringify(document, null, 2)}\n`;
}
