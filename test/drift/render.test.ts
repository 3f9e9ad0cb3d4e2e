import { describe, expect, it } from 'vitest';
import { DRIFT_SCHEMA, formatValue, renderDrift } from '../../src/drift/render.js';
import type { DriftReport } from '../../src/drift/report.js';
import type { Inventory } from '../../src/model/index.js';
import { ARNS, IDS, shopInventory } from '../fixtures/model/shop-account.js';
import { driftBetween } from './support/bodies.js';

function drifted(): DriftReport {
  const current: Inventory = shopInventory();
  current.securityGroups.find((g) => g.id === IDS.sgDb)!.inbound.push({ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr', cidr: '10.30.0.0/16' } });
  current.services[0]!.desiredCount = 2;
  current.queues = current.queues.filter((q) => q.name !== 'shop-jobs-dlq');
  current.taskDefinitions[0]!.taskRoleArn = ARNS.workerTaskRole;
  const report = driftBetween(shopInventory(), current);
  report.expected.createdAt = '2026-11-20T09:30:00.000Z';
  return report;
}

describe('text', () => {
  it('a summary line, both sides, then + - ~ lines per group with old → new values', () => {
    const text = renderDrift(drifted(), 'text');
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Topology drift: 7 change(s) — 1 added, 2 removed, 4 changed.',
      '  expected: snapshot shop.json, taken 2026-11-20T09:30:00.000Z',
      '  current:  shop now',
    ]);
    expect(text).toContain('\nECS clusters and services\n  ~ ecs-service shop-web\n      desiredCount: 1 → 2\n');
    expect(text).toContain('\nQueues\n  - queue shop-jobs-dlq\n');
  });
});

describe('markdown', () => {
  it('a count table and one diff block per group, with - before and + after', () => {
    const markdown = renderDrift(drifted(), 'markdown');
    expect(markdown.startsWith('## Topology drift\n\nTopology drift: 7 change(s) — 1 added, 2 removed, 4 changed.\n\n- `expected: snapshot shop.json, taken 2026-11-20T09:30:00.000Z`\n')).toBe(true);
    expect(markdown).toContain('| Kind | Added | Removed | Changed |\n| --- | ---: | ---: | ---: |\n');
    expect(markdown).toContain('| Security groups and rules | 0 | 0 | 1 |\n');
    expect(markdown).toContain('| Links: ECS → IAM roles | 1 | 1 | 0 |\n');
    expect(markdown).toContain('### ECS clusters and services\n\n```diff\n~ ecs-service shop-web\n    desiredCount:\n-     1\n+     2\n```\n');
    expect(markdown).toContain('### Security groups and rules\n\n```diff\n~ security-group shop-db-sg\n    inbound:\n+     tcp 5432 from 10.30.0.0/16\n```\n');
  });

  it('keeps values from closing the code fence', () => {
    const current = shopInventory();
    current.securityGroups[0]!.description = 'see ```docs```';
    const markdown = renderDrift(driftBetween(shopInventory(), current), 'markdown');
    const fences = markdown.split('\n').filter((line) => line.startsWith('```'));
    expect(fences).toEqual(['```diff', '```']);
  });

  it('says there is no drift when there is none', () => {
    expect(renderDrift(driftBetween(shopInventory(), shopInventory()), 'markdown')).toBe(
      '## Topology drift\n\nNo drift: the current topology matches the expected one.\n\n- `expected: snapshot shop.json`\n- `current:  shop now`\n',
    );
  });
});

describe('json', () => {
  it('counts, changes with raw values and field paths', () => {
    const document = JSON.parse(renderDrift(drifted(), 'json')) as {
      schema: string;
      drift: boolean;
      summary: Record<string, number>;
      changes: { change: string; kind: string; name: string; key: string; fields?: unknown[] }[];
    };
    expect(document.schema).toBe(DRIFT_SCHEMA);
    expect(document.drift).toBe(true);
    expect(document.summary).toEqual({ added: 1, removed: 2, changed: 4, ignored: 0 });
    const definition = document.changes.find((c) => c.kind === 'task-definition')!;
    expect(definition).toEqual({
      change: 'changed',
      kind: 'task-definition',
      group: 'Task definitions',
      name: 'shop-web',
      key: ARNS.webTaskDef.replace(/:42$/, ''),
      fields: [{ path: 'taskRoleArn', before: ARNS.webTaskRole, after: ARNS.workerTaskRole }],
    });
    expect(document.changes.find((c) => c.kind === 'queue')).toEqual({ change: 'removed', kind: 'queue', group: 'Queues', name: 'shop-jobs-dlq', key: ARNS.dlq });
  });
});

describe('values', () => {
  const labels = new Map([[ARNS.targetGroup, 'shop-web-tg'], [IDS.sgWeb, 'shop-web-sg']]);
  it('shows ids by name, absent and null distinctly, objects on one line', () => {
    expect(formatValue(ARNS.targetGroup, labels)).toBe('shop-web-tg');
    expect(formatValue(`tcp 5432 from ${IDS.sgWeb}`, labels)).toBe('tcp 5432 from shop-web-sg');
    expect(formatValue(undefined, labels)).toBe('(absent)');
    expect(formatValue(null, labels)).toBe('none');
    expect(formatValue('', labels)).toBe('""');
    expect(formatValue({ kind: 'sse-sqs', keys: ['a', 'b'], nested: { on: true } }, labels)).toBe('kind=sse-sqs, keys=[a, b], nested=(on=true)');
  });
});
