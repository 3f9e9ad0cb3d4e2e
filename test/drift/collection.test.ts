import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffBodies } from '../../src/drift/diff.js';
import type { Inventory } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { createSnapshot, serializeSnapshot, snapshotBody } from '../../src/snapshot/index.js';
import { RECORDED_DIR } from '../../src/sources/recorded-account/recordings.js';
import { AwsFake, collect } from '../support/aws-fake.js';

/** Snapshots of real collections (the SDK clients against the recorded demo account, at the wire). */
const snapshotText = (inventory: Inventory) => serializeSnapshot(createSnapshot(buildTopology(inventory, {}), { createdAt: '2026-11-20T09:30:00.000Z' }));

function recordedJson<T>(service: string, file: string): T {
  return JSON.parse(readFileSync(join(RECORDED_DIR, service, file), 'utf8')) as T;
}

describe('live collections', () => {
  it('collected twice give the same snapshot bytes', async () => {
    const first = await collect(await AwsFake.recorded());
    const second = await collect(await AwsFake.recorded());
    expect(first.services.length).toBe(2);
    expect(snapshotText(second)).toBe(snapshotText(first));
  });

  it('answers listed in another order, with tasks restarting, report no drift', async () => {
    const first = await collect(await AwsFake.recorded());
    const listed = recordedJson<{ serviceArns: string[] }>('ecs', 'ListServices.json');
    const described = recordedJson<{ services: Record<string, unknown>[]; failures: unknown[] }>('ecs', 'DescribeServices.json');
    const restarting = described.services.map((service) => ({ ...service, runningCount: 0, pendingCount: 1 })).reverse();
    const fake = (await AwsFake.recorded())
      .reply('ecs', 'ListServices', { serviceArns: [...listed.serviceArns].reverse() })
      .reply('ecs', 'DescribeServices', { ...described, services: restarting });
    const again = await collect(fake);
    expect(again.services.map((s) => s.runningCount)).toEqual([0, 0]);
    expect(diffBodies(snapshotBody(buildTopology(first, {})), snapshotBody(buildTopology(again, {}))).changes).toEqual([]);
    expect(snapshotText(again)).toBe(snapshotText(first));
  });
});
