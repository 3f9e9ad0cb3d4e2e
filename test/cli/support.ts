import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { AwsFake, serveOverHttp } from '../support/aws-fake.js';

const CREDENTIAL_ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'example-secret' };

/**
 * The recorded demo account on a loopback HTTP server, for `--endpoint-url`: the CLI's own SDK
 * clients and HTTP handler talk to it. `change` adjusts the fake first (a denied call...).
 */
export async function withLiveAccount(run: (live: { url: string; fake: AwsFake }) => Promise<void>, change?: (fake: AwsFake) => void): Promise<void> {
  const fake = await AwsFake.recorded();
  change?.(fake);
  const { url, server } = await serveOverHttp(fake);
  const saved = Object.fromEntries(Object.keys(CREDENTIAL_ENV).map((name) => [name, process.env[name]]));
  Object.assign(process.env, CREDENTIAL_ENV);
  try {
    await run({ url, fake });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await new Promise((done) => server.close(done));
  }
}

/**
 * What `node ...nodeArgs --import <preload> bin/topology.mjs ...args` writes on stderr, after
 * checking it exits 0: `preload` is an ES module's source, run before the CLI (to log what it does).
 */
export function binStderrWithPreload(preload: string, args: string[], nodeArgs: string[] = []): string {
  const { stderr, status } = spawnSync(process.execPath, [...nodeArgs, '--import', `data:text/javascript,${encodeURIComponent(preload)}`, resolve('bin/topology.mjs'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  expect(status).toBe(0);
  return stderr;
}
