import { describe, expect, it } from 'vitest';
import { broadCrossAccountGrant } from '../../../src/audit/rules/accounts/broad-cross-account-grant.js';
import { unconditionedCrossAccountTrust } from '../../../src/audit/rules/accounts/unconditioned-cross-account-trust.js';
import { emptyInventory, mergeAccountInventories, type Inventory, type PolicyStatement } from '../../../src/model/index.js';
import { parsePolicyDocument, trustPrincipalsOf } from '../../../src/sources/policy-document.js';
import { ACCOUNT, ARNS, REGION } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

const DATA = '222222222222';
const BUCKET = 'arn:aws:s3:::data-exports';

function allow(principal: string, extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return { effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: [`${BUCKET}/*`], notResources: [], principals: [{ type: 'AWS', value: principal }], ...extra };
}

/** The shop account (web) and a data account holding one bucket with `statements`. */
function twoAccounts(statements: PolicyStatement[], web: Inventory = shop()): Inventory {
  const data = { ...emptyInventory({ kind: 'aws', label: 'data' }), accountId: DATA, regions: [REGION] };
  data.buckets = [{ name: 'data-exports', arn: BUCKET, region: REGION, tags: {}, policy: { statements } }];
  return mergeAccountInventories([web, data], { kind: 'aws', label: 'two accounts' });
}

describe('TOPO-ACCT-001 cross-account grant broader than the link it serves', () => {
  it('reports a bucket that lets a whole walked account in when one role of it uses the bucket', () => {
    const web = shop();
    // The web task role's own policy names the data bucket: the web service uses it.
    web.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements.push({ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: [`${BUCKET}/*`], notResources: [] });
    const results = check(broadCrossAccountGrant, twoAccounts([allow(`arn:aws:iam::${ACCOUNT}:root`)], web));
    expect(results.map((r) => r.message)).toEqual([`Bucket data-exports lets every principal of account ${ACCOUNT} in (policy statement 1), but only shop-web-task uses it (only task and execution roles and roles other accounts may assume are collected).`]);
    expect(results[0]!.resources.map((r) => r.id)).toEqual([BUCKET, ARNS.webTaskRole]);
  });

  it('reports the grant when nothing of that account was seen using it, and stays silent for a named role or an account not walked', () => {
    expect(check(broadCrossAccountGrant, twoAccounts([allow(ACCOUNT)])).map((r) => r.message)).toEqual([
      `Bucket data-exports lets every principal of account ${ACCOUNT} in (policy statement 1), but no role of that account was seen using it (only task and execution roles and roles other accounts may assume are collected).`,
    ]);
    expect(check(broadCrossAccountGrant, twoAccounts([allow(ARNS.webTaskRole)]))).toEqual([]);
    expect(check(broadCrossAccountGrant, twoAccounts([allow('arn:aws:iam::777777777777:root')]))).toEqual([]);
  });
});

describe('TOPO-ACCT-001 on a role trusting a whole account', () => {
  const READER = `arn:aws:iam::${DATA}:role/ops/data-reader`;
  /** The data account holding one role trusting `principal` (under `condition`); the web task role's policy may assume it when `assumed`. */
  function trusting(principal: string, condition?: object, assumed = true): Inventory {
    const web = shop();
    if (assumed) web.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements.push({ effect: 'Allow', actions: ['sts:AssumeRole'], notActions: [], resources: [READER], notResources: [] });
    const data = { ...emptyInventory({ kind: 'aws', label: 'data' }), accountId: DATA, regions: [REGION] };
    const trust = trustPrincipalsOf(parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] })));
    data.roles = [{ arn: READER, name: 'data-reader', path: '/ops/', trustPrincipals: trust, attachedPolicies: [], inlinePolicies: [], tags: {} }];
    return mergeAccountInventories([web, data], { kind: 'aws', label: 'two accounts' });
  }
  const ORG = { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } };

  it('reports a role that lets every principal of a walked account assume it, naming the roles seen assuming it', () => {
    const results = check(broadCrossAccountGrant, trusting(`arn:aws:iam::${ACCOUNT}:root`, ORG));
    expect(results.map((r) => [r.message, r.resources.map((x) => x.id)])).toEqual([
      [`Role data-reader lets every principal of account ${ACCOUNT} assume it (trust policy), but only shop-web-task does (only task and execution roles and roles other accounts may assume are collected).`, [READER, ARNS.webTaskRole]],
    ]);
    expect(check(broadCrossAccountGrant, trusting(ACCOUNT, ORG, false)).map((r) => r.message)).toEqual([
      `Role data-reader lets every principal of account ${ACCOUNT} assume it (trust policy), but no role of that account was seen assuming it (only task and execution roles and roles other accounts may assume are collected).`,
    ]);
  });

  it('stays silent when a condition names the principals, for a named role, and for an account not walked', () => {
    expect(check(broadCrossAccountGrant, trusting(`arn:aws:iam::${ACCOUNT}:root`, { ArnLike: { 'aws:PrincipalArn': ARNS.webTaskRole } }))).toEqual([]);
    expect(check(broadCrossAccountGrant, trusting(ARNS.webTaskRole))).toEqual([]);
    expect(check(broadCrossAccountGrant, trusting('arn:aws:iam::777777777777:root'))).toEqual([]);
  });
});

describe('TOPO-ACCT-002 role trusted by another account without conditions', () => {
  const trust = (statement: object) => trustPrincipalsOf(parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [statement] })));

  it('reports a trust statement naming another account with no condition', () => {
    const inventory = shop();
    inventory.roles[0]!.trustPrincipals = trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DATA}:root` }, Action: 'sts:AssumeRole' });
    expect(check(unconditionedCrossAccountTrust, inventory).map((r) => r.message)).toEqual([`Role shop-web-task may be assumed from account ${DATA} without any condition.`]);
  });

  it('accepts a condition (external id, organization), the own account and service principals', () => {
    const inventory = shop();
    inventory.roles[0]!.trustPrincipals = trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DATA}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } });
    inventory.roles[1]!.trustPrincipals = trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' });
    expect(inventory.roles[0]!.trustPrincipals[0]!.conditionKeys).toEqual(['sts:ExternalId']);
    expect(check(unconditionedCrossAccountTrust, inventory)).toEqual([]);
    expect(check(unconditionedCrossAccountTrust, shop())).toEqual([]);
  });
});
