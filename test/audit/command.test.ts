import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { ExitCode } from '../../src/errors.js';


let dir: string;
const previousKey = process.env.TOPOLOGY_REDACTION_KEY;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'topology-audit-'));
  process.env.TOPOLOGY_REDACTION_KEY = 'test-key-for-audit-command-tests';
});

afterAll(() => {
  if (previousKey === undefined) delete process.env.TOPOLOGY_REDACTION_KEY;
  else process.env.TOPOLOGY_REDACTION_KEY = previousKey;
});

async function config(text: string): Promise<string> {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(file, text, 'utf8');
  return file;
}

describe('topology audit on the demo account', () => {
  it('prints the findings table most severe first, with a summary', async () => {
    const { code, stdout } = await cli('audit', '--recorded-account');
    expect(code).toBe(ExitCode.ok);
    expect(stdout.startsWith('FINDINGS\n')).toBe(true);
    const ruleIds = [...stdout.matchAll(/TOPO-[A-Z0-9]+-\d{3}/g)].map((m) => m[0]);
    expect(ruleIds).toEqual(['TOPO-ALB-001', 'TOPO-RDS-003', 'TOPO-RDS-006', 'TOPO-RDS-007']);
    expect(stdout.trimEnd().endsWith('4 findings: 2 medium, 2 low.')).toBe(true);
  });

  it.each([
    ['critical', ExitCode.ok, '0 unsuppressed at or above critical'],
    ['high', ExitCode.ok, '0 unsuppressed at or above high'],
    ['medium', ExitCode.checkFailed, '2 unsuppressed at or above medium'],
    ['low', ExitCode.checkFailed, '4 unsuppressed at or above low'],
  ])('--fail-on %s exits %i', async (severity, expected, summary) => {
    const { code, stderr } = await cli('audit', '--recorded-account', '--format', 'json', '--fail-on', severity);
    expect(code).toBe(expected);
    expect(stderr).toContain(`4 findings: 2 medium, 2 low. ${summary} (--fail-on).`);
  });

  it('passes --fail-on medium once the medium findings are suppressed with reasons', async () => {
    const file = await config(
      [
        'audit:',
        '  suppressions:',
        '    - ruleId: TOPO-ALB-001',
        '      reason: HTTP kept for a legacy health checker until March',
        '    - ruleId: TOPO-RDS-003',
        '      resource: shop-db',
        '      reason: office VPN range reviewed by security',
        '',
      ].join('\n'),
    );
    const { code, stdout } = await cli('audit', '--recorded-account', '--config', file, '--format', 'json', '--fail-on', 'medium');
    expect(code).toBe(ExitCode.ok);
    const report = JSON.parse(stdout);
    expect(report.schema).toBe('topology/audit@1');
    expect(report.summary).toEqual({ total: 4, suppressed: 2, bySeverity: { critical: 0, high: 0, medium: 0, low: 2, info: 0 } });
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'TOPO-RDS-003').suppressed).toEqual({
      reason: 'office VPN range reviewed by security',
    });
  });

  it('rejects a suppression without a reason with a usage error naming the entry', async () => {
    const file = await config('audit:\n  suppressions:\n    - ruleId: TOPO-ALB-001\n');
    const { code, stderr, stdout } = await cli('audit', '--recorded-account', '--config', file);
    expect(code).toBe(ExitCode.userError);
    expect(stderr).toContain('audit.suppressions[0] (TOPO-ALB-001): reason is required');
    expect(stdout).toBe('');
  });

  it('writes SARIF pointing at the config file', async () => {
    const file = await config('audit:\n  suppressions: []\n');
    const out = join(dir, 'audit.sarif');
    const { code } = await cli('audit', '--recorded-account', '--config', file, '--format', 'sarif', '--out', out);
    expect(code).toBe(ExitCode.ok);
    const log = JSON.parse(await readFile(out, 'utf8')) as Log;
    const uris = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris).toEqual(Array(4).fill(relative(process.cwd(), file)));
  });

  it('writes Markdown', async () => {
    const { stdout } = await cli('audit', '--recorded-account', '--format', 'markdown');
    expect(stdout).toContain('| medium | TOPO-ALB-001 | Listener shop-edge-alb HTTP:80 forwards plain HTTP to its targets instead of redirecting to HTTPS. | - |');
  });

  it('redacts findings under --public and passes the leak guard', async () => {
    const { code, stdout } = await cli('audit', '--recorded-account', '--public', '--format', 'json');
    expect(code).toBe(ExitCode.ok);
    expect(JSON.parse(stdout).findings).toHaveLength(4);
    expect(stdout).not.toContain('shop-db');
    expect(stdout).not.toContain('shop-edge-alb');
  });

  it('refuses formats it does not have', async () => {
    const { code, stderr } = await cli('audit', '--recorded-account', '--format', 'html');
    expect(code).toBe(ExitCode.userError);
    expect(stderr).toContain('Choices: "table", "json", "markdown", "sarif"');
  });
});
