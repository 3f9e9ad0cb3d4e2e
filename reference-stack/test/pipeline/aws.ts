/**
 * S3 and SQS for the pipeline test, served over loopback HTTP in their wire protocols (S3 REST-XML
 * path-style, SQS JSON), with state: objects, queues, receive counts, visibility timeouts, long
 * polling and the redrive to a dead-letter queue. The programs under test use the real AWS SDK
 * clients pointed here by `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_SQS`.
 *
 * Every request must carry a valid SigV4 signature (Authorization header or presigned query) by
 * one of the known principals, and presigned URLs expire; so a presigned URL works here only if
 * it would work against S3, and every call is attributed to the role that made it (`calls`).
 * A PUT under a bucket's notification prefix sends the S3 event to the queue, as S3 does.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export interface Principal {
  /** Who the credentials stand for in `calls` (e.g. the task role's program). */
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ServedCall {
  principal: string;
  /** The IAM action the request is authorized under, e.g. `s3:GetObject`. */
  action: string;
  /** The ARN it acts on: `arn:aws:s3:::bucket/key`, `arn:aws:sqs:region:account:queue`. */
  resource: string;
  status: number;
}

export interface StoredObject {
  body: Buffer;
  contentType: string | undefined;
  etag: string;
}

export interface QueueMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  /** Epoch ms from which the message is visible again (0: never received). */
  visibleAt: number;
  receiptHandle?: string;
  sentAt: number;
}

interface Queue {
  name: string;
  arn: string;
  visibilityTimeoutSeconds: number;
  receiveWaitSeconds: number;
  redrive?: { target: string; maxReceiveCount: number };
  messages: QueueMessage[];
}

interface Bucket {
  name: string;
  objects: Map<string, StoredObject>;
  notifications: { queueName: string; prefix: string }[];
}

class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new AwsError(403, 'AccessDenied', `malformed X-Amz-Date ${text}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

interface Signed {
  principal: Principal;
  service: string;
  region: string;
}

export class PipelineAws {
  readonly calls: ServedCall[] = [];
  private readonly queues = new Map<string, Queue>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly principals: Map<string, Principal>;
  private readonly gates: { matches: (key: string) => boolean; open: Promise<void>; arrived: () => void }[] = [];
  private server: Server | undefined;
  private baseUrl = '';

  constructor(
    readonly region: string,
    readonly accountId: string,
    principals: Principal[],
  ) {
    this.principals = new Map(principals.map((p) => [p.accessKeyId, p]));
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addQueue(name: string, options: { visibilityTimeoutSeconds: number; receiveWaitSeconds: number; redrive?: { target: string; maxReceiveCount: number } }): string {
    this.queues.set(name, { name, arn: `arn:aws:sqs:${this.region}:${this.accountId}:${name}`, messages: [], ...options });
    return this.queueUrl(name);
  }

  queueUrl(name: string): string {
    return `${this.baseUrl}/${this.accountId}/${name}`;
  }

  addBucket(name: string, notifications: { queueName: string; prefix: string }[] = []): void {
    this.buckets.set(name, { name, objects: new Map(), notifications });
  }

  object(bucket: string, key: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  deleteObject(bucket: string, key: string): void {
    this.buckets.get(bucket)?.objects.delete(key);
  }

  /** Messages still on the queue, visible or in flight. */
  messages(queueName: string): QueueMessage[] {
    return this.queue(queueName).messages.map((m) => ({ ...m }));
  }

  /** A message from outside the programs (S3, an operator): as SendMessage would enqueue it. */
  enqueue(queueName: string, body: string): string {
    const message: QueueMessage = { messageId: randomUUID(), body, receiveCount: 0, visibleAt: 0, sentAt: Date.now() };
    this.queue(queueName).messages.push(message);
    return message.messageId;
  }

  /**
   * Holds GetObject for matching keys until `release()`: the object is being read when the test
   * acts (a slow download). `arrived` resolves when the first such request comes in.
   */
  holdGetObject(matches: (key: string) => boolean): { arrived: Promise<void>; release: () => void } {
    let release!: () => void;
    let arrived!: () => void;
    const open = new Promise<void>((resolve) => (release = resolve));
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    this.gates.push({ matches, open, arrived });
    return { arrived: arrival, release };
  }

  /** The next `times` requests for an SQS operation fail with 500 InternalError, as during an SQS outage. */
  failNext(operation: string, times: number): void {
    this.failures.set(operation, (this.failures.get(operation) ?? 0) + times);
  }

  private readonly failures = new Map<string, number>();

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new AwsError(400, 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    return queue;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    let signed: Signed | undefined;
    try {
      signed = this.verify(req, body);
      if (signed.region !== this.region) throw new AwsError(400, 'AuthorizationHeaderMalformed', `signed for region ${signed.region}, expected ${this.region}`);
      if (signed.service === 's3') await this.serveS3(req, res, body, signed);
      else if (signed.service === 'sqs') await this.serveSqs(req, res, body, signed);
      else throw new AwsError(400, 'InvalidAction', `no such service here: ${signed.service}`);
    } catch (error) {
      const failure = error instanceof AwsError ? error : new AwsError(500, 'InternalError', String(error));
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (signed?.service === 'sqs') {
        res.writeHead(failure.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${failure.code};Sender` });
        res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${failure.code}`, message: failure.message }));
      } else {
        res.writeHead(failure.status, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${failure.code}</Code><Message>${failure.message.replace(/[<&>]/g, '')}</Message><RequestId>${randomUUID()}</RequestId></Error>`);
      }
    }
  }

  /** SigV4, header or presigned query; throws the error AWS would answer with. */
  private verify(req: IncomingMessage, body: Buffer): Signed {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    const query = url.searchParams;
    const presigned = query.has('X-Amz-Signature');
    let credential: string;
    let signedHeaders: string[];
    let signature: string;
    let amzDate: string;
    if (presigned) {
      credential = query.get('X-Amz-Credential') ?? '';
      signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
      signature = query.get('X-Amz-Signature') ?? '';
      amzDate = query.get('X-Amz-Date') ?? '';
      const expires = Number(query.get('X-Amz-Expires'));
      if (Date.now() > parseAmzDate(amzDate) + expires * 1000) throw new AwsError(403, 'AccessDenied', 'Request has expired');
    } else {
      const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(String(req.headers.authorization ?? ''));
      if (!m) throw new AwsError(403, 'AccessDenied', 'the request is not signed with SigV4');
      [credential, signedHeaders, signature] = [m[1]!, m[2]!.split(';'), m[3]!];
      amzDate = String(req.headers['x-amz-date'] ?? '');
    }
    const [accessKeyId = '', date = '', region = '', service = '', terminator] = credential.split('/');
    const principal = this.principals.get(accessKeyId);
    if (!principal) throw new AwsError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    if (terminator !== 'aws4_request' || !amzDate.startsWith(date)) throw new AwsError(403, 'AuthorizationHeaderMalformed', `bad credential scope ${credential}`);

    const declaredHash = presigned ? (query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD') : req.headers['x-amz-content-sha256'];
    if (typeof declaredHash === 'string' && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== sha256(body)) {
      throw new AwsError(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
    }
    const payloadHash = typeof declaredHash === 'string' ? declaredHash : sha256(body);
    const canonicalQuery = rawQuery
      .split('&')
      .filter((pair) => pair !== '')
      .map((pair) => {
        const at = pair.indexOf('=');
        const [k, v] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
        return [rfc3986(decodeURIComponent(k)), rfc3986(decodeURIComponent(v))] as const;
      })
      .filter(([k]) => k !== 'X-Amz-Signature')
      .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalHeaders = signedHeaders.map((name) => {
      const value = req.headers[name];
      if (value === undefined) throw new AwsError(403, 'SignatureDoesNotMatch', `signed header ${name} is missing from the request`);
      return `${name}:${String(value).trim().replace(/\s+/g, ' ')}\n`;
    });
    const canonicalRequest = [req.method, url.pathname, canonicalQuery, canonicalHeaders.join(''), signedHeaders.join(';'), payloadHash].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
    const key = [date, region, service, 'aws4_request'].reduce<Buffer | string>((k, part) => hmac(k, part), `AWS4${principal.secretAccessKey}`);
    const expected = hmac(key, stringToSign).toString('hex');
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      throw new AwsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    return { principal, service, region };
  }

  private record(signed: Signed, action: string, resource: string, status: number): void {
    this.calls.push({ principal: signed.principal.name, action, resource, status });
  }

  // ------------------------------------------------------------------ S3

  private async serveS3(req: IncomingMessage, res: ServerResponse, body: Buffer, signed: Signed): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [bucketName = '', ...keyParts] = url.pathname.slice(1).split('/').map(decodeURIComponent);
    const key = keyParts.join('/');
    const operation = req.method === 'PUT' && key !== '' ? 'PutObject' : req.method === 'GET' && key !== '' ? 'GetObject' : undefined;
    if (operation === undefined || req.headers['x-amz-copy-source'] !== undefined) {
      throw new AwsError(501, 'NotImplemented', `${req.method} ${url.pathname} is not served by this fake`);
    }
    const resource = `arn:aws:s3:::${bucketName}/${key}`;
    try {
      const bucket = this.buckets.get(bucketName);
      if (!bucket) throw new AwsError(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (operation === 'PutObject') this.putObject(bucket, key, body, req, res);
      else await this.getObject(bucket, key, res);
      this.record(signed, `s3:${operation}`, resource, res.statusCode);
    } catch (error) {
      this.record(signed, `s3:${operation}`, resource, error instanceof AwsError ? error.status : 500);
      throw error;
    }
  }

  private putObject(bucket: Bucket, key: string, body: Buffer, req: IncomingMessage, res: ServerResponse): void {
    const crc = req.headers['x-amz-checksum-crc32'];
    if (typeof crc === 'string') {
      const computed = Buffer.alloc(4);
      computed.writeUInt32BE(crc32(body));
      if (computed.toString('base64') !== crc) throw new AwsError(400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
    }
    const etag = md5(body);
    const contentType = req.headers['content-type'];
    bucket.objects.set(key, { body, contentType, etag });
    res.writeHead(200, { etag: `"${etag}"` });
    res.end();
    for (const notification of bucket.notifications.filter((n) => key.startsWith(n.prefix))) {
      this.enqueue(notification.queueName, JSON.stringify(this.objectCreatedEvent(bucket.name, key, body.length, etag)));
    }
  }

  /** The event S3 sends for a PUT, as documented (event structure version 2.1); keys URL-encoded, spaces as '+'. */
  private objectCreatedEvent(bucket: string, key: string, size: number, etag: string): object {
    return {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: this.region,
          eventTime: new Date().toISOString(),
          eventName: 'ObjectCreated:Put',
          userIdentity: { principalId: 'AWS:AROAEXAMPLEROLEID:web' },
          requestParameters: { sourceIPAddress: '127.0.0.1' },
          responseElements: { 'x-amz-request-id': randomUUID(), 'x-amz-id-2': randomUUID() },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'uploads-to-job-queue',
            bucket: { name: bucket, ownerIdentity: { principalId: 'A3EXAMPLEOWNER' }, arn: `arn:aws:s3:::${bucket}` },
            object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'), size, eTag: etag, sequencer: Date.now().toString(16).toUpperCase() },
          },
        },
      ],
    };
  }

  private async getObject(bucket: Bucket, key: string, res: ServerResponse): Promise<void> {
    for (const gate of this.gates.filter((g) => g.matches(key))) {
      gate.arrived();
      await gate.open;
    }
    const object = bucket.objects.get(key);
    if (!object) throw new AwsError(404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, {
      'content-length': String(object.body.length),
      'content-type': object.contentType ?? 'binary/octet-stream',
      etag: `"${object.etag}"`,
      'last-modified': new Date().toUTCString(),
    });
    res.end(object.body);
  }

  // ------------------------------------------------------------------ SQS

  private async serveSqs(req: IncomingMessage, res: ServerResponse, body: Buffer, signed: Signed): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!target.startsWith('AmazonSQS.')) throw new AwsError(400, 'InvalidAction', `not an SQS JSON request (X-Amz-Target ${target})`);
    const operation = target.slice('AmazonSQS.'.length);
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    const queueName = new URL(String(input.QueueUrl ?? ''), 'http://invalid').pathname.split('/').pop() ?? '';
    const resource = `arn:aws:sqs:${this.region}:${this.accountId}:${queueName}`;
    try {
      const failures = this.failures.get(operation) ?? 0;
      if (failures > 0) {
        this.failures.set(operation, failures - 1);
        throw new AwsError(500, 'InternalError', 'We encountered an internal error. Please try again.');
      }
      const output = await this.sqsOperation(operation, this.queue(queueName), input, req);
      this.record(signed, `sqs:${operation}`, resource, 200);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(output));
    } catch (error) {
      this.record(signed, `sqs:${operation}`, resource, error instanceof AwsError ? error.status : 500);
      throw error;
    }
  }

  private async sqsOperation(operation: string, queue: Queue, input: Record<string, unknown>, req: IncomingMessage): Promise<object> {
    switch (operation) {
      case 'SendMessage': {
        const body = String(input.MessageBody ?? '');
        if (body === '') throw new AwsError(400, 'MissingParameter', 'The request must contain the parameter MessageBody.');
        return { MessageId: this.enqueue(queue.name, body), MD5OfMessageBody: md5(body) };
      }
      case 'ReceiveMessage':
        return this.receive(queue, input, req);
      case 'DeleteMessage': {
        const message = this.byHandle(queue, input.ReceiptHandle);
        // A stale handle (the message was received again since) deletes nothing, and says nothing.
        if (message && message.receiptHandle === input.ReceiptHandle) queue.messages.splice(queue.messages.indexOf(message), 1);
        return {};
      }
      case 'ChangeMessageVisibility': {
        const timeout = Number(input.VisibilityTimeout);
        if (!Number.isInteger(timeout) || timeout < 0 || timeout > 43_200) {
          throw new AwsError(400, 'InvalidParameterValue', `Value ${String(input.VisibilityTimeout)} for parameter VisibilityTimeout is invalid.`);
        }
        const message = this.byHandle(queue, input.ReceiptHandle);
        if (!message || message.receiptHandle !== input.ReceiptHandle || message.visibleAt <= Date.now()) {
          throw new AwsError(400, 'MessageNotInflight', 'The message referred to is not in flight.');
        }
        message.visibleAt = Date.now() + timeout * 1000;
        return {};
      }
      default:
        throw new AwsError(400, 'UnsupportedOperation', `${operation} is not served by this fake`);
    }
  }

  private readonly handles = new Map<string, QueueMessage>();

  private byHandle(queue: Queue, handle: unknown): QueueMessage | undefined {
    if (typeof handle !== 'string' || !this.handles.has(handle)) throw new AwsError(400, 'ReceiptHandleIsInvalid', `The input receipt handle "${String(handle)}" is not a valid receipt handle.`);
    const message = this.handles.get(handle)!;
    return queue.messages.includes(message) ? message : undefined;
  }

  /** Long polling: waits up to WaitTimeSeconds for visible messages; a closed connection takes none. */
  private async receive(queue: Queue, input: Record<string, unknown>, req: IncomingMessage): Promise<object> {
    const max = Number(input.MaxNumberOfMessages ?? 1);
    if (!Number.isInteger(max) || max < 1 || max > 10) throw new AwsError(400, 'InvalidParameterValue', `Value ${max} for parameter MaxNumberOfMessages is invalid.`);
    const wait = Number(input.WaitTimeSeconds ?? queue.receiveWaitSeconds);
    const visibility = Number(input.VisibilityTimeout ?? queue.visibilityTimeoutSeconds);
    const names = [...((input.MessageSystemAttributeNames as string[]) ?? []), ...((input.AttributeNames as string[]) ?? [])];
    const deadline = Date.now() + wait * 1000;
    for (;;) {
      if (req.socket.destroyed) return {};
      const taken = this.takeVisible(queue, max, visibility);
      if (taken.length > 0 || Date.now() >= deadline) {
        return { Messages: taken.map((m) => this.received(m, names)) };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private takeVisible(queue: Queue, max: number, visibilitySeconds: number): QueueMessage[] {
    const now = Date.now();
    const taken: QueueMessage[] = [];
    for (const message of [...queue.messages]) {
      if (taken.length === max) break;
      if (message.visibleAt > now) continue;
      if (queue.redrive && message.receiveCount >= queue.redrive.maxReceiveCount) {
        // SQS moves it on the receive after the last allowed one, receive count and all.
        queue.messages.splice(queue.messages.indexOf(message), 1);
        this.queue(queue.redrive.target).messages.push({ ...message, visibleAt: 0 });
        continue;
      }
      message.receiveCount += 1;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiptHandle = randomUUID();
      this.handles.set(message.receiptHandle, message);
      taken.push(message);
    }
    return taken;
  }

  private received(message: QueueMessage, attributeNames: string[]): object {
    const all: Record<string, string> = {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
    };
    const wanted = attributeNames.includes('All') ? Object.keys(all) : attributeNames.filter((n) => n in all);
    return {
      MessageId: message.messageId,
      ReceiptHandle: message.receiptHandle,
      MD5OfBody: md5(message.body),
      Body: message.body,
      ...(wanted.length > 0 ? { Attributes: Object.fromEntries(wanted.map((n) => [n, all[n]!])) } : {}),
    };
  }
}
