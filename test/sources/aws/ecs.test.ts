import { describe, expect, it } from 'vitest';
import { collectEcs, toEcsService } from '../../../src/sources/aws/ecs.js';
import { ACCOUNT, ARNS, IDS, NAMES, REGION } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';
import { shopInventory } from '../../fixtures/model/shop-account.js';

async function collect(fake: AwsFake) {
  const { ctx, recorder } = contextFor(fake, 'ecs');
  return { inventory: await collectEcs(ctx), coverage: recorder.result() };
}

const serviceArn = (n: number) => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/shop/batch-${String(n).padStart(2, '0')}`;
const sharedTaskDef = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/batch:3`;

/** A DescribeServices answer for exactly the services the request named (`services.0`...). */
function describeServicesEcho(fake: AwsFake): void {
  fake.route('ecs', 'DescribeServices', (request) => {
    const arns = Object.entries(request.params)
      .filter(([key]) => key.startsWith('services.'))
      .map(([, arn]) => arn);
    const services = arns.map((arn) => ({
      serviceArn: arn,
      serviceName: arn.slice(arn.lastIndexOf('/') + 1),
      clusterArn: ARNS.cluster,
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 2,
      launchType: 'FARGATE',
      // Every batch service shares one task definition except the last, which runs the web one.
      taskDefinition: arn === serviceArn(25) ? ARNS.webTaskDef : sharedTaskDef,
      loadBalancers: [],
      tags: [],
    }));
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ services, failures: [] }) };
  });
}

describe('collectEcs over the recorded account', () => {
  it('maps the shop cluster and the web service with its LB binding, network and circuit breaker', async () => {
    const { inventory, coverage } = await collect(await AwsFake.recorded());
    expect(inventory.clusters).toEqual([{ arn: ARNS.cluster, name: NAMES.cluster, region: REGION, tags: {} }]);
    expect(inventory.services?.map((s) => s.name)).toEqual([NAMES.webService, NAMES.workerService]);
    // The recording reads as the hand-built model of the same account.
    expect(inventory.services).toEqual(shopInventory().services);
    expect(inventory.services?.[0]?.loadBalancers).toEqual([{ targetGroupArn: ARNS.targetGroup, containerName: 'web', containerPort: 3000 }]);
    expect(inventory.services?.[0]?.deployment.circuitBreaker).toEqual({ enable: true, rollback: true });
    const worker = inventory.services?.[1];
    expect([worker?.securityGroupIds, worker?.loadBalancers, worker?.taskDefinitionArn]).toEqual([[IDS.sgWorker], [], ARNS.workerTaskDef]);
    expect(coverage).toEqual({ service: 'ecs', region: REGION, status: 'ok', missing: [] });
  });

  it('maps task definitions: roles, ports, environment and secrets references', async () => {
    const { inventory } = await collect(await AwsFake.recorded());
    const [web, worker] = inventory.taskDefinitions ?? [];
    expect([web?.arn, web?.taskRoleArn, web?.executionRoleArn, web?.cpu, web?.memory]).toEqual([ARNS.webTaskDef, ARNS.webTaskRole, ARNS.executionRole, '512', '1024']);
    expect(web?.containers[0]?.environment.map((e) => e.name)).toEqual(['DATABASE_URL', 'MEDIA_BUCKET', 'STORAGE_BACKEND', 'JOBS_QUEUE_URL', 'ORDERS_TABLE', 'PORT']);
    expect(web?.containers[0]?.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: `${ARNS.dbSecret}:password::` }]);
    expect(inventory.taskDefinitions).toEqual(shopInventory().taskDefinitions);
    expect([worker?.taskRoleArn, worker?.executionRoleArn]).toEqual([ARNS.workerTaskRole, ARNS.executionRole]);
  });

  it('asks for tags and page sizes the APIs allow', async () => {
    const fake = await AwsFake.recorded();
    await collect(fake);
    expect(fake.calls('ecs', 'ListClusters').map((r) => r.params.maxResults)).toEqual(['100']);
    expect(fake.calls('ecs', 'ListServices').map((r) => [r.params.cluster, r.params.maxResults])).toEqual([[ARNS.cluster, '100']]);
    expect(fake.calls('ecs', 'DescribeClusters').map((r) => r.params['include.0'])).toEqual(['TAGS']);
    expect(fake.calls('ecs', 'DescribeServices').map((r) => r.params['include.0'])).toEqual(['TAGS']);
    expect(fake.calls('ecs', 'DescribeTaskDefinition').map((r) => [r.params.taskDefinition, r.params['include.0']])).toEqual([
      [ARNS.webTaskDef, 'TAGS'],
      [ARNS.workerTaskDef, 'TAGS'],
    ]);
  });
});

describe('collectEcs batching', () => {
  it('walks three ListServices pages, describes 25 services in calls of 10, 10 and 5, and each task definition once', async () => {
    const fake = await AwsFake.recorded();
    const arns = Array.from({ length: 25 }, (_, i) => serviceArn(i + 1));
    fake.reply('ecs', 'ListServices', { serviceArns: arns.slice(0, 9), nextToken: 'page-2' });
    fake.reply('ecs', 'ListServices', { serviceArns: arns.slice(9, 18), nextToken: 'page-3' }, { match: { params: { nextToken: 'page-2' } } });
    fake.reply('ecs', 'ListServices', { serviceArns: arns.slice(18) }, { match: { params: { nextToken: 'page-3' } } });
    describeServicesEcho(fake);
    fake.reply('ecs', 'DescribeTaskDefinition', {
      taskDefinition: { taskDefinitionArn: sharedTaskDef, family: 'batch', revision: 3, containerDefinitions: [{ name: 'batch', image: 'batch:1' }] },
      tags: [],
    }, { match: { params: { taskDefinition: sharedTaskDef } } });

    const { inventory, coverage } = await collect(fake);

    expect(fake.calls('ecs', 'ListServices').map((r) => r.params.nextToken)).toEqual([undefined, 'page-2', 'page-3']);
    const batches = fake.calls('ecs', 'DescribeServices').map((r) => Object.keys(r.params).filter((k) => k.startsWith('services.')).length);
    expect(batches).toEqual([10, 10, 5]);
    expect(inventory.services?.map((s) => s.arn)).toEqual(arns);
    expect(fake.calls('ecs', 'DescribeTaskDefinition').map((r) => r.params.taskDefinition).sort()).toEqual([sharedTaskDef, ARNS.webTaskDef].sort());
    expect(inventory.taskDefinitions?.map((t) => t.arn).sort()).toEqual([sharedTaskDef, ARNS.webTaskDef].sort());
    expect(inventory.taskDefinitions?.find((t) => t.arn === sharedTaskDef)?.containers[0]).toEqual({
      name: 'batch',
      image: 'batch:1',
      essential: true,
      portMappings: [],
      environment: [],
      secrets: [],
    });
    expect(coverage.status).toBe('ok');
  });

  it('describes clusters 100 per call across ListClusters pages', async () => {
    const fake = new AwsFake();
    const clusterArns = Array.from({ length: 130 }, (_, i) => `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/c${i}`);
    fake.reply('ecs', 'ListClusters', { clusterArns: clusterArns.slice(0, 100), nextToken: 'c-2' });
    fake.reply('ecs', 'ListClusters', { clusterArns: clusterArns.slice(100) }, { match: { params: { nextToken: 'c-2' } } });
    fake.route('ecs', 'DescribeClusters', (request) => {
      const clusters = Object.entries(request.params)
        .filter(([key]) => key.startsWith('clusters.'))
        .map(([, arn]) => ({ clusterArn: arn, clusterName: arn.slice(arn.lastIndexOf('/') + 1), tags: [{ key: 'team', value: 'platform' }] }));
      return { status: 200, headers: {}, body: JSON.stringify({ clusters, failures: [] }) };
    });
    fake.reply('ecs', 'ListServices', { serviceArns: [] });

    const { inventory } = await collect(fake);

    const sizes = fake.calls('ecs', 'DescribeClusters').map((r) => Object.keys(r.params).filter((k) => k.startsWith('clusters.')).length);
    expect(sizes).toEqual([100, 30]);
    expect(inventory.clusters).toHaveLength(130);
    expect(inventory.clusters?.[129]).toEqual({ arn: clusterArns[129], name: 'c129', region: REGION, tags: { team: 'platform' } });
    expect(fake.calls('ecs', 'ListServices')).toHaveLength(130);
    expect(fake.calls('ecs', 'DescribeServices')).toEqual([]);
  });
});

describe('collectEcs failures', () => {
  it('keeps the clusters when DescribeServices is denied and names the missing call', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('ecs', 'DescribeServices', 'AccessDeniedException');
    const { inventory, coverage } = await collect(fake);
    expect(inventory.clusters).toHaveLength(1);
    expect(inventory.services).toEqual([]);
    expect(fake.calls('ecs', 'DescribeTaskDefinition')).toEqual([]);
    expect(coverage).toEqual({
      service: 'ecs',
      region: REGION,
      status: 'denied',
      missing: [{ action: 'ecs:DescribeServices', reason: 'denied', code: 'AccessDeniedException', resource: ARNS.cluster }],
    });
  });

  it('keeps the service when its task definition cannot be described', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('ecs', 'DescribeTaskDefinition', 'ClientException', { match: { params: { taskDefinition: ARNS.workerTaskDef } } });
    const { inventory, coverage } = await collect(fake);
    expect(inventory.services?.map((s) => s.taskDefinitionArn)).toEqual([ARNS.webTaskDef, ARNS.workerTaskDef]);
    expect(inventory.taskDefinitions?.map((t) => t.arn)).toEqual([ARNS.webTaskDef]);
    expect(coverage.missing).toEqual([
      { action: 'ecs:DescribeTaskDefinition', reason: 'error', code: 'ClientException', resource: ARNS.workerTaskDef },
    ]);
  });

  it('retries a throttled ListServices through the SDK and then collects normally', async () => {
    const fake = await AwsFake.recorded();
    fake.throttle('ecs', 'ListServices', 2);
    const { inventory, coverage } = await collect(fake);
    expect(fake.calls('ecs', 'ListServices').map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(inventory.services).toHaveLength(2);
    expect(coverage.status).toBe('ok');
  });
});

describe('toEcsService', () => {
  it('maps capacity providers, a public IP, a classic ELB binding and a missing circuit breaker', () => {
    const service = toEcsService(
      {
        serviceArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/shop/legacy`,
        serviceName: 'legacy',
        clusterArn: ARNS.cluster,
        desiredCount: 0,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
          { capacityProvider: 'FARGATE', weight: 1, base: 1 },
        ],
        taskDefinition: ARNS.webTaskDef,
        networkConfiguration: { awsvpcConfiguration: { subnets: [IDS.subnetPublicA], securityGroups: [IDS.sgWeb], assignPublicIp: 'ENABLED' } },
        loadBalancers: [{ loadBalancerName: 'legacy-elb', containerName: 'web', containerPort: 80 }],
        deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 0 },
      },
      'eu-west-1',
    );
    expect(service).toMatchObject({
      region: 'eu-west-1',
      desiredCount: 0,
      capacityProviders: ['FARGATE_SPOT', 'FARGATE'],
      subnetIds: [IDS.subnetPublicA],
      assignPublicIp: true,
      loadBalancers: [{ loadBalancerName: 'legacy-elb', containerName: 'web', containerPort: 80 }],
      deployment: { minimumHealthyPercent: 0, maximumPercent: 100 },
      tags: {},
    });
    expect(service.launchType).toBeUndefined();
    expect(service.deployment.circuitBreaker).toBeUndefined();
  });
});
