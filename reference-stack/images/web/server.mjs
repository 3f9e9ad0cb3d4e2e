// Web service: hands out short-lived presigned PUT URLs so upload bytes go straight to S3, keeps
// the upload record in Postgres, and can re-enqueue an upload for the worker.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createPool, databaseReachable, ensureSchema, isDatabaseUnavailable, log, requireEnv } from './shared/db.mjs';

const PORT = Number(process.env.PORT ?? 3000);
const BUCKET = requireEnv('UPLOAD_BUCKET');
const QUEUE_URL = requireEnv('JOB_QUEUE_URL');
const URL_TTL_SECONDS = Number(process.env.UPLOAD_URL_TTL_SECONDS ?? 300);
const ALLOWED_TYPES = /^(image|audio|video)\/[a-z0-9.+-]+$|^application\/pdf$/;
const MAX_BODY_BYTES = 4096;
/** Largest object a presigned URL is issued for; S3's limit for one PUT is 5 GiB. */
const MAX_UPLOAD_BYTES = Number(process.env.MAX_UPLOAD_BYTES ?? 100 * 1024 * 1024);

// Without WHEN_REQUIRED the SDK signs a CRC32 checksum header that browsers would have to send.
const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
const sqs = new SQSClient({});
const pool = createPool();

/** Keeps the last path segment and a conservative character set; S3 keys stay readable. */
function safeFilename(name) {
  const base = String(name ?? '').split(/[\\/]/).pop().normalize('NFKC');
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 120);
  return cleaned || null;
}

async function createUpload(body) {
  const filename = safeFilename(body.filename);
  const contentType = String(body.contentType ?? '').toLowerCase();
  const size = body.size;
  if (!filename) return [400, { error: 'filename is required' }];
  if (!ALLOWED_TYPES.test(contentType)) {
    return [415, { error: `content type ${contentType || '(none)'} is not accepted; send image/*, audio/*, video/* or application/pdf` }];
  }
  if (!Number.isSafeInteger(size) || size < 1) return [400, { error: 'size is required: the length of the file in bytes, a positive integer' }];
  if (size > MAX_UPLOAD_BYTES) return [413, { error: `size ${size} bytes exceeds the upload limit of ${MAX_UPLOAD_BYTES} bytes` }];
  const id = randomUUID();
  const key = `uploads/${id}/${filename}`;
  await pool.query('INSERT INTO uploads (id, object_key, content_type) VALUES ($1, $2, $3)', [id, key, contentType]);
  // Content-Length and Content-Type are signed, so S3 refuses a PUT of another size or type than declared.
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: contentType, ContentLength: size }),
    { expiresIn: URL_TTL_SECONDS, signableHeaders: new Set(['content-type']) },
  );
  const headers = { 'content-type': contentType, 'content-length': String(size) };
  return [201, { id, key, method: 'PUT', url, headers, expiresIn: URL_TTL_SECONDS }];
}

async function getUpload(id) {
  const { rows } = await pool.query(
    'SELECT id, object_key AS key, content_type AS "contentType", status, size_bytes AS "sizeBytes", sha256, attempts, created_at AS "createdAt", processed_at AS "processedAt" FROM uploads WHERE id = $1',
    [id],
  );
  return rows[0] ? [200, rows[0]] : [404, { error: `no such upload: ${id}` }];
}

async function reprocessUpload(id) {
  const { rowCount } = await pool.query(
    "UPDATE uploads SET status = 'queued' WHERE id = $1 AND status IN ('processed', 'failed')",
    [id],
  );
  if (rowCount === 0) {
    const { rows } = await pool.query('SELECT status FROM uploads WHERE id = $1', [id]);
    if (rows.length === 0) return [404, { error: `no such upload: ${id}` }];
    return [409, { error: `upload ${id} is ${rows[0].status}; only processed or failed uploads can be reprocessed` }];
  }
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ type: 'reprocess', uploadId: id }) }));
  return [202, { id, status: 'queued' }];
}

async function readJson(request) {
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw Object.assign(new Error(`request body must be application/json, not ${type || '(no content type)'}`), { status: 415 });
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    throw Object.assign(new Error(`request body is larger than ${MAX_BODY_BYTES} bytes`), { status: 413 });
  }
  let size = 0;
  const chunks = [];
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error(`request body is larger than ${MAX_BODY_BYTES} bytes`), { status: 413 });
    chunks.push(chunk);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    return body;
  } catch {
    throw Object.assign(new Error('request body is not a JSON object'), { status: 400 });
  }
}

async function health() {
  return (await databaseReachable(pool)) ? [200, { status: 'ok' }] : [503, { status: 'unavailable', error: 'database unreachable' }];
}

function uploadId(id) {
  if (!UUID.test(id)) throw Object.assign(new Error(`upload id ${JSON.stringify(id)} is not a UUID`), { status: 400 });
  return id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const routes = [
  ['GET', /^\/health$/, async () => health()],
  ['POST', /^\/uploads$/, async (request) => createUpload(await readJson(request))],
  ['GET', /^\/uploads\/([^/]+)$/, async (_request, id) => getUpload(uploadId(id))],
  ['POST', /^\/uploads\/([^/]+)\/reprocess$/, async (_request, id) => reprocessUpload(uploadId(id))],
];

async function handle(request, response) {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  let status = 404;
  let payload = { error: 'not found' };
  for (const [method, pattern, handler] of routes) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    if (request.method !== method) {
      [status, payload] = [405, { error: `method ${request.method} not allowed on ${pathname}` }];
      continue;
    }
    try {
      [status, payload] = await handler(request, decodeURIComponent(match[1] ?? ''));
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        [status, payload] = [503, { error: 'database unavailable, try again later' }];
      } else {
        status = error.status ?? 500;
        payload = { error: status === 500 ? 'internal error' : error.message };
      }
      if (status >= 500) log('error', 'request failed', { path: pathname, error: String(error) });
    }
    break;
  }
  // While draining, each answered connection closes, so the server can finish closing.
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', ...(draining ? { connection: 'close' } : {}) };
  response.writeHead(status, headers);
  response.end(JSON.stringify(payload));
}

let draining = false;
await ensureSchema(pool);
const server = createServer((request, response) => void handle(request, response));
server.keepAliveTimeout = 65_000; // longer than the ALB's 60 s idle timeout
server.listen(PORT, () => log('info', 'web listening', { port: PORT }));

// ECS deregisters the task from the target group before SIGTERM; requests in flight still finish.
process.once('SIGTERM', () => {
  draining = true;
  server.close(() => {
    void pool.end().then(() => {
      log('info', 'stopped');
      process.exit(0);
    });
  });
  server.closeIdleConnections();
  log('info', 'draining: no new connections; finishing requests in flight');
});
