import { SEVERITIES, type Finding, type Warning } from '../../model/index.js';
import { PUBLIC_MODE_MESSAGE, type TableSpec, type ViewContext } from './context.js';

export const warningTable: TableSpec = { id: 'warnings', title: 'WARNINGS', columns: ['Level', 'Code', 'Message'], needs: [], rows: warningRows };

const INFO_WARNINGS = new Set<Warning['code']>(['public-mode', 'info']);

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

/** The public-mode notice first, then findings by severity, then the collection warnings. */
function warningRows({ topology }: ViewContext): string[][] {
  const warningRow = (warning: Warning) => [INFO_WARNINGS.has(warning.code) ? 'info' : 'warning', warning.code, warning.message];
  const notices = topology.warnings.filter((warning) => warning.code === 'public-mode');
  if (topology.redacted && notices.length === 0) notices.push({ code: 'public-mode', message: PUBLIC_MODE_MESSAGE });
  const findings = [...topology.findings].sort(bySeverity).map((finding) =>
    finding.suppressed
      ? [`${finding.severity} (suppressed)`, finding.ruleId, `${finding.message}\nSuppressed: ${finding.suppressed.reason}`]
      : [finding.severity, finding.ruleId, finding.message],
  );
  const others = topology.warnings.filter((warning) => warning.code !== 'public-mode');
  return [...notices.map(warningRow), ...findings, ...others.map(warningRow)];
}
