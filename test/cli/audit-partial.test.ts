import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { withLiveAccount } from './support.js';

describe('topology audit on a partial collection', () => {
  it('prints the coverage notice and exits 4 even when --fail-on is met', async () => {
    await withLiveAccount(
      async ({ url }) => {
        const { code, stdout, stderr } = await cli('audit', '--region', 'us-east-1', '--endpoint-url', url, '--fail-on', 'medium', '--format', 'json');
        expect(code).toBe(4);
        expect(stderr).toContain(' unsuppressed at or above medium (--fail-on).');
        expect(stderr).toContain('topology: partial audit (exit 4): 1 AWS call(s) were denied or failed: ecs:ListClusters denied in us-east-1.');
        expect(stderr).toMatch(/Not checked for want of that data: .*TOPO-NET-003.*TOPO-RDS-004/);
        const messages = (JSON.parse(stdout) as { findings: { ruleId: string; message: string }[] }).findings.map((f) => `${f.ruleId} ${f.message}`);
        expect(messages).toContain('TOPO-ALB-001 Listener shop-edge-alb HTTP:80 forwards plain HTTP to its targets instead of redirecting to HTTPS.');
        expect(messages.filter((m) => m.startsWith('TOPO-NET-003'))).toEqual([]);
        expect(messages).toContain(
          'TOPO-META-002 TOPO-NET-003 (Security group attached to nothing in the inventory) not checked: its data was not collected (ecs:ListClusters denied in us-east-1).',
        );
      },
      (fake) => fake.fail('ecs', 'ListClusters', 'AccessDeniedException'),
    );
  }, 60_000);

  it('a complete collection with --fail-on met still exits 1', async () => {
    await withLiveAccount(async ({ url }) => {
      const { code, stderr } = await cli('audit', '--region', 'us-east-1', '--endpoint-url', url, '--fail-on', 'medium');
      expect(code).toBe(1);
      expect(stderr).not.toContain('partial audit');
    });
  }, 60_000);
});
