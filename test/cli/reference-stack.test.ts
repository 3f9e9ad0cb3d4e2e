import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliResult } from '../support/cli.js';
import { SEVERITIES } from '../../src/model/index.js';


describe('topology reference-stack: the README main job, no AWS account', () => {
  let result: CliResult;
  let pagePath: string;

  beforeAll(async () => {
    process.env.TOPOLOGY_REDACTION_KEY = 'demo-test-key-0123456789abcdef0123456789';
    pagePath = join(await mkdtemp(join(tmpdir(), 'topology-demo-')), 'architecture.html');
    result = await cli('reference-stack', '--html', pagePath);
  });

  it('prints the reference stack correlated from Route53 to the data stores', () => {
    expect(result.code).toBe(0);
    const { stdout } = result;
    // Not a terminal: 120 columns, ROUTE53's long DNS names make it a Field: value block.
    expect(stdout).toMatch(/\nRecord: +app\.example\.com\nType: +A\n/);
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(120);
    expect(stdout).toContain('redirect → HTTPS:443 (HTTP_301)');
    expect(stdout).toMatch(/\nService: +Services\/WebService\n(.+\n)*?ALB Usage: +Edge\/LoadBalancer -> \S+ \(web:3000\)\n/);
    // A link row at 120 columns: the service and target names wrap after their `/`.
    const row = (service: string, type: string, target: string, match: string) =>
      new RegExp(`\\| Services/ +\\| ${type} +\\| ${target.split('/')[0]}/ +\\| ${match} +\\|.*\\n\\| ${service} +\\| +\\| ${target.split('/')[1]} +\\|`);
    expect(stdout).toMatch(row('WebService', 'queue', 'Messaging/JobQueue', 'iam-policy'));
    expect(stdout).toMatch(row('WorkerService', 'queue', 'Messaging/JobQueue', 'iam-policy'));
    // ECS TO RDS and S3 LINKS: their long identifiers leave no room for a grid at 120.
    expect(stdout).toMatch(/\nECS Service: Services\/WorkerService\nTarget Type: instance\nTarget ID: +databaseinstance\w+\nMatch Type: +sg-reference\n/);
    expect(stdout).toMatch(/\nECS Service: Services\/WebService\nTarget Type: bucket\nTarget ID: +StorageUploadBucket\w+\nMatch Type: +env\n/);
  });

  it('writes a redacted, self-contained page under 300 KB with the story', async () => {
    const page = await readFile(pagePath, 'utf8');
    expect((await stat(pagePath)).size).toBeLessThan(300 * 1024);
    expect(page).toContain('Media upload pipeline');
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/ServicesWebService|Services\/WebService|Edge\/LoadBalancer|EdgeLoadBalancer|MessagingJobQueue|databaseinstance/);
    expect(page).not.toMatch(/(src|href)="https?:/);
    expect(result.stderr).toContain(`wrote the public page to ${pagePath}`);
  });
});

describe('the reference stack audits clean', () => {
  it('at --fail-on medium with its config (the HTTP-only finding suppressed with a reason)', async () => {
    const { code, stdout } = await cli('audit', '--from', 'reference-stack', '--config', 'reference-stack/topology.config.yml', '--fail-on', 'medium', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; severity: string; suppressed?: { reason: string } }[] };
    const blocking = report.findings.filter((f) => !f.suppressed && SEVERITIES.indexOf(f.severity as never) <= SEVERITIES.indexOf('medium'));
    expect(blocking).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.ruleId)).toEqual(['TOPO-ALB-001']);
  });
});
