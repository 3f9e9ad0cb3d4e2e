import { describe, expect, it } from 'vitest';
import { HttpRequest } from '@smithy/protocol-http';
import { collectAwsInventory } from '../../../src/sources/aws/index.js';
import { silentProgress } from '../../../src/cli/progress.js';
import { isPartial } from '../../../src/model/coverage.js';
import { loadRecordedAccountInventory, RECORDED_ACCOUNT_LABEL } from '../../../src/sources/recorded-account.js';
import { mergeInventories, taskRoleArns } from '../../../src/sources/aws/index.js';
import { emptyInventory } from '../../../src/model/index.js';
import { ACCOUNT, ARNS, IDS, NAMES } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, collect, serveOverHttp, TEST_CREDENTIALS, zeroDelayRetry } from '../../support/aws-fake.js';
import { defaultConcurrency } from '../../../src/sources/aws/concurrency.js';

describe('collectAwsInventory over the recorded account', () => {
  it('collects every service of the account with full coverage', async () => {
    const inventory = await collect(await AwsFake.recorded());
    expect(inventory.source).toEqual({ kind: 'aws', label: `aws account ${ACCOUNT}` });
    expect([inventory.accountId, inventory.partition, inventory.regions]).toEqual([ACCOUNT, 'aws', ['us-east-1']]);
    expect(inventory.coverage.map((c) => `${c.service}:${c.region}:${c.status}`)).toEqual([
      'dynamodb:us-east-1:ok',
      'ec2:us-east-1:ok',
      'ecs:us-east-1:ok',
      'elbv2:us-east-1:ok',
      'iam:global:ok',
      'rds:us-east-1:ok',
      'route53:global:ok',
      's3:global:ok',
      'sqs:us-east-1:ok',
      'sts:global:ok',
    ]);
    expect(isPartial(inventory.coverage)).toBe(false);
  });

  it('holds the chain from DNS to the services and their data stores', async () => {
    const inventory = await collect(await AwsFake.recorded());
    expect(inventory.dnsRecords.map((r) => [r.name, r.type, r.aliasTarget?.dnsName])).toEqual([[NAMES.record, 'A', NAMES.albAliasTarget]]);
    expect(inventory.loadBalancers.map((lb) => [lb.name, lb.scheme, lb.dnsName, lb.securityGroupIds])).toEqual([
      [NAMES.alb, 'internet-facing', NAMES.albDns, [IDS.sgAlb]],
    ]);
    expect(inventory.listeners.map((l) => [l.protocol, l.port, l.certificateArns, l.defaultActions[0]?.targetGroups])).toEqual([
      ['HTTP', 80, [], [{ targetGroupArn: ARNS.targetGroup }]],
      ['HTTPS', 443, [ARNS.certificate], [{ targetGroupArn: ARNS.targetGroup }]],
    ]);
    expect(inventory.targetGroups.map((tg) => [tg.name, tg.port, tg.targetType])).toEqual([[NAMES.targetGroup, 3000, 'ip']]);
    expect(inventory.services.map((s) => [s.name, s.taskDefinitionArn, s.securityGroupIds, s.subnetIds, s.loadBalancers])).toEqual([
      [
        NAMES.webService,
        ARNS.webTaskDef,
        [IDS.sgWeb],
        [IDS.subnetPrivateA, IDS.subnetPrivateB],
        [{ targetGroupArn: ARNS.targetGroup, containerName: 'web', containerPort: 3000 }],
      ],
      [NAMES.workerService, ARNS.workerTaskDef, [IDS.sgWorker], [IDS.subnetPrivateA, IDS.subnetPrivateB], []],
    ]);
    expect(inventory.taskDefinitions.map((td) => [td.family, td.taskRoleArn, td.executionRoleArn])).toEqual([
      ['shop-web', ARNS.webTaskRole, ARNS.executionRole],
      ['shop-worker', ARNS.workerTaskRole, ARNS.executionRole],
    ]);
    expect(inventory.roles.map((r) => r.arn)).toEqual([ARNS.executionRole, ARNS.webTaskRole, ARNS.workerTaskRole]);
    expect(inventory.dbInstances.map((db) => [db.identifier, db.endpoint?.address, db.securityGroupIds])).toEqual([[NAMES.db, NAMES.dbEndpoint, [IDS.sgDb]]]);
    expect(inventory.buckets.map((b) => [b.name, b.region])).toEqual([[NAMES.bucket, 'us-east-1']]);
    expect(inventory.queues.map((q) => [q.name, q.redrive?.deadLetterTargetArn])).toEqual([
      [NAMES.queue, ARNS.dlq],
      [NAMES.dlq, undefined],
    ]);
    expect(inventory.subnets.map((s) => s.tier)).toEqual(['public', 'public', 'private', 'private', 'isolated', 'isolated']);
  });

  it('asks IAM only after ECS, only about the task roles, and describes each task definition once', async () => {
    const fake = await AwsFake.recorded();
    await collect(fake);
    const order = fake.served.map((r) => `${r.service}:${r.operation}`);
    const lastEcs = order.lastIndexOf('ecs:DescribeTaskDefinition');
    const firstIam = order.findIndex((op) => op.startsWith('iam:'));
    expect(lastEcs).toBeGreaterThan(-1);
    expect(firstIam).toBeGreaterThan(lastEcs);
    expect(order[0]).toBe('sts:GetCallerIdentity');
    expect(fake.calls('ecs', 'DescribeTaskDefinition').map((r) => r.params.taskDefinition).sort()).toEqual([ARNS.webTaskDef, ARNS.workerTaskDef]);
    expect(fake.unrouted).toEqual([]);
  });

  it('reports progress through the given sink', async () => {
    const steps: string[] = [];
    await collect(await AwsFake.recorded(), { progress: { step: (m) => steps.push(m) } });
    expect(steps[0]).toBe('checking credentials (sts:GetCallerIdentity, us-east-1)');
    expect(steps).toContain('collecting ec2 (us-east-1)');
    expect(steps).toContain('collecting iam (global)');
    expect(steps.at(-1)).toBe(`collected 1 region(s) of account ${ACCOUNT}`);
  });
});

describe('the recorded demo', () => {
  it('is the same collection, labelled as a recorded demo account', async () => {
    const demo = await loadRecordedAccountInventory({ step() {} });
    const live = await collect(await AwsFake.recorded());
    expect(demo.source).toEqual({ kind: 'demo', label: RECORDED_ACCOUNT_LABEL });
    expect(RECORDED_ACCOUNT_LABEL).toContain('recorded demo account 123456789012');
    expect({ ...demo, source: live.source }).toEqual(live);
  });
});

describe('several regions', () => {
  it('collects each region, the global services once, and files coverage per region', async () => {
    const fake = await AwsFake.recorded();
    const eu = { match: { region: 'eu-west-1' } };
    fake.reply('ec2', 'DescribeVpcs', `<vpcSet><item><vpcId>vpc-0eu00000000000001</vpcId><cidrBlock>10.50.0.0/16</cidrBlock><isDefault>true</isDefault></item></vpcSet>`, eu);
    for (const op of ['DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeVpcEndpoints']) fake.reply('ec2', op, '', eu);
    fake.reply('elbv2', 'DescribeLoadBalancers', '<LoadBalancers/>', eu);
    fake.reply('elbv2', 'DescribeTargetGroups', '<TargetGroups/>', eu);
    fake.reply('ecs', 'ListClusters', { clusterArns: [] }, eu);
    fake.reply('rds', 'DescribeDBInstances', '<DBInstances/>', eu);
    fake.reply('rds', 'DescribeDBClusters', '<DBClusters/>', eu);
    fake.reply('sqs', 'ListQueues', {}, eu);
    fake.reply('dynamodb', 'ListTables', { TableNames: [] }, eu);
    const inventory = await collect(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(inventory.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(inventory.vpcs.map((v) => [v.id, v.region])).toEqual([
      [IDS.vpc, 'us-east-1'],
      ['vpc-0eu00000000000001', 'eu-west-1'],
    ]);
    expect(inventory.coverage.filter((c) => c.region === 'eu-west-1').map((c) => `${c.service}:${c.status}`)).toEqual([
      'dynamodb:ok',
      'ec2:ok',
      'ecs:ok',
      'elbv2:ok',
      'rds:ok',
      'sqs:ok',
    ]);
    expect(inventory.coverage).toHaveLength(16);
    expect(fake.calls('sts').map((r) => r.region)).toEqual(['us-east-1']);
    expect(fake.calls('route53', 'ListHostedZones')).toHaveLength(1);
    expect(fake.calls('s3', 'ListBuckets').map((r) => r.region)).toEqual(['us-east-1']);
    expect(fake.calls('iam', 'GetAccountAuthorizationDetails').length).toBeGreaterThan(0);
    expect(fake.unrouted).toEqual([]);
  });
});

describe('--endpoint-url', () => {
  it('sends every request to that host, and S3 requests path-style', async () => {
    const fake = await AwsFake.recorded();
    const inventory = await collect(fake, { endpointUrl: 'http://localhost:4566' });
    expect(new Set(fake.served.map((r) => r.host))).toEqual(new Set(['localhost:4566']));
    const s3 = fake.calls('s3');
    expect(s3.find((r) => r.operation === 'ListBuckets')?.path).toBe('/');
    const bucketCalls = s3.filter((r) => r.operation !== 'ListBuckets');
    expect(bucketCalls.length).toBeGreaterThan(0);
    for (const call of bucketCalls) expect(call.path.startsWith(`/${NAMES.bucket}`)).toBe(true);
    expect(inventory.buckets.map((b) => b.name)).toEqual([NAMES.bucket]);
    expect(inventory.source.label).toBe(`aws account ${ACCOUNT} via http://localhost:4566`);
  });

  it('collects the account over real HTTP from a local endpoint, with the SDK\'s own HTTP handler', async () => {
    const fake = await AwsFake.recorded();
    const { url, server } = await serveOverHttp(fake);
    try {
      const inventory = await collectAwsInventory({
        regions: ['us-east-1'],
        endpointUrl: url,
        credentials: TEST_CREDENTIALS,
        retryStrategy: zeroDelayRetry(),
        progress: silentProgress,
      });
      expect(inventory.coverage.every((c) => c.status === 'ok')).toBe(true);
      expect([inventory.loadBalancers.length, inventory.services.length, inventory.buckets.length, inventory.queues.length]).toEqual([1, 2, 1, 2]);
      expect(fake.calls('s3').every((r) => r.path === '/' || r.path.startsWith(`/${NAMES.bucket}`))).toBe(true);
    } finally {
      server.close();
    }
  });

  it('addresses S3 buckets by virtual host without it', async () => {
    const fake = await AwsFake.recorded();
    await collect(fake);
    const bucketCalls = fake.calls('s3').filter((r) => r.operation !== 'ListBuckets');
    expect(new Set(bucketCalls.map((r) => r.host))).toEqual(new Set([`${NAMES.bucket}.s3.us-east-1.amazonaws.com`]));
  });
});

describe('concurrency', () => {
  it('never has more requests of one service in flight than the bound', async () => {
    const { counting, inFlight } = await thirtyTargetGroups();
    const inventory = await collect(counting, { concurrency: 3 });
    expect(inventory.targetGroups).toHaveLength(30);
    expect(inFlight.most).toBe(3);
  });

  it('lets a service spend its rate bucket\'s burst at once when no bound is given', async () => {
    const { fake, counting, inFlight } = await thirtyTargetGroups();
    const inventory = await collect(counting);
    expect(inventory.targetGroups).toHaveLength(30);
    // 30 DescribeTargetHealth calls and the DescribeTags / DescribeListeners of the same step, all within ELB's burst of 40.
    expect(inFlight.most).toBeGreaterThanOrEqual(30);
    expect(inFlight.most).toBeLessThanOrEqual(defaultConcurrency('elbv2'));
    expect(defaultConcurrency('elbv2')).toBe(40);
    expect(fake.unrouted).toEqual([]);
  });
});

async function thirtyTargetGroups() {
  const fake = await AwsFake.recorded();
  const numbers = Array.from({ length: 30 }, (_, i) => i);
  const arn = (n: number) => `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/tg-${n}/${String(n).padStart(16, '0')}`;
  fake.reply(
    'elbv2',
    'DescribeTargetGroups',
    `<TargetGroups>${numbers.map((n) => `<member><TargetGroupArn>${arn(n)}</TargetGroupArn><TargetGroupName>tg-${n}</TargetGroupName><TargetType>ip</TargetType></member>`).join('')}</TargetGroups>`,
  );
  fake.reply('elbv2', 'DescribeTargetHealth', '<TargetHealthDescriptions/>');
  const inFlight = { now: 0, most: 0 };
  const counting = {
    async handle(request: HttpRequest) {
      const elb = request.hostname.startsWith('elasticloadbalancing.');
      if (elb) inFlight.most = Math.max(inFlight.most, ++inFlight.now);
      try {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return await fake.handle(request);
      } finally {
        if (elb) inFlight.now -= 1;
      }
    },
  };
  return { fake, counting, inFlight };
}

describe('merging', () => {
  it('orders every list by identity and collapses duplicates', () => {
    const vpc = (id: string) => ({ id, region: 'us-east-1', cidrBlocks: [], isDefault: false, tags: {} });
    const merged = mergeInventories(emptyInventory({ kind: 'aws', label: 'x' }), [{ vpcs: [vpc('vpc-b'), vpc('vpc-a')] }, { vpcs: [vpc('vpc-a')] }, {}]);
    expect(merged.vpcs.map((v) => v.id)).toEqual(['vpc-a', 'vpc-b']);
  });

  it('gathers each task and execution role once', () => {
    const td = (task: string | undefined, execution: string) => ({
      arn: `td-${task}`,
      family: 'f',
      revision: 1,
      region: 'us-east-1',
      taskRoleArn: task,
      executionRoleArn: execution,
      requiresCompatibilities: [],
      containers: [],
    });
    expect(taskRoleArns([{ taskDefinitions: [td('role/b', 'role/x'), td(undefined, 'role/x')] }, { taskDefinitions: [td('role/a', 'role/x')] }])).toEqual([
      'role/a',
      'role/b',
      'role/x',
    ]);
  });
});
