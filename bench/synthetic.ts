import type { Inventory } from '../src/model/index.js';
import { shopInventory } from '../test/fixtures/model/shop-account.js';

/**
 * A large account made of `copies` independent shops: every identifier of the shop account gets a
 * per-copy suffix, so copies do not correlate with each other and every edge is real work.
 * One copy: 2 services, 1 ALB, 6 SGs, 3 endpoints, 1 DB, 1 bucket, 2 queues, 3 roles.
 */
export function syntheticInventory(copies: number): Inventory {
  const base = shopInventory();
  const text = JSON.stringify(base);
  const merged: Inventory = { ...base, hostedZones: [], dnsRecords: [] };
  for (const key of Object.keys(merged) as (keyof Inventory)[]) {
    if (Array.isArray(merged[key]) && key !== 'regions') (merged[key] as unknown[]) = [];
  }
  for (let i = 0; i < copies; i++) {
    const copy = JSON.parse(renameAll(text, i)) as Inventory;
    for (const key of Object.keys(copy) as (keyof Inventory)[]) {
      const value = copy[key];
      if (Array.isArray(value) && key !== 'regions') (merged[key] as unknown[]).push(...value);
    }
  }
  return merged;
}

const HEX_ID = /\b(vpc|subnet|sg|vpce|rtb|nat|igw)-([0-9a-f]{17})\b/g;

function renameAll(text: string, copy: number): string {
  const suffix = copy.toString(16).padStart(5, '0');
  return text
    .replace(HEX_ID, (_m, prefix: string, hex: string) => `${prefix}-${hex.slice(0, 12)}${suffix}`)
    .replace(/shop-/g, `shop${copy}-`)
    .replace(/cluster\/shop\b/g, `cluster/shop${copy}`)
    .replace(/service\/shop\//g, `service/shop${copy}/`)
    .replace(/"name":"shop"/g, `"name":"shop${copy}"`)
    .replace(/corp\.io/g, `corp${copy}.io`)
    .replace(/Z0ABCDEF123456789XYZ/g, `Z0ABCDEF${suffix}XYZ`)
    .replace(/50dc6c495c0c9188/g, `50dc6c495c0${suffix}`);
}
