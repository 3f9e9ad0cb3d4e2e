import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffBodies } from '../../src/drift/diff.js';
import { InputFileError } from '../../src/errors.js';
import type { Inventory, Topology } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { assertNoLeak, redactTopology } from '../../src/redact/index.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  VOLATILE_FIELDS,
  createSnapshot,
  inventoryFromBody,
  parseSnapshot,
  redactionKeyCheck,
  serializeSnapshot,
  snapshotBody,
  snapshotDiffers,
  snapshotTime,
  type SnapshotFile,
} from '../../src/snapshot/index.js';
import { loadSnapshotInventory } from '../../src/sources/snapshot/index.js';
import { ACCOUNT, ARNS, NAMES, shopInventory } from '../fixtures/model/shop-account.js';
import { reordered } from '../drift/support/bodies.js';

const CREATED = '2026-11-20T09:30:00.000Z';
const KEY = 'k'.repeat(16) + 'snapshot-test-key-0001';

const topologyOf = (inventory: Inventory) => buildTopology(inventory, {});
const bytesOf = (inventory: Inventory) => serializeSnapshot(createSnapshot(topologyOf(inventory), { createdAt: CREATED }));

/** The same account collected again a minute later: tasks restarting, a target draining, one call throttled. */
function recollected(): Inventory {
  const inventory = shopInventory();
  inventory.source = { kind: 'aws', label: `aws account ${ACCOUNT}` };
  inventory.services[0]!.runningCount = 0;
  inventory.services[0]!.status = 'DRAINING';
  inventory.targetGroups[0]!.targetHealth = { total: 2, healthy: 0, unhealthy: 2 };
  inventory.loadBalancers[0]!.state = 'provisioning';
  inventory.dbInstances[0]!.status = 'backing-up';
  inventory.vpcEndpoints[0]!.state = 'pending';
  inventory.coverage = [{ service: 'ecs', region: 'us-east-1', status: 'ok', missing: [] }];
  return inventory;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'topology-snapshot-'));
}

describe('snapshot body', () => {
  it('leaves out the source, the coverage and every volatile field, and keeps the design', () => {
    const body = snapshotBody(topologyOf(recollected()));
    expect(body.inventory).not.toHaveProperty('source');
    expect(body.inventory).not.toHaveProperty('coverage');
    const web = body.inventory.services.find((s) => s.name === 'shop-web')!;
    expect(web).not.toHaveProperty('runningCount');
    expect(web).not.toHaveProperty('status');
    expect(web.desiredCount).toBe(1);
    expect(web.taskDefinitionArn).toBe(ARNS.webTaskDef);
    expect(body.inventory.targetGroups[0]).not.toHaveProperty('targetHealth');
    expect(body.inventory.loadBalancers[0]).not.toHaveProperty('state');
    expect(body.inventory.dbInstances[0]).not.toHaveProperty('status');
    expect(body.inventory.vpcEndpoints.map((e) => 'state' in e)).toEqual([false, false, false]);
  });

  it('covers every field the model marks volatile', () => {
    const model = readFileSync(fileURLToPath(new URL('../../src/model/inventory.ts', import.meta.url)), 'utf8');
    const marked = [...model.matchAll(/\/\*\* volatile[^*]*\*\/\s*\n\s*(\w+)\??:/g)].map((match) => match[1]);
    const stripped = Object.values(VOLATILE_FIELDS).flat();
    expect(marked.length).toBeGreaterThanOrEqual(7);
    expect(stripped).toEqual(expect.arrayContaining(marked));
  });

  it('keeps edges as endpoints, attributes and the match types that found them', () => {
    const body = snapshotBody(topologyOf(shopInventory()));
    const webToDb = body.edges.find((e) => e.kind === 'service-db' && e.from.id === ARNS.webService)!;
    expect(webToDb).toEqual({
      kind: 'service-db',
      from: { kind: 'ecs-service', id: ARNS.webService },
      to: { kind: 'db-instance', id: ARNS.db },
      attributes: { dbTargetType: 'instance', fromPort: 5432, protocol: 'tcp', toPort: 5432 },
      via: ['env', 'sg-reference'],
    });
  });
});

describe('snapshot bytes', () => {
  it('are identical for re-ordered API responses', () => {
    expect(bytesOf(reordered(shopInventory()))).toBe(bytesOf(shopInventory()));
  });

  it('have an identical body for a re-run collection (volatile values, coverage, source differ)', () => {
    const first = createSnapshot(topologyOf(shopInventory()), { createdAt: CREATED });
    const again = createSnapshot(topologyOf(recollected()), { createdAt: '2026-11-20T09:31:00.000Z' });
    expect(serializeSnapshot(again).split('"body"')[1]).toBe(serializeSnapshot(first).split('"body"')[1]);
    expect(again.header.source.label).toBe(`aws account ${ACCOUNT}`);
  });

  it('start with kind and schemaVersion (so --from recognizes the file), keys sorted below', () => {
    const text = bytesOf(shopInventory());
    expect(text.startsWith('{\n  "kind": "topology-snapshot",\n  "schemaVersion": 1,\n  "header": {\n')).toBe(true);
    const header = text.slice(text.indexOf('"header"'), text.indexOf('"body"'));
    expect([...header.matchAll(/^ {4}"(\w+)"/gm)].map((m) => m[1])).toEqual(['createdAt', 'partial', 'public', 'source', 'tool', 'toolVersion']);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('differ only by the creation time when nothing changed, which does not count as a change', () => {
    const first = createSnapshot(topologyOf(shopInventory()), { createdAt: CREATED });
    const later = createSnapshot(topologyOf(reordered(shopInventory())), { createdAt: '2027-01-01T00:00:00.000Z' });
    expect(snapshotDiffers(first, later)).toBe(false);
    const scaled = shopInventory();
    scaled.services[0]!.desiredCount = 2;
    expect(snapshotDiffers(first, createSnapshot(topologyOf(scaled), { createdAt: CREATED }))).toBe(true);
  });

  it('take the creation time from SOURCE_DATE_EPOCH when it is set', () => {
    expect(snapshotTime({ SOURCE_DATE_EPOCH: '1767225600' }, new Date(0))).toBe('2026-01-01T00:00:00.000Z');
    expect(snapshotTime({}, new Date('2026-05-04T03:02:01.000Z'))).toBe('2026-05-04T03:02:01.000Z');
    expect(snapshotTime({ SOURCE_DATE_EPOCH: 'yesterday' }, new Date('2026-05-04T03:02:01.000Z'))).toBe('2026-05-04T03:02:01.000Z');
  });
});

describe('round trip', () => {
  it('write → read → correlate again gives the same body: no drift', async () => {
    const dir = tempDir();
    const file = join(dir, 'shop.json');
    const original = topologyOf(shopInventory());
    writeFileSync(file, serializeSnapshot(createSnapshot(original, { createdAt: CREATED })));
    const inventory = await loadSnapshotInventory(file);
    expect(inventory.source).toEqual({ kind: 'snapshot', label: `snapshot ${file} (hand-built shop account)` });
    expect(inventory.coverage).toEqual([]);
    const again = snapshotBody(topologyOf(inventory));
    expect(diffBodies(snapshotBody(original), again).changes).toEqual([]);
    expect(again).toEqual(snapshotBody(original));
  });

  it('reads back the inventory without volatile values', () => {
    const snapshot = createSnapshot(topologyOf(recollected()), { createdAt: CREATED });
    const inventory = inventoryFromBody(parseSnapshot(serializeSnapshot(snapshot), 'shop.json').body, { kind: 'snapshot', label: 'x' });
    expect(inventory.services.map((s) => [s.name, s.desiredCount, s.runningCount])).toEqual([
      ['shop-web', 1, undefined],
      ['shop-worker', 1, undefined],
    ]);
  });
});

describe('reading a snapshot that is not one', () => {
  const valid = () => serializeSnapshot(createSnapshot(topologyOf(shopInventory()), { createdAt: CREATED }));
  const problem = (text: string) => {
    try {
      parseSnapshot(text, 'snapshots/prod.json');
    } catch (error) {
      expect(error).toBeInstanceOf(InputFileError);
      expect((error as InputFileError).exitCode).toBe(2);
      return `${(error as InputFileError).message} | ${(error as InputFileError).hint ?? ''}`;
    }
    throw new Error('parsed');
  };

  it('names the file and says it is truncated', () => {
    const text = valid();
    expect(problem(text.slice(0, Math.floor(text.length / 2)))).toMatch(/^snapshots\/prod\.json: truncated: the JSON ends before the snapshot does \| Restore it/);
  });

  it('names the file and the JSON error for malformed text', () => {
    expect(problem(valid().replace('"schemaVersion": 1,', '"schemaVersion": 1,,'))).toMatch(/^snapshots\/prod\.json: not valid JSON: /);
    expect(problem('   \n')).toMatch(/^snapshots\/prod\.json: the snapshot file is empty/);
  });

  it('recognizes a foreign file, and a JSON report in particular', () => {
    expect(problem('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}')).toMatch(
      /^snapshots\/prod\.json: not a topology snapshot \(no "kind": "topology-snapshot"\) \| Create a snapshot with: topology snapshot --out FILE/,
    );
    expect(problem('{"schema": "topology/report@1", "inventory": {}}')).toMatch(/This is a JSON report \(topology --format json\)/);
    expect(problem('[1, 2, 3]')).toMatch(/not a topology snapshot/);
  });

  it('refuses a newer schemaVersion with the version numbers', () => {
    const newer = valid().replace('"schemaVersion": 1,', '"schemaVersion": 2,');
    expect(problem(newer)).toBe(
      `snapshots/prod.json: written by a newer topology (schemaVersion 2; this version reads ${SNAPSHOT_SCHEMA_VERSION}) | Upgrade topology to read it.`,
    );
  });

  it('reports schema violations with their JSON path', () => {
    const document = JSON.parse(valid()) as SnapshotFile;
    (document.body.inventory.services[0] as unknown as Record<string, unknown>).desiredCount = 'one';
    delete (document.header as Partial<SnapshotFile['header']>).toolVersion;
    const message = problem(JSON.stringify(document));
    expect(message).toContain('not a valid topology snapshot: ');
    expect(message).toContain('/header: missing field "toolVersion"');
    expect(message).toContain('/body/inventory/services/0/desiredCount: must be integer');
  });

  it('says so for a missing file', async () => {
    await expect(loadSnapshotInventory(join(tempDir(), 'absent.json'))).rejects.toThrow(/absent\.json: no such snapshot file/);
  });
});

describe('public snapshots', () => {
  const publicSnapshot = (inventory: Inventory, key = KEY) => {
    const original: Topology = topologyOf(inventory);
    const redacted = redactTopology(original, { redactRegion: false, config: undefined, key });
    const text = serializeSnapshot(createSnapshot(redacted, { createdAt: CREATED, redactionKey: key }));
    return { original, text };
  };

  it('pass the leak guard and hold no account id, ARN, DNS name or resource name', () => {
    const { original, text } = publicSnapshot(shopInventory());
    expect(() => assertNoLeak(text, original, { format: 'snapshot' })).not.toThrow();
    for (const secret of [ACCOUNT, ARNS.db, NAMES.albDns, NAMES.bucket, 'shop-web-task', 'corp.io']) expect(text).not.toContain(secret);
    const header = (JSON.parse(text) as SnapshotFile).header;
    expect(header.public).toBe(true);
    expect(header.redactRegion).toBe(false);
    expect(header.redactionKeyCheck).toBe(redactionKeyCheck(KEY));
  });

  it('are byte-stable run to run and whatever order the API listed things in', () => {
    const first = publicSnapshot(shopInventory()).text;
    expect(publicSnapshot(shopInventory()).text).toBe(first);
    expect(publicSnapshot(reordered(shopInventory())).text).toBe(first);
  });

  it('record a key check that differs for another key and reveals nothing of the key', () => {
    const other = 'another-redaction-key-of-32-chars!';
    expect(redactionKeyCheck(other)).not.toBe(redactionKeyCheck(KEY));
    expect(redactionKeyCheck(KEY)).toMatch(/^[0-9a-f]{16}$/);
    expect(publicSnapshot(shopInventory(), other).text).not.toBe(publicSnapshot(shopInventory()).text);
  });
});
