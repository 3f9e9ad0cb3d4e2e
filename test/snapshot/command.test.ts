import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/snapshot/index.js';
import { ACCOUNT, shopInventory } from '../fixtures/model/shop-account.js';
import { tempDir, topology, writeSnapshotFile } from '../drift/support/cli.js';
import { SHOP_STACK_TEMPLATE } from '../drift/support/shop-stack.js';

process.env.TOPOLOGY_REDACTION_KEY = 'snapshot-command-test-redaction-key-42';

let dir: string;
let shop: string;

beforeAll(() => {
  dir = tempDir();
  shop = writeSnapshotFile(dir, 'shop.json', shopInventory());
});

describe('topology snapshot', () => {
  it('writes the topology of another snapshot, with the same body', async () => {
    const out = join(dir, 'copy.json');
    const result = await topology('snapshot', '--from', shop, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`topology: wrote ${out} (2 services, 39 links).\n`);
    const copy = parseSnapshot(readFileSync(out, 'utf8'), out);
    expect(copy.body).toEqual(parseSnapshot(readFileSync(shop, 'utf8'), shop).body);
    expect(copy.header.source).toEqual({ kind: 'snapshot', label: `snapshot ${shop} (hand-built shop account)` });
  });

  it('leaves an up-to-date file untouched', async () => {
    const out = join(dir, 'stable.json');
    await topology('snapshot', '--from', shop, '--out', out);
    const before = readFileSync(out, 'utf8');
    const modified = statSync(out).mtimeMs;
    const again = await topology('snapshot', '--from', shop, '--out', out);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`topology: ${out} is up to date (same topology); not rewritten.\n`);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(statSync(out).mtimeMs).toBe(modified);
  });

  it('refuses to overwrite a file that is not a snapshot (exit 2, file untouched)', async () => {
    const out = join(dir, 'package.json');
    writeFileSync(out, '{"name": "shop"}\n');
    const result = await topology('snapshot', '--from', shop, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`topology: ${out}: is not a snapshot this version can read; refusing to overwrite it`);
    expect(result.stderr).toContain('not a topology snapshot');
    expect(readFileSync(out, 'utf8')).toBe('{"name": "shop"}\n');
  });

  it('prints to stdout without --out', async () => {
    const result = await topology('snapshot', '--from', shop);
    expect(result.code).toBe(0);
    expect(parseSnapshot(result.stdout, 'stdout').header.public).toBe(false);
  });

  it('--public: redacted, leak-guarded, marked public, stable run to run', async () => {
    const first = await topology('snapshot', '--from', shop, '--public');
    const second = await topology('snapshot', '--from', shop, '--public', '--out=-');
    expect(first.code).toBe(0);
    const snapshot = parseSnapshot(first.stdout, 'stdout');
    expect(snapshot.header.public).toBe(true);
    expect(snapshot.header.redactionKeyCheck).toMatch(/^[0-9a-f]{16}$/);
    for (const real of [ACCOUNT, 'shop-web', 'shop-media-uploads', 'corp.io', 'hand-built shop account']) expect(first.stdout).not.toContain(real);
    const withoutTime = (text: string) => text.replace(/"createdAt": "[^"]+"/, '');
    expect(withoutTime(second.stdout)).toBe(withoutTime(first.stdout));
  });

  it('records a template: the placeholders of the template source, and the template label', async () => {
    const result = await topology('snapshot', '--from', SHOP_STACK_TEMPLATE);
    expect(result.code).toBe(0);
    const snapshot = parseSnapshot(result.stdout, 'stdout');
    expect(snapshot.header.source).toEqual({ kind: 'template', label: `template ${SHOP_STACK_TEMPLATE}` });
    expect(snapshot.body.inventory.securityGroups.map((g) => g.id)).toContain('sg-DatabaseSecurityGroup');
  });

  it('is read back by every command through --from', async () => {
    const result = await topology('report', '--from', shop, '--format', 'json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { inventory: { source: { kind: string }; services: { name: string }[] } };
    expect(report.inventory.source.kind).toBe('snapshot');
    expect(report.inventory.services.map((s) => s.name)).toEqual(['shop-web', 'shop-worker']);
  });
});
