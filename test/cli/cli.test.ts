import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsFake, serveOverHttp } from '../support/aws-fake.js';
import { cli } from '../support/cli.js';


const AWS_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE'];
let savedEnv: Record<string, string | undefined>;

beforeEach(() => {
  savedEnv = Object.fromEntries(AWS_ENV.map((name) => [name, process.env[name]]));
  for (const name of AWS_ENV) delete process.env[name];
  // No shared config, no instance metadata: the standard chain finds nothing and never leaves the machine.
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('topology report', () => {
  it('prints the correlated tables of the recorded demo account, results only on stdout', async () => {
    const { code, stdout, stderr } = await cli('--recorded-account');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const titles = [...stdout.matchAll(/^([A-Z0-9 ]+)$/gm)].map((m) => m[1]);
    expect(titles.slice(0, 6)).toEqual(['ROUTE53', 'ALB', 'ALB LISTENERS', 'ALB LISTENER RULES', 'TARGET GROUPS', 'ECS SERVICES']);
    expect(stdout).toContain('www.corp.io');
    expect(stdout).toContain('Service: ecs-tasks.amazonaws.com');
    expect(stdout).not.toContain("{'Service'");
  });

  it('emits the whole topology as JSON', async () => {
    const { code, stdout } = await cli('--recorded-account', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { schema: string; inventory: { services: { name: string }[] }; edges: { kind: string }[] };
    expect(report.schema).toBe('topology/report@1');
    expect(report.inventory.services.map((s) => s.name).sort()).toEqual(['shop-web', 'shop-worker']);
    expect(report.edges.filter((e) => e.kind === 'service-queue')).toHaveLength(2);
  });

  it('treats --out - as stdout', async () => {
    const { code, stdout } = await cli('--recorded-account', '--format', 'json', '--out', '-');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).schema).toBe('topology/report@1');
  });

  it('writes --out atomically and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topology-cli-'));
    const out = join(dir, 'nested', 'topology.json');
    const { code, stdout } = await cli('--recorded-account', '--format', 'json', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(await readFile(out, 'utf8')).schema).toBe('topology/report@1');
    expect(await readdir(join(dir, 'nested'))).toEqual(['topology.json']);
  });
});

describe('bad input gets one clear line and exit 2', () => {
  it('no region anywhere', async () => {
    const { code, stderr } = await cli();
    expect(code).toBe(2);
    expect(stderr).toContain('No region given.');
    expect(stderr).toContain('--region');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('no credentials', async () => {
    const { code, stdout, stderr } = await cli('--region', 'us-east-1');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(stderr.toLowerCase()).toContain('credentials');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an unreachable --endpoint-url', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE000000000';
    process.env.AWS_SECRET_ACCESS_KEY = 'example-secret';
    const { code, stderr } = await cli('--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9');
    expect(code).toBe(2);
    expect(stderr).toContain('127.0.0.1:9');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown region', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE000000000';
    process.env.AWS_SECRET_ACCESS_KEY = 'example-secret';
    const { code, stderr } = await cli('--region', 'moon-central-7x');
    expect(code).toBe(2);
    expect(stderr).toContain('moon-central-7x');
  });

  it('an unknown format', async () => {
    const { code, stderr } = await cli('--recorded-account', '--format', 'pdf');
    expect(code).toBe(2);
    expect(stderr).toContain('pdf');
  });

  it('a --from path that does not exist', async () => {
    const { code, stderr } = await cli('--from', '/nonexistent/template.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent/template.yaml');
  });

  it('--recorded-account together with --from', async () => {
    const { code, stderr } = await cli('--recorded-account', '--from', 'x.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('only one of --from and --recorded-account');
  });
});

describe('a live account with a denied call', () => {
  it('still prints everything else, names the missing action and exits 4 (partial)', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('ecs', 'DescribeServices', 'AccessDeniedException');
    const { url, server } = await serveOverHttp(fake);
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE000000000';
    process.env.AWS_SECRET_ACCESS_KEY = 'example-secret';
    try {
      const { code, stdout } = await cli('--region', 'us-east-1', '--endpoint-url', url);
      expect(code).toBe(4);
      expect(stdout).toContain('shop-edge-alb');
      expect(stdout).toContain('Access denied: ecs:DescribeServices');
      expect(stdout).toContain('ECS SERVICES\n(not collected (ecs:DescribeServices denied in us-east-1); see WARNINGS)');
    } finally {
      server.close();
    }
  });
});

describe('topology drift --from TEMPLATE (the issue\'s IaC-versus-live form)', () => {
  it('takes --from as the intended side and the account (--recorded-account here) as the current side', async () => {
    const { code, stdout } = await cli('drift', '--from', 'test/drift/fixtures/shop-stack.yaml', '--recorded-account');
    expect(code).toBe(1);
    expect(stdout).toContain('expected: template test/drift/fixtures/shop-stack.yaml');
    expect(stdout).toContain('current:  recorded demo account 123456789012');
  });
});
