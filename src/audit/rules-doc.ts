import { fileURLToPath } from 'node:url';
import { RULE_AREAS, type RuleArea, type RuleMetadata } from './rule.js';
import { ALL_RULES } from './rules/index.js';

/** Where the generated document is committed. */
export const RULES_DOC_PATH = fileURLToPath(new URL('../../docs/rules.md', import.meta.url));

const AREA_TITLES: Record<RuleArea, string> = {
  database: 'Databases',
  alb: 'Load balancers',
  ecs: 'ECS services and roles',
  messaging: 'Messaging',
  storage: 'Storage',
  network: 'Network',
  dns: 'DNS',
  accounts: 'Across accounts',
  meta: 'The audit itself',
};

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function ruleSection(rule: RuleMetadata): string {
  return [`### ${rule.id}`, '', `**${rule.title}** — severity \`${rule.severity}\``, '', rule.rationale, '', `**Remediation:** ${rule.remediation}`, ''].join('\n');
}

/** `docs/rules.md`, generated from the rule metadata so the two cannot drift apart. */
export function renderRulesDoc(rules: readonly RuleMetadata[] = ALL_RULES): string {
  const lines = [
    '# Audit rules',
    '',
    '<!-- Generated from the rule metadata in src/audit/rules/ by `npx tsx src/audit/docs.ts`. Do not edit by hand. -->',
    '',
    'Rules read the correlated topology (inventory and edges), so they run the same on a live account, a',
    'CloudFormation template and a snapshot. Findings name resources by name; the resource ids are in',
    '`resources`, the evidence (which rule, edge or setting) in `evidence`. `topology audit --fail-on SEVERITY`',
    'exits with status 1 when an unsuppressed finding at or above SEVERITY exists.',
    '',
    '| Rule | Severity | Title |',
    '|---|---|---|',
    ...rules.map((rule) => `| [${rule.id}](#${rule.id.toLowerCase()}) | ${rule.severity} | ${escapeCell(rule.title)} |`),
    '',
    '## Suppressing a finding',
    '',
    'In the config file (`topology.config.yml` or `--config FILE`), each suppression names a rule, optionally a',
    'resource (its id, ARN or name; `*` matches any run of characters) and, always, the reason. A suppressed',
    'finding is still listed, marked suppressed with its reason, and no longer counts for `--fail-on`. A',
    'suppression that matches no finding is reported as TOPO-META-001.',
    '',
    '```yaml',
    'audit:',
    '  suppressions:',
    '    - ruleId: TOPO-RDS-006',
    '      resource: shop-db',
    '      reason: Single-AZ is accepted for staging; production runs Multi-AZ.',
    '```',
    '',
  ];
  for (const area of RULE_AREAS) {
    const inArea = rules.filter((rule) => rule.area === area);
    if (inArea.length === 0) continue;
    lines.push(`## ${AREA_TITLES[area]}`, '', ...inArea.map(ruleSection));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
