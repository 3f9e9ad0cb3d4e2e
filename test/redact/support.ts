import { correlate } from '../../src/correlate/index.js';
import type { Finding, Inventory, Topology, Warning } from '../../src/model/index.js';
import { redactTopology, type RedactOptions } from '../../src/redact/index.js';
import { shopInventory } from '../fixtures/model/shop-account.js';

/** Tests never read the user's key file: every redaction gets this key. */
export const TEST_KEY = 'test-redaction-key-0123456789abcdef0123456789abcdef';

/** The aliases of the reference page's account. */
export const SHOP_ALIASES = { 'shop-edge-alb': 'public-app-alb', 'www.corp.io': 'app.example.com', 'corp.io': 'example.com' };

export function topologyOf(inventory: Inventory, extra: { findings?: Finding[]; warnings?: Warning[] } = {}): Topology {
  return { inventory, edges: correlate(inventory), findings: extra.findings ?? [], warnings: extra.warnings ?? [], redacted: false };
}

export function shopTopology(extra: { findings?: Finding[]; warnings?: Warning[] } = {}): Topology {
  return topologyOf(shopInventory(), extra);
}

/** Keyed pseudonyms unless a test asks for role names: most tests here check the keyed names' properties. */
export function redact(topology: Topology, options: Partial<RedactOptions> = {}): Topology {
  return redactTopology(topology, { redactRegion: false, config: { aliases: SHOP_ALIASES }, key: TEST_KEY, publicNames: 'keyed', ...options });
}

/** Every string leaf of a value, for "nothing real survives" checks. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => [key, ...stringLeaves(child)]);
  return [];
}
