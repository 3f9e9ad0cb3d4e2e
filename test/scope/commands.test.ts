import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.js';
import { parseSnapshot } from '../../src/snapshot/index.js';
import { tempDir, topology } from '../drift/support/cli.js';
import { SCOPED_WALK_NOTICE } from '../../src/sources/aws/scoped-walk.js';
import { addRecordings } from '../../src/sources/recorded-account/recordings.js';
import { TWO_APPS_DIR } from '../fixtures/recorded/two-apps/facts.js';
import { AwsFake, serveOverHttp } from '../support/aws-fake.js';

process.env.TOPOLOGY_REDACTION_KEY = 'scope-commands-test-key-0123456789abcdef';

const TWO_APPS = 'test/fixtures/templates/two-apps';
const CDK_OUT = 'test/fixtures/templates/orders-cdk-out';

const schema = JSON.parse(readFileSync('docs/topology.schema.json', 'utf8')) as object;
const validate = new Ajv2020.default({ allErrors: true, strict: true }).compile(schema);

type Report = Topology & { schema: string };

async function json(...argv: string[]): Promise<Report> {
  const result = await topology('--format', 'json', ...argv);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe('topology report with selectors', () => {
  it('JSON: the application only, the scope recorded, valid against the schema', async () => {
    const report = await json('--from', TWO_APPS, '--tag', 'app=orders');
    expect(report.inventory.services.map((service) => service.name)).toEqual(['orders-web']);
    expect(report.scope?.selectors).toEqual({ tags: [{ key: 'app', value: 'orders' }], stacks: [], clusters: [], services: [], vpcs: [] });
    expect(report.scope?.stubs.map((stub) => `${stub.node.kind} ${stub.edgeKind} ${stub.direction} ${stub.count}`)).toEqual([
      'db-instance service-db in 1',
      'listener listener-rule out 1',
      'load-balancer dns-alias in 1',
      'security-group sg-ingress out 1',
      'security-group sg-ingress in 1',
    ]);
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  it('an unscoped report has no scope and no SCOPE table', async () => {
    expect((await json('--from', TWO_APPS)).scope).toBeUndefined();
    expect((await topology('--from', TWO_APPS)).stdout).not.toContain('SCOPE');
  });

  it('tables: the SCOPE table names the selectors and each stub', async () => {
    const result = await topology('--from', TWO_APPS, '--stack', 'orders', '--width', '200', '--layout', 'wide');
    expect(result.code).toBe(0);
    const section = result.stdout.slice(result.stdout.indexOf('SCOPE\n'));
    expect(section).toContain('Scope: stack orders (5 resources matched, and what they use; docs/scoping.md).');
    expect(section).toMatch(/\| shared-db +\| RDS instance +\| shared with 1 ECS service outside this scope +\|/);
    expect(section).toMatch(/\| shared-alb +\| Load balancer +\| also named by 1 Route53 record outside this scope +\|/);
    // Billing's resources are not listed; the database group's rule still names its group by id, as the rule says.
    expect(result.stdout).not.toMatch(/billing-(web|tg|task|invoices)|billing\.shopco/);
    expect(result.stdout).toContain('sg-billing-ServiceSecurityGroup');
  });

  it('the page and the diagram are titled after the application', async () => {
    const markdown = await topology('--from', TWO_APPS, '--tag', 'app=billing', '--format', 'markdown');
    expect(markdown.stdout.split('\n')[0]).toBe('# Architecture overview: billing (tag app=billing)');
    const svg = await topology('--from', TWO_APPS, '--service', 'apps/billing-web', '--format', 'svg');
    expect(svg.stdout).toContain('Architecture diagram: Architecture overview: billing-web (service apps/billing-web)');
  });

  it('paths: only the application\'s own request path, then where it meets the rest', async () => {
    const result = await topology('paths', '--from', TWO_APPS, '--tag', 'app=orders', '--width', '200');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('orders.shopco.io -> orders-web');
    expect(result.stdout).not.toContain('billing');
    const scope = result.stdout.slice(result.stdout.indexOf('\nSCOPE\n'));
    expect(scope.split('\n').slice(4)).toEqual([
      '  shared-db (RDS instance): shared with 1 ECS service outside this scope',
      '  shared-alb HTTPS:443 (Listener): 1 listener rule outside this scope sends traffic elsewhere',
      '  shared-alb (Load balancer): also named by 1 Route53 record outside this scope',
      '  AlbSecurityGroup (Security group): admitted by 1 security group outside this scope',
      '  DatabaseSecurityGroup (Security group): admits 1 security group outside this scope',
      '',
    ]);
    expect((await topology('paths', '--from', TWO_APPS)).stdout).not.toContain('SCOPE');
  });

  it('paths --format json --public: the stubs with public names and counts only, through the leak guard', async () => {
    const result = await topology('paths', '--from', TWO_APPS, '--stack', 'orders', '--format', 'json', '--public');
    expect(result.code).toBe(0);
    const paths = JSON.parse(result.stdout) as { scope: { selectors: string; stubs: { resource: string; kind: string; beyond: string }[] } };
    expect(paths.scope.selectors).toMatch(/^stack \S+$/);
    expect(paths.scope.stubs.map((stub) => `${stub.kind}: ${stub.beyond}`)).toContain('RDS instance: shared with 1 ECS service outside this scope');
    expect(result.stdout).not.toMatch(/orders|shared-db|shared-alb/);
  });

  it('--public: tag values and stack names redacted like names, the leak guard passes', async () => {
    for (const selector of [['--tag', 'app=orders'], ['--stack', 'orders'], ['--service', 'apps/orders-web']]) {
      const report = await json('--from', TWO_APPS, ...selector, '--public');
      expect(report.redacted).toBe(true);
      const text = JSON.stringify(report);
      expect(text).not.toContain('orders');
      expect(text).not.toContain('shared-db');
      expect(report.scope?.stubs).toHaveLength(5);
      expect(validate(report) ? [] : validate.errors).toEqual([]);
    }
    const tagged = await json('--from', TWO_APPS, '--tag', 'app=orders', '--public');
    // The selector's value is spelled as the inventory's tag values are: the same pseudonym.
    const value = tagged.scope!.selectors.tags[0]!.value;
    expect(tagged.inventory.services[0]!.tags['app']).toBe(value);
    const page = await topology('--from', TWO_APPS, '--stack', 'orders', '--public', '--format', 'html');
    expect(page.code).toBe(0);
    expect(page.stdout).not.toContain('orders');
  });

  it('several stacks of a cdk.out: --stack takes one and what it uses from the other', async () => {
    const orders = await json('--from', CDK_OUT, '--stack', 'orders-app-prod');
    expect(orders.inventory.services).toHaveLength(1);
    expect(orders.inventory.dbClusters).toHaveLength(1);
    expect(orders.inventory.dbInstances).toHaveLength(2);
    const data = await json('--from', CDK_OUT, '--stack', 'SharedData');
    expect(data.inventory.services).toEqual([]);
    expect(data.scope?.stubs.map((stub) => `${stub.node.kind} ${stub.edgeKind} ${stub.direction} ${stub.outsideKind} ${stub.count}`)).toContain('db-cluster service-db in ecs-service 1');
  });
});

describe('the recorded account (live wire format, replayed)', () => {
  it('--service takes one of its two services; what it shares with the other is stubbed', async () => {
    const report = await json('--recorded-account', '--service', 'shop/shop-web');
    expect(report.inventory.services.map((service) => service.name)).toEqual(['shop-web']);
    const shared = report.scope!.stubs.filter((stub) => stub.edgeKind.startsWith('service-') && stub.direction === 'in').map((stub) => stub.node.kind);
    expect(shared).toEqual(expect.arrayContaining(['bucket', 'db-instance', 'iam-role', 'queue']));
    const table = await topology('--recorded-account', '--service', 'shop/shop-web');
    expect(table.stdout).toContain('Scope: service shop/shop-web (1 resource matched, and what it uses; docs/scoping.md).');
  });
});

describe('a selector that matches nothing', () => {
  it('exits 2 naming it and the close matches the input has', async () => {
    const result = await topology('--from', TWO_APPS, '--tag', 'app=order', '--stack', 'biling', '--cluster', 'app');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--tag app=order matches nothing');
    expect(result.stderr).toContain('Values of tag app close to "order": orders.');
    expect(result.stderr).toContain('Stacks close to "biling": billing.');
    expect(result.stderr).toContain('Clusters close to "app": apps.');
  });

  it('says when tags of different keys match apart but never together', async () => {
    const result = await topology('--from', TWO_APPS, '--tag', 'app=orders', '--tag', 'team=finance');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no resource carries them all');
  });

  it('under --public lists none of the account\'s names', async () => {
    const result = await topology('--from', TWO_APPS, '--tag', 'app=order', '--public');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not printed with --public');
    expect(result.stderr).not.toContain('orders');
  });

  it('a malformed selector is a usage error', async () => {
    expect((await topology('--from', TWO_APPS, '--tag', 'app')).stderr).toContain('--tag takes KEY=VALUE, got "app"');
    expect((await topology('--from', TWO_APPS, '--service', 'orders-web')).stderr).toContain('--service takes CLUSTER/SERVICE');
  });
});

describe('audit, snapshot and drift with selectors', () => {
  it('audit: only findings in scope, plus the cross-scope exposure of the shared database', async () => {
    const result = await topology('audit', '--from', TWO_APPS, '--tag', 'app=orders', '--format', 'json');
    const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.map((finding) => finding.message)).toContain('Database shared-db in this scope is reachable from 1 security group outside it.');
    expect(findings.some((finding) => finding.message.includes('billing'))).toBe(false);
    // Billing's group is a service's, outside the scope: not "used by no ECS service".
    expect(findings.some((finding) => finding.ruleId === 'TOPO-RDS-004')).toBe(false);
    const whole = await topology('audit', '--from', TWO_APPS, '--format', 'json');
    expect((JSON.parse(whole.stdout) as { findings: { ruleId: string }[] }).findings.some((finding) => finding.ruleId === 'TOPO-NET-004')).toBe(false);
  });

  it('a snapshot stores its scope; drift against it narrows the current side the same way', async () => {
    const dir = tempDir();
    const file = join(dir, 'orders.json');
    expect((await topology('snapshot', '--from', TWO_APPS, '--tag', 'app=orders', '--out', file)).code).toBe(0);
    const snapshot = parseSnapshot(readFileSync(file, 'utf8'), file);
    expect(snapshot.header.scope?.tags).toEqual([{ key: 'app', value: 'orders' }]);
    expect(snapshot.body.inventory.services.map((service) => service.name)).toEqual(['orders-web']);
    const drift = await topology('drift', '--snapshot', file, '--from', TWO_APPS);
    expect(drift.stderr).toBe('');
    expect(drift.code).toBe(0);
    const other = await topology('drift', '--snapshot', file, '--from', TWO_APPS, '--tag', 'app=billing');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is a snapshot of tag app=orders; the selectors given name another scope');
  });

  it('a whole-account snapshot is not compared with a scope; a public scoped one needs its selectors again', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.json');
    await topology('snapshot', '--from', TWO_APPS, '--out', whole);
    expect((await topology('drift', '--snapshot', whole, '--from', TWO_APPS, '--stack', 'orders')).stderr).toContain('holds the whole topology, not a scope');
    const publicFile = join(dir, 'public.json');
    expect((await topology('snapshot', '--from', TWO_APPS, '--stack', 'orders', '--public', '--out', publicFile)).code).toBe(0);
    expect(readFileSync(publicFile, 'utf8')).not.toContain('orders');
    expect((await topology('drift', '--snapshot', publicFile, '--from', TWO_APPS)).stderr).toContain('its selectors cannot be read back');
    const again = await topology('drift', '--snapshot', publicFile, '--from', TWO_APPS, '--stack', 'orders');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
  });

  it('merge refuses a scoped snapshot rather than drop its scope', async () => {
    const dir = tempDir();
    const scopedFile = join(dir, 'orders.json');
    const wholeFile = join(dir, 'whole.json');
    await topology('snapshot', '--from', TWO_APPS, '--stack', 'orders', '--out', scopedFile);
    await topology('snapshot', '--from', TWO_APPS, '--out', wholeFile);
    const result = await topology('merge', scopedFile, wholeFile, '--out', join(dir, 'merged.json'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${scopedFile} is scoped to one application (header.scope)`);
  });

  it('a snapshot read back with --from takes the same selectors', async () => {
    const dir = tempDir();
    const file = join(dir, 'all.json');
    await topology('snapshot', '--from', TWO_APPS, '--out', file);
    const report = await json('--from', file, '--tag', 'app=billing');
    expect(report.inventory.services.map((service) => service.name)).toEqual(['billing-web']);
    expect(report.inventory.buckets.map((bucket) => bucket.name)).toEqual(['billing-invoices']);
  });
});

describe('reference-stack with selectors', () => {
  it('--service CLUSTER/Services/WorkerService (a construct path as the name): its tables and the SCOPE table; the scoped page is written', async () => {
    const dir = await tempDir();
    const page = join(dir, 'worker.html');
    const result = await topology('reference-stack', '--service', 'ServicesClusterFAAA2B60/Services/WorkerService', '--html', page);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Scope: service ServicesClusterFAAA2B60/Services/WorkerService (1 resource matched, and what it uses; docs/scoping.md).');
    expect(result.stdout).toMatch(/\| databaseinstance\w+ +\| RDS instance +\| shared with 1 ECS service outside this scope +\|/);
    expect(result.stdout).not.toContain('Services/WebService');
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>/);
    const none = await topology('reference-stack', '--no-page', '--stack', 'nothing');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--stack nothing matches nothing');
  });
});

describe('a live account with selectors (the two-apps recorded account over loopback HTTP, --endpoint-url)', () => {
  it('the CLI hands the selectors to the walk: a tag lookup, one service read, the notice, the application only', async () => {
    const fake = (await addRecordings(new AwsFake(), TWO_APPS_DIR)) as AwsFake;
    const { url, server } = await serveOverHttp(fake);
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'example-secret' });
    try {
      const report = await json('--region', 'us-east-1', '--endpoint-url', url, '--tag', 'app=orders');
      expect(report.inventory.services.map((service) => service.name)).toEqual(['orders-web']);
      expect(report.warnings.map((warning) => warning.message)).toContain(SCOPED_WALK_NOTICE);
      expect(fake.calls('tagging', 'GetResources')).toHaveLength(1);
      expect(fake.calls('ecs', 'ListClusters')).toHaveLength(0);
      expect(fake.calls('s3', 'GetBucketTagging')).toHaveLength(0);
      // --public: the lookups' coverage and the notice pass the leak guard; the page names nothing of the account.
      const page = await topology('--region', 'us-east-1', '--endpoint-url', url, '--stack', 'orders', '--public', '--format', 'html');
      expect(page.code).toBe(0);
      expect(page.stdout).not.toMatch(/orders|shared-db|shared-alb|111122223333/);
      const published = await json('--region', 'us-east-1', '--endpoint-url', url, '--stack', 'orders', '--public');
      expect(published.inventory.coverage.map((entry) => entry.service)).toContain('cloudformation');
      expect(validate(published) ? [] : validate.errors).toEqual([]);
    } finally {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await new Promise((done) => server.close(done));
    }
  });
});
