import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TopologyError } from '../../src/errors.js';
import { keyStrengthBits, loadRedactionKey, redactionKeyPath } from '../../src/redact/key.js';

/** A fresh fake home per test: the user's real home is never touched. */
function fakeHome(): string {
  return mkdtempSync(join(tmpdir(), 'topology-home-'));
}

describe('loadRedactionKey', () => {
  it('creates ~/.config/topology/redaction.key on first use, readable only by the user, and reuses it', () => {
    const home = fakeHome();
    const key = loadRedactionKey({ env: {}, home });
    const file = join(home, '.config', 'topology', 'redaction.key');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${key}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.config', 'topology')).mode & 0o777).toBe(0o700);
    expect(loadRedactionKey({ env: {}, home })).toBe(key);
  });

  it('prefers TOPOLOGY_REDACTION_KEY and then creates no file', () => {
    const home = fakeHome();
    const key = 'ci-secret-0123456789abcdef0123456789abcdef';
    expect(loadRedactionKey({ env: { TOPOLOGY_REDACTION_KEY: `  ${key}\n` }, home })).toBe(key);
    expect(() => statSync(join(home, '.config'))).toThrow();
  });

  it('honours XDG_CONFIG_HOME', () => {
    const home = fakeHome();
    expect(redactionKeyPath({ env: { XDG_CONFIG_HOME: join(home, 'xdg') }, home })).toBe(join(home, 'xdg', 'topology', 'redaction.key'));
  });

  it('refuses a short key from the variable or the file', () => {
    expect(() => loadRedactionKey({ env: { TOPOLOGY_REDACTION_KEY: 'short' }, home: fakeHome() })).toThrow(TopologyError);
    const home = fakeHome();
    mkdirSync(join(home, '.config', 'topology'), { recursive: true });
    writeFileSync(join(home, '.config', 'topology', 'redaction.key'), 'abc\n');
    expect(() => loadRedactionKey({ env: {}, home })).toThrow(/shorter than 32 characters/);
  });

  it('the same text in the variable and the file gives the same key', () => {
    const home = fakeHome();
    const fromFile = loadRedactionKey({ env: {}, home });
    expect(loadRedactionKey({ env: { TOPOLOGY_REDACTION_KEY: fromFile }, home: fakeHome() })).toBe(fromFile);
  });
});

describe('weak keys', () => {
  it('refuses keys of repeated characters or a repeated pattern, however long, naming the estimate', () => {
    for (const weak of ['k'.repeat(64), 'ab'.repeat(32), 'abcd1234'.repeat(8), '0101010101010101010101010101010101010101']) {
      expect(() => loadRedactionKey({ env: { TOPOLOGY_REDACTION_KEY: weak }, home: fakeHome() }), weak).toThrow(/too weak \(about \d+ bits.*at least 128 bits/);
    }
  });

  it('accepts what `openssl rand -hex 16` and `-hex 32` print, and the key file it creates', () => {
    expect(keyStrengthBits('3f9a1c07d2e4b85a6c0f1e2d3b4a5968')).toBe(128);
    const key = 'c4b1e7f02a9d83561b0e4f7a2c9d8e3015b6a4f7c2e9d0831a5b7c4e6f2d9a08';
    expect(loadRedactionKey({ env: { TOPOLOGY_REDACTION_KEY: key }, home: fakeHome() })).toBe(key);
    expect(keyStrengthBits(loadRedactionKey({ env: {}, home: fakeHome() }))).toBeGreaterThanOrEqual(128);
  });

  it('counts a repeated unit once: 64 characters that are one 8-character unit eight times are 8 characters of entropy', () => {
    expect(keyStrengthBits('x7Qp2mZk'.repeat(8))).toBe(keyStrengthBits('x7Qp2mZk'));
    expect(keyStrengthBits('x7Qp2mZk')).toBeLessThan(128);
  });
});
