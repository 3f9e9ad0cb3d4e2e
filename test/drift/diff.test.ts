import { describe, expect, it } from 'vitest';
import { defaultIgnorePatterns, ignoresFromArgs } from '../../src/drift/ignore.js';
import type { Inventory, Queue, TargetGroup } from '../../src/model/index.js';
import { ARNS, IDS, NAMES, REGION, ACCOUNT, shopInventory } from '../fixtures/model/shop-account.js';
import { changeList, driftBetween, reordered, textOf } from './support/bodies.js';

const shop = shopInventory;

function modified(change: (inventory: Inventory) => void): Inventory {
  const inventory = shop();
  change(inventory);
  return inventory;
}

const V2_TG = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/shop-web-v2-tg/0f1e2d3c4b5a6978`;

function secondTargetGroup(inventory: Inventory): void {
  const v2: TargetGroup = { ...structuredClone(inventory.targetGroups[0]!), arn: V2_TG, name: 'shop-web-v2-tg' };
  inventory.targetGroups.push(v2);
}

/** The HTTPS default action as a weighted forward to both target groups. */
function weighted(weights: [number, number]) {
  return (inventory: Inventory) => {
    secondTargetGroup(inventory);
    const forward = {
      type: 'forward',
      targetGroups: [
        { targetGroupArn: ARNS.targetGroup, weight: weights[0] },
        { targetGroupArn: V2_TG, weight: weights[1] },
      ],
    };
    inventory.listeners.find((l) => l.arn === ARNS.listenerHttps)!.defaultActions = [forward];
    inventory.listenerRules.find((r) => r.arn === ARNS.ruleHttpsDefault)!.actions = [structuredClone(forward)];
  };
}

/** shop-db-sg no longer admits the worker's group: no worker → database link. */
function withoutWorkerDatabaseRule(inventory: Inventory): void {
  const db = inventory.securityGroups.find((g) => g.id === IDS.sgDb)!;
  db.inbound = db.inbound.filter((rule) => !(rule.peer.kind === 'security-group' && rule.peer.groupId === IDS.sgWorker));
}

describe('no drift', () => {
  it('for the same account', () => {
    const report = driftBetween(shop(), shop());
    expect(report.changes).toEqual([]);
    expect(textOf(report)).toBe('No drift: the current topology matches the expected one.\n  expected: snapshot shop.json\n  current:  shop now\n');
  });

  it('for re-ordered API responses', () => {
    expect(driftBetween(shop(), reordered(shop())).changes).toEqual([]);
  });

  it('for a re-run collection whose volatile values moved', () => {
    const rerun = modified((inventory) => {
      inventory.services[1]!.runningCount = 3;
      inventory.services[1]!.status = 'DRAINING';
      inventory.targetGroups[0]!.targetHealth = { total: 3, healthy: 1, unhealthy: 2 };
      inventory.dbInstances[0]!.status = 'modifying';
      inventory.coverage = [{ service: 'rds', region: REGION, status: 'ok', missing: [] }];
    });
    expect(driftBetween(shop(), rerun).changes).toEqual([]);
  });
});

describe('each kind of change', () => {
  it('an SG rule added', () => {
    const current = modified((inventory) => {
      inventory.securityGroups
        .find((g) => g.id === IDS.sgDb)!
        .inbound.push({ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr', cidr: '10.30.0.0/16' }, description: 'partner vpn' });
    });
    const report = driftBetween(shop(), current);
    expect(changeList(report)).toEqual([['changed', 'security-group', 'shop-db-sg']]);
    expect(textOf(report)).toContain('Security groups and rules\n  ~ security-group shop-db-sg\n      inbound:\n        + tcp 5432 from 10.30.0.0/16 "partner vpn"\n');
  });

  it('an SG rule removed, with the link it made', () => {
    const report = driftBetween(shop(), modified(withoutWorkerDatabaseRule));
    expect(changeList(report)).toEqual([
      ['changed', 'security-group', 'shop-db-sg'],
      ['removed', 'link:service-db', 'shop-worker → shop-db'],
    ]);
    const text = textOf(report);
    expect(text).toContain('      inbound:\n        - tcp 5432 from shop-worker-sg\n');
    expect(text).toContain('Links: ECS → RDS\n  - shop-worker → shop-db (via sg-reference)\n');
  });

  it('a service moved to another target group: one link removed, one added', () => {
    const current = modified((inventory) => {
      secondTargetGroup(inventory);
      inventory.services[0]!.loadBalancers = [{ targetGroupArn: V2_TG, containerName: 'web', containerPort: 3000 }];
    });
    const report = driftBetween(shop(), current);
    expect(changeList(report)).toEqual([
      ['added', 'target-group', 'shop-web-v2-tg'],
      ['changed', 'ecs-service', 'shop-web'],
      ['removed', 'link:target-service', 'shop-web-tg → shop-web'],
      ['added', 'link:target-service', 'shop-web-v2-tg → shop-web'],
    ]);
    const text = textOf(report);
    expect(text).toContain('  ~ ecs-service shop-web\n      loadBalancers:\n        + containerName=web, containerPort=3000, targetGroupArn=shop-web-v2-tg\n        - containerName=web, containerPort=3000, targetGroupArn=shop-web-tg\n');
    expect(text).toContain('Links: target group → ECS service\n  - shop-web-tg → shop-web (via lb-binding)\n  + shop-web-v2-tg → shop-web (via lb-binding)\n');
  });

  it('a forward weight changed, on the rule and on the link', () => {
    const report = driftBetween(modified(weighted([90, 10])), modified(weighted([50, 50])));
    expect(changeList(report)).toEqual([
      ['changed', 'listener', 'shop-edge-alb HTTPS:443'],
      ['changed', 'listener-rule', 'shop-edge-alb HTTPS:443 rule default'],
      ['changed', 'link:rule-target', 'shop-edge-alb HTTPS:443 rule default → shop-web-tg'],
      ['changed', 'link:rule-target', 'shop-edge-alb HTTPS:443 rule default → shop-web-v2-tg'],
    ]);
    const text = textOf(report);
    expect(text).toContain('  ~ listener-rule shop-edge-alb HTTPS:443 rule default\n      actions.1.targetGroups.shop-web-tg.weight: 90 → 50\n      actions.1.targetGroups.shop-web-v2-tg.weight: 10 → 50\n');
    expect(text).toContain('  ~ shop-edge-alb HTTPS:443 rule default → shop-web-v2-tg\n      weight: 10 → 50\n');
  });

  it('a listener port changed', () => {
    const current = modified((inventory) => {
      inventory.listeners.find((l) => l.arn === ARNS.listenerHttp)!.port = 8080;
    });
    const report = driftBetween(shop(), current);
    expect(changeList(report)).toEqual([
      ['changed', 'listener', 'shop-edge-alb HTTP:80'],
      ['changed', 'link:lb-listener', 'shop-edge-alb → shop-edge-alb HTTP:80'],
    ]);
    expect(textOf(report)).toContain('Listeners and rules\n  ~ listener shop-edge-alb HTTP:80\n      port: 80 → 8080\n');
    expect(report.changes[1]!.fields).toEqual([
      { type: 'value', path: ['fromPort'], before: 80, after: 8080 },
      { type: 'value', path: ['toPort'], before: 80, after: 8080 },
    ]);
  });

  it('a new RDS link: the worker admitted to the database', () => {
    const report = driftBetween(modified(withoutWorkerDatabaseRule), shop());
    expect(changeList(report)).toContainEqual(['added', 'link:service-db', 'shop-worker → shop-db']);
    expect(textOf(report)).toContain('Links: ECS → RDS\n  + shop-worker → shop-db (via sg-reference)\n');
  });

  it('a new S3 link: a reports bucket the worker names in its environment', () => {
    const current = modified((inventory) => {
      inventory.buckets.push({ ...structuredClone(inventory.buckets[0]!), name: 'shop-reports-123456789012', arn: 'arn:aws:s3:::shop-reports-123456789012', policy: null });
      inventory.taskDefinitions[1]!.containers[0]!.environment.push({ name: 'REPORTS_BUCKET', value: 'shop-reports-123456789012' });
    });
    const report = driftBetween(shop(), current);
    expect(changeList(report)).toEqual([
      ['changed', 'task-definition', 'shop-worker'],
      ['added', 'bucket', 'shop-reports-123456789012'],
      ['added', 'link:service-bucket', 'shop-worker → shop-reports-123456789012'],
    ]);
    const text = textOf(report);
    expect(text).toContain('      containers.worker.environment:\n        + name=REPORTS_BUCKET, value=shop-reports-123456789012\n');
    expect(text).toContain('Links: ECS → S3\n  + shop-worker → shop-reports-123456789012 (via env)\n');
  });

  it('a new SQS link: the web service sends to a new queue', () => {
    const emails: Queue = {
      ...structuredClone(shop().queues[1]!),
      name: 'shop-emails',
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:shop-emails`,
      url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/shop-emails`,
    };
    const current = modified((inventory) => {
      inventory.queues.push(emails);
      inventory.taskDefinitions[0]!.containers[0]!.environment.push({ name: 'EMAIL_QUEUE_URL', value: emails.url });
    });
    const report = driftBetween(shop(), current);
    expect(changeList(report)).toContainEqual(['added', 'link:service-queue', 'shop-web → shop-emails']);
    expect(changeList(report)).toContainEqual(['added', 'queue', 'shop-emails']);
    expect(textOf(report)).toContain('Links: ECS → SQS\n  + shop-web → shop-emails (via env)\n');
  });

  it('a task role swapped', () => {
    const current = modified((inventory) => {
      inventory.taskDefinitions[0]!.taskRoleArn = ARNS.workerTaskRole;
    });
    const report = driftBetween(shop(), current);
    expect(changeList(report)).toEqual(
      expect.arrayContaining([
        ['changed', 'task-definition', 'shop-web'],
        ['removed', 'link:service-role', 'shop-web → shop-web-task (task role)'],
        ['added', 'link:service-role', 'shop-web → shop-worker-task (task role)'],
      ]),
    );
    const text = textOf(report);
    expect(text).toContain('  ~ task-definition shop-web\n      taskRoleArn: shop-web-task → shop-worker-task\n');
    expect(text).toContain('Links: ECS → IAM roles\n  - shop-web → shop-web-task (task role) (via task-role)\n  + shop-web → shop-worker-task (task role) (via task-role)\n');
  });

  it('a queue removed and a DNS record added', () => {
    const current = modified((inventory) => {
      inventory.queues = inventory.queues.filter((q) => q.name !== 'shop-jobs-dlq');
      inventory.dnsRecords.push({ zoneId: IDS.zone, name: 'api.corp.io.', type: 'CNAME', ttl: 300, values: [NAMES.albDns] });
    });
    const report = driftBetween(shop(), current);
    expect(changeList(report)).toEqual([
      ['added', 'dns-record', 'api.corp.io. CNAME'],
      ['removed', 'queue', 'shop-jobs-dlq'],
      ['added', 'link:dns-alias', 'api.corp.io. CNAME → shop-edge-alb'],
    ]);
  });
});

describe('ignores', () => {
  const deployed = () =>
    modified((inventory) => {
      const definition = inventory.taskDefinitions[0]!;
      definition.arn = ARNS.webTaskDef.replace(':42', ':43');
      definition.revision = 43;
      definition.containers[0]!.image = definition.containers[0]!.image.replace(':2026-11-20', ':2026-12-01');
      inventory.services[0]!.taskDefinitionArn = definition.arn;
    });

  it('by default, a new revision with a new image tag is no drift, and is counted as ignored', () => {
    const report = driftBetween(shop(), deployed());
    expect(report.changes).toEqual([]);
    expect(report.ignored).toBe(3);
    expect(textOf(report)).toMatch(/^No drift: the current topology matches the expected one \(3 change\(s\) ignored\)\.\n/);
  });

  it('without the defaults, the revision and the tag show', () => {
    const report = driftBetween(shop(), deployed(), { ignore: [] });
    const text = textOf(report);
    expect(text).toContain('  ~ ecs-service shop-web\n      taskDefinitionRevision: 42 → 43\n');
    expect(text).toContain('  ~ task-definition shop-web\n      containers.web.imageTag: 2026-11-20 → 2026-12-01\n      revision: 42 → 43\n');
  });

  it('a new image repository is still drift under the defaults', () => {
    const current = modified((inventory) => {
      inventory.taskDefinitions[0]!.containers[0]!.image = 'public.ecr.aws/nginx/nginx:1.27';
    });
    expect(textOf(driftBetween(shop(), current))).toContain(`      containers.web.image: ${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/shop-web → public.ecr.aws/nginx/nginx\n`);
  });

  it('a KIND/NAME pattern ignores whole resources; a KIND/NAME/FIELD pattern one field', () => {
    const current = modified((inventory) => {
      inventory.queues = inventory.queues.filter((q) => q.name !== 'shop-jobs-dlq');
      inventory.services[0]!.desiredCount = 4;
      inventory.services[1]!.desiredCount = 2;
      inventory.services[1]!.assignPublicIp = true;
    });
    const ignore = [...defaultIgnorePatterns(), ...ignoresFromArgs(['queue/*-dlq', 'ecs-service/*/desiredCount'])];
    const report = driftBetween(shop(), current, { ignore });
    expect(changeList(report)).toEqual([['changed', 'ecs-service', 'shop-worker']]);
    expect(report.changes[0]!.fields).toEqual([{ type: 'value', path: ['assignPublicIp'], before: false, after: true }]);
    expect(report.ignored).toBe(3);
  });
});
