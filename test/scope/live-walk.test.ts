import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { emptySelectors, type Inventory, type ScopeSelectors } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { collectAwsInventory } from '../../src/sources/aws/index.js';
import { ecsTargetsOf } from '../../src/sources/aws/ecs-targets.js';
import { SCOPED_WALK_NOTICE } from '../../src/sources/aws/scoped-walk.js';
import { REGION } from '../../src/sources/recorded-account/recorded/facts.js';
import { actionOf, AwsFake, TEST_CREDENTIALS, zeroDelayRetry } from '../support/aws-fake.js';

/** The recorded account (cluster shop: shop-web behind the ALB, shop-worker on the queue), walked through the loopback transport. */
async function walk(selectors?: ScopeSelectors): Promise<{ inventory: Inventory; actions: string[] }> {
  const fake = await AwsFake.recorded();
  // The recordings answer DescribeServices with every service whatever is asked; asked by name, answer what was asked.
  const recorded = JSON.parse(readFileSync('src/sources/recorded-account/recorded/ecs/DescribeServices.json', 'utf8')) as { services: { serviceName: string }[] };
  fake.reply('ecs', 'DescribeServices', { ...recorded, services: recorded.services.filter((s) => s.serviceName === 'shop-web') }, { match: { params: { 'services.0': 'shop-web' } } });
  const inventory = await collectAwsInventory({
    regions: [REGION],
    progress: silentProgress,
    credentials: TEST_CREDENTIALS,
    requestHandler: fake,
    retryStrategy: zeroDelayRetry(),
    ...(selectors === undefined ? {} : { selectors }),
  });
  return { inventory, actions: fake.served.map(actionOf) };
}

const count = (actions: string[], action: string) => actions.filter((a) => a === action).length;

describe('a scoped live walk reads ECS only where --cluster / --service point', () => {
  const service: ScopeSelectors = { ...emptySelectors(), services: ['shop/shop-web'] };

  it('makes fewer calls than the whole walk, every request counted at the transport', async () => {
    const full = await walk();
    const scoped = await walk(service);
    expect(scoped.actions.length).toBeLessThan(full.actions.length);
    expect(count(full.actions, 'ecs:ListClusters')).toBeGreaterThan(0);
    expect(count(scoped.actions, 'ecs:ListClusters')).toBe(0);
    expect(count(scoped.actions, 'ecs:ListServices')).toBe(0);
    expect(count(scoped.actions, 'ecs:DescribeTaskDefinition')).toBe(count(full.actions, 'ecs:DescribeTaskDefinition') - 1);
    expect(scoped.inventory.services.map((s) => s.name)).toEqual(['shop-web']);
    expect(full.inventory.services.map((s) => s.name).sort()).toEqual(['shop-web', 'shop-worker']);
  });

  it('takes in the same application as the whole walk, and says what it did not read', async () => {
    const config = {};
    const fromFull = buildTopology((await walk()).inventory, config, { selectors: service, public: false });
    const fromScoped = buildTopology((await walk(service)).inventory, config, { selectors: service, public: false });
    for (const collection of ['services', 'targetGroups', 'loadBalancers', 'dbInstances', 'queues', 'buckets', 'securityGroups'] as const) {
      expect(fromScoped.inventory[collection], collection).toEqual(fromFull.inventory[collection]);
    }
    expect(fromScoped.inventory.sourceWarnings).toContainEqual({ code: 'info', message: SCOPED_WALK_NOTICE });
    expect(fromFull.inventory.sourceWarnings ?? []).not.toContainEqual({ code: 'info', message: SCOPED_WALK_NOTICE });
  });

  it('--cluster skips ListClusters; ecsTargetsOf reads only --cluster and --service', async () => {
    const cluster = await walk({ ...emptySelectors(), clusters: ['shop'] });
    expect(count(cluster.actions, 'ecs:ListClusters')).toBe(0);
    expect(count(cluster.actions, 'ecs:ListServices')).toBe(1);
    expect(cluster.inventory.services).toHaveLength(2);
    expect(ecsTargetsOf({ ...emptySelectors(), clusters: ['shop'], tags: [{ key: 'app', value: 'x' }] })).toBeUndefined();
    expect(ecsTargetsOf({ ...emptySelectors(), vpcs: ['vpc-1'] })).toBeUndefined();
    expect(ecsTargetsOf({ ...emptySelectors(), services: ['arn:aws:ecs:us-east-1:1:service/shop/shop-web'] })).toEqual({ clusters: [], services: [{ cluster: 'shop', service: 'shop-web' }] });
  });
});
