import { describe, expect, it } from 'vitest';
import { ExitCode, LeakError } from '../../src/errors.js';
import { assertNoLeak, findLeaks } from '../../src/redact/leak-guard.js';
import { tableCells } from '../../src/redact/scan.js';
import { renderTables } from '../../src/render/table.js';
import { ACCOUNT, ARNS, IDS, NAMES } from '../fixtures/model/shop-account.js';
import { redact, shopTopology } from './support.js';

const original = shopTopology();
const clean = JSON.stringify(redact(original), null, 2);

function leaksIn(text: string) {
  return findLeaks(text, original, { format: 'test' });
}

describe('assertNoLeak', () => {
  it('passes the redacted shop account in JSON and as tables', () => {
    expect(leaksIn(clean)).toEqual([]);
    expect(leaksIn(renderTables(redact(original)))).toEqual([]);
    expect(leaksIn(renderTables(redact(original), { width: 80 }))).toEqual([]);
  });

  it('throws LeakError (exit 3) naming category and field, never the value', () => {
    const leaked = `${clean}\nendpoint: ${NAMES.dbEndpoint}\n`;
    let error: unknown;
    try {
      assertNoLeak(leaked, original, { format: 'json' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LeakError);
    expect((error as LeakError).exitCode).toBe(ExitCode.leak);
    expect((error as LeakError).hits).toContainEqual({ category: 'endpoint', field: 'dbInstances[0].endpoint.address' });
    expect((error as LeakError).message).not.toContain('shop-db');
    expect((error as LeakError).message).not.toContain('amazonaws');
  });

  it.each([
    ['a resource name', 'service shop-worker', { category: 'name', field: 'services[1].name' }],
    ['a name in another case', 'SHOP-EDGE-ALB', { category: 'name', field: 'loadBalancers[0].name' }],
    ['a DNS name without its trailing dot', 'see www.corp.io now', { category: 'DNS name', field: 'dnsRecords[0].name' }],
    ['an environment value', `url=postgres://app@${NAMES.dbEndpoint}:5432/shop`, { category: 'environment value', field: 'taskDefinitions[0].containers[0].environment[0].value' }],
    ['a security group description', 'shop Postgres: from the services and the office VPN', { category: 'description', field: 'securityGroups[4].description' }],
    ['a tag value', '"logical-id": "WebService"', { category: 'tag value', field: 'services[0].tags.aws:cloudformation:logical-id' }],
    ['a CIDR', 'CIDR 10.20.0.0/16', { category: 'CIDR', field: 'securityGroups[4].inbound[4].peer.cidr' }],
    ['an IAM path', 'path /application/ here', { category: 'path', field: 'roles[0].path' }],
    ['the random id inside an ARN', 'lb 50dc6c495c0c9188', { category: 'ARN part', field: 'loadBalancers[0].arn' }],
  ])('finds %s', (_, text, hit) => {
    expect(leaksIn(`${clean}\n${text}\n`)).toContainEqual(hit);
  });

  it('finds values in the forms renderers escape them to', () => {
    const inventory = original.inventory;
    const quoted = shopTopology();
    quoted.inventory.securityGroups[0]!.description = `Bob's "edge" <alb> & co`;
    expect(findLeaks('Bob&#39;s &quot;edge&quot; &lt;alb&gt; &amp; co', quoted, { format: 'html' })).toEqual([{ category: 'description', field: 'securityGroups[0].description' }]);
    expect(findLeaks('"Bob\'s \\"edge\\" <alb> & co"', quoted, { format: 'json' })).toEqual([{ category: 'description', field: 'securityGroups[0].description' }]);
    expect(inventory).toEqual(shopTopology().inventory);
  });

  it('finds values a table wrapped across lines, and labels broken with \\n or <br>', () => {
    const table = ['+----------+-----+', '| shop-wor | tcp |', '| ker-task |     |', '+----------+-----+'].join('\n');
    expect(tableCells(table)).toEqual(['shop-worker-task', 'shop-wor ker-task']);
    expect(leaksIn(table)).toEqual([{ category: 'name', field: 'roles[1].name' }]);
    expect(leaksIn('label="shop-work\\ner"')).toContainEqual({ category: 'name', field: 'services[1].name' });
    expect(leaksIn('<td>shop-<br/>worker</td>')).toContainEqual({ category: 'name', field: 'services[1].name' });
  });

  it.each([
    ['an account id', `owner ${ACCOUNT}`, 'account id'],
    ['an ARN with an account id', 'arn:aws:sqs:eu-west-1:210987654321:other', 'ARN with an account id'],
    ['an access key id', 'AKIAIOSFODNN7EXAMPLE', 'AWS access key or unique id'],
    ['an AWS host of a resource', 'db.abcdefgh.eu-west-1.rds.amazonaws.com', 'AWS host name'],
    ['a private IPv4 address', 'from 172.31.4.20', 'private IPv4 address'],
    ['a private CIDR', 'from 192.168.0.0/16', 'private IPv4 address'],
    ['an EC2 id', 'eni-0123456789abcdef0', 'EC2 resource id'],
  ])('finds %s that the inventory never held', (_, text, category) => {
    expect(leaksIn(`${clean}\n${text}\n`)).toContainEqual({ category, field: `test output line ${clean.split('\n').length + 1}` });
  });

  it('names the line of each leak, counting on from the one before', () => {
    const lines = ['clean', `owner ${ACCOUNT}`, 'clean', 'clean', 'eni-0123456789abcdef0 and eni-0123456789abcdef1', '', `again ${ACCOUNT}`];
    expect(leaksIn(lines.join('\n'))).toEqual(
      expect.arrayContaining([
        { category: 'account id', field: 'test output line 2' },
        { category: 'account id', field: 'test output line 7' },
        { category: 'EC2 resource id', field: 'test output line 5' },
      ]),
    );
    expect(leaksIn(lines.join('\n')).filter((hit) => hit.field.includes(' line '))).toHaveLength(3);
  });

  it('lets public AWS names through', () => {
    const text = 'ecs-tasks.amazonaws.com sqs.us-east-1.amazonaws.com com.amazonaws.us-east-1.sqs arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy 0.0.0.0/0 10.4.1 us-east-1 postgres 5432';
    expect(leaksIn(text)).toEqual([]);
  });

  it('lets through originals the caller allows', () => {
    expect(findLeaks('service shop-worker', original, { format: 'test', allowed: ['shop-worker'] })).toEqual([]);
  });

  it('does not look for words every output contains (short values, public words, pseudonym words)', () => {
    const topology = shopTopology();
    topology.inventory.clusters[0]!.name = 'cluster';
    topology.inventory.services[0]!.name = 'web';
    topology.inventory.taskDefinitions[0]!.containers[0]!.name = 'postgres';
    expect(findLeaks('cluster web postgres', topology, { format: 'test' })).toEqual([]);
  });

  it('does not look for a name spelled like a node kind, edge kind or match type the JSON writes as a value', () => {
    const topology = shopTopology();
    topology.inventory.dynamoTables[0]!.name = 'dynamodb-table';
    topology.inventory.queues[0]!.name = 'service-queue';
    topology.inventory.buckets[0]!.name = 'iam-policy';
    const json = '{"kind": "service-queue", "to": {"kind": "dynamodb-table"}, "evidence": [{"matchType": "iam-policy"}]}';
    expect(findLeaks(json, topology, { format: 'json' })).toEqual([]);
    topology.inventory.buckets[0]!.name = 'dynamodb-exports';
    expect(findLeaks('{"kind": "dynamodb-exports"}', topology, { format: 'json' })).toEqual([{ category: 'name', field: 'buckets[0].name' }]);
  });

  it('looks for a single plain word only from 8 letters on, and not for words architecture prose uses', () => {
    const topology = shopTopology();
    topology.inventory.taskDefinitions[1]!.containers[0]!.name = 'worker';
    topology.inventory.clusters[0]!.name = 'frontend';
    topology.inventory.buckets[0]!.name = 'streamora';
    expect(findLeaks('## Worker path\nFrontend + API', topology, { format: 'markdown' })).toEqual([]);
    expect(findLeaks('media in Streamora', topology, { format: 'markdown' })).toEqual([{ category: 'name', field: 'buckets[0].name' }]);
  });

  it('does not look for a description made only of words the tool itself prints, but still for one with a word of its own', () => {
    const topology = shopTopology();
    topology.inventory.securityGroups[0]!.description = 'Interface endpoints';
    topology.inventory.securityGroups[1]!.description = 'Interface endpoints of shopline';
    expect(findLeaks('Interface endpoints let tasks reach AWS privately', topology, { format: 'sarif' })).toEqual([]);
    expect(findLeaks('Interface endpoints of shopline', topology, { format: 'sarif' })).toEqual([{ category: 'description', field: 'securityGroups[1].description' }]);
  });

  it('does not look for the names RFC 2606 reserves for examples, but still for real domains', () => {
    const topology = shopTopology();
    topology.inventory.hostedZones[0]!.name = 'example.com.';
    topology.inventory.dnsRecords[0]!.name = 'shop.example.org.';
    topology.inventory.dnsRecords[1]!.name = 'api.internal.test.';
    expect(findLeaks('see example.com, shop.example.org and api.internal.test', topology, { format: 'json' })).toEqual([]);
    expect(findLeaks('see example.company.io', topology, { format: 'json' })).toEqual([]);
    topology.inventory.dnsRecords[1]!.name = 'example.company.io.';
    expect(findLeaks('see example.company.io', topology, { format: 'json' })).toEqual([{ category: 'DNS name', field: 'dnsRecords[1].name' }]);
  });

  it('treats regions as sensitive with --redact-region', () => {
    expect(findLeaks('us-east-1', original, { format: 'test', redactRegion: true })).toContainEqual({ category: 'value', field: 'regions[0]' });
    expect(findLeaks('us-east-1', original, { format: 'test' })).toEqual([]);
  });

  it.each([IDS.sgDb, IDS.vpc, ARNS.queue, NAMES.queueUrl, ARNS.dbSecret])('finds %s', (value) => {
    expect(leaksIn(value).length).toBeGreaterThan(0);
  });
});

describe('values wrapped onto indented lines', () => {
  it('finds a real identifier split across the lines of a vertical Field: value record', () => {
    const tables = renderTables(redact(original), { width: 80, layout: 'vertical' });
    expect(leaksIn(tables)).toEqual([]);
    const cut = Math.floor(NAMES.dbEndpoint.length / 2);
    const leaked = `${tables}\nRDS\n-[ RECORD 1 ]---\nEndpoint:        ${NAMES.dbEndpoint.slice(0, cut)}\n                 ${NAMES.dbEndpoint.slice(cut)}\n`;
    expect(leaksIn(leaked)).toContainEqual({ category: 'endpoint', field: 'dbInstances[0].endpoint.address' });
  });
});
