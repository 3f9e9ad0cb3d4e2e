import { createHmac } from 'node:crypto';
import { getOrMake } from '../model/index.js';
import { normalizedKey, type RedactionConfig } from './config.js';
import { roleKey, type RoleNames } from './roles.js';

/**
 * Stable pseudonyms: `prefix-suffix`, the suffix being the first characters of
 * HMAC-SHA256(key, namespace + real value) in a 32-letter alphabet without look-alikes.
 *
 * The suffix depends only on the key and the value, never on what else the account holds, so
 * adding a resource leaves every other pseudonym as it was. Two values whose short suffixes collide
 * under one prefix are told apart by lengthening the suffix of the one whose full digest sorts
 * later; only such a collision (about n / 2^20 per new value with n values under the prefix) can
 * change an existing pseudonym.
 *
 * Resolution is two-phase: `collect` records every value the redaction walk asks for, `resolve`
 * settles collisions over the whole set, then the walk runs again and reads the settled names.
 */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const SUFFIX_LENGTH = 4;
/** Past this the suffix could read as 8 hex digits, an EC2 id shape. */
const MAX_SUFFIX_LENGTH = 7;

interface Entry {
  namespace: string;
  prefix: string;
  real: string;
  digest: string;
}

export class Pseudonyms {
  private readonly entries = new Map<string, Entry>();
  private resolved: Map<string, string> | undefined;
  private roles: RoleNames = new Map();
  /**
   * Labels already given, by namespace, prefix and real value: a value is asked for at each place
   * it appears (the same security group in thousands of rules). Emptied when the answers change
   * (roles set, collisions settled).
   */
  private labels = new Map<string, Map<string, Map<string, string>>>();

  constructor(
    private readonly key: string,
    private readonly config: RedactionConfig,
  ) {}

  /** Names by role in the topology (src/redact/roles.ts): they win over keyed pseudonyms, aliases win over them. */
  useRoles(roles: RoleNames): void {
    this.roles = roles;
    this.labels = new Map();
  }

  /** A keyed, stable order of values that reveals nothing about them (numbering of role names). */
  order(namespace: string, real: string): string {
    return this.digest(namespace, real);
  }

  /** The alias the user chose for `real`, if any. */
  alias(real: string): string | undefined {
    return this.config.aliases.get(normalizedKey(real));
  }

  /** True when the user allowed `real` to stay. */
  kept(real: string): boolean {
    return this.config.keep.has(normalizedKey(real));
  }

  /**
   * The public name of `real` in `namespace`, shown as `prefix-xxxx`. An alias wins, then `keep`.
   * Namespaces separate identical strings of different kinds (a cluster and a service both named `shop`).
   */
  label(namespace: string, prefix: string, real: string): string {
    const given = getOrMake(getOrMake(this.labels, namespace, () => new Map<string, Map<string, string>>()), prefix, () => new Map<string, string>());
    return getOrMake(given, real, () => this.newLabel(namespace, prefix, real));
  }

  private newLabel(namespace: string, prefix: string, real: string): string {
    const alias = this.alias(real);
    if (alias !== undefined) return alias;
    if (this.kept(real)) return real;
    const role = this.roles.get(roleKey(namespace, real));
    if (role !== undefined) return role;
    const id = `${namespace}\u0000${prefix}\u0000${real}`;
    const settled = this.resolved?.get(id);
    if (settled !== undefined) return settled;
    let entry = this.entries.get(id);
    if (entry === undefined) {
      entry = { namespace, prefix, real, digest: this.digest(namespace, real) };
      this.entries.set(id, entry);
    }
    return `${prefix}-${entry.digest.slice(0, SUFFIX_LENGTH)}`;
  }

  /** Settles collisions among every label asked for so far; later calls return settled names. */
  resolve(): void {
    const taken = new Set([...this.config.aliases.values()].map((alias) => alias.toLowerCase()));
    const byPrefix = new Map<string, Entry[]>();
    for (const entry of this.entries.values()) {
      const group = byPrefix.get(entry.prefix) ?? [];
      group.push(entry);
      byPrefix.set(entry.prefix, group);
    }
    const resolved = new Map<string, string>();
    for (const group of byPrefix.values()) {
      group.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
      for (const entry of group) {
        const name = this.firstFree(entry, taken);
        taken.add(name.toLowerCase());
        resolved.set(`${entry.namespace}\u0000${entry.prefix}\u0000${entry.real}`, name);
      }
    }
    this.resolved = resolved;
    this.labels = new Map();
  }

  private firstFree(entry: Entry, taken: Set<string>): string {
    for (let length = SUFFIX_LENGTH; length <= MAX_SUFFIX_LENGTH; length++) {
      const name = `${entry.prefix}-${entry.digest.slice(0, length)}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
    // Seven characters collided too: the full digest is unique for distinct values.
    return `${entry.prefix}-${entry.digest}`;
  }

  private digest(namespace: string, real: string): string {
    const bytes = createHmac('sha256', this.key).update(`${namespace}\u0000${real}`).digest();
    let out = '';
    for (let i = 0; i + 5 <= bytes.length * 8 && out.length < 24; i += 5) {
      out += ALPHABET[readBits(bytes, i, 5)];
    }
    return out;
  }
}

function readBits(bytes: Buffer, offset: number, count: number): number {
  let value = 0;
  for (let i = offset; i < offset + count; i++) {
    value = (value << 1) | ((bytes[i >> 3]! >> (7 - (i & 7))) & 1);
  }
  return value;
}
