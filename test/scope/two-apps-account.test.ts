import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { emptySelectors, indexInventory, nameFromId, NODE_KIND_LABELS, resourceName, stubText, type ScopeSelectors, type Topology } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { pathsJson } from '../../src/render/paths.js';
import { collectAwsInventory } from '../../src/sources/aws/index.js';
import { ECS_TARGETS_NOTICE, ecsTargetsOf } from '../../src/sources/aws/ecs-targets.js';
import { addRecordings } from '../../src/sources/recorded-account/recordings.js';
import { TWO_APPS_ARNS, TWO_APPS_DIR, TWO_APPS_REGION } from '../fixtures/recorded/two-apps/facts.js';
import { actionOf, AwsFake, TEST_CREDENTIALS, zeroDelayRetry } from '../support/aws-fake.js';

/**
 * The recorded two-application account (test/fixtures/recorded/two-apps): orders and billing share
 * one VPC, one ALB (host rules 10 and 20 on its HTTPS listener) and one database. Walked through the
 * loopback transport with the real SDK clients; every request counted there.
 */
async function walk(selectors?: ScopeSelectors): Promise<{ topology: Topology; requests: string[] }> {
  const fake = (await addRecordings(new AwsFake(), TWO_APPS_DIR)) as AwsFake;
  const ecsTargets = ecsTargetsOf(selectors);
  const inventory = await collectAwsInventory({
    regions: [TWO_APPS_REGION],
    progress: silentProgress,
    credentials: TEST_CREDENTIALS,
    requestHandler: fake,
    retryStrategy: zeroDelayRetry(),
    ...(ecsTargets === undefined ? {} : { ecsTargets }),
  });
  expect(fake.unrouted.map((r) => `${r.service} ${r.operation}`)).toEqual([]);
  const topology = buildTopology(inventory, {}, selectors === undefined ? undefined : { selectors, public: false });
  return { topology, requests: fake.served.map(actionOf) };
}

interface PathsJson {
  requestPaths: { title: string; service: string; steps: { kind: string; name: string }[] }[];
}

const paths = (topology: Topology) => (JSON.parse(pathsJson(topology)) as PathsJson).requestPaths;
const chain = (topology: Topology) => paths(topology).map((path) => path.steps.map((step) => step.name).join(' > '));

/** Each stub as the SCOPE table words it: `shared-db: shared with 1 ECS service outside this scope`. */
function stubLines(topology: Topology): string[] {
  const index = indexInventory(topology.inventory);
  return (topology.scope?.stubs ?? []).map((stub) => `${resourceName(index, stub.node) ?? nameFromId(stub.node)}: ${stubText(stub, (kind) => NODE_KIND_LABELS[kind])}`).sort();
}

const tag = (key: string, value: string): ScopeSelectors => ({ ...emptySelectors(), tags: [{ key, value }] });
const stack = (name: string): ScopeSelectors => ({ ...emptySelectors(), stacks: [name] });
const service = (name: string): ScopeSelectors => ({ ...emptySelectors(), services: [name] });

const ORDERS_PATH = 'orders.shopco.io > shared-alb > HTTPS 443 > orders-tg > orders-web > shared-db > orders-jobs';
const BILLING_PATH = 'billing.shopco.io > shared-alb > HTTPS 443 > billing-tg > billing-web > shared-db > billing-invoices-111122223333';
/** What each application meets of the other: the shared database, listener, load balancer and groups, counted. */
const SHARED_STUBS = [
  'shared-alb HTTPS:443: 1 listener rule outside this scope sends traffic elsewhere',
  'shared-alb-sg: admitted by 1 security group outside this scope',
  'shared-alb: also named by 1 Route53 record outside this scope',
  'shared-db-sg: admits 1 security group outside this scope',
  'shared-db: shared with 1 ECS service outside this scope',
];

describe('the recorded two-application account, scoped', () => {
  it('the whole account: both request paths through the one ALB to the one database', async () => {
    const { topology } = await walk();
    expect(topology.inventory.services.map((s) => s.name)).toEqual(['billing-web', 'orders-web']);
    expect(paths(topology).map((path) => path.service).sort()).toEqual(['billing-web', 'orders-web']);
    expect(topology.scope).toBeUndefined();
  });

  it.each([
    ['--tag app=orders', tag('app', 'orders'), 'orders-web', ORDERS_PATH, 'billing'],
    ['--stack orders', stack('orders'), 'orders-web', ORDERS_PATH, 'billing'],
    ['--service apps/orders-web', service('apps/orders-web'), 'orders-web', ORDERS_PATH, 'billing'],
    ['--tag app=billing', tag('app', 'billing'), 'billing-web', BILLING_PATH, 'orders'],
    ['--stack billing', stack('billing'), 'billing-web', BILLING_PATH, 'orders'],
    ['--service apps/billing-web', service('apps/billing-web'), 'billing-web', BILLING_PATH, 'orders'],
  ])('%s: its own path, the shared pieces as stubs, nothing of the other application', async (_label, selectors, own, path, other) => {
    const { topology } = await walk(selectors);
    expect(topology.inventory.services.map((s) => s.name)).toEqual([own]);
    expect(chain(topology)).toEqual([path]);
    if (selectors.services.length === 0) {
      expect(stubLines(topology)).toEqual(SHARED_STUBS);
    } else {
      // The walk read only this service of ECS: the database's other user was never seen, and the notice says so.
      expect(stubLines(topology)).toEqual(SHARED_STUBS.filter((line) => !line.startsWith('shared-db:')));
      expect(topology.inventory.sourceWarnings).toContainEqual({ code: 'info', message: ECS_TARGETS_NOTICE });
    }
    expect(topology.inventory.dnsRecords.map((r) => r.name)).toEqual([path.split(' > ')[0] + '.']);
    expect(topology.inventory.targetGroups.map((tg) => tg.name)).toEqual([`${own.replace('-web', '')}-tg`]);
    // The shared pieces are in, the other application's are not.
    expect(topology.inventory.loadBalancers.map((lb) => lb.arn)).toEqual([TWO_APPS_ARNS.alb]);
    expect(topology.inventory.dbInstances.map((db) => db.arn)).toEqual([TWO_APPS_ARNS.db]);
    expect(JSON.stringify(topology.inventory)).not.toContain(`${other}-`);
  });

  it('--stack platform: the shared pieces and, downstream of the ALB, both applications; the stub is the records', async () => {
    const { topology } = await walk(stack('platform'));
    expect(topology.inventory.services.map((s) => s.name)).toEqual(['billing-web', 'orders-web']);
    expect(stubLines(topology)).toEqual(['shared-alb: also named by 2 Route53 records outside this scope']);
  });

  it('a --service walk makes fewer requests than the whole walk (counted at the transport)', async () => {
    const whole = await walk();
    const scoped = await walk(service('apps/orders-web'));
    expect(scoped.requests.length).toBeLessThan(whole.requests.length);
    const count = (requests: string[], action: string) => requests.filter((a) => a === action).length;
    expect([count(whole.requests, 'ecs:ListClusters'), count(scoped.requests, 'ecs:ListClusters')]).toEqual([1, 0]);
    expect([count(whole.requests, 'ecs:DescribeTaskDefinition'), count(scoped.requests, 'ecs:DescribeTaskDefinition')]).toEqual([2, 1]);
  });
});
