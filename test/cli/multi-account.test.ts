import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARNS, IDS, REGION } from '../../src/sources/recorded-account/recorded/facts.js';
import { okReply } from '../../src/sources/recorded-account/wire.js';
import type { AwsAccounts } from '../support/aws-accounts.js';
import { serveOverHttp, TEST_CREDENTIALS } from '../support/aws-fake.js';
import { useIsolatedAwsEnvironment } from '../support/aws-environment.js';
import { cli } from '../support/cli.js';
import { DATA, DATA_ACCOUNT, DATA_NETWORK, DATA_ROLES, EXTERNAL_ID, NETWORK, NETWORK_ACCOUNT, PEERING, roleArnIn, threeAccounts, WEB_ACCOUNT, WEB_ASSUMES } from '../support/three-accounts.js';

/** The CLI's own SDK clients and HTTP handler against three loopback accounts (test/support/three-accounts.ts). */

const home = useIsolatedAwsEnvironment('topology-accounts-');

async function withAccounts(run: (url: string, accounts: AwsAccounts) => Promise<void>, change?: (accounts: AwsAccounts) => void): Promise<void> {
  const accounts = await threeAccounts();
  change?.(accounts);
  const { url, server } = await serveOverHttp(accounts);
  try {
    await run(url, accounts);
  } finally {
    await new Promise((done) => server.close(done));
  }
}

const ROLE_FLAGS = ['--role-arn', roleArnIn(WEB_ACCOUNT), '--role-arn', roleArnIn(DATA_ACCOUNT), '--role-arn', roleArnIn(NETWORK_ACCOUNT), '--external-id', EXTERNAL_ID];

function baseCredentialsInEnvironment(): void {
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
}

/** The rows (header first) of one table of the Markdown output, split into cells. */
function tableRows(markdown: string, title: string): string[][] {
  const start = markdown.search(new RegExp(`^#+ ${title}$`, 'm'));
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split('\n').slice(1);
  const table = lines.slice(lines.findIndex((line) => line.startsWith('|')));
  const rows = table.slice(0, table.findIndex((line) => !line.startsWith('|')));
  return rows.filter((line) => !/^\|[\s:|-]+\|$/.test(line)).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('topology --role-arn (several accounts, one merged topology)', () => {
  it('walks the three accounts from the base credentials and shows each resource with its account', async () => {
    baseCredentialsInEnvironment();
    await withAccounts(async (url) => {
      const { code, stdout, stderr } = await cli(...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'markdown');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const buckets = tableRows(stdout, 'S3 BUCKETS');
      expect(buckets[0]!.slice(0, 2)).toEqual(['Name', 'Account']);
      expect(buckets.find((row) => row[0] === DATA.bucket)?.[1]).toBe(DATA_ACCOUNT);
      expect(tableRows(stdout, 'DYNAMODB TABLES').slice(0, 2).map((row) => row.slice(0, 2))).toEqual([['Name', 'Account'], ['shop-orders', WEB_ACCOUNT]]);
      // Every table whose rows are resources has the column; the link tables name their ends' accounts (or are of one account's services).
      const headers = [...stdout.matchAll(/^#+ (.+)\n\n\| ([^|]+) \| ([^|]+) \|/gm)].map((m) => [m[1], m[3]!.trim()]);
      expect(headers.filter(([, second]) => second !== 'Account').map(([title]) => title)).toEqual([
        'Findings and warnings',
        'VPC CONNECTIONS',
        'ECS TO RDS LINKS',
        'ECS TO S3 LINKS',
        'ECS TO SQS LINKS',
        'ECS TO DYNAMODB LINKS',
        'CROSS-ACCOUNT LINKS',
      ]);
      const albs = tableRows(stdout, 'ALB');
      expect(albs.find((row) => row[0] === 'shop-edge-alb')?.[1]).toBe(WEB_ACCOUNT);
      // The data account's resource policies let the web account's task roles in.
      const crossing = tableRows(stdout, 'CROSS-ACCOUNT LINKS');
      expect(crossing.slice(1).map((row) => row.slice(0, 6))).toEqual([
        ['iam-role:shop-web-task', WEB_ACCOUNT, `bucket:${DATA.bucket}`, DATA_ACCOUNT, 'cross-account-access', 'resource-policy'],
        ['iam-role:shop-worker-task', WEB_ACCOUNT, `queue:${DATA.queue}`, DATA_ACCOUNT, 'cross-account-access', 'resource-policy'],
        // Roles of the data account the web task roles may assume: the whole web account trusted and the web task role's policy allowing it; the worker task role trusted by name.
        ['iam-role:shop-web-task', WEB_ACCOUNT, 'iam-role:exports-reader', DATA_ACCOUNT, 'cross-account-trust', 'trust-policy'],
        ['iam-role:shop-web-task', WEB_ACCOUNT, 'iam-role:exports-reader', DATA_ACCOUNT, 'cross-account-trust', 'iam-policy'],
        ['iam-role:shop-worker-task', WEB_ACCOUNT, 'iam-role:queue-replayer', DATA_ACCOUNT, 'cross-account-trust', 'trust-policy'],
        // The shared proxy's rule names the web tasks' group of the web account (123456789012/sg-…).
        [`security-group:shop-web-sg (${IDS.sgWeb})`, WEB_ACCOUNT, `security-group:shared-proxy (${NETWORK.proxyGroup})`, NETWORK_ACCOUNT, 'sg-ingress', 'sg-rule'],
        // The web VPC peered with the network VPC, the data VPC on the network account's transit gateway: each with the routes on both sides.
        ['vpc:shop-vpc', WEB_ACCOUNT, 'vpc:shared-network', NETWORK_ACCOUNT, 'vpc-peering', 'vpc-peering'],
        ['vpc:shop-vpc', WEB_ACCOUNT, 'vpc:shared-network', NETWORK_ACCOUNT, 'vpc-peering', 'route'],
        ['vpc:shop-vpc', WEB_ACCOUNT, 'vpc:shared-network', NETWORK_ACCOUNT, 'vpc-peering', 'route'],
        ['vpc:data', DATA_ACCOUNT, 'vpc:shared-network', NETWORK_ACCOUNT, 'vpc-transit-gateway', 'transit-gateway'],
        ['vpc:data', DATA_ACCOUNT, 'vpc:shared-network', NETWORK_ACCOUNT, 'vpc-transit-gateway', 'route'],
        ['vpc:data', DATA_ACCOUNT, 'vpc:shared-network', NETWORK_ACCOUNT, 'vpc-transit-gateway', 'route'],
      ]);
      expect(tableRows(stdout, 'VPC CONNECTIONS').slice(1).map((row) => row.slice(0, 6))).toEqual([
        [PEERING.id, 'peering', 'shop-vpc', WEB_ACCOUNT, 'shared-network', NETWORK_ACCOUNT],
        [NETWORK.transitGateway, `transit gateway (${DATA_NETWORK.attachment})`, 'data', DATA_ACCOUNT, 'shared-network', NETWORK_ACCOUNT],
        [NETWORK.transitGateway, `transit gateway (${NETWORK.attachment})`, 'shared-network', NETWORK_ACCOUNT, 'data', DATA_ACCOUNT],
      ]);
      expect(crossing[1]![7]).toBe(`${DATA.bucket} policy statement 1 (s3:GetObject, s3:ListBucket)`);
      expect(crossing[6]!.slice(6)).toEqual([IDS.sgWeb, `${NETWORK.proxyGroup} inbound`]);
      expect(crossing.slice(3, 6).map((row) => [row[6], row[7]])).toEqual([
        [`arn:aws:iam::${WEB_ACCOUNT}:root`, 'exports-reader trust policy lets the whole account 123456789012 in (conditions: aws:PrincipalOrgID)'],
        [DATA_ROLES.exportsReader, `role shop-web-task policy ${WEB_ASSUMES.policy} statement 1 (sts:AssumeRole)`],
        [ARNS.workerTaskRole, 'queue-replayer trust policy'],
      ]);
      // The data account's roles other accounts may assume are collected (not those trusting a service or the account itself).
      // Each with its trust (and the statement's condition keys) and who assumes it.
      expect(tableRows(stdout, 'IAM ROLES').slice(1).filter((row) => row[1] === DATA_ACCOUNT).map((row) => [row[0], row[4], row[7]])).toEqual([
        ['exports-reader', `AWS: arn:aws:iam::${WEB_ACCOUNT}:root (if aws:PrincipalOrgID)`, 'shop-web-task (assumes it)'],
        ['queue-replayer', `AWS: ${ARNS.workerTaskRole}`, 'shop-worker-task (assumes it)'],
        ['topology-read-only', 'AWS: arn:aws:iam::999999999999:root (if sts:ExternalId)', '-'],
      ]);
    });
  });

  it('records the accounts in JSON, and gives them role-based names under --public', async () => {
    baseCredentialsInEnvironment();
    await withAccounts(async (url) => {
      const json = await cli(...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'json');
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout) as { inventory: { accounts: { id: string }[]; resourceAccounts: Record<string, string> } };
      expect(report.inventory.accounts.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT]);
      expect(report.inventory.resourceAccounts[DATA.queueArn]).toBe(DATA_ACCOUNT);

      const published = await cli(...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'json', '--public');
      expect(published.stderr).toBe('');
      expect(published.code).toBe(0);
      const publicReport = JSON.parse(published.stdout) as typeof report;
      expect(publicReport.inventory.accounts.map((a) => a.id)).toEqual(['account-data', 'account-network', 'account-web']);
      expect(new Set(Object.values(publicReport.inventory.resourceAccounts))).toEqual(new Set(['account-web', 'account-data', 'account-network']));
      for (const account of [WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT]) expect(published.stdout).not.toContain(account);

      // The page groups the diagram by account, under the accounts' public names; the leak guard passes.
      const page = await cli(...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'mermaid', '--public');
      expect(page.code).toBe(0);
      expect(page.stdout).toContain('Account account-web');
      expect(page.stdout).toContain('Account account-data');
    });
  });

  it('names the account it could not assume, walks the others, and exits 4', async () => {
    baseCredentialsInEnvironment();
    await withAccounts(
      async (url) => {
        const { code, stdout } = await cli(...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'json');
        expect(code).toBe(4);
        const report = JSON.parse(stdout) as { warnings: { message: string }[]; inventory: { buckets: { name: string }[] } };
        expect(report.warnings.map((w) => w.message)).toContain(
          `Access denied: sts:AssumeRole (sts in global of account ${NETWORK_ACCOUNT} for ${roleArnIn(NETWORK_ACCOUNT)}); data from this call is missing. Grant it (see docs/iam-policy.json).`,
        );
        expect(report.inventory.buckets.map((b) => b.name)).toContain(DATA.bucket);

        // Published, the warning names the account and the role by their public names.
        const published = await cli(...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'json', '--public');
        expect(published.code).toBe(4);
        expect(published.stdout).not.toContain(NETWORK_ACCOUNT);
        const warnings = (JSON.parse(published.stdout) as { warnings: { message: string }[] }).warnings.map((w) => w.message);
        expect(warnings.find((m) => m.startsWith('Access denied: sts:AssumeRole'))).toMatch(/^Access denied: sts:AssumeRole \(sts in global of account account-\S+ for arn:aws:iam::account-\S+:role\/\S+\)/);
      },
      (accounts) => accounts.role(roleArnIn(NETWORK_ACCOUNT), { trustedAccounts: [] }),
    );
  });

  it('audits every collected role another account may assume without a condition', async () => {
    baseCredentialsInEnvironment();
    await withAccounts(async (url) => {
      const { code, stdout } = await cli('audit', ...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'json');
      expect(code).toBe(0);
      const findings = (JSON.parse(stdout) as { findings: { ruleId: string; message: string; resources: { id: string }[] }[] }).findings.filter((f) => f.ruleId === 'TOPO-ACCT-002');
      // exports-reader (aws:PrincipalOrgID) and topology-read-only (sts:ExternalId) have conditions.
      expect(findings.map((f) => [f.message, f.resources.map((r) => r.id)])).toEqual([[`Role queue-replayer may be assumed from account ${WEB_ACCOUNT} without any condition.`, [DATA_ROLES.queueReplayer]]]);
    });
  });

  it('audits a grant to a whole account, naming it by its public name under --public', async () => {
    baseCredentialsInEnvironment();
    const rootGrant = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${WEB_ACCOUNT}:root` }, Action: 's3:GetObject', Resource: `${DATA.bucketArn}/*` }] };
    await withAccounts(
      async (url) => {
        const { code, stdout, stderr } = await cli('audit', ...ROLE_FLAGS, '--region', REGION, '--endpoint-url', url, '--format', 'json', '--public');
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const findings = (JSON.parse(stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === 'TOPO-ACCT-001');
        expect(findings.map((f) => f.message)).toEqual([
          expect.stringMatching(/^Bucket \S+ lets every principal of account account-web in \(policy statement 1\), but no role of that account was seen using it \(only task and execution roles and roles other accounts may assume are collected\)\.$/),
          // exports-reader trusts the whole web account (under an organization condition); the web task role assumes it.
          expect.stringMatching(/^Role \S+ lets every principal of account account-web assume it \(trust policy\), but only web-task-role does \(only task and execution roles and roles other accounts may assume are collected\)\.$/),
        ]);
      },
      (accounts) => accounts.account(DATA_ACCOUNT).route('s3', 'GetBucketPolicy', okReply('s3', JSON.stringify(rootGrant))),
    );
  });

  it('walks one account per --profile', async () => {
    await withAccounts(async (url, accounts) => {
      const web = accounts.userKey(WEB_ACCOUNT);
      const data = accounts.userKey(DATA_ACCOUNT);
      await writeFile(
        join(home.dir, 'credentials'),
        `[web]\naws_access_key_id = ${web.accessKeyId}\naws_secret_access_key = ${web.secretAccessKey}\n\n[data]\naws_access_key_id = ${data.accessKeyId}\naws_secret_access_key = ${data.secretAccessKey}\n`,
      );
      const { code, stdout } = await cli('--profile', 'web', '--profile', 'data', '--region', REGION, '--endpoint-url', url, '--format', 'json');
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as { inventory: { accounts: { id: string }[] } };
      expect(report.inventory.accounts.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT]);
      expect(accounts.served.filter((r) => r.operation === 'AssumeRole')).toEqual([]);
    });
  });

  it('walks the organization’s active accounts with --org', async () => {
    baseCredentialsInEnvironment();
    await withAccounts(
      async (url) => {
        const { code, stdout, stderr } = await cli('--org', '--exclude-accounts', NETWORK_ACCOUNT, '--external-id', EXTERNAL_ID, '--region', REGION, '--endpoint-url', url, '--format', 'json');
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const report = JSON.parse(stdout) as { inventory: { accounts: { id: string }[] } };
        expect(report.inventory.accounts.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT]);
      },
      (accounts) => accounts.organization([{ id: WEB_ACCOUNT }, { id: DATA_ACCOUNT }, { id: NETWORK_ACCOUNT }, { id: '444444444444', state: 'SUSPENDED' }]),
    );
  });

  it('refuses flags that do not fit together', async () => {
    const orgOnly = await cli('--accounts', WEB_ACCOUNT, '--region', REGION);
    expect(orgOnly.code).toBe(2);
    expect(orgOnly.stderr).toContain('--org-role, --org-unit, --accounts and --exclude-accounts apply to --org');
    const badUnit = await cli('--org', '--org-unit', 'apps', '--region', REGION);
    expect(badUnit.code).toBe(2);
    expect(badUnit.stderr).toContain('--org-unit "apps" is not an organizational unit id');
    const badId = await cli('--org', '--accounts', '1234', '--region', REGION);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('--accounts takes 12-digit account ids, got "1234"');
    const several = await cli('--profile', 'a', '--profile', 'b', '--role-arn', roleArnIn(DATA_ACCOUNT), '--region', REGION);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('--profile names the base credentials');
    const orphan = await cli('--external-id', 'x', '--region', REGION);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain('--external-id and --role-session-name apply to roles');
    const notArn = await cli('--role-arn', 'topology-read-only', '--region', REGION);
    expect(notArn.code).toBe(2);
    expect(notArn.stderr).toContain('is not an IAM role ARN');
  });
});
