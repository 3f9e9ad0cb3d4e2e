import { defaultIgnorePatterns } from '../../../src/drift/ignore.js';
import { renderDrift } from '../../../src/drift/render.js';
import { driftReport, type DriftReport } from '../../../src/drift/report.js';
import type { DiffOptions } from '../../../src/drift/diff.js';
import type { Inventory } from '../../../src/model/index.js';
import { buildTopology } from '../../../src/pipeline.js';
import { snapshotBody, type SnapshotBody } from '../../../src/snapshot/index.js';

/** The body drift compares for an inventory (correlated with the default config). */
export function bodyOf(inventory: Inventory): SnapshotBody {
  return snapshotBody(buildTopology(inventory, {}));
}

/** Snapshot-mode drift between two inventories, with the default ignores unless told otherwise. */
export function driftBetween(expected: Inventory, current: Inventory, options: DiffOptions = { ignore: defaultIgnorePatterns() }): DriftReport {
  return driftReport({ mode: 'snapshot', expected: { label: 'snapshot shop.json', body: bodyOf(expected) }, current: { label: 'shop now', body: bodyOf(current) } }, options);
}

export const textOf = (report: DriftReport) => renderDrift(report, 'text');

/** `[change, kind, name]` per entity change: what a reviewer reads first. */
export function changeList(report: DriftReport): [string, string, string][] {
  return report.changes.map((change) => [change.change, change.kind, change.name]);
}

const ORDERED = new Set(['actions', 'defaultActions']);

/**
 * The same data as an API could list it in another order: every list reversed, then rotated by one,
 * at every depth (ELBv2 action lists excepted: their order is their meaning, and the API keeps it).
 */
export function reordered<T>(value: T, key?: string): T {
  if (Array.isArray(value)) {
    const items = value.map((item) => reordered(item));
    if (key !== undefined && ORDERED.has(key)) return items as T;
    const reversed = items.reverse();
    return (reversed.length > 1 ? [...reversed.slice(1), reversed[0]] : reversed) as T;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).reverse().map(([name, member]) => [name, reordered(member, name)]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}
