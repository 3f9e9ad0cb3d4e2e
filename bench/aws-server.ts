/**
 * The synthetic account (account.ts) served over loopback HTTP the way AWS serves it: each answer
 * after a fixed latency, and each service's requests drawn from a token bucket of AWS's size
 * (pacing.ts's RATE_BUCKETS) that is never waited on: an empty bucket answers with the service's
 * real throttling error, as AWS does. Runs as a child process of the benchmark (so that the walk's
 * memory is measured alone) and reports what it served over IPC.
 *
 *   process.send({ ready: url }) once listening; on { stats: true } it sends { stats: ServerStats }.
 *
 * Several accounts (third argument N > 1): the same synthetic account served as N accounts
 * (`memberAccount(i)`; each answer has the account id in its ARNs, URLs and bucket names), told
 * apart by the access key a request is signed with, as AWS does. STS `AssumeRole` with the
 * caller's credentials on `arn:aws:iam::<member>:role/...` hands out that member's temporary keys;
 * a role outside the members, or a wrong external id when `BENCH_EXTERNAL_ID` is set, answers
 * AccessDenied "not authorized to perform: sts:AssumeRole". Each account has its own token
 * buckets (AWS throttles per account).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsServiceName } from '../src/model/index.js';
import { RATE_BUCKETS } from '../src/sources/aws/pacing.js';
import { errorReply, okReply, parseRequest, type ServedRequest } from '../src/sources/recorded-account/wire.js';
import { sdkRequestOf } from '../test/support/loopback-request.js';
import { ACCOUNT, accountShape, memberAccount, SyntheticAccount } from './account.js';

export interface OperationStats {
  requests: number;
  throttled: number;
}

export type ServerStats = Record<string, OperationStats>;

const THROTTLING: Record<AwsServiceName, { code: string; status: number }> = {
  ec2: { code: 'RequestLimitExceeded', status: 503 },
  ecs: { code: 'ThrottlingException', status: 400 },
  sqs: { code: 'ThrottlingException', status: 400 },
  s3: { code: 'SlowDown', status: 503 },
  sts: { code: 'Throttling', status: 400 },
  elbv2: { code: 'Throttling', status: 400 },
  rds: { code: 'Throttling', status: 400 },
  iam: { code: 'Throttling', status: 400 },
  route53: { code: 'Throttling', status: 400 },
  organizations: { code: 'TooManyRequestsException', status: 400 },
  dynamodb: { code: 'ThrottlingException', status: 400 },
  tagging: { code: 'ThrottledException', status: 400 },
  cloudformation: { code: 'Throttling', status: 400 },
};

/** AWS's side of a rate bucket: refilled continuously, never waited on. */
class ServerBucket {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly size: { burst: number; refillPerSecond: number }) {
    this.tokens = size.burst;
  }

  tryTake(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.size.burst, this.tokens + ((now - this.last) / 1000) * this.size.refillPerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const services = Number(process.argv[2] ?? 10);
const latencyMs = Number(process.argv[3] ?? 30);
const accountCount = Number(process.argv[4] ?? 1);
const account = new SyntheticAccount(accountShape(services));
const buckets = new Map<string, ServerBucket>();
const stats: ServerStats = {};

const members = new Set(Array.from({ length: accountCount }, (_, i) => memberAccount(i)));
/** Access key → account: the caller's (any key not issued here) answers as the first account. */
const issuedKeys = new Map<string, string>();

function assumeRole(served: ServedRequest): { status: number; body: string } | { errorCode: string; message: string } {
  const roleArn = served.params.RoleArn ?? '';
  const target = /^arn:aws:iam::(\d{12}):role\//.exec(roleArn)?.[1];
  const externalId = process.env.BENCH_EXTERNAL_ID;
  if (target === undefined || !members.has(target) || (externalId !== undefined && served.params.ExternalId !== externalId)) {
    return { errorCode: 'AccessDenied', message: `User: arn:aws:iam::${ACCOUNT}:user/bench is not authorized to perform: sts:AssumeRole on resource: ${roleArn}` };
  }
  const key = `ASIA${target}${String(issuedKeys.size).padStart(4, '0')}`;
  issuedKeys.set(key, target);
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  const body =
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
    `<AssumedRoleUser><AssumedRoleId>AROABENCH:bench</AssumedRoleId><Arn>arn:aws:sts::${target}:assumed-role/bench/bench</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  return { status: 200, body };
}

function bucketFor(service: AwsServiceName, region: string, owner: string): ServerBucket {
  // IAM, Route53 and S3 listing are global: one bucket whatever region the client signs for.
  const key = `${owner}|${service === 'iam' || service === 'route53' || service === 's3' ? service : `${service}|${region}`}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = new ServerBucket(RATE_BUCKETS[service]);
    buckets.set(key, bucket);
  }
  return bucket;
}

const server = createServer((req, res) => {
  void sdkRequestOf(req).then((request) => {
    const served = parseRequest(request);
    const key = `${served.service}:${served.operation}`;
    const counted = (stats[key] ??= { requests: 0, throttled: 0 });
    if (process.env.BENCH_TRACE) process.stderr.write(`${(performance.now() / 1000).toFixed(3)} ${key}\n`);
    counted.requests += 1;
    let reply;
    const owner = issuedKeys.get(served.accessKeyId ?? '') ?? ACCOUNT;
    if (!bucketFor(served.service, served.region, owner).tryTake()) {
      counted.throttled += 1;
      const throttling = THROTTLING[served.service];
      reply = errorReply(served.service, throttling.code, 'Rate exceeded', throttling.status);
    } else if (served.service === 'sts' && served.operation === 'AssumeRole') {
      const assumed = assumeRole(served);
      reply = 'errorCode' in assumed ? errorReply('sts', assumed.errorCode, assumed.message, 403) : okReply('sts', assumed.body, assumed.status);
    } else {
      const answer = account.answer(served);
      // Another member: the same resources, under its own account id.
      const body = owner === ACCOUNT ? answer.body : answer.body.split(ACCOUNT).join(owner);
      reply = answer.errorCode ? errorReply(served.service, answer.errorCode, answer.errorCode, answer.status) : okReply(served.service, body, answer.status);
    }
    setTimeout(() => {
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    }, latencyMs);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('message', (message: { stats?: boolean }) => {
  if (message.stats) process.send?.({ stats });
});
process.on('disconnect', () => process.exit(0));
