// Web service: hands out short-lived presigned PUT URLs so upload bytes go straight to S3, keeps
// the upload record in Postgres, and can re-enqueue an upload for the worker.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createPool, ensureSchema, log, requireEnv } from './shared/db.mjs';

const PORT = Number(process.env.PORT ?? 3000);
const BUCKET = requireEnv('UPLOAD_BUCKET');
const QUEUE_URL = requireEnv('JOB_QUEUE_URL');
const URL_TTL_SECONDS = Number(process.env.UPLOAD_URL_TTL_SECONDS ?? 300);
const ALLOWED_TYPES = /^(image|audio|video)\/[a-z0-9.+-]+$|^application\/pdf$/;
const MAX_BODY_BYTES = 4096;

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
  if (!filename) return [400, { error: 'filename is required' }];
  if (!ALLOWED_TYPES.test(contentType)) return [415, { error: `content type ${contentType || '(none)'} is not accepted` }];
  const id = randomUUID();
  const key = `uploads/${id}/${filename}`;
  await pool.query('INSERT INTO uploads (id, object_key, content_type) VALUES ($1, $2, $3)', [id, key, contentType]);
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: contentType }), {
    expiresIn: URL_TTL_SECONDS,
  });
  return [201, { id, key, method: 'PUT', url, headers: { 'content-type': contentType }, expiresIn: URL_TTL_SECONDS }];
}

async function getUpload(id) {
  const { rows } = await pool.query(
    'SELECT id, object_key AS key, content_type AS "contentType", status, size_bytes AS "sizeBytes", sha256, attempts, created_at AS "createdAt", processed_at AS "processedAt" FROM uploads WHERE id = $1',
    [id],
  );
  return rows[0] ? [200, rows[0]] : [404, { error: 'no such upload' }];
}

async function reprocessUpload(id) {
  const { rowCount } = await pool.query(
    "UPDATE uploads SET status = 'queued' WHERE id = $1 AND status IN ('processed', 'failed')",
    [id],
  );
  if (rowCount === 0) return [409, { error: 'upload is not processed or failed yet' }];
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ type: 'reprocess', uploadId: id }) }));
  return [202, { id, status: 'queued' }];
}

async function readJson(request) {
  let size = 0;
  const chunks = [];
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw Object.assign(new Error('body is not JSON'), { status: 400 });
  }
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const routes = [
  ['GET', /^\/health$/, async () => [200, { status: 'ok' }]],
  ['POST', /^\/uploads$/, async (request) => createUpload(await readJson(request))],
  ['GET', new RegExp(`^/uploads/(${UUID})$`), async (_request, id) => getUpload(id)],
  ['POST', new RegExp(`^/uploads/(${UUID})/reprocess$`), async (_request, id) => reprocessUpload(id)],
];

async function handle(request, response) {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  let status = 404;
  let payload = { error: 'not found' };
  for (const [method, pattern, handler] of routes) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    if (request.method !== method) {
      [status, payload] = [405, { error: 'method not allowed' }];
      continue;
    }
    try {
      [status, payload] = await handler(request, match[1]);
    } catch (error) {
      status = error.status ?? 500;
      payload = { error: status === 500 ? 'internal error' : error.message };
      if (status === 500) log('error', 'request failed', { path: pathname, error: String(error) });
    }
    break;
  }
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(payload));
}

await ensureSchema(pool);
const server = createServer((request, response) => void handle(request, response));
server.keepAliveTimeout = 65_000; // longer than the ALB's 60 s idle timeout
server.listen(PORT, () => log('info', 'web listening', { port: PORT }));

process.on('SIGTERM', () => {
  log('info', 'draining');
  server.close(() => void pool.end().then(() => process.exit(0)));
});
