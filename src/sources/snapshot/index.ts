import type { Inventory } from '../../model/index.js';
import { inventoryFromBody } from '../../snapshot/body.js';
import { readSnapshot } from '../../snapshot/file.js';

/**
 * `--from snapshot.json`: the inventory a snapshot recorded, for every command (report, audit,
 * page, drift). Volatile fields and coverage were never recorded, so they are absent.
 */
export async function loadSnapshotInventory(path: string): Promise<Inventory> {
  const snapshot = await readSnapshot(path);
  return inventoryFromBody(snapshot.body, { kind: 'snapshot', label: `snapshot ${path} (${snapshot.header.source.label})` });
}
