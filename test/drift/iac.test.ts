import { beforeAll, describe, expect, it } from 'vitest';
import { alignTemplateToLive, looksGeneratedFrom } from '../../src/drift/iac.js';
import { defaultIgnorePatterns } from '../../src/drift/ignore.js';
import { renderDrift } from '../../src/drift/render.js';
import { driftReport, type DriftReport } from '../../src/drift/report.js';
import type { Inventory } from '../../src/model/index.js';
import { containsUnresolved } from '../../src/sources/template/values.js';
import { ACCOUNT, ARNS, IDS, REGION } from '../fixtures/model/shop-account.js';
import { bodyOf, changeList } from './support/bodies.js';
import { GENERATED_ROLE_NAMES, STACK, deployedShop, shopStackInventory } from './support/shop-stack.js';

let template: Inventory;

beforeAll(async () => {
  template = await shopStackInventory();
});

function iacDrift(live: Inventory): DriftReport {
  const aligned = alignTemplateToLive(bodyOf(template), bodyOf(live));
  return driftReport(
    { mode: 'template', expected: { label: 'template shop-stack.yaml', body: aligned.expected }, current: { label: 'aws account', body: aligned.current }, notes: aligned.notes },
    { ignore: defaultIgnorePatterns(), expectedOnly: true, isUnknown: containsUnresolved },
  );
}

function live(change: (inventory: Inventory) => void): Inventory {
  const inventory = deployedShop();
  change(inventory);
  return inventory;
}

describe('template against the live account it deployed', () => {
  it('uses placeholder ids the live account does not have', () => {
    expect(template.securityGroups.map((g) => g.id)).toContain('sg-DatabaseSecurityGroup');
    expect(template.dbInstances[0]!.arn).toBe(`arn:aws:rds:${REGION}:${ACCOUNT}:db:database`);
    expect(template.roles.map((r) => r.name).sort()).toEqual(['WebTaskRole', 'WorkerTaskRole', 'shop-ecs-execution']);
  });

  it('pairs every template resource and finds no drift', () => {
    const report = iacDrift(deployedShop());
    expect(report.changes).toEqual([]);
    // revisions 42/17 against the template's 1, and the image tags: the default ignores
    expect(report.ignored).toBe(4);
    expect(report.notes[0]).toMatch(/^Template mode: (\d+) of \1 template resources paired with live ones/);
  });

  it('shows an SG rule added by hand on the live account, by the live names', () => {
    const report = iacDrift(
      live((inventory) => {
        inventory.securityGroups.find((g) => g.id === IDS.sgDb)!.inbound.push({ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } });
      }),
    );
    expect(changeList(report)).toEqual([['changed', 'security-group', 'shop-db-sg']]);
    expect(renderDrift(report, 'text')).toContain('  ~ security-group shop-db-sg\n      inbound:\n        + tcp 5432 from 0.0.0.0/0\n');
  });

  it('pairs a listener whose port changed (same load balancer, the only one left) and reports the port', () => {
    const report = iacDrift(
      live((inventory) => {
        inventory.listeners.find((l) => l.arn === ARNS.listenerHttp)!.port = 8080;
      }),
    );
    expect(changeList(report)).toEqual([
      ['changed', 'listener', 'shop-edge-alb HTTP:80'],
      ['changed', 'link:lb-listener', 'shop-edge-alb → shop-edge-alb HTTP:80'],
    ]);
    expect(report.changes[0]!.fields).toEqual([{ type: 'value', path: ['port'], before: 80, after: 8080 }]);
  });

  it('pairs untagged IAM roles by their generated names: a role swap shows on the links', () => {
    const report = iacDrift(
      live((inventory) => {
        inventory.taskDefinitions[0]!.taskRoleArn = `arn:aws:iam::${ACCOUNT}:role/application/${GENERATED_ROLE_NAMES.worker}`;
      }),
    );
    expect(changeList(report)).toEqual(
      expect.arrayContaining([
        ['removed', 'link:service-role', `shop-web → ${GENERATED_ROLE_NAMES.web} (task role)`],
        ['added', 'link:service-role', `shop-web → ${GENERATED_ROLE_NAMES.worker} (task role)`],
      ]),
    );
    expect(report.changes.filter((c) => c.kind === 'iam-role')).toEqual([]);
  });

  it('reports what the template declares and the account lacks as removed, and a desired count changed', () => {
    const report = iacDrift(
      live((inventory) => {
        inventory.queues = inventory.queues.filter((q) => q.name !== 'shop-jobs-dlq');
        inventory.services[1]!.desiredCount = 3;
      }),
    );
    expect(changeList(report)).toEqual(
      expect.arrayContaining([
        ['changed', 'ecs-service', 'shop-worker'],
        ['removed', 'queue', 'shop-jobs-dlq'],
      ]),
    );
    expect(report.changes.find((c) => c.name === 'shop-worker')!.fields).toEqual([{ type: 'value', path: ['desiredCount'], before: 1, after: 3 }]);
  });

  it('leaves out live resources of other stacks, but reports one tagged with this stack', () => {
    const report = iacDrift(
      live((inventory) => {
        const other = structuredClone(inventory.queues[0]!);
        other.name = 'billing-events';
        other.arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:billing-events`;
        other.url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/billing-events`;
        other.tags = { 'aws:cloudformation:stack-name': 'billing', 'aws:cloudformation:logical-id': 'Events' };
        const stray = structuredClone(inventory.queues[0]!);
        stray.name = 'shop-stack-Retry-1A2B3C4D';
        stray.arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:shop-stack-Retry-1A2B3C4D`;
        stray.url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/shop-stack-Retry-1A2B3C4D`;
        stray.tags = { 'aws:cloudformation:stack-name': STACK, 'aws:cloudformation:logical-id': 'RetryQueue' };
        inventory.queues.push(other, stray);
      }),
    );
    expect(changeList(report)).toEqual([['added', 'queue', 'shop-stack-Retry-1A2B3C4D']]);
  });

  it('compares only what the template states: live-only tags and unset fields are no drift', () => {
    const report = iacDrift(
      live((inventory) => {
        inventory.buckets[0]!.tags = { ...inventory.buckets[0]!.tags, 'cost-center': '42' };
        inventory.dbInstances[0]!.tags = { ...inventory.dbInstances[0]!.tags, backup: 'daily' };
      }),
    );
    expect(report.changes).toEqual([]);
  });
});

describe('CloudFormation physical names', () => {
  it('recognizes <stack>-<logical id>-<suffix>, truncated parts included', () => {
    expect(looksGeneratedFrom('shop-stack-WebTaskRole-1RT2B8KQ0ZJ5X', 'shop-stack', 'WebTaskRole')).toBe(true);
    expect(looksGeneratedFrom('Topolo-EdgeL-1A2B3C4D5E6F', 'TopologyReference', 'EdgeLoadBalancer9EA98EDF')).toBe(true);
    expect(looksGeneratedFrom('topologyreference-databaseb269d8bb-x1y2z3w4', 'TopologyReference', 'DatabaseB269D8BB')).toBe(true);
  });

  it('rejects names of other stacks or resources', () => {
    expect(looksGeneratedFrom('billing-WebTaskRole-1RT2B8KQ0ZJ5X', 'shop-stack', 'WebTaskRole')).toBe(false);
    expect(looksGeneratedFrom('shop-stack-WorkerTaskRole-1RT2B8KQ0ZJ5X', 'shop-stack', 'WebTaskRole')).toBe(false);
    expect(looksGeneratedFrom('shop-web-task', 'shop-stack', 'WebTaskRole')).toBe(false);
    expect(looksGeneratedFrom('shop-stack-WebTaskRole', 'shop-stack', 'WebTaskRole')).toBe(false);
    expect(looksGeneratedFrom('shop-stack-WebTaskRole-Primary', 'shop-stack', 'WebTaskRole')).toBe(false);
  });
});
