import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/snapshot/index.js';
import type { Inventory } from '../../src/model/index.js';
import { ACCOUNT, ARNS, IDS, shopInventory } from '../fixtures/model/shop-account.js';
import { tempDir, topology, writeSnapshotFile } from './support/cli.js';
import { SHOP_STACK_TEMPLATE, deployedShop } from './support/shop-stack.js';

const KEY = 'drift-command-test-redaction-key-0123456789';
process.env.TOPOLOGY_REDACTION_KEY = KEY;

function scaled(): Inventory {
  const inventory = shopInventory();
  inventory.services[0]!.desiredCount = 3;
  inventory.securityGroups.find((g) => g.id === IDS.sgDb)!.inbound.pop();
  return inventory;
}

let dir: string;
let expected: string;
let same: string;
let current: string;

beforeAll(() => {
  dir = tempDir();
  expected = writeSnapshotFile(dir, 'expected.json', shopInventory());
  same = writeSnapshotFile(dir, 'same.json', shopInventory());
  current = writeSnapshotFile(dir, 'current.json', scaled());
});

describe('topology drift --snapshot', () => {
  it('exits 0 and says so when nothing drifted', async () => {
    const result = await topology('drift', '--snapshot', expected, '--from', same);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No drift: the current topology matches the expected one\.\n {2}expected: snapshot .*expected\.json \(hand-built shop account\), taken 2026-11-20T09:30:00\.000Z\n/);
  });

  it('exits 1 and prints the changes with old and new values', async () => {
    const result = await topology('drift', '--snapshot', expected, '--from', current);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Topology drift: 2 change\(s\) — 0 added, 0 removed, 2 changed\.\n/);
    expect(result.stdout).toContain('  ~ ecs-service shop-web\n      desiredCount: 1 → 3\n');
    expect(result.stdout).toContain('  ~ security-group shop-db-sg\n      inbound:\n        - tcp 5432 from 10.20.0.0/16 "office vpn"\n');
  });

  it('writes Markdown for the job summary and JSON for machines', async () => {
    const markdown = await topology('drift', '--snapshot', expected, '--from', current, '--format', 'markdown');
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('### ECS clusters and services\n\n```diff\n~ ecs-service shop-web\n    desiredCount:\n-     1\n+     3\n```');
    const json = await topology('drift', '--snapshot', expected, '--from', current, '--format', 'json', '--out', join(dir, 'drift.json'));
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    const document = JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8')) as { drift: boolean; summary: object };
    expect(document.drift).toBe(true);
    expect(document.summary).toEqual({ added: 0, removed: 0, changed: 2, ignored: 0 });
  });

  it('--ignore and the config file drop changes', async () => {
    const ignored = await topology('drift', '--snapshot', expected, '--from', current, '--ignore', 'ecs-service/*/desiredCount', '--ignore', 'security-group/shop-db-sg');
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toMatch(/^No drift: the current topology matches the expected one \(2 change\(s\) ignored\)\./);
    const config = join(dir, 'topology.config.yml');
    writeFileSync(config, 'drift:\n  ignore:\n    - ecs-service/shop-web/desiredCount\n');
    const configured = await topology('drift', '--snapshot', expected, '--from', current, '--config', config);
    expect(configured.code).toBe(1);
    expect(configured.stdout).not.toContain('desiredCount');
    expect(configured.stdout).toContain('security-group shop-db-sg');
  });

  it('--update shows the diff, rewrites the snapshot, and the next run finds no drift', async () => {
    const file = writeSnapshotFile(dir, 'to-update.json', shopInventory());
    const updated = await topology('drift', '--snapshot', file, '--from', current, '--update');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('desiredCount: 1 → 3');
    expect(updated.stderr).toContain(`topology: updated ${file} with the current topology (2 change(s)). Review and commit it.`);
    const rewritten = parseSnapshot(readFileSync(file, 'utf8'), file);
    expect(rewritten.body.inventory.services.find((s) => s.name === 'shop-web')!.desiredCount).toBe(3);
    expect(rewritten.header.source.label).toBe(`snapshot ${current} (hand-built shop account)`);
    expect((await topology('drift', '--snapshot', file, '--from', current)).code).toBe(0);
    const again = await topology('drift', '--snapshot', file, '--from', current, '--update');
    expect(again.stderr).toContain('is up to date; not rewritten');
  });
});

describe('bad expected files: exit 2, named, nothing overwritten', () => {
  const broken = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['truncated.json', () => readFileSync(expected, 'utf8').slice(0, 900), 'truncated: the JSON ends before the snapshot does'],
    ['foreign.json', () => '{"name": "shop", "version": "1.0.0"}\n', 'not a topology snapshot'],
    ['newer.json', () => readFileSync(expected, 'utf8').replace('"schemaVersion": 1,', '"schemaVersion": 7,'), 'written by a newer topology (schemaVersion 7; this version reads 1)'],
    ['malformed.json', () => readFileSync(expected, 'utf8').replace('"desiredCount": 1', '"desiredCount": "one"'), 'not a valid topology snapshot: /body/inventory/services/'],
  ])('%s', async (name, text, problem) => {
    const file = broken(name, text());
    const before = readFileSync(file, 'utf8');
    const result = await topology('drift', '--snapshot', file, '--from', current, '--update');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`topology: ${file}: ${problem}`);
    expect(result.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('usage errors', async () => {
    expect((await topology('drift', '--recorded-account')).stderr).toContain('exactly one of --snapshot FILE and --expected-from PATH');
    const both = await topology('drift', '--snapshot', expected, '--expected-from', SHOP_STACK_TEMPLATE, '--from', current);
    expect(both.code).toBe(2);
    const update = await topology('drift', '--expected-from', SHOP_STACK_TEMPLATE, '--from', current, '--update');
    expect(update.code).toBe(2);
    expect(update.stderr).toContain('--update rewrites the --snapshot file; it needs --snapshot.');
    const pattern = await topology('drift', '--snapshot', expected, '--from', current, '--ignore', 'servce/*');
    expect(pattern.code).toBe(2);
    expect(pattern.stderr).toContain('--ignore "servce/*": "servce" matches no kind');
  });
});

describe('topology drift --expected-from TEMPLATE (IaC against live)', () => {
  it('pairs by CloudFormation tags and finds no drift in the deployed account', async () => {
    const live = writeSnapshotFile(dir, 'live.json', deployedShop());
    const result = await topology('drift', '--expected-from', SHOP_STACK_TEMPLATE, '--from', live);
    expect(result.stdout).toMatch(/^No drift: the current topology matches the expected one \(4 change\(s\) ignored\)\.\n {2}expected: template .*shop-stack\.yaml\n/);
    expect(result.stdout).toMatch(/Note: Template mode: (\d+) of \1 template resources paired with live ones/);
    expect(result.code).toBe(0);
  });

  it('exits 1 on a hand-made change and refuses --update', async () => {
    const changed = deployedShop();
    changed.securityGroups.find((g) => g.id === IDS.sgAlb)!.inbound.push({ protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } });
    const live = writeSnapshotFile(dir, 'live-changed.json', changed);
    const result = await topology('drift', '--expected-from', SHOP_STACK_TEMPLATE, '--from', live, '--format', 'markdown');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('```diff\n~ security-group shop-alb-sg\n    inbound:\n+     tcp 22 from 0.0.0.0/0\n```');
    const templateSnapshot = join(dir, 'template.json');
    expect((await topology('snapshot', '--from', SHOP_STACK_TEMPLATE, '--out', templateSnapshot)).code).toBe(0);
    const update = await topology('drift', '--snapshot', templateSnapshot, '--from', live, '--update');
    expect(update.code).toBe(2);
    expect(update.stderr).toContain('--update would replace a snapshot of a template');
  });
});

describe('public snapshots', () => {
  it('compare against the current topology redacted with the same key; the output names nothing real', async () => {
    const file = join(dir, 'public.json');
    expect((await topology('snapshot', '--from', expected, '--public', '--out', file)).code).toBe(0);
    const result = await topology('drift', '--snapshot', file, '--from', current);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/~ ecs-service \S+\n {6}desiredCount: 1 → 3\n/);
    for (const real of ['shop-web', 'shop-db-sg', ACCOUNT, ARNS.webService]) expect(result.stdout).not.toContain(real);
    expect((await topology('drift', '--snapshot', file, '--from', same)).code).toBe(0);
  });

  it('made with another key: exit 2 and a hint, not a wall of false drift', async () => {
    const file = join(dir, 'public-other-key.json');
    await topology('snapshot', '--from', expected, '--public', '--out', file);
    process.env.TOPOLOGY_REDACTION_KEY = 'a-different-key-for-this-one-test-0000';
    try {
      const result = await topology('drift', '--snapshot', file, '--from', same);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is a public snapshot made with another redaction key');
      expect(result.stderr).toContain('Set TOPOLOGY_REDACTION_KEY to the key the snapshot was made with');
    } finally {
      process.env.TOPOLOGY_REDACTION_KEY = KEY;
    }
  });
});
