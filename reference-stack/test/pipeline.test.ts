/**
 * The reference pipeline's programs, run end to end: the web service and the worker from
 * `images/` as child processes, laid out as in their image, with the environment their task
 * definitions give them, against a real PostgreSQL (TLS, like RDS) and S3 + SQS over loopback
 * HTTP in their wire protocols. The task definitions and task roles come from
 * `snapshots/reference-stack.json`, the synthesized stack's inventory, which
 * `test/snapshot/reference-stack.test.ts` keeps equal to the stack as synthesized now.
 *
 * Needs Debian's `postgresql` package (`.ci/run` installs it); without it this file fails.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerDefinition, IamRole, Inventory, Queue, TaskDefinition } from '../../src/model/index.js';
import { loadSnapshotInventory } from '../../src/sources/snapshot/index.js';
import { UPLOAD_PREFIX } from '../lib/storage.js';
import { type Principal, PipelineAws } from './pipeline/aws.js';
import { freePort, type PostgresServer, startPostgres } from './pipeline/postgres.js';
import {
  containerEnvironment,
  DOCKERFILE_STEPS,
  IMAGES_DIR,
  importedActions,
  Program,
  readVariables,
  requiredVariables,
  stageImage,
} from './pipeline/programs.js';

const SNAPSHOT = fileURLToPath(new URL('../../snapshots/reference-stack.json', import.meta.url));
const SOURCES = {
  web: [path.join(IMAGES_DIR, 'web/server.mjs'), path.join(IMAGES_DIR, 'shared/db.mjs')],
  worker: [path.join(IMAGES_DIR, 'worker/worker.mjs'), path.join(IMAGES_DIR, 'shared/db.mjs')],
};
/** Set by the stack for `topology` to correlate services with storage; no program reads it. */
const ONLY_FOR_THE_ANALYZER = ['STORAGE_BACKEND'];

/** The task roles' credentials, as ECS would hand them to each container. */
const ROLES: Record<'web' | 'worker', Principal> = {
  web: { name: 'web', accessKeyId: 'ASIAWEBTASKROLE00001', secretAccessKey: randomBytes(20).toString('hex') },
  worker: { name: 'worker', accessKeyId: 'ASIAWORKERTASKROLE01', secretAccessKey: randomBytes(20).toString('hex') },
};

let inventory: Inventory;
let database: PostgresServer;
let aws: PipelineAws;
let web: Program;
let worker: Program;
let webUrl: string;
let awsUrl: string;
const started: Program[] = [];

function taskDefinitionOf(name: 'web' | 'worker'): { taskDefinition: TaskDefinition; container: ContainerDefinition } {
  const matches = inventory.taskDefinitions.flatMap((taskDefinition) =>
    taskDefinition.containers.filter((c) => c.name === name).map((container) => ({ taskDefinition, container })),
  );
  expect(matches, `one ${name} container in the stack`).toHaveLength(1);
  return matches[0]!;
}

function envValue(container: ContainerDefinition, name: string): string {
  const value = container.environment.find((e) => e.name === name)?.value;
  if (value === undefined) throw new Error(`${container.name} has no ${name} in its task definition`);
  return value;
}

function jobQueue(): Queue & { redrive: NonNullable<Queue['redrive']> } {
  const url = envValue(taskDefinitionOf('worker').container, 'JOB_QUEUE_URL');
  const queue = inventory.queues.find((q) => q.url === url);
  if (!queue?.redrive) throw new Error(`the job queue ${url} has no redrive policy in the stack`);
  return queue as Queue & { redrive: NonNullable<Queue['redrive']> };
}

/** A queue's deployed name: its `name` is what a reader sees (for CDK apps, the construct path). */
const nameOfArn = (arn: string) => arn.split(':').pop()!;

/** What an operator sets besides the task definition, for a local run; each says why. */
const LOCAL_OVERRIDES = {
  // Free port instead of 3000, so parallel runs do not collide; the container port is checked below.
  web: async (): Promise<Record<string, string>> => ({ PORT: String(await freePort()) }),
  // Retry a failed job at once instead of after 30 s × receives, so the DLQ is reached in seconds.
  worker: async (): Promise<Record<string, string>> => ({ RETRY_DELAY_SECONDS: '0' }),
};

async function startProgram(name: 'web' | 'worker', label: string = name): Promise<Program> {
  const { container } = taskDefinitionOf(name);
  const overrides = await LOCAL_OVERRIDES[name]();
  const env = containerEnvironment(container, {
    // What CloudFormation resolves at deploy time: the database endpoint and the queue URL.
    resolved: {
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      JOB_QUEUE_URL: aws.queueUrl(nameOfArn(jobQueue().arn)),
    },
    overrides,
    secretValues: { username: database.user, password: database.password },
    platform: {
      AWS_REGION: aws.region,
      AWS_ACCESS_KEY_ID: ROLES[name].accessKeyId,
      AWS_SECRET_ACCESS_KEY: ROLES[name].secretAccessKey,
      AWS_ENDPOINT_URL_S3: awsUrl,
      AWS_ENDPOINT_URL_SQS: awsUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  const program = new Program(label, stageImage(name, database.caPem), env);
  started.push(program);
  if (name === 'web') webUrl = `http://127.0.0.1:${env.PORT}`;
  await program.waitForLog((l) => l.message === (name === 'web' ? 'web listening' : 'worker polling'), 20_000);
  return program;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

/** One HTTP request on a fresh connection (exact headers, no pooling that would hide a drain). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // S3 answers XML; callers read `text`.
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const postJson = (route: string, body: unknown) =>
  send(`${webUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function connection(databaseName: string): pg.ClientConfig {
  const { host, port, user, password, caPem } = database;
  return { host, port, user, password, database: databaseName, ssl: { ca: caPem, rejectUnauthorized: true } };
}

async function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = [], databaseName = 'uploads'): Promise<T[]> {
  const client = new pg.Client(connection(databaseName));
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function uploadStatus(id: string, status: string, attempts?: number): Promise<Record<string, unknown>> {
  return eventually(`upload ${id} to be ${status}`, async () => {
    const answer = await send(`${webUrl}/uploads/${id}`);
    const done = answer.json.status === status && (attempts === undefined || answer.json.attempts === attempts);
    return done ? answer.json : undefined;
  });
}

/** Requests an upload URL and PUTs `bytes` to it as a browser would; returns the upload's id and key. */
async function upload(filename: string, contentType: string, bytes: Buffer): Promise<{ id: string; key: string }> {
  const created = await postJson('/uploads', { filename, contentType, size: bytes.length });
  expect(created.status, created.text).toBe(201);
  const { id, key, url, headers } = created.json as { id: string; key: string; url: string; headers: Record<string, string> };
  const put = await send(url, { method: 'PUT', headers, body: bytes });
  expect(put.status, put.text).toBe(200);
  return { id, key };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  inventory = await loadSnapshotInventory(SNAPSHOT);
  const queue = jobQueue();
  const deadLetterQueue = inventory.queues.find((q) => q.arn === queue.redrive.deadLetterTargetArn)!;
  const [, , , region, accountId] = queue.arn.split(':');
  aws = new PipelineAws(region!, accountId!, Object.values(ROLES));
  awsUrl = await aws.listen();
  aws.addQueue(nameOfArn(deadLetterQueue.arn), { visibilityTimeoutSeconds: deadLetterQueue.visibilityTimeoutSeconds ?? 30, receiveWaitSeconds: 0 });
  aws.addQueue(nameOfArn(queue.arn), {
    visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds ?? 30,
    receiveWaitSeconds: queue.receiveWaitTimeSeconds ?? 0,
    redrive: { target: nameOfArn(deadLetterQueue.arn), maxReceiveCount: queue.redrive.maxReceiveCount },
  });
  aws.addBucket(envValue(taskDefinitionOf('web').container, 'UPLOAD_BUCKET'), [{ queueName: nameOfArn(queue.arn), prefix: UPLOAD_PREFIX }]);

  database = await startPostgres({ user: 'reference', password: randomBytes(12).toString('base64url') });
  await sql(`CREATE DATABASE ${envValue(taskDefinitionOf('web').container, 'DB_NAME')}`, [], 'postgres');
});

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
  for (const p of started) p.removeStaging();
  await aws?.close();
  database?.destroy();
});

describe('the stack and the programs agree', () => {
  it.each(['web', 'worker'] as const)('the %s task definition sets every variable the program requires, and nothing it ignores', (name) => {
    const { container } = taskDefinitionOf(name);
    const given = [...container.environment.map((e) => e.name), ...container.secrets.map((s) => s.name)];
    expect(requiredVariables(SOURCES[name]).filter((v) => !given.includes(v))).toEqual([]);
    expect(given.filter((v) => !readVariables(SOURCES[name]).includes(v))).toEqual(ONLY_FOR_THE_ANALYZER);
    expect(container.secrets.map((s) => s.name).sort()).toEqual(['DB_PASSWORD', 'DB_USER']);
  });

  it('web listens where the target group sends traffic and health checks; the worker has no port', () => {
    const { container: webContainer, taskDefinition } = taskDefinitionOf('web');
    const port = Number(envValue(webContainer, 'PORT'));
    expect(webContainer.portMappings.map((p) => p.containerPort)).toEqual([port]);
    const service = inventory.services.find((s) => s.taskDefinitionArn.startsWith(taskDefinition.arn.replace(/:\d+$/, '')))!;
    expect(service.loadBalancers.map((b) => [b.containerName, b.containerPort])).toEqual([['web', port]]);
    const targetGroup = inventory.targetGroups.find((t) => t.arn === service.loadBalancers[0]!.targetGroupArn)!;
    expect([targetGroup.port, targetGroup.healthCheck.path, targetGroup.healthCheck.matcher]).toEqual([port, '/health', '200']);
    expect(taskDefinitionOf('worker').container.portMappings).toEqual([]);
  });

  it('the Dockerfile lays out /app as the test stages it, and the images\' dependencies resolve here', () => {
    const dockerfile = readFileSync(path.join(IMAGES_DIR, 'Dockerfile'), 'utf8').split('\n').map((l) => l.trim());
    expect(DOCKERFILE_STEPS.filter((step) => !dockerfile.includes(step))).toEqual([]);
    for (const name of ['web', 'worker']) {
      const manifest = JSON.parse(readFileSync(path.join(IMAGES_DIR, name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      const resolve = createRequire(path.join(IMAGES_DIR, name, 'package.json')).resolve;
      for (const dependency of Object.keys(manifest.dependencies)) expect(() => resolve(dependency), dependency).not.toThrow();
    }
  });
});

describe('the pipeline, end to end', () => {
  it('two workers starting at once against an empty database both create the schema and start', async () => {
    const [first, second] = await Promise.all([startProgram('worker', 'worker-1'), startProgram('worker', 'worker-2')]);
    expect(await sql(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'uploads'`)).toEqual([{ n: 1 }]);
    worker = first;
    // The second stops while idle, in the middle of a 20 s long poll: promptly (ECS sends SIGKILL 30 s after SIGTERM) and cleanly.
    const stoppedAt = Date.now();
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(10_000); // not the 20 s the long poll would take to return
    expect(second.logs.at(-1)?.message).toBe('stopped');
  });

  it('the schema migration is idempotent and safe to race: eight at once on a fresh database, then again', async () => {
    const { ensureSchema } = (await import(path.join(IMAGES_DIR, 'shared/db.mjs'))) as { ensureSchema: (pool: pg.Pool) => Promise<void> };
    await sql('CREATE DATABASE schema_race', [], 'postgres');
    const pools = Array.from({ length: 8 }, () => new pg.Pool({ ...connection('schema_race'), max: 1 }));
    try {
      const results = await Promise.allSettled(pools.map((pool) => ensureSchema(pool)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      await ensureSchema(pools[0]!);
      const columns = await sql<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'uploads' ORDER BY ordinal_position`, [], 'schema_race');
      expect(columns.map((c) => c.column_name)).toEqual(
        ['id', 'object_key', 'content_type', 'status', 'size_bytes', 'sha256', 'attempts', 'created_at', 'claimed_at', 'processed_at']);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('the web service starts on the same schema and is healthy', async () => {
    web = await startProgram('web');
    const health = await send(`${webUrl}/health`);
    expect([health.status, health.json]).toEqual([200, { status: 'ok' }]);
  });

  it('a presigned upload becomes an S3 event, a job, a database row and a manifest', async () => {
    const bytes = randomBytes(70_001);
    const { id, key } = await upload('talk.mp4', 'video/mp4', bytes);
    expect(key).toBe(`uploads/${id}/talk.mp4`);
    const bucket = envValue(taskDefinitionOf('worker').container, 'UPLOAD_BUCKET');
    expect(aws.object(bucket, key)?.contentType).toBe('video/mp4');

    const processed = await uploadStatus(id, 'processed');
    expect(processed).toMatchObject({ id, key, contentType: 'video/mp4', sizeBytes: '70001', sha256: sha256(bytes), attempts: 1 });

    const manifest = JSON.parse(aws.object(bucket, `derived/${id}.json`)!.body.toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ id, key, contentType: 'video/mp4', sizeBytes: 70_001, sha256: sha256(bytes) });
    expect(aws.object(bucket, `derived/${id}.json`)!.contentType).toBe('application/json');
    expect(await eventually('the job message to be deleted', async () => (aws.messages(nameOfArn(jobQueue().arn)).length === 0 ? true : undefined))).toBe(true);
  });

  it('reprocessing an upload sends a message the worker handles again, rewriting the manifest', async () => {
    const bytes = Buffer.from('%PDF-1.7\nreference pipeline\n');
    const { id } = await upload('paper.pdf', 'application/pdf', bytes);
    await uploadStatus(id, 'processed', 1);
    const bucket = envValue(taskDefinitionOf('worker').container, 'UPLOAD_BUCKET');
    const first = JSON.parse(aws.object(bucket, `derived/${id}.json`)!.body.toString('utf8')) as { processedAt: string };

    const answer = await postJson(`/uploads/${id}/reprocess`, {});
    expect([answer.status, answer.json]).toEqual([202, { id, status: 'queued' }]);
    const again = await uploadStatus(id, 'processed', 2);
    expect(again).toMatchObject({ sizeBytes: String(bytes.length), sha256: sha256(bytes) });
    const second = JSON.parse(aws.object(bucket, `derived/${id}.json`)!.body.toString('utf8')) as { processedAt: string };
    expect(Date.parse(second.processedAt)).toBeGreaterThan(Date.parse(first.processedAt));
  });

  it('a job that fails maxReceiveCount times lands in the dead-letter queue and the upload stays failed', async () => {
    const queue = jobQueue();
    // The upload is recorded and announced, but its object is gone before the worker reads it.
    const created = await postJson('/uploads', { filename: 'gone.png', contentType: 'image/png', size: 10 });
    const { id, key } = created.json as { id: string; key: string };
    const event = {
      Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: envValue(taskDefinitionOf('worker').container, 'UPLOAD_BUCKET') }, object: { key, size: 10 } } }],
    };
    const messageId = aws.enqueue(nameOfArn(queue.arn), JSON.stringify(event));
    const deadLetterQueue = nameOfArn(queue.redrive.deadLetterTargetArn);
    const parked = await eventually('the message in the dead-letter queue', async () => aws.messages(deadLetterQueue).find((m) => m.messageId === messageId));
    expect(parked.receiveCount).toBe(queue.redrive.maxReceiveCount);
    expect(aws.messages(nameOfArn(queue.arn))).toEqual([]);
    const reads = aws.calls.filter((c) => c.principal === 'worker' && c.action === 's3:GetObject' && c.resource.endsWith(key));
    expect(reads.map((c) => c.status)).toEqual(Array(queue.redrive.maxReceiveCount).fill(404));
    expect(await uploadStatus(id, 'failed', queue.redrive.maxReceiveCount)).toMatchObject({ sizeBytes: null, sha256: null });
  });
});

describe('bad input to the web API gets a 4xx that says what is wrong', () => {
  it.each([
    ['a body that is not JSON', { 'content-type': 'text/plain' }, 'filename=a.png', 415, 'request body must be application/json, not text/plain'],
    ['malformed JSON', { 'content-type': 'application/json' }, '{"filename":', 400, 'request body is not a JSON object'],
    ['a body over 4 KiB', { 'content-type': 'application/json' }, JSON.stringify({ filename: 'x'.repeat(5000) }), 413, 'request body is larger than 4096 bytes'],
  ])('%s', async (_what, headers, body, status, error) => {
    const answer = await send(`${webUrl}/uploads`, { method: 'POST', headers, body });
    expect([answer.status, answer.json]).toEqual([status, { error }]);
  });

  it.each([
    ['a file type the pipeline does not take', { filename: 'a.exe', contentType: 'application/x-msdownload', size: 10 }, 415,
      'content type application/x-msdownload is not accepted; send image/*, audio/*, video/* or application/pdf'],
    ['no declared size', { filename: 'a.png', contentType: 'image/png' }, 400, 'size is required: the length of the file in bytes, a positive integer'],
    ['a declared size over the limit', { filename: 'a.mp4', contentType: 'video/mp4', size: 100 * 1024 * 1024 + 1 }, 413,
      'size 104857601 bytes exceeds the upload limit of 104857600 bytes'],
    ['no file name', { contentType: 'image/png', size: 10 }, 400, 'filename is required'],
  ])('%s', async (_what, body, status, error) => {
    const answer = await postJson('/uploads', body);
    expect([answer.status, answer.json]).toEqual([status, { error }]);
  });

  it('an unknown or malformed upload id', async () => {
    const unknown = randomUUID();
    expect((await send(`${webUrl}/uploads/${unknown}`)).json).toEqual({ error: `no such upload: ${unknown}` });
    const reprocess = await postJson(`/uploads/${unknown}/reprocess`, {});
    expect([reprocess.status, reprocess.json]).toEqual([404, { error: `no such upload: ${unknown}` }]);
    const malformed = await send(`${webUrl}/uploads/42`);
    expect([malformed.status, malformed.json]).toEqual([400, { error: 'upload id "42" is not a UUID' }]);
    const wrongMethod = await send(`${webUrl}/uploads`, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
  });

  it('reprocessing an upload that was never uploaded is a conflict', async () => {
    const created = await postJson('/uploads', { filename: 'later.png', contentType: 'image/png', size: 5 });
    const { id } = created.json as { id: string };
    const answer = await postJson(`/uploads/${id}/reprocess`, {});
    expect([answer.status, answer.json]).toEqual([409, { error: `upload ${id} is awaiting-upload; only processed or failed uploads can be reprocessed` }]);
  });

  it('S3 refuses a PUT whose size or content type differs from the declared one', async () => {
    const created = await postJson('/uploads', { filename: 'photo.png', contentType: 'image/png', size: 8 });
    const { url } = created.json as { url: string };
    const longer = await send(url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: Buffer.alloc(9) });
    expect([longer.status, /<Code>(\w+)<\/Code>/.exec(longer.text)?.[1]]).toEqual([403, 'SignatureDoesNotMatch']);
    const otherType = await send(url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: Buffer.alloc(8) });
    expect([otherType.status, /<Code>(\w+)<\/Code>/.exec(otherType.text)?.[1]]).toEqual([403, 'SignatureDoesNotMatch']);
    const declared = await send(url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: Buffer.alloc(8) });
    expect(declared.status).toBe(200);
  });
});

describe('operations', () => {
  it('the health check fails while the database is down and recovers when it is back; both programs survive', async () => {
    database.stop();
    try {
      const down = await send(`${webUrl}/health`);
      expect([down.status, down.json]).toEqual([503, { status: 'unavailable', error: 'database unreachable' }]);
      const create = await postJson('/uploads', { filename: 'a.png', contentType: 'image/png', size: 3 });
      expect([create.status, create.json]).toEqual([503, { error: 'database unavailable, try again later' }]);
    } finally {
      database.start();
    }
    await eventually('a healthy web service', async () => ((await send(`${webUrl}/health`)).status === 200 ? true : undefined));
    expect([web.running, worker.running]).toEqual([true, true]);
    const bytes = Buffer.from('after the restart');
    const { id } = await upload('after.mp3', 'audio/mpeg', bytes);
    expect(await uploadStatus(id, 'processed', 1)).toMatchObject({ sha256: sha256(bytes) });
  });

  it('the worker outlives a queue outage longer than the SDK\'s retries, and carries on', async () => {
    const receiveFailures = () => worker.logs.filter((l) => l.message === 'receive failed').length;
    const before = receiveFailures();
    // The SDK makes three attempts per ReceiveMessage: three failures are one failed poll.
    aws.failNext('ReceiveMessage', 3);
    // S3's test event (sent when a notification is configured) ends the long poll in progress; the worker drops it.
    const bucket = envValue(taskDefinitionOf('worker').container, 'UPLOAD_BUCKET');
    aws.enqueue(nameOfArn(jobQueue().arn), JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: bucket, RequestId: 'R1', HostId: 'H1' }));
    await eventually('a failed poll', async () => (receiveFailures() === before + 1 ? true : undefined));
    expect(worker.running).toBe(true);
    const bytes = Buffer.from('after the outage');
    const { id } = await upload('outage.ogg', 'audio/ogg', bytes);
    expect(await uploadStatus(id, 'processed', 1)).toMatchObject({ sha256: sha256(bytes) });
    // The worker deletes the message after it records the upload as processed: wait for the delete.
    expect(await eventually('the job message to be deleted', async () => (aws.messages(nameOfArn(jobQueue().arn)).length === 0 ? true : undefined))).toBe(true);
  });

  it('SIGTERM lets the worker finish the job it is on, delete its message, and exit', async () => {
    const bytes = randomBytes(4096);
    const hold = aws.holdGetObject((key) => key.endsWith('/slow.wav'));
    const created = await postJson('/uploads', { filename: 'slow.wav', contentType: 'audio/wav', size: bytes.length });
    const { id, url, headers } = created.json as { id: string; url: string; headers: Record<string, string> };
    expect((await send(url, { method: 'PUT', headers, body: bytes })).status).toBe(200);
    await hold.arrived;
    const receivesBefore = aws.calls.filter((c) => c.principal === 'worker' && c.action === 'sqs:ReceiveMessage').length;
    worker.kill('SIGTERM');
    await worker.waitForLog((l) => l.message === 'finishing the current batch');
    hold.release();
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await sql('SELECT status, attempts, sha256 FROM uploads WHERE id = $1', [id])).toEqual([{ status: 'processed', attempts: 1, sha256: sha256(bytes) }]);
    expect(aws.messages(nameOfArn(jobQueue().arn))).toEqual([]);
    expect(aws.calls.filter((c) => c.principal === 'worker' && c.action === 'sqs:ReceiveMessage').length).toBe(receivesBefore);

    // A worker started afterwards finds nothing left to do, and processes nothing twice.
    worker = await startProgram('worker', 'worker-3');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await sql('SELECT attempts FROM uploads WHERE id = $1', [id])).toEqual([{ attempts: 1 }]);
  });

  it('SIGTERM lets the web service answer the request in flight, refuse new ones, and exit', async () => {
    // Hold the table so that the next INSERT waits: a request in flight.
    const blocker = new pg.Client(connection('uploads'));
    await blocker.connect();
    let inFlight: Promise<Answer>;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE uploads IN EXCLUSIVE MODE');
      inFlight = postJson('/uploads', { filename: 'last.png', contentType: 'image/png', size: 4 });
      await eventually('the INSERT to wait on the lock', async () => {
        const rows = await sql(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'uploads'::regclass`);
        return rows[0]!.n === 1 ? true : undefined;
      });
      web.kill('SIGTERM');
      await web.waitForLog((l) => String(l.message).startsWith('draining'));
      await expect(send(`${webUrl}/health`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    expect(answer.headers.connection).toBe('close');
    expect(await web.exited).toEqual({ code: 0, signal: null });
    expect(await sql('SELECT status FROM uploads WHERE id = $1', [answer.json.id])).toEqual([{ status: 'awaiting-upload' }]);
  });

  it('the programs wrote nothing to stderr, and logged errors only for the failures provoked above', () => {
    expect(started.map((p) => [p.name, p.stderr])).toEqual(started.map((p) => [p.name, '']));
    const errors = new Set(started.flatMap((p) => p.logs.filter((l) => l.level === 'error').map((l) => `${p.name}: ${String(l.message)}`)));
    expect([...errors].sort()).toEqual(['web: request failed', 'worker-1: job failed', 'worker-1: receive failed']);
  });

  it('each task role grants exactly the S3 and SQS actions its program called, on the resources it called them on', () => {
    for (const name of ['web', 'worker'] as const) {
      const { taskDefinition } = taskDefinitionOf(name);
      const role: IamRole = inventory.roles.find((r) => r.arn === taskDefinition.taskRoleArn)!;
      const statements = role.inlinePolicies.flatMap((p) => p.document.statements).filter((s) => s.effect === 'Allow');
      const calls = aws.calls.filter((c) => c.principal === name);
      const granted = [...new Set(statements.flatMap((s) => s.actions))].sort();
      expect([...new Set(calls.map((c) => c.action))].sort(), `${name}: actions called`).toEqual(granted);
      expect(importedActions(SOURCES[name]), `${name}: SDK commands in its sources`).toEqual(granted);
      const arnPattern = (arn: string) => new RegExp(`^${arn.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      const denied = calls.filter((c) => !statements.some((s) => s.actions.includes(c.action) && s.resources.some((r) => arnPattern(r).test(c.resource))));
      expect(denied, `${name}: calls no statement allows`).toEqual([]);
    }
  });
});
