import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { TopologyError } from '../errors.js';

/**
 * The secret that keys the pseudonyms. It lives outside the repository so that a published output
 * cannot be reversed by hashing guesses (a 12-digit account id has only 10^12 values): without the
 * key, `service-k3f9` says nothing about the name behind it.
 */
export const REDACTION_KEY_ENV = 'TOPOLOGY_REDACTION_KEY';

/** Shorter keys are refused: they could be guessed. 32 characters is what `openssl rand -hex 16` prints. */
export const MIN_KEY_LENGTH = 32;

export interface KeyLocation {
  env?: NodeJS.ProcessEnv;
  /** The home directory; defaults to the user's. */
  home?: string;
}

/** `$XDG_CONFIG_HOME/topology/redaction.key`, else `~/.config/topology/redaction.key`. */
export function redactionKeyPath({ env = process.env, home = homedir() }: KeyLocation = {}): string {
  const configHome = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'topology', 'redaction.key');
}

/**
 * The key from TOPOLOGY_REDACTION_KEY, else from the key file, created (mode 0600) on first use.
 * The key is the file's text, trimmed: the same text in the variable gives the same pseudonyms.
 */
export function loadRedactionKey(location: KeyLocation = {}): string {
  const fromEnv = (location.env ?? process.env)[REDACTION_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return checkedKey(fromEnv.trim(), REDACTION_KEY_ENV);
  const file = redactionKeyPath(location);
  const existing = readKeyFile(file);
  if (existing !== undefined) return checkedKey(existing, file);
  return createKeyFile(file);
}

/** Keys below this estimate could be guessed. */
export const MIN_KEY_BITS = 128;

/**
 * A generous upper bound on the key's entropy: each character counted at most as much as the
 * smaller of its character classes' size and the number of distinct characters the key uses.
 * A key that repeats a short unit (`abcabcabc…`) counts as that unit.
 */
export function keyStrengthBits(key: string): number {
  const unit = /^(.{1,16}?)\1+$/s.exec(key)?.[1] ?? key;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].map((re, i) => (re.test(unit) ? [26, 26, 10, 33][i]! : 0));
  const alphabet = Math.min(classes.reduce((a, b) => a + b, 0), new Set(unit).size);
  return alphabet < 2 ? 0 : Math.floor(unit.length * Math.log2(alphabet));
}

function checkedKey(key: string, origin: string): string {
  const hint = 'Generate one with `openssl rand -hex 32`.';
  if (key.length < MIN_KEY_LENGTH) {
    throw new TopologyError(`The redaction key in ${origin} is shorter than ${MIN_KEY_LENGTH} characters.`, { hint });
  }
  const bits = keyStrengthBits(key);
  if (bits < MIN_KEY_BITS) {
    throw new TopologyError(`The redaction key in ${origin} is too weak (about ${bits} bits, repeated characters or a repeated pattern); at least ${MIN_KEY_BITS} bits are needed.`, { hint });
  }
  return key;
}

function readKeyFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TopologyError(`Cannot read the redaction key ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: `Fix its permissions, or set ${REDACTION_KEY_ENV}.`,
    });
  }
}

function createKeyFile(file: string): string {
  const key = randomBytes(32).toString('hex');
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (cause) {
    // Another run created it between our read and write: use theirs.
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return checkedKey(readKeyFile(file) ?? '', file);
    throw new TopologyError(`Cannot create the redaction key ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: `Set ${REDACTION_KEY_ENV} to a secret of ${MIN_KEY_LENGTH}+ characters instead.`,
    });
  }
}
