import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionOf, AwsFake, collect } from '../support/aws-fake.js';

/**
 * docs/iam-policy.json must list exactly the actions the code calls: checked both ways, from the
 * source (every action named in a collector, every SDK command used) and from a whole collection
 * through the real SDK clients (every request the fake served).
 */

const SOURCE_DIR = new URL('../../src/sources/aws/', import.meta.url);
const POLICY_FILE = new URL('../../docs/iam-policy.json', import.meta.url);

/**
 * `sts:GetCallerIdentity` needs no permission (AWS documents it as always allowed). `sts:AssumeRole`
 * is the caller's permission in a walk of several accounts (`--role-arn`), granted on the read-only
 * roles only: it changes nothing, and it is the one statement whose resource is not `*`.
 */
const NEEDS_NO_PERMISSION = new Set(['sts:GetCallerIdentity']);
const ASSUME_ROLE = 'sts:AssumeRole';

const CLIENT_PACKAGE_SERVICE: Record<string, string> = {
  ec2: 'ec2',
  ecs: 'ecs',
  'elastic-load-balancing-v2': 'elbv2',
  rds: 'rds',
  iam: 'iam',
  'route-53': 'route53',
  s3: 's3',
  sqs: 'sqs',
  sts: 'sts',
  organizations: 'organizations',
  dynamodb: 'dynamodb',
  'resource-groups-tagging-api': 'tagging',
  cloudformation: 'cloudformation',
};

async function policyActions(): Promise<string[]> {
  const policy = JSON.parse(await readFile(POLICY_FILE, 'utf8')) as {
    Version: string;
    Statement: { Effect: string; Action: string[]; Resource: string }[];
  };
  expect(policy.Version).toBe('2012-10-17');
  expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
  for (const statement of policy.Statement) {
    if (statement.Action.includes('sts:AssumeRole')) {
      expect(statement.Action).toEqual(['sts:AssumeRole']);
      expect(statement.Resource).toBe('arn:aws:iam::*:role/topology-read-only');
    } else {
      expect(statement.Resource).toBe('*');
    }
  }
  return policy.Statement.flatMap((s) => s.Action).sort();
}

async function sourceFiles(): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(SOURCE_DIR)).filter((name) => name.endsWith('.ts'));
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(SOURCE_DIR.pathname, name), 'utf8') })));
}

/** Every `'service:Action'` literal a collector hands to `ctx.call` / `listAll`, whatever the service (a new one is not missed). */
async function declaredActions(): Promise<string[]> {
  const actions = new Set<string>();
  for (const { text } of await sourceFiles()) {
    for (const match of text.matchAll(/'([a-z][a-z0-9-]*:[A-Z][A-Za-z]+)'/g)) actions.add(match[1]!);
  }
  return [...actions].sort();
}

/** Every SDK command or paginator the collectors use, as the IAM action it is authorized under. */
async function commandActions(): Promise<string[]> {
  const actions = new Set<string>();
  for (const { text } of await sourceFiles()) {
    // The SDK's own provider sends sts:AssumeRole for a role target (sources/aws/accounts.ts).
    if (/\bfromTemporaryCredentials\(/.test(text)) actions.add(ASSUME_ROLE);
    // The client package a collector loads (sources/aws/sdk-packages.ts) and may import types from.
    const clients = [...new Set([...text.matchAll(/(?:from |sdkPackage\()'@aws-sdk\/client-([a-z0-9-]+)'/g)].map((m) => CLIENT_PACKAGE_SERVICE[m[1]!]))];
    if (clients.length !== 1) continue;
    const service = clients[0] as Parameters<typeof actionOf>[0]['service'];
    const operations = [
      ...[...text.matchAll(/\bnew ([A-Z][A-Za-z0-9]+)Command\(/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\bpaginate([A-Z][A-Za-z0-9]+)\(/g)].map((m) => m[1]!),
    ];
    for (const operation of operations) actions.add(actionOf({ service, operation }));
  }
  return [...actions].filter((a) => !NEEDS_NO_PERMISSION.has(a)).sort();
}

describe('docs/iam-policy.json', () => {
  it('lists exactly the actions the collectors declare', async () => {
    const declared = (await declaredActions()).filter((a) => !NEEDS_NO_PERMISSION.has(a));
    expect(await policyActions()).toEqual(declared);
  });

  it('covers every SDK command the collectors send, and names no action the code never sends', async () => {
    expect(await commandActions()).toEqual(await policyActions());
  });

  it('covers every request of a whole collection through the real SDK clients', async () => {
    const fake = await AwsFake.recorded();
    await collect(fake);
    const served = fake.actions().filter((a) => !NEEDS_NO_PERMISSION.has(a));
    const policy = await policyActions();
    expect(served.filter((a) => !policy.includes(a))).toEqual([]);
    expect(served.length).toBeGreaterThan(25);
  });

  it('is read-only: only Describe, List and Get actions', async () => {
    const actions = (await policyActions()).filter((action) => action !== ASSUME_ROLE);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:(Describe|List|Get)[A-Za-z]*$/);
  });
});
