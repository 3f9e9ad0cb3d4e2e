import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { emptySelectors, indexInventory, nameFromId, NODE_KIND_LABELS, resourceName, stubText, type ScopeSelectors, type Topology } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { okReply } from '../../src/sources/recorded-account/wire.js';
import { pathsJson } from '../../src/render/paths.js';
import { collectAwsInventory } from '../../src/sources/aws/index.js';
import { SCOPED_WALK_NOTICE } from '../../src/sources/aws/scoped-walk.js';
import { addRecordings } from '../../src/sources/recorded-account/recordings.js';
import { TWO_APPS_ARNS, TWO_APPS_DIR, TWO_APPS_IDS, TWO_APPS_REGION } from '../fixtures/recorded/two-apps/facts.js';
import { REPORTING, withReportingVpc } from '../fixtures/recorded/two-apps/reporting-vpc.js';
import { actionOf, AwsFake, TEST_CREDENTIALS, zeroDelayRetry } from '../support/aws-fake.js';

/**
 * The recorded two-application account (test/fixtures/recorded/two-apps): orders and billing share
 * one VPC, one ALB (host rules 10 and 20 on its HTTPS listener) and one database. Walked through the
 * loopback transport with the real SDK clients; every request counted there.
 */
async function walk(selectors?: ScopeSelectors, options: { narrowed: boolean; reporting?: boolean } = { narrowed: true }): Promise<{ topology: Topology; requests: string[] }> {
  const recorded = (await addRecordings(new AwsFake(), TWO_APPS_DIR)) as AwsFake;
  const fake = options.reporting === true ? await withReportingVpc(recorded) : recorded;
  const inventory = await collectAwsInventory({
    regions: [TWO_APPS_REGION],
    progress: silentProgress,
    credentials: TEST_CREDENTIALS,
    requestHandler: fake,
    retryStrategy: zeroDelayRetry(),
    ...(selectors === undefined || !options.narrowed ? {} : { selectors }),
  });
  expect(fake.unrouted.map((r) => `${r.service} ${r.operation}`)).toEqual([]);
  const topology = buildTopology(inventory, {}, selectors === undefined ? undefined : { selectors, public: false });
  return { topology, requests: fake.served.map(actionOf) };
}

/** Every response body's size, per service: what the walk was sent. */
class BodyCountingFake extends AwsFake {
  private readonly bytes = new Map<string, number>();

  override async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const at = this.served.length;
    const answer = await super.handle(request);
    const service = this.served[at]!.service;
    this.bytes.set(service, (this.bytes.get(service) ?? 0) + (answer.response.body as Buffer).length);
    return answer;
  }

  bytesOf(service: string): number {
    return this.bytes.get(service) ?? 0;
  }
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
    // The whole account walked, then narrowed: every shared piece a stub.
    const whole = (await walk(selectors, { narrowed: false })).topology;
    expect(chain(whole)).toEqual([path]);
    expect(stubLines(whole)).toEqual(SHARED_STUBS);
    expect(whole.inventory.sourceWarnings ?? []).not.toContainEqual({ code: 'info', message: SCOPED_WALK_NOTICE });
    // The scoped walk: the same application; the database's other user was never read, so its
    // stub is not there, and the notice says what the walk did not read.
    const { topology } = await walk(selectors);
    expect(topology.inventory.services.map((s) => s.name)).toEqual([own]);
    expect(chain(topology)).toEqual([path]);
    expect(stubLines(topology)).toEqual(SHARED_STUBS.filter((line) => !line.startsWith('shared-db:')));
    expect(topology.inventory.sourceWarnings).toContainEqual({ code: 'info', message: SCOPED_WALK_NOTICE });
    for (const collection of ['services', 'taskDefinitions', 'targetGroups', 'loadBalancers', 'listeners', 'dnsRecords', 'dbInstances', 'queues', 'buckets', 'securityGroups', 'roles'] as const) {
      expect(topology.inventory[collection], collection).toEqual(whole.inventory[collection]);
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

describe('scoped walks ask for less (every request counted at the loopback transport)', () => {
  const cluster = (name: string): ScopeSelectors => ({ ...emptySelectors(), clusters: [name] });
  const count = (requests: string[], action: string) => requests.filter((a) => a === action).length;

  it('measured: whole 38, --tag app=orders 30, --stack orders 30, --cluster apps 37, --service apps/orders-web 29 (the saving, whatever the whole walk adds)', async () => {
    const whole = (await walk()).requests;
    const byTag = (await walk(tag('app', 'orders'))).requests;
    const byStack = (await walk(stack('orders'))).requests;
    const byCluster = (await walk(cluster('apps'))).requests;
    const byService = (await walk(service('apps/orders-web'))).requests;
    // Whole minus: 3 ECS calls (listings, the other task definition), the other target group's health, 5 S3 calls of the other
    // application's bucket; plus the lookup. A whole-walk service added later changes every count alike.
    expect([byTag, byStack, byCluster, byService].map((requests) => requests.length - whole.length)).toEqual([-8, -8, -1, -9]);
    // The lookups: one page each.
    expect([count(byTag, 'tag:GetResources'), count(byStack, 'cloudformation:ListStackResources'), count(whole, 'tag:GetResources')]).toEqual([1, 1, 0]);
    for (const scoped of [byTag, byStack, byService]) {
      // ECS: the one service described directly; no listing of clusters or services; one task definition.
      expect(['ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition'].map((a) => count(scoped, a))).toEqual([0, 0, 1, 1]);
      // ELBv2: the one target group, its health once; S3: the listing only, no bucket of the other application read.
      expect(count(scoped, 'elasticloadbalancing:DescribeTargetHealth')).toBe(1);
      expect(scoped.filter((a) => a.startsWith('s3:'))).toEqual(['s3:ListAllMyBuckets']);
      // The queue it names is read; RDS, Route53 and IAM as in the whole walk; EC2 the same seven listings here (one VPC, not
      // peered), each filtered by the VPC (the reporting-VPC tests below show what that saves).
      expect(count(scoped, 'sqs:GetQueueAttributes')).toBe(1);
      for (const action of ['ec2:DescribeSecurityGroups', 'rds:DescribeDBInstances', 'route53:ListResourceRecordSets', 'iam:GetAccountAuthorizationDetails']) expect(count(scoped, action)).toBe(count(whole, action));
    }
    expect(['ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeTaskDefinition'].map((a) => count(whole, a))).toEqual([1, 1, 2]);
    expect(['ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeTaskDefinition'].map((a) => count(byCluster, a))).toEqual([0, 1, 2]);
  });

  it('--tag app=billing follows the pages; --stack billing its nested stack, whose bucket it reads', async () => {
    const byTag = (await walk(tag('app', 'billing'))).requests;
    expect(count(byTag, 'tag:GetResources')).toBe(2);
    const byStack = await walk(stack('billing'));
    expect(count(byStack.requests, 'cloudformation:ListStackResources')).toBe(2);
    expect(byStack.topology.inventory.buckets.map((b) => b.arn)).toEqual([TWO_APPS_ARNS.bucket]);
    expect(count(byStack.requests, 's3:GetBucketTagging')).toBe(1);
    expect(byStack.requests.filter((a) => a.startsWith('sqs:'))).toEqual(['sqs:ListQueues']);
  });

  it('--tag app=orders --tag app=billing: one filter, both values; both applications, the database stub gone', async () => {
    const { topology, requests } = await walk({ ...emptySelectors(), tags: [{ key: 'app', value: 'orders' }, { key: 'app', value: 'billing' }] });
    expect(count(requests, 'tag:GetResources')).toBe(1);
    expect(topology.inventory.services.map((s) => s.name)).toEqual(['billing-web', 'orders-web']);
    expect(stubLines(topology)).toEqual([]);
  });

  it('--stack platform: the lookup finds the ALB and the cluster; nothing narrows, so it asks more than the whole walk', async () => {
    const { topology, requests } = await walk(stack('platform'));
    expect(count(requests, 'cloudformation:ListStackResources')).toBe(2);
    // Two pages of lookup, no ListClusters (the cluster is named): one more than the whole walk.
    expect(requests.length).toBe((await walk()).requests.length + 1);
    expect(topology.inventory.services.map((s) => s.name)).toEqual(['billing-web', 'orders-web']);
  });
});

describe('a lookup AWS refuses keeps the whole walk', () => {
  it.each([
    ['tagging', 'GetResources', 'tag:GetResources', tag('app', 'orders'), ''],
    ['cloudformation', 'ListStackResources', 'cloudformation:ListStackResources', stack('orders'), ' for orders'],
  ] as const)('%s %s AccessDenied: every service read, the denial recorded as made good by the whole walk', async (service, operation, action, selectors, resource) => {
    const fake = (await addRecordings(new AwsFake(), TWO_APPS_DIR)) as AwsFake;
    fake.fail(service, operation, service === 'tagging' ? 'AccessDeniedException' : 'AccessDenied');
    const inventory = await collectAwsInventory({ regions: [TWO_APPS_REGION], progress: silentProgress, credentials: TEST_CREDENTIALS, requestHandler: fake, retryStrategy: zeroDelayRetry(), selectors });
    expect(fake.served.length).toBe((await walk()).requests.length + 1);
    expect(fake.calls('ecs', 'ListClusters')).toHaveLength(1);
    expect(inventory.services.map((s) => s.name)).toEqual(['billing-web', 'orders-web']);
    expect(inventory.sourceWarnings ?? []).not.toContainEqual({ code: 'info', message: SCOPED_WALK_NOTICE });
    const lookup = inventory.coverage.find((entry) => entry.service === service);
    expect(lookup?.status).toBe('ok');
    expect(lookup?.missing.map((m) => [m.action, m.reason, m.recoveredBy])).toEqual([[action, 'denied', 'the whole walk (not narrowed)']]);
    const topology = buildTopology(inventory, {}, { selectors, public: false });
    expect(topology.warnings.map((w) => w.message)).toContainEqual(`Access denied: ${action} (${service} in us-east-1${resource}); the same data was collected with the whole walk (not narrowed) instead. Grant it for faster collection.`);
    expect(stubLines(topology)).toEqual(SHARED_STUBS);
  });
});

describe('lookups that find nothing keep the whole walk', () => {
  it('--tag app=order: the whole account is read, so the error lists the close matches', async () => {
    const fake = (await addRecordings(new AwsFake(), TWO_APPS_DIR)) as AwsFake;
    const selectors = tag('app', 'order');
    const inventory = await collectAwsInventory({ regions: [TWO_APPS_REGION], progress: silentProgress, credentials: TEST_CREDENTIALS, requestHandler: fake, retryStrategy: zeroDelayRetry(), selectors });
    expect(fake.calls('tagging', 'GetResources')).toHaveLength(1);
    expect(fake.served.length).toBe((await walk()).requests.length + 1);
    expect(inventory.sourceWarnings ?? []).not.toContainEqual({ code: 'info', message: SCOPED_WALK_NOTICE });
    let error: { message: string; hint?: string } | undefined;
    try {
      buildTopology(inventory, {}, { selectors, public: false });
    } catch (thrown) {
      error = thrown as { message: string; hint?: string };
    }
    expect(error?.message).toMatch(/^--tag app=order matches nothing/);
    expect(error?.hint).toContain('Values of tag app close to "order": orders.');
  });
});

describe('the network of a scoped walk: the application\'s VPCs only, and the groups elsewhere that admit its own', () => {
  const NETWORK = ['vpcs', 'subnets', 'securityGroups', 'vpcEndpoints', 'vpcPeerings', 'transitGatewayAttachments', 'dbInstances'] as const;

  it.each([
    ['--tag app=orders', tag('app', 'orders')],
    ['--stack orders', stack('orders')],
    ['--service apps/orders-web', service('apps/orders-web')],
  ])('%s beside a peered reporting VPC: the same network, stubs and findings as the whole walk narrowed', async (_label, selectors) => {
    const whole = (await walk(selectors, { narrowed: false, reporting: true })).topology;
    const { topology, requests } = await walk(selectors, { narrowed: true, reporting: true });
    // The reporting group admits orders' group across the peering: both walks say so.
    const reportingStub = 'orders-tasks-sg: admitted by 1 security group outside this scope';
    // So does the peering: the reporting VPC is outside.
    const peeringStub = 'platform-vpc: also sends to 1 VPC outside this scope';
    expect(stubLines(whole)).toEqual([...SHARED_STUBS, reportingStub, peeringStub].sort());
    expect(stubLines(topology)).toEqual([...SHARED_STUBS.filter((line) => !line.startsWith('shared-db:')), reportingStub, peeringStub].sort());
    for (const collection of NETWORK) expect(topology.inventory[collection], collection).toEqual(whole.inventory[collection]);
    expect(topology.findings).toEqual(whole.findings);
    // Asked for: the platform VPC by id, and the groups that name one of its groups.
    const ec2 = requests.filter((action) => action.startsWith('ec2:'));
    expect(ec2.filter((action) => action === 'ec2:DescribeSecurityGroups')).toHaveLength(2);
  });

  it('--tag Name=reporting-vpc (the lookup finds only a VPC): the scoped walk reads that VPC, and the scope is the one the whole walk gives', async () => {
    const selectors = tag('Name', 'reporting-vpc');
    const lookup = (fake: AwsFake) =>
      fake.route('tagging', 'GetResources', okReply('tagging', JSON.stringify({ PaginationToken: '', ResourceTagMappingList: [{ ResourceARN: `arn:aws:ec2:${TWO_APPS_REGION}:111122223333:vpc/${REPORTING.vpc}`, Tags: [{ Key: 'Name', Value: 'reporting-vpc' }] }] })), {
        match: { params: { 'TagFilters.0.Key': 'Name', 'TagFilters.0.Values.0': 'reporting-vpc' } },
      });
    const scopedFake = lookup(await withReportingVpc((await addRecordings(new AwsFake(), TWO_APPS_DIR)) as AwsFake));
    const inventory = await collectAwsInventory({ regions: [TWO_APPS_REGION], progress: silentProgress, credentials: TEST_CREDENTIALS, requestHandler: scopedFake, retryStrategy: zeroDelayRetry(), selectors });
    expect(scopedFake.unrouted).toEqual([]);
    expect(inventory.vpcs.map((v) => v.id)).toEqual([REPORTING.vpc]);
    const scoped = buildTopology(inventory, {}, { selectors, public: false });
    const whole = (await walk(selectors, { narrowed: false, reporting: true })).topology;
    expect(scoped.inventory.vpcs.map((v) => v.id)).toEqual([REPORTING.vpc]);
    for (const collection of ['vpcs', 'subnets', 'securityGroups', 'vpcEndpoints'] as const) expect(scoped.inventory[collection], collection).toEqual(whole.inventory[collection]);
    expect(scoped.scope?.stubs).toEqual(whole.scope?.stubs);
  });

  it('the whole walk reads the reporting VPC, the scoped one does not (every EC2 listing filtered by the platform VPC)', async () => {
    const fake = await withReportingVpc((await addRecordings(new BodyCountingFake(), TWO_APPS_DIR)) as BodyCountingFake, { workerGroups: 300 });
    const inventory = await collectAwsInventory({ regions: [TWO_APPS_REGION], progress: silentProgress, credentials: TEST_CREDENTIALS, requestHandler: fake, retryStrategy: zeroDelayRetry(), selectors: tag('app', 'orders') });
    expect(inventory.vpcs.map((v) => v.id)).toEqual([TWO_APPS_IDS.vpc]);
    expect(inventory.subnets.some((subnet) => subnet.vpcId === REPORTING.vpc)).toBe(false);
    expect(inventory.securityGroups.map((g) => g.id)).toContain(REPORTING.sg);
    const filters = fake.calls('ec2').map((r) => `${r.operation} ${r.params['Filter.1.Name'] ?? ''}`).sort();
    expect(filters).toEqual([
      'DescribeRouteTables vpc-id',
      'DescribeSecurityGroups ip-permission.group-id',
      'DescribeSecurityGroups vpc-id',
      'DescribeSubnets vpc-id',
      'DescribeTransitGatewayAttachments resource-type',
      'DescribeVpcEndpoints vpc-id',
      'DescribeVpcPeeringConnections status-code',
      'DescribeVpcs vpc-id',
    ]);
    expect(fake.calls('ec2').filter((r) => r.params['Filter.1.Name'] === 'vpc-id').every((r) => r.params['Filter.1.Value.1'] === TWO_APPS_IDS.vpc && r.params['Filter.1.Value.2'] === undefined)).toBe(true);
    expect(inventory.securityGroups).toHaveLength(6);
    // The whole walk: both VPCs, all 306 groups. Measured at the transport: EC2's answers, in bytes.
    const wholeFake = await withReportingVpc((await addRecordings(new BodyCountingFake(), TWO_APPS_DIR)) as BodyCountingFake, { workerGroups: 300 });
    const whole = await collectAwsInventory({ regions: [TWO_APPS_REGION], progress: silentProgress, credentials: TEST_CREDENTIALS, requestHandler: wholeFake, retryStrategy: zeroDelayRetry() });
    expect(whole.vpcs.map((v) => v.id).sort()).toEqual([TWO_APPS_IDS.vpc, REPORTING.vpc].sort());
    expect(whole.securityGroups).toHaveLength(306);
    expect([wholeFake.calls('ec2').length, fake.calls('ec2').length]).toEqual([7, 8]);
    // docs/scoping.md: 157,474 against 20,460 bytes; the bound leaves the fixture's wording free.
    expect(fake.bytesOf('ec2') * 5).toBeLessThan(wholeFake.bytesOf('ec2'));
  });
});
