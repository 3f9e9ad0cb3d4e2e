// Worker service: long-polls the job queue. A job is an S3 ObjectCreated event for a key under
// uploads/ or a {type:'reprocess', uploadId} message from the web service. For each, it streams the
// object, records size and SHA-256 in Postgres, and writes a JSON manifest under derived/.
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createPool, ensureSchema, log, requireEnv } from './shared/db.mjs';

const BUCKET = requireEnv('UPLOAD_BUCKET');
const QUEUE_URL = requireEnv('JOB_QUEUE_URL');
const RESULT_PREFIX = process.env.RESULT_PREFIX ?? 'derived/';
const WAIT_SECONDS = Number(process.env.RECEIVE_WAIT_SECONDS ?? 20);
/** A failed job is retried after this many seconds times its receive count. */
const RETRY_DELAY_SECONDS = Number(process.env.RETRY_DELAY_SECONDS ?? 30);
/** SQS's ceiling for a visibility timeout (12 hours). */
const MAX_VISIBILITY_SECONDS = 43_200;
/** Pause after a failed ReceiveMessage before polling again. */
const POLL_ERROR_PAUSE_MS = 5_000;

const s3 = new S3Client({});
const sqs = new SQSClient({});
const pool = createPool();
let stopping = false;
/** Aborts the long poll in progress when SIGTERM arrives; messages being handled still finish. */
const stopSignal = new AbortController();

/** The object keys a message asks for; an empty list for S3's test event. */
async function keysOf(message) {
  const body = JSON.parse(message.Body ?? '{}');
  if (body.Event === 's3:TestEvent') return [];
  if (body.type === 'reprocess') {
    const { rows } = await pool.query('SELECT object_key FROM uploads WHERE id = $1', [body.uploadId]);
    return rows.map((row) => row.object_key);
  }
  return (body.Records ?? [])
    .filter((record) => String(record.eventName).startsWith('ObjectCreated:') && record.s3?.bucket?.name === BUCKET)
    // S3 event keys are URL-encoded with '+' for spaces.
    .map((record) => decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')));
}

async function claim(key) {
  const { rows } = await pool.query(
    "UPDATE uploads SET status = 'processing', attempts = attempts + 1, claimed_at = now() WHERE object_key = $1 RETURNING id, content_type",
    [key],
  );
  return rows[0];
}

async function digest(key) {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of object.Body) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

async function processKey(key) {
  const upload = await claim(key);
  if (!upload) {
    log('warn', 'object has no upload record; skipped', { key });
    return;
  }
  try {
    const { size, sha256 } = await digest(key);
    const manifest = { id: upload.id, key, contentType: upload.content_type, sizeBytes: size, sha256, processedAt: new Date().toISOString() };
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${RESULT_PREFIX}${upload.id}.json`,
        Body: JSON.stringify(manifest),
        ContentType: 'application/json',
      }),
    );
    await pool.query(
      "UPDATE uploads SET status = 'processed', size_bytes = $2, sha256 = $3, processed_at = now() WHERE id = $1",
      [upload.id, size, sha256],
    );
    log('info', 'processed', { id: upload.id, sizeBytes: size });
  } catch (error) {
    // A retry claims it again; if the message ends in the DLQ the record stays 'failed'.
    await pool.query("UPDATE uploads SET status = 'failed' WHERE id = $1", [upload.id]).catch(() => undefined);
    throw error;
  }
}

async function handleMessage(message) {
  try {
    for (const key of await keysOf(message)) await processKey(key);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: message.ReceiptHandle }));
  } catch (error) {
    // Leave the message on the queue; after maxReceiveCount deliveries SQS parks it in the DLQ.
    const receives = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
    log('error', 'job failed', { messageId: message.MessageId, receives, error: String(error) });
    await sqs
      .send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: QUEUE_URL,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: Math.min(RETRY_DELAY_SECONDS * receives, MAX_VISIBILITY_SECONDS),
        }),
      )
      .catch(() => undefined);
  }
}

/** One long poll; an empty batch when SIGTERM cut it short (a message SQS had already handed out reappears after its visibility timeout). */
async function receive() {
  try {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: QUEUE_URL,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: WAIT_SECONDS,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
      { abortSignal: stopSignal.signal },
    );
    return Messages;
  } catch (error) {
    if (stopping) return [];
    // The SDK has already retried; stay alive and poll again rather than crash-loop the task.
    log('error', 'receive failed', { error: String(error) });
    await new Promise((resolve) => setTimeout(resolve, POLL_ERROR_PAUSE_MS));
    return [];
  }
}

async function poll() {
  while (!stopping) {
    const messages = await receive();
    await Promise.all(messages.map(handleMessage));
  }
}

process.once('SIGTERM', () => {
  stopping = true;
  log('info', 'finishing the current batch');
  stopSignal.abort();
});

await ensureSchema(pool);
log('info', 'worker polling', { waitSeconds: WAIT_SECONDS });
await poll();
await pool.end();
log('info', 'stopped');
