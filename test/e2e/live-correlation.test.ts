import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import { dnsRecordId, type Edge, type EdgeKind } from '../../src/model/index.js';
import { ARNS, IDS, NAMES } from '../../src/sources/recorded-account/recorded/facts.js';
import { RECORDED_DIR } from '../../src/sources/recorded-account/recordings.js';
import { AwsFake, collect } from '../support/aws-fake.js';

/**
 * The live path end to end: the real SDK clients collect the recorded account through the wire
 * fake, and correlation over what they collected gives the reference page's connections.
 */

function links(edges: Edge[], kind: EdgeKind): string[] {
  return edges
    .filter((e) => e.kind === kind)
    .map((e) => `${e.from.id} -> ${e.to.id} [${e.evidence.map((x) => x.matchType).join(',')}]${e.attributes.direction ? ` ${e.attributes.direction}` : ''}`)
    .sort();
}

describe('live collection → correlation', () => {
  it('connects Route53 → ALB → listeners → target group → web service → RDS / S3 / SQS', async () => {
    const inventory = await collect(await AwsFake.recorded());
    const edges = correlate(inventory);
    const record = inventory.dnsRecords.find((r) => r.type === 'A' && r.aliasTarget)!;
    expect(links(edges, 'dns-alias')).toEqual([`${dnsRecordId(record)} -> ${ARNS.alb} [alias-dns]`]);
    expect(links(edges, 'rule-target')).toEqual([
      `${ARNS.ruleHttpDefault} -> ${ARNS.targetGroup} [default-action]`,
      `${ARNS.ruleHttpsDefault} -> ${ARNS.targetGroup} [default-action]`,
    ]);
    expect(links(edges, 'target-service')).toEqual([`${ARNS.targetGroup} -> ${ARNS.webService} [lb-binding]`]);
    expect(links(edges, 'service-db')).toEqual([
      `${ARNS.webService} -> ${ARNS.db} [sg-reference,env]`,
      `${ARNS.workerService} -> ${ARNS.db} [sg-reference]`,
    ]);
    expect(links(edges, 'service-bucket').filter((l) => l.includes(ARNS.bucket))).toEqual([
      `${ARNS.webService} -> ${ARNS.bucket} [env,iam-policy]`,
      `${ARNS.workerService} -> ${ARNS.bucket} [env,iam-policy]`,
    ]);
    expect(links(edges, 'service-queue')).toEqual([
      `${ARNS.webService} -> ${ARNS.queue} [env,iam-policy] producer`,
      `${ARNS.workerService} -> ${ARNS.queue} [env,iam-policy] consumer`,
    ]);
    expect(links(edges, 'sg-ingress').filter((l) => l.includes(`-> ${IDS.sgDb}`))).toEqual([
      `10.0.0.0/16 -> ${IDS.sgDb} [sg-rule]`,
      `10.20.0.0/16 -> ${IDS.sgDb} [sg-rule]`,
      `${IDS.sgWeb} -> ${IDS.sgDb} [sg-rule]`,
      `${IDS.sgWorker} -> ${IDS.sgDb} [sg-rule]`,
    ]);
    expect(edges.find((e) => e.kind === 'dns-alias')?.evidence[0]?.matchedValue).toBe(NAMES.albAliasTarget);
  });

  it('shows a task role shared by both services once both task definitions name it', async () => {
    const fake = await AwsFake.recorded();
    const worker = JSON.parse(await readFile(join(RECORDED_DIR, 'ecs', 'DescribeTaskDefinition.worker.json'), 'utf8')) as {
      taskDefinition: { taskRoleArn: string };
    };
    worker.taskDefinition.taskRoleArn = ARNS.webTaskRole;
    fake.reply('ecs', 'DescribeTaskDefinition', worker, { match: { params: { taskDefinition: ARNS.workerTaskDef } } });
    const inventory = await collect(fake);
    expect(inventory.roles.map((r) => r.arn).sort()).toEqual([ARNS.executionRole, ARNS.webTaskRole].sort());
    const taskRoleUsers = correlate(inventory)
      .filter((e) => e.kind === 'service-role' && e.attributes.roleSlot === 'task')
      .map((e) => `${e.from.id} -> ${e.to.id}`)
      .sort();
    expect(taskRoleUsers).toEqual([`${ARNS.webService} -> ${ARNS.webTaskRole}`, `${ARNS.workerService} -> ${ARNS.webTaskRole}`]);
  });
});
