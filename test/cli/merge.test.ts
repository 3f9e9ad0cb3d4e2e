import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ARNS, REGION } from '../../src/sources/recorded-account/recorded/facts.js';
import type { SnapshotFile } from '../../src/snapshot/index.js';
import type { AwsAccounts } from '../support/aws-accounts.js';
import { serveOverHttp, TEST_CREDENTIALS } from '../support/aws-fake.js';
import { useIsolatedAwsEnvironment } from '../support/aws-environment.js';
import { cli } from '../support/cli.js';
import { DATA, DATA_ACCOUNT, DATA_ROLES, EXTERNAL_ID, NETWORK_ACCOUNT, roleArnIn, threeAccounts, WEB_ACCOUNT } from '../support/three-accounts.js';

/**
 * The CI matrix workflow of docs/ci-drift.md: one `topology snapshot` per account, then
 * `topology merge`; the merge equals the snapshot of one run over every account.
 */

const home = useIsolatedAwsEnvironment('topology-merge-');

beforeEach(() => {
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
});

async function withAccounts(run: (url: string) => Promise<void>, change?: (accounts: AwsAccounts) => void): Promise<void> {
  const accounts = await threeAccounts();
  change?.(accounts);
  const { url, server } = await serveOverHttp(accounts);
  try {
    await run(url);
  } finally {
    await new Promise((done) => server.close(done));
  }
}

const ACCOUNTS = [WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT];
const roleFlags = (account: string) => ['--role-arn', roleArnIn(account), ...(account === DATA_ACCOUNT ? ['--external-id', EXTERNAL_ID] : [])];

async function snapshotOf(url: string, file: string, ...flags: string[]): Promise<number> {
  const { code } = await cli('snapshot', ...flags, '--region', REGION, '--endpoint-url', url, '--out', file);
  return code;
}

async function bodyOf(file: string): Promise<SnapshotFile> {
  return JSON.parse(await readFile(file, 'utf8')) as SnapshotFile;
}

describe('topology merge', () => {
  it('joins one snapshot per account into the snapshot of one run over all of them', async () => {
    await withAccounts(async (url) => {
      const perAccount = ACCOUNTS.map((account) => join(home.dir, `${account}.json`));
      for (const [i, account] of ACCOUNTS.entries()) expect(await snapshotOf(url, perAccount[i]!, ...roleFlags(account))).toBe(0);
      // One run over all three (the data role's external id is sent to all; the others do not require one).
      expect(await snapshotOf(url, join(home.dir, 'all.json'), ...ACCOUNTS.flatMap((account) => ['--role-arn', roleArnIn(account)]), '--external-id', EXTERNAL_ID)).toBe(0);

      const merged = await cli('merge', ...perAccount.reverse(), '--out', join(home.dir, 'merged.json'));
      expect(merged.stderr).toContain('(3 snapshots, 3 account(s)');
      expect(merged.code).toBe(0);

      const all = await bodyOf(join(home.dir, 'all.json'));
      const joined = await bodyOf(join(home.dir, 'merged.json'));
      expect(joined.body).toEqual(all.body);
      expect(joined.body.inventory.accounts?.map((a) => a.id)).toEqual(ACCOUNTS);
      expect(joined.body.inventory.resourceAccounts?.[DATA.bucketArn]).toBe(DATA_ACCOUNT);
      // Links across accounts are found again over the merge (no single-account snapshot has them).
      expect(joined.body.edges.filter((e) => e.kind === 'cross-account-access').map((e) => e.to.id)).toEqual([DATA.bucketArn, DATA.queueArn]);
      expect(joined.body.edges.filter((e) => e.kind === 'cross-account-trust').map((e) => `${e.from.id} -> ${e.to.id}`)).toEqual([
        `${ARNS.webTaskRole} -> ${DATA_ROLES.exportsReader}`,
        `${ARNS.workerTaskRole} -> ${DATA_ROLES.queueReplayer}`,
      ]);
      expect(joined.header.partial).toBe(false);
      // Each single-account snapshot knows only its own account.
      expect((await bodyOf(perAccount[0]!)).body.inventory.accounts).toBeUndefined();
    });
  });

  it('is partial (exit 4) when an input was, and reads the merge back as a source', async () => {
    await withAccounts(
      async (url) => {
        const web = join(home.dir, 'web.json');
        const data = join(home.dir, 'data.json');
        expect(await snapshotOf(url, web, ...roleFlags(WEB_ACCOUNT))).toBe(0);
        const partial = await cli('snapshot', ...roleFlags(DATA_ACCOUNT), '--region', REGION, '--endpoint-url', url, '--out', data);
        expect(partial.code).toBe(4);
        // The job's log says which account and which call (a snapshot keeps no warnings).
        expect(partial.stderr).toContain(
          `topology: some AWS calls were denied or failed: the snapshot is partial (header.partial).\n  Access denied: sqs:ListQueues (sqs in ${REGION}); data from this call is missing. Grant it (see docs/iam-policy.json).\n`,
        );
        const merged = await cli('merge', web, data, '--out', join(home.dir, 'merged.json'));
        expect(merged.code).toBe(4);
        expect((await bodyOf(join(home.dir, 'merged.json'))).header.partial).toBe(true);
        const report = await cli('--from', join(home.dir, 'merged.json'), '--format', 'json');
        expect(report.code).toBe(0);
        const inventory = (JSON.parse(report.stdout) as { inventory: { accounts: { id: string }[] } }).inventory;
        expect(inventory.accounts.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT]);
      },
      (accounts) => accounts.account(DATA_ACCOUNT).fail('sqs', 'ListQueues', 'AccessDenied'),
    );
  });

  it('names the account it could not assume when a snapshot of several accounts is partial', async () => {
    await withAccounts(
      async (url) => {
        const { code, stderr } = await cli('snapshot', ...ACCOUNTS.flatMap((account) => ['--role-arn', roleArnIn(account)]), '--external-id', EXTERNAL_ID, '--region', REGION, '--endpoint-url', url, '--out', join(home.dir, 'all.json'));
        expect(code).toBe(4);
        expect(stderr).toContain(`  Access denied: sts:AssumeRole (sts in global of account ${NETWORK_ACCOUNT} for ${roleArnIn(NETWORK_ACCOUNT)}); data from this call is missing.`);
        expect((await bodyOf(join(home.dir, 'all.json'))).body.inventory.accounts?.map((a) => a.id)).toEqual(ACCOUNTS);
      },
      (accounts) => accounts.role(roleArnIn(NETWORK_ACCOUNT), { trustedAccounts: [] }),
    );
  });

  it('refuses public snapshots and a single file', async () => {
    await withAccounts(async (url) => {
      const web = join(home.dir, 'web.json');
      const published = join(home.dir, 'public.json');
      expect(await snapshotOf(url, web, ...roleFlags(WEB_ACCOUNT))).toBe(0);
      expect(await snapshotOf(url, published, ...roleFlags(NETWORK_ACCOUNT), '--public')).toBe(0);
      const refused = await cli('merge', web, published);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${published} is public`);
      const single = await cli('merge', web);
      expect(single.code).toBe(2);
      expect(single.stderr).toContain('at least two snapshot files');
    });
  });
});
