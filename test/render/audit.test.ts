import { describe, expect, it } from 'vitest';
import { failingFindings, renderAuditMarkdown, summaryLine } from '../../src/render/audit.js';
import type { Finding } from '../../src/model/index.js';
import { audit, correlated, shop } from '../audit/support.js';

function finding(severity: Finding['severity'], suppressed?: string): Finding {
  return {
    ruleId: 'TOPO-TEST-001',
    title: 'test',
    severity,
    message: 'Listener a|b\nsecond line',
    resources: [],
    evidence: [],
    ...(suppressed ? { suppressed: { reason: suppressed } } : {}),
  };
}

describe('audit report helpers', () => {
  it('--fail-on counts unsuppressed findings at or above the threshold', () => {
    const findings = [finding('critical', 'accepted'), finding('high'), finding('low')];
    expect(failingFindings(findings, 'critical')).toEqual([]);
    expect(failingFindings(findings, 'high')).toEqual([findings[1]]);
    expect(failingFindings(findings, 'info')).toEqual([findings[1], findings[2]]);
  });

  it('summarizes counts per severity and suppressions', () => {
    expect(summaryLine([])).toBe('No findings.');
    expect(summaryLine([finding('high', 'ok')])).toBe('1 finding: none unsuppressed; 1 suppressed.');
    expect(summaryLine(audit(shop()))).toBe('6 findings: 3 medium, 2 low, 1 info.');
  });

  it('escapes pipes and line breaks in Markdown cells', () => {
    const markdown = renderAuditMarkdown({ ...correlated(shop()), findings: [finding('medium')] });
    expect(markdown).toContain('| medium | TOPO-TEST-001 | Listener a\\|b<br>second line | - |');
  });
});
