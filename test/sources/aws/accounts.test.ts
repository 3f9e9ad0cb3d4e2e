import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpRequest } from '@smithy/protocol-http';
import { isPartial } from '../../../src/model/coverage.js';
import type { WalkSource } from '../../../src/model/progress.js';
import { collectAccounts, roleAccount, sharedCredentials, type AccountTarget, type CollectAccountsOptions } from '../../../src/sources/aws/accounts.js';
import { ARNS, REGION } from '../../../src/sources/recorded-account/recorded/facts.js';
import { parseRequest } from '../../../src/sources/recorded-account/wire.js';
import { silentProgress } from '../../../src/cli/progress.js';
import { CALLER_ACCOUNT, type AwsAccounts } from '../../support/aws-accounts.js';
import { TEST_CREDENTIALS, zeroDelayRetry } from '../../support/aws-fake.js';
import { DATA, DATA_ACCOUNT, EXTERNAL_ID, NETWORK, NETWORK_ACCOUNT, roleArnIn, threeAccounts, WEB_ACCOUNT } from '../../support/three-accounts.js';

const ALL_THREE: AccountTarget[] = [
  { kind: 'role', roleArn: roleArnIn(WEB_ACCOUNT) },
  { kind: 'role', roleArn: roleArnIn(DATA_ACCOUNT), externalId: EXTERNAL_ID },
  { kind: 'role', roleArn: roleArnIn(NETWORK_ACCOUNT) },
];

function walk(accounts: AwsAccounts, targets: AccountTarget[], extra: Partial<CollectAccountsOptions> = {}) {
  return collectAccounts({
    targets,
    regions: [REGION],
    progress: silentProgress,
    credentials: TEST_CREDENTIALS,
    requestHandler: accounts,
    retryStrategy: zeroDelayRetry(),
    ...extra,
  });
}

describe('collectAccounts: roles assumed from the caller, one merged inventory', () => {
  it('walks every account with its own assumed credentials and says which account each resource is in', async () => {
    const accounts = await threeAccounts();
    const inventory = await walk(accounts, ALL_THREE);

    expect(inventory.accounts).toEqual([
      { id: WEB_ACCOUNT, regions: [REGION] },
      { id: DATA_ACCOUNT, regions: [REGION] },
      { id: NETWORK_ACCOUNT, regions: [REGION] },
    ]);
    expect(inventory.accountId).toBeUndefined();
    expect(inventory.source.label).toBe(`aws accounts ${WEB_ACCOUNT}, ${DATA_ACCOUNT}, ${NETWORK_ACCOUNT}`);
    expect(inventory.resourceAccounts?.[ARNS.alb]).toBe(WEB_ACCOUNT);
    expect(inventory.resourceAccounts?.[DATA.bucketArn]).toBe(DATA_ACCOUNT);
    expect(inventory.resourceAccounts?.[DATA.queueArn]).toBe(DATA_ACCOUNT);
    expect(inventory.resourceAccounts?.[NETWORK.vpc]).toBe(NETWORK_ACCOUNT);
    expect(inventory.buckets.map((b) => b.name)).toContain(DATA.bucket);
    expect(isPartial(inventory.coverage)).toBe(false);
    // Every coverage entry says which account it is about.
    expect(new Set(inventory.coverage.map((entry) => entry.account))).toEqual(new Set([WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT]));

    // AssumeRole: signed with the caller's key, once per account however many clients ask.
    const assumed = accounts.requestsOf(CALLER_ACCOUNT).filter((r) => r.operation === 'AssumeRole');
    expect(assumed.map((r) => r.params.RoleArn).sort()).toEqual(ALL_THREE.map((t) => (t as { roleArn: string }).roleArn).sort());
    expect(assumed.every((r) => r.accessKeyId === TEST_CREDENTIALS.accessKeyId && r.params.RoleSessionName === 'topology')).toBe(true);
    expect(assumed.find((r) => r.params.RoleArn === roleArnIn(DATA_ACCOUNT))?.params.ExternalId).toBe(EXTERNAL_ID);
    // Nothing but STS was asked with the caller's own credentials.
    expect(accounts.requestsOf(CALLER_ACCOUNT).every((r) => r.service === 'sts')).toBe(true);
    // Each account was asked with its own (assumed) key only.
    for (const account of [WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT]) {
      const keys = new Set(accounts.requestsOf(account).map((r) => r.accessKeyId));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(new RegExp(`^ASIA${account}`));
    }
    expect(accounts.requestsOf(DATA_ACCOUNT).some((r) => r.operation === 'GetBucketPolicy')).toBe(true);
  });

  it('reports an account whose role does not trust the caller, and walks the others (partial)', async () => {
    const accounts = await threeAccounts();
    accounts.role(roleArnIn(NETWORK_ACCOUNT), { trustedAccounts: ['111111111111'] });
    const inventory = await walk(accounts, ALL_THREE);

    expect(accounts.assumeFailures).toEqual([{ roleArn: roleArnIn(NETWORK_ACCOUNT), failure: 'not-trusted' }]);
    const failed = inventory.coverage.filter((entry) => entry.status !== 'ok');
    expect(failed).toEqual([
      {
        service: 'sts',
        region: 'global',
        account: NETWORK_ACCOUNT,
        status: 'denied',
        missing: [{ action: 'sts:AssumeRole', reason: 'denied', code: 'AccessDenied', resource: roleArnIn(NETWORK_ACCOUNT) }],
      },
    ]);
    expect(isPartial(inventory.coverage)).toBe(true);
    expect(inventory.accounts).toContainEqual({ id: NETWORK_ACCOUNT, regions: [] });
    expect(inventory.vpcs.map((v) => v.id)).not.toContain(NETWORK.vpc);
    expect(inventory.buckets.map((b) => b.name)).toContain(DATA.bucket);
    expect(inventory.services.length).toBeGreaterThan(0);
    expect(accounts.requestsOf(NETWORK_ACCOUNT)).toEqual([]);
  });

  it('reports an external id mismatch the same way (AWS says only "not authorized")', async () => {
    const accounts = await threeAccounts();
    const targets: AccountTarget[] = [ALL_THREE[0]!, { kind: 'role', roleArn: roleArnIn(DATA_ACCOUNT), externalId: 'wrong-id' }];
    const inventory = await walk(accounts, targets);

    expect(accounts.assumeFailures).toEqual([{ roleArn: roleArnIn(DATA_ACCOUNT), failure: 'external-id' }]);
    const entry = inventory.coverage.find((c) => c.account === DATA_ACCOUNT);
    expect(entry?.missing).toEqual([{ action: 'sts:AssumeRole', reason: 'denied', code: 'AccessDenied', resource: roleArnIn(DATA_ACCOUNT) }]);
    expect(inventory.buckets.map((b) => b.name)).not.toContain(DATA.bucket);
  });

  it('records the calls an account denies under that account, and goes on', async () => {
    const accounts = await threeAccounts();
    accounts.account(DATA_ACCOUNT).fail('sqs', 'ListQueues', 'AccessDenied');
    const inventory = await walk(accounts, ALL_THREE);

    const denied = inventory.coverage.filter((c) => c.status !== 'ok');
    expect(denied.map((c) => [c.account, c.service, c.missing.map((m) => m.action)])).toEqual([[DATA_ACCOUNT, 'sqs', ['sqs:ListQueues']]]);
    expect(inventory.queues.map((q) => q.arn)).toContain(ARNS.queue);
  });

  it('costs an account that holds nothing but network context 14 listings per region and 4 calls (docs/multi-account.md, Cost in calls)', async () => {
    const accounts = await threeAccounts();
    await walk(accounts, ALL_THREE, { regions: [REGION, 'eu-west-1'] });
    const asked = accounts.requestsOf(NETWORK_ACCOUNT).map((r) => `${r.service}:${r.operation}`);
    const perRegion = [
      'dynamodb:ListTables',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeSubnets',
      'ec2:DescribeTransitGatewayAttachments',
      'ec2:DescribeVpcEndpoints',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeVpcs',
      'ecs:ListClusters',
      'elbv2:DescribeLoadBalancers',
      'elbv2:DescribeTargetGroups',
      'rds:DescribeDBClusters',
      'rds:DescribeDBInstances',
      'sqs:ListQueues',
    ];
    const once = ['iam:GetAccountAuthorizationDetails', 'route53:ListHostedZones', 's3:ListBuckets', 'sts:GetCallerIdentity'];
    expect(asked.sort()).toEqual([...perRegion, ...perRegion, ...once].sort());
    expect(asked).toHaveLength(14 * 2 + 4);
    // The caller account answers one AssumeRole per account, nothing else.
    expect(accounts.requestsOf(CALLER_ACCOUNT).map((r) => r.operation)).toEqual(['AssumeRole', 'AssumeRole', 'AssumeRole']);
  });

  it('shows one progress bar per account, fed by that account’s own rate buckets', async () => {
    const accounts = await threeAccounts();
    let source: WalkSource | undefined;
    await walk(accounts, ALL_THREE, {
      progress: { step: () => undefined, walk: (walked) => ((source = walked), { done: () => undefined }) },
      retryStrategy: undefined,
    });
    const bars = source!.activity();
    expect(bars.map((b) => b.label)).toEqual([`account ${WEB_ACCOUNT}`, `account ${DATA_ACCOUNT}`, `account ${NETWORK_ACCOUNT}`]);
    for (const account of [WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT]) {
      const bar = bars.find((b) => b.label === `account ${account}`)!;
      // The paced calls of the account (its STS identity check included) are the requests it answered.
      const answered = accounts.requestsOf(account).length;
      expect(answered).toBeGreaterThan(1);
      expect(bar.done).toBe(answered);
      expect(bar.known).toBe(answered);
    }
  });

  it('keeps every account and region under one global bound on calls in flight', async () => {
    const accounts = await threeAccounts();
    let inFlight = 0;
    let most = 0;
    const slow = {
      handle: async (request: HttpRequest) => {
        // STS (AssumeRole, GetCallerIdentity) precedes each account's walk and is not a collector call.
        if (parseRequest(request).service === 'sts') return accounts.handle(request);
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        try {
          return await accounts.handle(request);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const inventory = await walk(accounts, ALL_THREE, { requestHandler: slow, globalConcurrency: 2 });
    expect(isPartial(inventory.coverage)).toBe(false);
    expect(most).toBe(2);
  });
});

describe('account targets and credentials', () => {
  it('takes the account from a role ARN and refuses what is not one', () => {
    expect(roleAccount('arn:aws:iam::222222222222:role/ops/topology-read-only')).toBe('222222222222');
    expect(() => roleAccount('arn:aws:iam::2222:role/x')).toThrow(/not an IAM role ARN/);
    expect(() => roleAccount('topology-read-only')).toThrow(/not an IAM role ARN/);
  });

  it('asks the provider once, again only near expiry, and forgets a failure', async () => {
    let now = 0;
    let asked = 0;
    let fail = true;
    const provider = sharedCredentials(async () => {
      asked += 1;
      if (fail) throw new Error('denied');
      return { ...TEST_CREDENTIALS, expiration: new Date(3600_000) };
    }, () => now);
    await expect(provider()).rejects.toThrow('denied');
    fail = false;
    await provider();
    await provider();
    expect(asked).toBe(2);
    now = 3600_000 - 60_000;
    await provider();
    expect(asked).toBe(3);
  });
});

describe('collectAccounts with --org: the organization’s active accounts', () => {
  const ORG = { role: 'topology-read-only' };
  const members = [
    { id: WEB_ACCOUNT },
    { id: '444444444444', state: 'SUSPENDED' },
    { id: DATA_ACCOUNT },
    { id: '555555555555', state: 'PENDING_CLOSURE' },
    { id: NETWORK_ACCOUNT },
  ];

  it('lists the accounts page by page, skips those not active, and assumes the role in each', async () => {
    const accounts = (await threeAccounts()).organization(members, 2);
    const inventory = await walk(accounts, [], { org: ORG, orgRoleSettings: { externalId: EXTERNAL_ID } });
    const listed = accounts.requestsOf(CALLER_ACCOUNT).filter((r) => r.operation === 'ListAccounts');
    expect(listed.map((r) => r.params.NextToken ?? 'first')).toEqual(['first', 'page-2', 'page-3']);
    expect(listed.every((r) => r.params.MaxResults === '20')).toBe(true);
    const assumed = accounts.requestsOf(CALLER_ACCOUNT).filter((r) => r.operation === 'AssumeRole').map((r) => r.params.RoleArn).sort();
    expect(assumed).toEqual([roleArnIn(WEB_ACCOUNT), roleArnIn(DATA_ACCOUNT), roleArnIn(NETWORK_ACCOUNT)]);
    expect(inventory.accounts?.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT]);
    expect(isPartial(inventory.coverage)).toBe(false);
  });

  it('keeps only --accounts and drops --exclude-accounts', async () => {
    const accounts = (await threeAccounts()).organization(members, 20);
    const inventory = await walk(accounts, [], { org: { ...ORG, accounts: [WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT], exclude: [NETWORK_ACCOUNT] }, orgRoleSettings: { externalId: EXTERNAL_ID } });
    expect(inventory.accounts?.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT]);
  });

  it('walks only the accounts of --org-unit and of the units inside it', async () => {
    const accounts = (await threeAccounts()).organizationUnits({
      'ou-root-apps0000': { accounts: [{ id: WEB_ACCOUNT }], units: ['ou-root-data0000'] },
      'ou-root-data0000': { accounts: [{ id: DATA_ACCOUNT }, { id: '444444444444', state: 'SUSPENDED' }] },
    });
    const inventory = await walk(accounts, [], { org: { ...ORG, units: ['ou-root-apps0000'] }, orgRoleSettings: { externalId: EXTERNAL_ID } });
    expect(inventory.accounts?.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT]);
    const asked = accounts.requestsOf(CALLER_ACCOUNT).filter((r) => r.service === 'organizations').map((r) => `${r.operation} ${r.params.ParentId}`);
    expect(asked).toEqual([
      'ListAccountsForParent ou-root-apps0000',
      'ListOrganizationalUnitsForParent ou-root-apps0000',
      'ListAccountsForParent ou-root-data0000',
      'ListOrganizationalUnitsForParent ou-root-data0000',
    ]);
  });

  it('stops with a hint when the base credentials may not list the organization', async () => {
    const accounts = await threeAccounts();
    accounts.account(CALLER_ACCOUNT).fail('organizations', 'ListAccounts', 'AccessDeniedException');
    await expect(walk(accounts, [], { org: ORG })).rejects.toThrow(/organizations:ListAccounts failed \(AccessDeniedException\)/);
  });
});

describe('profiles: their own settings decide, MFA included', () => {
  const MFA = { serial: `arn:aws:iam::${CALLER_ACCOUNT}:mfa/auditor`, code: '123456' };
  let dir: string;
  let saved: Record<string, string | undefined>;

  beforeEach(async () => {
    saved = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
    dir = await mkdtemp(join(tmpdir(), 'topology-profiles-'));
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });

  afterEach(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('assumes a profile’s role_arn from its source_profile, asking for the MFA code of its mfa_serial', async () => {
    const accounts = await threeAccounts();
    accounts.role(roleArnIn(NETWORK_ACCOUNT), { mfa: MFA });
    const base = accounts.userKey(CALLER_ACCOUNT);
    await writeFile(join(dir, 'credentials'), `[auditor]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`);
    await writeFile(join(dir, 'config'), `[profile network]\nrole_arn = ${roleArnIn(NETWORK_ACCOUNT)}\nsource_profile = auditor\nmfa_serial = ${MFA.serial}\n`);
    const asked: string[] = [];
    const inventory = await collectAccounts({
      targets: [{ kind: 'profile', profile: 'network' }, ALL_THREE[0]!],
      regions: [REGION],
      progress: silentProgress,
      credentials: TEST_CREDENTIALS,
      requestHandler: accounts,
      retryStrategy: zeroDelayRetry(),
      mfaCodeProvider: async (serial) => (asked.push(serial), MFA.code),
    });
    expect(asked).toEqual([MFA.serial]);
    expect(accounts.assumeFailures).toEqual([]);
    expect(inventory.accounts?.map((a) => a.id)).toEqual([WEB_ACCOUNT, NETWORK_ACCOUNT]);
    expect(inventory.vpcs.map((v) => v.id)).toContain(NETWORK.vpc);
  });

  it('reports the account when the MFA code is refused', async () => {
    const accounts = await threeAccounts();
    accounts.role(roleArnIn(NETWORK_ACCOUNT), { mfa: MFA });
    const base = accounts.userKey(CALLER_ACCOUNT);
    await writeFile(join(dir, 'credentials'), `[auditor]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`);
    await writeFile(join(dir, 'config'), `[profile network]\nrole_arn = ${roleArnIn(NETWORK_ACCOUNT)}\nsource_profile = auditor\nmfa_serial = ${MFA.serial}\n`);
    const inventory = await collectAccounts({
      targets: [{ kind: 'profile', profile: 'network' }, ALL_THREE[0]!],
      regions: [REGION],
      progress: silentProgress,
      credentials: TEST_CREDENTIALS,
      requestHandler: accounts,
      retryStrategy: zeroDelayRetry(),
      mfaCodeProvider: async () => '000000',
    });
    expect(accounts.assumeFailures).toEqual([{ roleArn: roleArnIn(NETWORK_ACCOUNT), failure: 'mfa' }]);
    const failed = inventory.coverage.filter((c) => c.status !== 'ok');
    // The profile's role_arn names the account, and the call that failed is the AssumeRole it makes.
    expect(failed.map((c) => [c.account, c.missing.map((m) => `${m.action} ${m.reason} ${m.code} ${m.resource}`)])).toEqual([
      [NETWORK_ACCOUNT, ['sts:AssumeRole denied AccessDenied profile network']],
    ]);
    expect(inventory.accounts?.map((a) => a.id)).toEqual([WEB_ACCOUNT, NETWORK_ACCOUNT]);
  });

  it('reports an SSO profile that cannot be reached under its sso_account_id, and a profile naming no account under its name', async () => {
    const accounts = await threeAccounts();
    // No SSO token cached: the SSO provider fails before any call; the second profile has no credentials at all.
    await writeFile(
      join(dir, 'config'),
      `[profile data-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = ${REGION}\nsso_account_id = ${DATA_ACCOUNT}\nsso_role_name = ReadOnly\n\n[profile nothing]\nregion = ${REGION}\n`,
    );
    const inventory = await collectAccounts({
      targets: [{ kind: 'profile', profile: 'data-sso' }, { kind: 'profile', profile: 'nothing' }, ALL_THREE[0]!],
      regions: [REGION],
      progress: silentProgress,
      credentials: TEST_CREDENTIALS,
      requestHandler: accounts,
      retryStrategy: zeroDelayRetry(),
    });
    const failed = inventory.coverage.filter((c) => c.status !== 'ok');
    expect(failed.map((c) => `${c.account} ${c.missing.map((m) => `${m.action} ${m.code} ${m.resource}`).join('; ')}`).sort()).toEqual([
      `${DATA_ACCOUNT} sts:GetCallerIdentity CredentialsProviderError profile data-sso`,
      'profile nothing sts:GetCallerIdentity CredentialsProviderError profile nothing',
    ]);
    expect(inventory.accounts?.map((a) => a.id)).toEqual([WEB_ACCOUNT, DATA_ACCOUNT]);
    // Neither profile sent a request to any account.
    expect(accounts.requestsOf(DATA_ACCOUNT)).toEqual([]);
  });
});
