import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

const AWS_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED'];

/**
 * Each test of the file runs with none of the machine's AWS settings, no instance metadata, and its
 * own empty directory (`home.dir`) holding the AWS `config` and `credentials` files it may write.
 */
export function useIsolatedAwsEnvironment(prefix: string): { readonly dir: string } {
  const home = { dir: '' };
  let savedEnv: Record<string, string | undefined> = {};
  beforeEach(async () => {
    savedEnv = Object.fromEntries(AWS_ENV.map((name) => [name, process.env[name]]));
    for (const name of AWS_ENV) delete process.env[name];
    home.dir = await mkdtemp(join(tmpdir(), prefix));
    process.env.AWS_CONFIG_FILE = join(home.dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home.dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });
  afterEach(async () => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(home.dir, { recursive: true, force: true });
  });
  return home;
}
