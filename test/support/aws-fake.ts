/**
 * A fake AWS for tests, at the wire: real SDK clients (serializers, SigV4 signing, the retry
 * middleware, paginators, deserializers) send real HTTP requests to it through an injected
 * `requestHandler`; it answers in each service's wire format. Never mock `Client#send` instead:
 * that skips retries, pagination tokens and error parsing.
 *
 * API
 * - `await AwsFake.recorded()`: answers with the whole recorded demo account
 *   (`src/sources/recorded-account/recorded/`, see `src/sources/recorded-account/recordings.ts` for the layout);
 *   `new AwsFake()`: answers nothing until told. Routes added later win over earlier ones and
 *   over the recordings, so a test starts from the demo account and changes one thing.
 * - `fake.reply(service, operation, body, options?)`: a 200 answer. `body` is the inside of the
 *   response: for EC2 the elements under `<OpResponse>`; for awsQuery (ELBv2, RDS, IAM, STS)
 *   the elements under `<OpResult>`; for JSON (ECS, SQS) an object; for REST-XML (Route53, S3)
 *   the whole XML document.
 * - `fake.fail(service, operation, code, options?)`: an error in the service's envelope
 *   (`<Response><Errors>` for EC2, `<ErrorResponse>` for awsQuery and Route53, `<Error>` for S3,
 *   `__type` for JSON), HTTP status as AWS uses it unless `status` is given.
 * - `fake.throttle(service, operation, times, options?)`: the service's throttling error for the
 *   next `times` matching requests (`Infinity`: always), then the earlier routes answer again.
 * - `fake.unreachable(error)`: every request fails in the transport, as a DNS or connect failure.
 * - options: `match: { region?, params?: { Key: 'value' } }` or a predicate; `times`. Params are
 *   flat: awsQuery form fields (`ResourceArns.member.1`), JSON dotted paths (`services.0`),
 *   REST query string plus `Id` (Route53 zone) / `Bucket` (S3).
 * - `fake.served` (every request: service, operation, region, params, host, path, attempt),
 *   `fake.calls(service?, operation?)`, `fake.actions()` (`ec2:DescribeVpcs`... as IAM names them;
 *   `actionOf(request)` for one request),
 *   `fake.unrouted` (requests nothing answered).
 * - `collect(fake, options?)`: runs the real `collectAwsInventory` against the fake with test
 *   credentials and a zero-delay retry strategy. `contextFor(fake, service, options?)`: the
 *   `CollectContext` (and coverage recorder) to run one collector by itself.
 *
 * Adding a service's fixtures: put wire-format files under `src/sources/recorded-account/recorded/<service>/`
 * (they are the demo account too), or build them in the test with `reply`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import type { AwsCredentialIdentity, RetryStrategyV2 } from '@smithy/types';
import type { AwsServiceName } from '../../src/model/index.js';
import { silentProgress, type Progress } from '../../src/cli/progress.js';
import { createClientFactory, MAX_ATTEMPTS } from '../../src/sources/aws/clients.js';
import { ServiceLimits } from '../../src/sources/aws/concurrency.js';
import { collectAwsInventory, createCollectContext } from '../../src/sources/aws/index.js';
import type { InjectedRequestHandler } from '../../src/sources/aws/context.js';
import { RecordedTransport, type RouteOptions } from '../../src/sources/recorded-account/transport.js';
import { addRecordings } from '../../src/sources/recorded-account/recordings.js';
import { errorReply, okReply, WIRE_SERVICES, type ServedRequest } from '../../src/sources/recorded-account/wire.js';
import { ACCOUNT, REGION } from '../../src/sources/recorded-account/recorded/facts.js';
import { sdkRequestOf } from './loopback-request.js';

export type { ServedRequest, WireReply } from '../../src/sources/recorded-account/wire.js';
export type { RouteOptions } from '../../src/sources/recorded-account/transport.js';

export const TEST_CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: 'TESTACCESSKEYID00000',
  secretAccessKey: 'test-secret-access-key',
};

/** The production retry policy's attempt count, without the waiting. */
export function zeroDelayRetry(maxAttempts: number = MAX_ATTEMPTS): RetryStrategyV2 {
  return new ConfiguredRetryStrategy(maxAttempts, 0);
}

const REQUEST_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

/** The full wire body of a successful response around `inner` (see `AwsFake.reply`). */
export function envelope(service: AwsServiceName, operation: string, inner: string | object): string {
  const wire = WIRE_SERVICES[service];
  if (wire.protocol === 'json') return typeof inner === 'string' ? inner : JSON.stringify(inner);
  if (typeof inner !== 'string') throw new Error(`${service} replies are XML text, not objects`);
  if (wire.protocol === 'rest-xml') return inner.startsWith('<?xml') ? inner : `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`;
  if (wire.protocol === 'ec2') {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${wire.namespace}"><requestId>${REQUEST_ID}</requestId>${inner}</${operation}Response>`;
  }
  return `<${operation}Response xmlns="${wire.namespace}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></${operation}Response>`;
}

/** The HTTP status AWS answers an error code with (the SDK goes by the code; this keeps replies true to life). */
function statusForCode(code: string): number {
  if (code === 'RequestLimitExceeded' || code === 'SlowDown' || code === 'ServiceUnavailable') return 503;
  if (code === 'TooManyRequestsException') return 429;
  if (/^(AccessDenied|UnauthorizedOperation|AuthorizationError|InvalidClientTokenId|SignatureDoesNotMatch)/.test(code)) return 403;
  if (/^NoSuch/.test(code) || code.endsWith('NotFound') || code.endsWith('NotFoundError')) return 404;
  return 400;
}

const THROTTLING: Record<AwsServiceName, string> = {
  ec2: 'RequestLimitExceeded',
  ecs: 'ThrottlingException',
  sqs: 'ThrottlingException',
  s3: 'SlowDown',
  sts: 'Throttling',
  elbv2: 'Throttling',
  rds: 'Throttling',
  iam: 'Throttling',
  route53: 'Throttling',
  organizations: 'TooManyRequestsException',
  dynamodb: 'ThrottlingException',
  tagging: 'ThrottledException',
  cloudformation: 'Throttling',
};

/** The IAM service prefix of each service's actions. */
const IAM_PREFIX: Record<AwsServiceName, string> = {
  sts: 'sts',
  ec2: 'ec2',
  elbv2: 'elasticloadbalancing',
  rds: 'rds',
  iam: 'iam',
  ecs: 'ecs',
  sqs: 'sqs',
  route53: 'route53',
  s3: 's3',
  organizations: 'organizations',
  dynamodb: 'dynamodb',
  tagging: 'tag',
  cloudformation: 'cloudformation',
};

/** S3 wire operations whose IAM action has another name. */
const S3_ACTIONS: Record<string, string> = {
  ListBuckets: 's3:ListAllMyBuckets',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  GetBucketLocation: 's3:GetBucketLocation',
  HeadBucket: 's3:ListBucket',
};

/** The IAM action AWS authorizes a request under (`ListBuckets` is `s3:ListAllMyBuckets`...). */
export function actionOf(request: Pick<ServedRequest, 'service' | 'operation'>): string {
  return (request.service === 's3' && S3_ACTIONS[request.operation]) || `${IAM_PREFIX[request.service]}:${request.operation}`;
}

export class AwsFake extends RecordedTransport {
  static async recorded(): Promise<AwsFake> {
    return (await addRecordings(new AwsFake())) as AwsFake;
  }

  reply(service: AwsServiceName, operation: string, body: string | object, options: RouteOptions = {}): this {
    return this.route(service, operation, okReply(service, envelope(service, operation, body)), options);
  }

  fail(
    service: AwsServiceName,
    operation: string,
    code: string,
    options: RouteOptions & { status?: number; message?: string } = {},
  ): this {
    const { status, message, ...routeOptions } = options;
    const reply = errorReply(service, code, message ?? `${code} (test)`, status ?? statusForCode(code));
    return this.route(service, operation, reply, routeOptions);
  }

  throttle(service: AwsServiceName, operation: string, times: number, options: Omit<RouteOptions, 'times'> = {}): this {
    return this.fail(service, operation, THROTTLING[service], { ...options, times, message: 'Rate exceeded' });
  }

  /** Requests fail before reaching AWS, like a DNS (`ENOTFOUND`) or connect failure: all, or those matched. */
  unreachable(code = 'ENOTFOUND', options: RouteOptions = {}): this {
    for (const service of Object.keys(WIRE_SERVICES) as AwsServiceName[]) {
      this.route(
        service,
        '*',
        (request) => {
          throw Object.assign(new Error(`getaddrinfo ${code} ${request.host}`), { code, hostname: request.host });
        },
        options,
      );
    }
    return this;
  }

  calls(service?: AwsServiceName, operation?: string): ServedRequest[] {
    return this.served.filter((r) => (service === undefined || r.service === service) && (operation === undefined || r.operation === operation));
  }

  /** The distinct IAM actions of the requests served, sorted. */
  actions(): string[] {
    return [...new Set(this.served.map(actionOf))].sort();
  }
}

export interface FakeRunOptions {
  regions?: string[];
  concurrency?: number;
  endpointUrl?: string;
  profile?: string;
  progress?: Progress;
  retryStrategy?: RetryStrategyV2;
}

/** The real `collectAwsInventory` against the fake: test credentials, zero-delay retries, us-east-1. */
export function collect(fake: InjectedRequestHandler, options: FakeRunOptions = {}) {
  return collectAwsInventory({
    regions: options.regions ?? [REGION],
    progress: options.progress ?? silentProgress,
    credentials: TEST_CREDENTIALS,
    requestHandler: fake,
    retryStrategy: options.retryStrategy ?? zeroDelayRetry(),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
}

function testClients(fake: InjectedRequestHandler, retryStrategy: RetryStrategyV2 = zeroDelayRetry()) {
  return createClientFactory({ credentials: TEST_CREDENTIALS, requestHandler: fake, retryStrategy });
}

/** A region's client config talking to the fake, with test credentials and zero-delay retries. */
export function clientConfigFor(fake: InjectedRequestHandler, region: string = REGION, retryStrategy?: RetryStrategyV2) {
  return testClients(fake, retryStrategy).forRegion(region);
}

/** One collector's context against the fake (demo account id, us-east-1 unless told). */
export function contextFor(
  fake: RecordedTransport,
  service: AwsServiceName,
  options: { region?: string; coverageRegion?: string; accountId?: string; concurrency?: number; retryStrategy?: RetryStrategyV2 } = {},
) {
  return createCollectContext({
    service,
    region: options.region ?? REGION,
    ...(options.coverageRegion === undefined ? {} : { coverageRegion: options.coverageRegion }),
    partition: 'aws',
    accountId: options.accountId ?? ACCOUNT,
    clients: testClients(fake, options.retryStrategy),
    limits: new ServiceLimits(options.concurrency),
    progress: silentProgress,
  });
}

/** A loopback HTTP server answering like AWS from the fake: the SDK's real HTTP handler talks to it. */
export async function serveOverHttp(fake: InjectedRequestHandler): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    sdkRequestOf(req, (server.address() as AddressInfo).port)
      .then((request) => fake.handle(request))
      .then(
        ({ response }) => {
          res.writeHead(response.statusCode, response.headers);
          res.end(response.body as Buffer);
        },
        () => res.destroy(),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
