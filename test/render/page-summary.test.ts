import { describe, expect, it } from 'vitest';
import type { Finding, Inventory, Topology } from '../../src/model/index.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import {
  SUMMARY_PAGE,
  firstStatements,
  statementsOf,
  summariseFindings,
  summarisePaths,
  summariseTable,
} from '../../src/render/page-summary.js';
import { pageContent, pageDiagram } from '../../src/render/story-page.js';
import type { ArchitecturePath } from '../../src/render/story-paths.js';
import { code, listPhrase, plainText } from '../../src/render/story-text.js';
import type { TableView } from '../../src/render/views.js';
import { shopTopology, shopVariant } from './diagram-support.js';

const path = (title: string, kinds: string[]): ArchitecturePath => ({ title, service: title, steps: kinds.map((kind) => ({ kind, name: `${title}-${kind}`, text: [kind] })) });

describe('the parts of a summarised page', () => {
  it('lists the first names of a long list and counts the rest', () => {
    expect(plainText(listPhrase(['a', 'b', 'c', 'd', 'e'], 'and', 2))).toBe('a, b and 3 more');
    expect(listPhrase(['a', 'b', 'c'], 'and', 2)).toEqual([code('a'), ', ', code('b'), ' and 1 more']);
    expect(listPhrase(['a', 'b'], 'and', 2)).toEqual(listPhrase(['a', 'b']));
  });

  it('makes statements for the first things only, then one counting the rest', () => {
    const made: number[] = [];
    const items = statementsOf([1, 2, 3, 4, 5], 2, (n) => {
      made.push(n);
      return [`thing ${n}`];
    });
    expect(made).toEqual([1, 2]);
    expect(items.map(plainText)).toEqual(['thing 1', 'thing 2', '3 more statements like these: topology --format table and --format json list every one.']);
    expect(firstStatements([['x'], ['y']], 2)).toEqual([['x'], ['y']]);
  });

  it('keeps the first paths of each shape in their order and counts every shape', () => {
    const web = ['Route53 record', 'ALB', 'ECS service'];
    const direct = ['ALB', 'ECS service'];
    const paths = [path('w1', web), path('d1', direct), path('w2', web), path('w3', web), path('d2', direct), path('w4', web)];
    const { paths: kept, summary } = summarisePaths(paths, 2, 'request');
    expect(kept.map((p) => p.title)).toEqual(['w1', 'd1', 'w2', 'd2']);
    expect(summary!.map(plainText)).toEqual([
      '6 request paths of 2 shapes; the first 2 of each are shown. topology paths prints every one.',
      'Route53 record → ALB → ECS service: 4 paths.',
      'ALB → ECS service: 2 paths.',
    ]);
    expect(summarisePaths(paths, 4, 'request')).toEqual({ paths });
  });

  it('keeps the first findings of each rule and counts each rule', () => {
    const finding = (ruleId: string, n: number) => ({ severity: 'high' as const, ruleId, title: `${ruleId} title`, message: `${ruleId} #${n}` });
    const findings = [finding('A', 1), finding('A', 2), finding('B', 1), finding('A', 3)];
    const cut = summariseFindings(findings, 2);
    expect(cut.findings.map((f) => f.message)).toEqual(['A #1', 'A #2', 'B #1']);
    expect(cut.rules).toEqual([
      { severity: 'high', ruleId: 'A', title: 'A title', count: 3 },
      { severity: 'high', ruleId: 'B', title: 'B title', count: 1 },
    ]);
    expect(summariseFindings(findings, 3)).toEqual({ findings });
  });

  it('cuts a table to its first rows and says how many there are, and a long cell to its first values', () => {
    const table: TableView = { id: 't', title: 'T', columns: ['A'], rows: [['1'], ['a\nb\nc\nd'], ['3']] };
    const cut = summariseTable(table, { tableRows: 2, names: 2 });
    expect(cut.rows).toEqual([['1'], ['a\nb\n… and 2 more']]);
    expect(plainText(cut.cut!)).toBe('The first 2 of 3 rows: topology --format table and --format json list every one.');
    expect(summariseTable(table, { tableRows: 3, names: 2 })).toEqual({ ...table, rows: [['1'], ['a\nb\n… and 2 more'], ['3']] });
    expect(summariseTable(table, { tableRows: Infinity, names: Infinity })).toBe(table);
  });
});

/**
 * The shop account with 150 more copies of its web service (one ECS cluster, one target group),
 * 60 more security groups and a finding per copy: 150 boxes, so the page is summarised.
 */
function largeShop(): Topology {
  const topology = shopVariant((inventory: Inventory) => {
    const web = inventory.services.find((s) => s.name === 'shop-web')!;
    for (let i = 0; i < 150; i++) inventory.services.push({ ...structuredClone(web), arn: `${web.arn}-copy${i}`, name: `shop-web-copy${i}` });
    const group = inventory.securityGroups[0]!;
    for (let i = 0; i < 60; i++) inventory.securityGroups.push({ ...structuredClone(group), id: `sg-copy${String(i).padStart(4, '0')}`, name: `copy-${i}` });
  });
  const findings: Finding[] = topology.inventory.services.map((service) => ({
    ruleId: 'TOPO-ECS-TEST',
    title: 'A test finding',
    severity: 'medium',
    message: `${service.name} has it`,
    resources: [{ kind: 'ecs-service', id: service.arn }],
    evidence: [],
  }));
  const other: Finding = { ...findings[0]!, ruleId: 'TOPO-ECS-OTHER', title: 'Another finding', severity: 'high' };
  return { ...topology, findings: [...findings, other] };
}

describe('the page of a large account', () => {
  const large = largeShop();
  const services = large.inventory.services.length;
  const content = pageContent(large);

  it('is summarised because its diagram is compacted, and says so under each cut list', () => {
    expect(content.diagramCompacted).toBeDefined();
    expect(content.request.summary!.map(plainText)[0]).toMatch(/^\d+ request paths of \d+ shapes?; the first 2 of each are shown\. topology paths prints every one\.$/);
    expect(content.request.paths.length).toBe(2 * (content.request.summary!.length - 1));
    const securityGroups = content.tables.find((t) => t.id === 'security-groups')!;
    expect(securityGroups.rows).toHaveLength(20);
    expect(plainText(securityGroups.cut!)).toBe(`The first 20 of ${large.inventory.securityGroups.length} rows: topology --format table and --format json list every one.`);
    const iam = content.security.find((s) => s.title === 'IAM task and execution roles')!;
    expect(iam.items.map(plainText)).toContain(`${services - SUMMARY_PAGE.statements} more statements like these: topology --format table and --format json list every one.`);
    const web = content.components.find((c) => c.key === 'web-services')!;
    expect(plainText(web.description)).toContain(`${services - 1 - SUMMARY_PAGE.statements} more statements like these`);
  });

  it('shows the first findings of each rule under a table of every rule with its count', () => {
    expect(content.findings.map((f) => f.ruleId)).toEqual(['TOPO-ECS-OTHER', 'TOPO-ECS-TEST', 'TOPO-ECS-TEST', 'TOPO-ECS-TEST']);
    expect(content.findingRules).toEqual([
      { severity: 'high', ruleId: 'TOPO-ECS-OTHER', title: 'Another finding', count: 1 },
      { severity: 'medium', ruleId: 'TOPO-ECS-TEST', title: 'A test finding', count: services },
    ]);
    expect(plainText(content.findingsCut!)).toBe(`4 of ${services + 1} findings are shown, the first of each rule; topology audit and --format sarif list every one.`);
  });

  it('keeps every count: the stats and the findings by severity count every resource and finding', () => {
    expect(content.stats.find((s) => s.label === 'ECS services')!.value).toBe(String(services));
    expect(content.severityCounts).toEqual([
      { severity: 'high', count: 1 },
      { severity: 'medium', count: services },
    ]);
  });

  it('writes the cut notes and the rule counts in HTML and Markdown', async () => {
    const html = await renderHtml(large);
    const markdown = renderMarkdown(large);
    const sgCut = `The first 20 of ${large.inventory.securityGroups.length} rows: `;
    expect(markdown).toContain(`_${sgCut}\`topology --format table\` and \`--format json\` list every one._`);
    expect(html).toContain(`<p class="note summary">${sgCut}<code>topology --format table</code> and <code>--format json</code> list every one.</p>`);
    expect(markdown).toContain(`| medium | TOPO-ECS-TEST | A test finding | ${services} |`);
    expect(html).toContain(`<th scope="row"><code>TOPO-ECS-TEST</code></th><td>A test finding</td><td>${services}</td>`);
    expect(markdown).toMatch(/_\d+ request paths of \d+ shapes?; the first 2 of each are shown\. `topology paths` prints every one\._/);
    expect(html).not.toContain('shop-web-copy99');
    expect(markdown).not.toContain('shop-web-copy99');
  });

  it('describes the diagram for screen readers with the first paths and a count of the rest', () => {
    const { diagramDescription } = pageDiagram(large);
    expect(diagramDescription).toMatch(/; and \d[\d,]* more\.$/);
    expect(diagramDescription.split('; ').length).toBe(SUMMARY_PAGE.names + 1);
  });

  it('leaves a small account\'s page whole', () => {
    const small = pageContent(shopTopology());
    expect(small.diagramCompacted).toBeUndefined();
    expect(small.request.summary).toBeUndefined();
    expect(small.findingRules).toBeUndefined();
    expect(small.tables.every((t) => t.cut === undefined)).toBe(true);
  });
});
