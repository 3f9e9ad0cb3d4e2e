import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../src/pipeline.js';
import { topologyTables, type TableView } from '../../../src/render/views.js';
import type { AwsServiceName, Finding, Topology } from '../../../src/model/index.js';
import { actionOf, AwsFake, collect } from '../../support/aws-fake.js';

/**
 * Fault injection: every operation a complete collection of the recorded account makes is denied
 * in turn, through the real SDK clients. Whatever the denied call fed must say so: a table whose
 * rows differ from the complete run's carries "not collected (that call)", and no finding appears
 * that the complete run does not have (a rule that cannot see its data is "not checked" instead).
 */

async function topologyWith(change?: (fake: AwsFake) => void): Promise<{ topology: Topology; fake: AwsFake }> {
  const fake = await AwsFake.recorded();
  change?.(fake);
  return { topology: buildTopology(await collect(fake), {}), fake };
}

const findingKey = (finding: Finding) => `${finding.ruleId} ${finding.message}`;
const byId = (tables: TableView[]) => new Map(tables.map((table) => [table.id, table]));

describe('every denied operation in turn', async () => {
  const complete = await topologyWith();
  const completeTables = byId(topologyTables(complete.topology));
  const completeFindings = new Set(complete.topology.findings.map(findingKey));
  const operations = [...new Set(complete.fake.served.filter((r) => r.service !== 'sts').map((r) => `${r.service} ${r.operation}`))].sort();

  it('covers every operation of the complete collection', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(complete.topology.inventory.coverage.every((entry) => entry.status === 'ok')).toBe(true);
  });

  it.each(operations)('%s denied: changed tables say "not collected", no new finding', async (operation) => {
    const [service, name] = operation.split(' ') as [AwsServiceName, string];
    const action = actionOf({ service, operation: name });
    const { topology } = await topologyWith((fake) => fake.fail(service, name, 'AccessDenied'));
    const recovered = topology.inventory.coverage.flatMap((c) => c.missing).every((miss) => miss.recoveredBy !== undefined);

    for (const table of topologyTables(topology)) {
      if (table.id === 'warnings') continue;
      const before = completeTables.get(table.id)!;
      if (JSON.stringify(table.rows) === JSON.stringify(before.rows)) continue;
      const said = table.rows.length === 0 ? table.emptyMessage : table.note;
      expect(said, `${table.title} changed without saying so`).toContain(`not collected (${action} denied in `);
    }

    const newFindings = topology.findings.filter((f) => f.ruleId !== 'TOPO-META-002' && !completeFindings.has(findingKey(f)));
    expect(newFindings.map(findingKey)).toEqual([]);
    for (const finding of topology.findings.filter((f) => f.ruleId === 'TOPO-META-002')) {
      expect(finding.message).toMatch(new RegExp(`^TOPO-[A-Z0-9]+-\\d+ \\(.+\\) not checked: its data was not collected \\(.*${action}`));
    }
    if (!recovered) expect(topology.warnings.map((w) => w.message).join('\n')).toContain(action);
  });
});

describe('the cases the issue found', () => {
  it.each([
    ['ecs', 'ListClusters', ['TOPO-NET-003', 'TOPO-RDS-004', 'TOPO-ECS-003', 'TOPO-ECS-005']],
    ['ecs', 'DescribeServices', ['TOPO-NET-003', 'TOPO-RDS-004', 'TOPO-ECS-003', 'TOPO-ECS-005']],
    // The services (and their security groups) are known: only what the task definitions say is not.
    ['ecs', 'DescribeTaskDefinition', ['TOPO-ECS-001', 'TOPO-ECS-002', 'TOPO-ECS-003', 'TOPO-ECS-004', 'TOPO-ECS-007', 'TOPO-NET-001']],
  ] as const)('%s:%s denied: IAM ROLES and the ECS links tables say not collected; no unused-group or unused-database finding', async (service, operation, notChecked) => {
    const { topology } = await topologyWith((fake) => fake.fail(service, operation, 'AccessDeniedException'));
    const tables = byId(topologyTables(topology));
    const said = `not collected (ecs:${operation} denied in us-east-1)`;
    expect(tables.get('iam-roles')!.rows).toEqual([]);
    expect(tables.get('iam-roles')!.emptyMessage).toBe(`(${said}; see WARNINGS)`);
    for (const id of ['ecs-rds-links', 'ecs-s3-links', 'ecs-sqs-links']) {
      const table = tables.get(id)!;
      // Links found from security groups alone survive a denied task definition; the table says it is incomplete.
      expect(table.rows.length === 0 ? table.emptyMessage : table.note).toContain(said);
    }
    const ids = topology.findings.map((f) => f.ruleId);
    expect(ids).not.toContain('TOPO-NET-003');
    expect(topology.findings.filter((f) => f.ruleId === 'TOPO-RDS-004' && / used by no ECS service/.test(f.message))).toEqual([]);
    expect(topology.findings.filter((f) => f.ruleId === 'TOPO-META-002').map((f) => f.message.split(' ')[0])).toEqual(expect.arrayContaining([...notChecked]));
  });

  it('load balancers denied: the ALB tables say not collected and no dangling-alias finding appears', async () => {
    const { topology } = await topologyWith((fake) => fake.fail('elbv2', 'DescribeLoadBalancers', 'AccessDenied'));
    const tables = byId(topologyTables(topology));
    expect(tables.get('alb')!.emptyMessage).toBe('(not collected (elasticloadbalancing:DescribeLoadBalancers denied in us-east-1); see WARNINGS)');
    expect(tables.get('route53')!.note).toBe('Incomplete: not collected (elasticloadbalancing:DescribeLoadBalancers denied in us-east-1); see WARNINGS.');
    expect(topology.findings.map((f) => f.ruleId)).not.toContain('TOPO-DNS-001');
  });

  it('DB instances denied: RDS says not collected and no database rule reports anything but "not checked"', async () => {
    const { topology } = await topologyWith((fake) => fake.fail('rds', 'DescribeDBInstances', 'AccessDenied'));
    expect(byId(topologyTables(topology)).get('rds')!.emptyMessage).toBe('(not collected (rds:DescribeDBInstances denied in us-east-1); see WARNINGS)');
    expect(topology.findings.filter((f) => f.ruleId.startsWith('TOPO-RDS-'))).toEqual([]);
    expect(topology.findings.filter((f) => f.ruleId === 'TOPO-META-002').map((f) => f.message.split(' ')[0]).sort()).toEqual(
      expect.arrayContaining(['TOPO-RDS-001', 'TOPO-RDS-003', 'TOPO-RDS-006', 'TOPO-RDS-007', 'TOPO-NET-003']),
    );
  });
});

describe('page sections and counts derived from a denied call', () => {
  it('ecs:ListClusters denied: the Markdown paths and the HTML counts and paths say not collected', async () => {
    const { render } = await import('../../../src/render/index.js');
    const { topology } = await topologyWith((fake) => fake.fail('ecs', 'ListClusters', 'AccessDeniedException'));
    const said = 'not collected (ecs:ListClusters denied in us-east-1)';
    const markdown = await render(topology, 'markdown');
    expect(markdown).toContain(`## Request path\n\n_From a browser request to the data it touches, walked along the correlated edges._\n\n${said}; see WARNINGS.`);
    expect(markdown).not.toContain('No load balancer forwards to an ECS service in this topology.');
    expect(markdown).toContain(`_Boxes and groups ${said} are missing from the diagram; see WARNINGS._`);
    const html = await render(topology, 'html');
    expect(html).toContain(`<dt>ECS services</dt><dd class="stat-text">${said}</dd>`);
    expect(html).toContain(`<dt>IAM roles</dt><dd class="stat-text">${said}</dd>`);
    expect(html).toContain('<dt>Databases</dt><dd>1</dd>');
    expect(html).not.toContain('No load balancer forwards to an ECS service in this topology.');
    expect(html).toContain(`<p class="note incomplete">Boxes and groups ${said} are missing from the diagram; see the collection warnings.</p>`);
  }, 60_000);

  it('rds:DescribeDBInstances denied: the diagram holds a "not collected" box where the databases would be, and no other', async () => {
    const { buildDiagram } = await import('../../../src/render/diagram/graph.js');
    const { topology } = await topologyWith((fake) => fake.fail('rds', 'DescribeDBInstances', 'AccessDenied'));
    const standIns = buildDiagram(topology).nodes.filter((node) => node.subtitle.startsWith('not collected'));
    expect(standIns.map(({ kind, title, subtitle }) => ({ kind, title, subtitle }))).toEqual([
      { kind: 'database', title: 'RDS databases', subtitle: 'not collected (rds:DescribeDBInstances denied in us-east-1)' },
    ]);
    const complete = await topologyWith(() => {});
    expect(buildDiagram(complete.topology).nodes.filter((node) => node.subtitle.startsWith('not collected'))).toEqual([]);
  }, 60_000);
});
