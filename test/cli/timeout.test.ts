import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClientFactory } from '../../src/sources/aws/clients.js';
import { cli } from '../support/cli.js';

/** A TCP listener that accepts every connection and never answers: the endpoint the issue hung on. */
async function silentListener(): Promise<{ url: string; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    socket.resume(); // reads (and ignores) the request, so the client's close is seen
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, sockets };
}

const ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'example-secret', AWS_CONFIG_FILE: '/nonexistent/aws-config', AWS_EC2_METADATA_DISABLED: 'true' };
let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(Object.keys(ENV).map((name) => [name, process.env[name]]));
  Object.assign(process.env, ENV);
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('every wait has an end', () => {
  it('the defaults: every client gets a 5 s connection and 20 s request timeout, with or without a deadline; --help states the 15-minute whole-collection default', () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE000000000', secretAccessKey: 'example-secret' };
    expect(createClientFactory({ credentials }).forService('ecs', 'us-east-1').requestHandler).toEqual({ connectionTimeout: 5_000, requestTimeout: 20_000 });
    const withDeadline = createClientFactory({ credentials, signal: new AbortController().signal }).forService('sqs', 'eu-west-1').requestHandler;
    expect(withDeadline).toMatchObject({ connectionTimeout: 5_000, requestTimeout: 20_000 });
    const help = execFileSync(process.execPath, [resolve('bin/topology.mjs'), '--help'], { encoding: 'utf8' });
    expect(help.replace(/\s+/g, ' ')).toContain('before it is stopped with exit 2 (default 900)');
  });

  it('an endpoint that accepts and never answers ends at --timeout with exit 2 naming it, and its sockets are closed', async () => {
    const { url, server, sockets } = await silentListener();
    try {
      const started = Date.now();
      const { code, stdout, stderr } = await cli('--region', 'us-east-1', '--endpoint-url', url, '--timeout', '1');
      expect(code).toBe(2);
      // Module loading under load takes seconds; without the deadline the first request alone would wait 5 × 20 s.
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toBe(`topology: Timed out after 1 s waiting for AWS at endpoint ${url} (checking credentials (sts:GetCallerIdentity, us-east-1)).`);
      expect(sockets.length).toBeGreaterThan(0);
      await new Promise((done) => setTimeout(done, 300));
      expect(sockets.map((socket) => socket.readableEnded)).toEqual(sockets.map(() => true));
    } finally {
      server.close();
    }
  }, 60_000);

  it('the process itself ends promptly after the deadline (nothing keeps it alive)', async () => {
    const { url, server } = await silentListener();
    try {
      const started = Date.now();
      const result = await new Promise<{ status: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [resolve('bin/topology.mjs'), 'audit', '--region', 'us-east-1', '--endpoint-url', url, '--timeout', '1.5'], {
          env: { ...process.env },
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (status) => done({ status, stderr }));
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`Timed out after 1.5 s waiting for AWS at endpoint ${url}`);
      expect(Date.now() - started).toBeLessThan(40_000);
    } finally {
      server.close();
    }
  }, 60_000);
});
