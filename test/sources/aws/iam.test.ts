import { readFile } from 'node:fs/promises';
import { coverageWarnings } from '../../../src/model/coverage.js';
import { emptyInventory } from '../../../src/model/index.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectIam, roleNamesInAccount, type IamWanted } from '../../../src/sources/aws/iam.js';
import { ACCOUNT, ARNS, NAMES } from '../../../src/sources/recorded-account/recorded/facts.js';
import { RECORDED_DIR } from '../../../src/sources/recorded-account/recordings.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';
import { shopInventory } from '../../fixtures/model/shop-account.js';

/** The role ARNs the demo task definitions use: the execution role is shared by both. */
const TASK_ROLE_ARNS = [ARNS.webTaskRole, ARNS.executionRole, ARNS.workerTaskRole, ARNS.executionRole];
/** The same roles in the order the hand-built model of the account lists them. */
const MODEL_ORDER = [ARNS.webTaskRole, ARNS.workerTaskRole, ARNS.executionRole];

async function collect(fake: AwsFake, roleArns: string[] = TASK_ROLE_ARNS, wanted: IamWanted = {}) {
  const { ctx, recorder } = contextFor(fake, 'iam', { coverageRegion: 'global' });
  return { inventory: await collectIam(ctx, roleArns, wanted), coverage: recorder.result() };
}

const encoded = (document: object) => encodeURIComponent(JSON.stringify(document));

/** A role of the account as GetAccountAuthorizationDetails lists it, trusting `principal`. */
function roleMember(name: string, principal: object, condition?: object): string {
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition === undefined ? {} : { Condition: condition }) }] };
  return `<member><Path>/</Path><RoleName>${name}</RoleName><RoleId>AROA${name.length}</RoleId><Arn>arn:aws:iam::${ACCOUNT}:role/${name}</Arn><AssumeRolePolicyDocument>${encoded(trust)}</AssumeRolePolicyDocument><RolePolicyList/><AttachedManagedPolicies/><Tags/></member>`;
}

const EXPECTED_ROLES = shopInventory().roles;
const EXPECTED_POLICIES = shopInventory().managedPolicies;

describe('collectIam through GetAccountAuthorizationDetails', () => {
  it('maps the task and execution roles with decoded trust, inline and managed policy documents', async () => {
    const fake = await AwsFake.recorded();
    const { inventory, coverage } = await collect(fake, MODEL_ORDER);
    expect(inventory.roles).toEqual(EXPECTED_ROLES);
    expect(inventory.managedPolicies).toEqual(EXPECTED_POLICIES);
    const execution = inventory.roles?.find((r) => r.arn === ARNS.executionRole);
    expect(execution?.trustPrincipals).toEqual([{ type: 'Service', value: 'ecs-tasks.amazonaws.com' }]);
    expect(execution?.inlinePolicies[0]?.document.statements[0]?.resources).toEqual([ARNS.dbSecret]);
    expect(coverage).toEqual({ service: 'iam', region: 'global', status: 'ok', missing: [] });
  });

  it('makes one bulk call for roles and local policies, and leaves out roles no task uses', async () => {
    const fake = await AwsFake.recorded();
    const { inventory } = await collect(fake);
    expect(fake.calls('iam').map((r) => [r.operation, r.params['Filter.member.1'], r.params['Filter.member.2'], r.params.MaxItems])).toEqual([
      ['GetAccountAuthorizationDetails', 'Role', 'LocalManagedPolicy', '1000'],
    ]);
    expect(inventory.roles?.map((r) => r.name)).not.toContain('topology-audit');
    expect(inventory.managedPolicies?.map((p) => p.name)).not.toContain('SecurityAudit');
  });

  it('reads every page, following the Marker', async () => {
    const fake = await AwsFake.recorded();
    // The recorded single page, cut into three: the roles' members sit at six spaces of indent.
    const recorded = await readFile(join(RECORDED_DIR, 'iam', 'GetAccountAuthorizationDetails.xml'), 'utf8');
    const roles = /<RoleDetailList>\n([\s\S]*)\n {4}<\/RoleDetailList>/.exec(recorded)![1]!.split(/(?<=<\/member>)\n(?= {6}<member>)/);
    const policies = /<Policies>([\s\S]*)<\/Policies>/.exec(recorded)![1]!;
    expect(roles).toHaveLength(4);
    // Page 1: the execution role; page 2: the other roles; page 3: the customer-managed policies.
    fake.reply('iam', 'GetAccountAuthorizationDetails', `<IsTruncated>true</IsTruncated><Marker>page-2</Marker><RoleDetailList>\n${roles[0]}\n</RoleDetailList><Policies/>`);
    fake.reply(
      'iam',
      'GetAccountAuthorizationDetails',
      `<IsTruncated>true</IsTruncated><Marker>page-3</Marker><RoleDetailList>\n${roles.slice(1).join('\n')}\n</RoleDetailList><Policies/>`,
      { match: { params: { Marker: 'page-2' } } },
    );
    fake.reply('iam', 'GetAccountAuthorizationDetails', `<IsTruncated>false</IsTruncated><RoleDetailList/><Policies>${policies}</Policies>`, {
      match: { params: { Marker: 'page-3' } },
    });
    const { inventory } = await collect(fake, MODEL_ORDER);
    expect(fake.calls('iam', 'GetAccountAuthorizationDetails').map((r) => r.params.Marker)).toEqual([undefined, 'page-2', 'page-3']);
    expect(inventory.roles).toEqual(EXPECTED_ROLES);
    expect(inventory.managedPolicies).toEqual(EXPECTED_POLICIES);
  });

  it('makes no call in a scoped walk when no task uses a role', async () => {
    const fake = await AwsFake.recorded();
    const { inventory } = await collect(fake, [], { trustedFromOtherAccounts: false });
    expect(inventory).toEqual({ roles: [], managedPolicies: [] });
    expect(fake.served).toEqual([]);
  });

  it('also keeps the roles a principal of another account (or anyone) may assume, from the same call', async () => {
    const fake = new AwsFake();
    const roles = [
      roleMember('partner-reader', { AWS: 'arn:aws:iam::111111111111:role/ci' }),
      roleMember('org-admin', { AWS: '444444444444' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }),
      roleMember('anyone-in-org', { AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }),
      // Not trusted by another account: a service, a federated provider, the account itself.
      roleMember('lambda-runner', { Service: 'lambda.amazonaws.com' }),
      roleMember('sso-admin', { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/sso` }),
      roleMember('local-admin', { AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    ];
    fake.reply('iam', 'GetAccountAuthorizationDetails', `<IsTruncated>false</IsTruncated><RoleDetailList>${roles.join('')}</RoleDetailList><Policies/>`);
    // An account that runs no task: its roles others may assume are still read, in one call.
    const { inventory } = await collect(fake, []);
    expect(fake.calls('iam').map((r) => r.operation)).toEqual(['GetAccountAuthorizationDetails']);
    expect(inventory.roles?.map((r) => [r.name, r.trustPrincipals.map((p) => `${p.value}${p.conditionKeys ? ` if ${p.conditionKeys.join(',')}` : ''}`)])).toEqual([
      ['partner-reader', ['arn:aws:iam::111111111111:role/ci']],
      ['org-admin', ['444444444444 if aws:PrincipalOrgID']],
      ['anyone-in-org', ['* if aws:PrincipalOrgID']],
    ]);
    // A task role comes first, once, even when another account may assume it too; a scoped walk keeps only the task roles.
    const taskFirst = await collect(fake, [`arn:aws:iam::${ACCOUNT}:role/org-admin`, `arn:aws:iam::${ACCOUNT}:role/lambda-runner`]);
    expect(taskFirst.inventory.roles?.map((r) => r.name)).toEqual(['org-admin', 'lambda-runner', 'partner-reader', 'anyone-in-org']);
    const scoped = await collect(fake, [`arn:aws:iam::${ACCOUNT}:role/lambda-runner`], { trustedFromOtherAccounts: false });
    expect(scoped.inventory.roles?.map((r) => r.name)).toEqual(['lambda-runner']);
  });
});

describe('collectIam fallback when the bulk call is denied', () => {
  it('builds the same roles and policies from per-role calls, each role and policy fetched once', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('iam', 'GetAccountAuthorizationDetails', 'AccessDenied');
    const { inventory, coverage } = await collect(fake, [...MODEL_ORDER, ARNS.executionRole]);
    expect(inventory.roles).toEqual(EXPECTED_ROLES);
    expect(inventory.managedPolicies).toEqual(EXPECTED_POLICIES);
    const count = (operation: string) => fake.calls('iam', operation).length;
    expect(['GetRole', 'ListAttachedRolePolicies', 'ListRolePolicies', 'GetRolePolicy', 'GetPolicy', 'GetPolicyVersion'].map(count)).toEqual([3, 3, 3, 1, 2, 2]);
    expect(fake.calls('iam', 'GetPolicy').map((r) => r.params.PolicyArn).sort()).toEqual([ARNS.webPolicy, ARNS.workerPolicy].sort());
    expect(fake.calls('iam', 'GetPolicyVersion').map((r) => r.params.VersionId).sort()).toEqual(['v1', 'v2']);
    expect(coverage).toEqual({
      service: 'iam',
      region: 'global',
      status: 'ok',
      missing: [
        {
          action: 'iam:GetAccountAuthorizationDetails',
          reason: 'denied',
          code: 'AccessDenied',
          recoveredBy: 'per-role IAM calls (task and execution roles only: the roles other accounts may assume are not found)',
        },
      ],
    });
    expect(coverageWarnings({ ...emptyInventory({ kind: 'aws', label: 'test' }), coverage: [coverage] })).toEqual([
      {
        code: 'info',
        message:
          'Access denied: iam:GetAccountAuthorizationDetails (iam in global); the same data was collected with per-role IAM calls (task and execution roles only: the roles other accounts may assume are not found) instead. Grant it for faster collection.',
      },
    ]);
  });

  it('says plainly that the same data was collected when a scoped walk wants only the task and execution roles', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('iam', 'GetAccountAuthorizationDetails', 'AccessDenied');
    const { inventory, coverage } = await collect(fake, MODEL_ORDER, { trustedFromOtherAccounts: false });
    expect(inventory.roles).toEqual(EXPECTED_ROLES);
    expect(coverage.missing.map((m) => m.recoveredBy)).toEqual(['per-role IAM calls']);
  });

  it('fetches a customer-managed policy once when two roles attach it', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('iam', 'GetAccountAuthorizationDetails', 'AccessDenied');
    fake.reply(
      'iam',
      'ListAttachedRolePolicies',
      `<IsTruncated>false</IsTruncated><AttachedPolicies><member><PolicyArn>${ARNS.webPolicy}</PolicyArn><PolicyName>shop-web-uploads</PolicyName></member></AttachedPolicies>`,
      { match: { params: { RoleName: NAMES.workerTaskRole } } },
    );
    const { inventory } = await collect(fake);
    expect(fake.calls('iam', 'GetPolicy').map((r) => r.params.PolicyArn)).toEqual([ARNS.webPolicy]);
    expect(inventory.managedPolicies?.map((p) => p.arn)).toEqual([ARNS.webPolicy, ARNS.executionPolicy]);
  });

  it('keeps a role whose inline policy is denied and names the policy in coverage', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('iam', 'GetAccountAuthorizationDetails', 'AccessDenied');
    fake.fail('iam', 'GetRolePolicy', 'AccessDenied');
    fake.fail('iam', 'GetRole', 'NoSuchEntity', { match: { params: { RoleName: NAMES.workerTaskRole } } });
    const { inventory, coverage } = await collect(fake);
    expect(inventory.roles?.map((r) => [r.name, r.inlinePolicies.length, r.attachedPolicies.length])).toEqual([
      [NAMES.webTaskRole, 0, 1],
      [NAMES.executionRole, 0, 1],
    ]);
    expect(coverage.missing).toEqual([
      { action: 'iam:GetAccountAuthorizationDetails', reason: 'denied', code: 'AccessDenied' },
      { action: 'iam:GetRole', reason: 'error', code: 'NoSuchEntity', resource: NAMES.workerTaskRole },
      { action: 'iam:GetRolePolicy', reason: 'denied', code: 'AccessDenied', resource: `${NAMES.executionRole}/read-db-secret` },
    ]);
    expect(coverage.status).toBe('partial');
  });
});

describe('roleNamesInAccount', () => {
  it('dedupes by name, accepts bare names and drops roles of other accounts', () => {
    expect(
      roleNamesInAccount(
        [ARNS.webTaskRole, `arn:aws:iam::${ACCOUNT}:role/shop-web-task`, 'ops-task', 'arn:aws:iam::210987654321:role/shared/cross-account', ARNS.executionRole],
        ACCOUNT,
      ),
    ).toEqual(['shop-web-task', 'ops-task', 'shop-ecs-execution']);
  });
});
