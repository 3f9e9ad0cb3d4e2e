import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc, RULES_DOC_PATH } from '../../src/audit/rules-doc.js';
import { ALL_RULES } from '../../src/audit/rules/index.js';

describe('docs/rules.md', () => {
  it('is what `npx tsx src/audit/docs.ts` generates from the rule metadata', async () => {
    const committed = await readFile(RULES_DOC_PATH, 'utf8');
    expect(committed, 'docs/rules.md is stale: run `npx tsx src/audit/docs.ts`').toBe(renderRulesDoc());
  });

  it('has a section with the rationale and remediation of every rule', () => {
    const doc = renderRulesDoc();
    for (const rule of ALL_RULES) {
      const section = doc.slice(doc.indexOf(`### ${rule.id}\n`));
      expect(section, rule.id).toContain(`**${rule.title}** — severity \`${rule.severity}\``);
      expect(section, rule.id).toContain(rule.rationale);
      expect(section, rule.id).toContain(`**Remediation:** ${rule.remediation}`);
    }
  });

  it('changes when a rule\'s metadata changes', () => {
    const edited = ALL_RULES.map((rule) => (rule.id === 'TOPO-RDS-006' ? { ...rule, severity: 'medium' as const } : rule));
    expect(renderRulesDoc(edited)).not.toBe(renderRulesDoc());
    expect(renderRulesDoc(edited)).toContain('| [TOPO-RDS-006](#topo-rds-006) | medium |');
  });
});
