import { afterEach, describe, expect, it, vi } from 'vitest';
import { CredentialsError, EndpointError, UsageError } from '../../../src/errors.js';
import { createClientFactory, MAX_ATTEMPTS } from '../../../src/sources/aws/clients.js';
import { classifyAwsError } from '../../../src/sources/aws/errors.js';
import type { PacedRetryStrategy } from '../../../src/sources/aws/pacing.js';
import { isPartial } from '../../../src/model/coverage.js';
import { collectAwsInventory } from '../../../src/sources/aws/index.js';
import { silentProgress } from '../../../src/cli/progress.js';
import { IDS } from '../../../src/sources/recorded-account/recorded/facts.js';
import type { AwsServiceName } from '../../../src/model/index.js';
import { actionOf, AwsFake, collect, zeroDelayRetry } from '../../support/aws-fake.js';

const coverageOf = (inventory: Awaited<ReturnType<typeof collect>>, service: string, region = 'us-east-1') =>
  inventory.coverage.find((c) => c.service === service && c.region === region);

describe('throttling, through the SDK retry middleware', () => {
  it('retries a throttled API and collects it when it recovers', async () => {
    const fake = await AwsFake.recorded();
    fake.throttle('ec2', 'DescribeSubnets', 2);
    const inventory = await collect(fake);
    expect(fake.calls('ec2', 'DescribeSubnets').map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(inventory.subnets.map((s) => s.id)).toContain(IDS.subnetIsolatedB);
    expect(coverageOf(inventory, 'ec2')).toEqual({ service: 'ec2', region: 'us-east-1', status: 'ok', missing: [] });
  });

  it('records an API that stays throttled after every attempt and collects the rest', async () => {
    const fake = await AwsFake.recorded();
    fake.throttle('elbv2', 'DescribeTargetGroups', Number.POSITIVE_INFINITY);
    const inventory = await collect(fake);
    expect(fake.calls('elbv2', 'DescribeTargetGroups').map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(coverageOf(inventory, 'elbv2')).toEqual({
      service: 'elbv2',
      region: 'us-east-1',
      status: 'throttled',
      missing: [{ action: 'elasticloadbalancing:DescribeTargetGroups', reason: 'throttled', code: 'Throttling' }],
    });
    expect(inventory.targetGroups).toEqual([]);
    expect(inventory.loadBalancers.map((lb) => lb.name)).toEqual(['shop-edge-alb']);
    expect(inventory.listeners).toHaveLength(2);
  });

  it('paces every client by its service\'s rate bucket unless a strategy is injected', async () => {
    const clients = createClientFactory({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const strategy = clients.forService('elbv2', 'us-east-1').retryStrategy as PacedRetryStrategy;
    expect(strategy.mode).toBe('paced');
    expect(strategy.bucket).toBe(clients.pacers.bucket('elbv2', 'us-east-1'));
    expect(MAX_ATTEMPTS).toBe(5);
    const injected = zeroDelayRetry();
    expect(createClientFactory({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, retryStrategy: injected }).forService('ecs', 'us-east-1').retryStrategy).toBe(injected);
  });
});

describe('denied calls', () => {
  it('records a denied API by its IAM action, keeps everything else, and is not ok', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('ec2', 'DescribeVpcEndpoints', 'UnauthorizedOperation', { message: 'You are not authorized to perform this operation.' });
    const inventory = await collect(fake);
    expect(coverageOf(inventory, 'ec2')).toEqual({
      service: 'ec2',
      region: 'us-east-1',
      status: 'denied',
      missing: [{ action: 'ec2:DescribeVpcEndpoints', reason: 'denied', code: 'UnauthorizedOperation' }],
    });
    expect(inventory.vpcEndpoints).toEqual([]);
    expect(inventory.securityGroups).toHaveLength(5);
    expect(inventory.loadBalancers).toHaveLength(1);
    expect(fake.calls('ec2', 'DescribeVpcEndpoints')).toHaveLength(1);
  });
});

describe('a denied ECS call', () => {
  it('is named ecs:DescribeServices, makes ECS denied and the run partial, and the other services are whole', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('ecs', 'DescribeServices', 'AccessDeniedException', { message: 'User is not authorized to perform: ecs:DescribeServices' });
    const inventory = await collect(fake);
    const ecs = coverageOf(inventory, 'ecs');
    expect(ecs?.status).toBe('denied');
    expect(ecs?.missing.map((m) => [m.action, m.reason, m.code])).toEqual([['ecs:DescribeServices', 'denied', 'AccessDeniedException']]);
    expect(isPartial(inventory.coverage)).toBe(true);
    expect(inventory.services).toEqual([]);
    expect(inventory.clusters.map((c) => c.name)).toEqual(['shop']);
    expect(inventory.coverage.filter((c) => c.status !== 'ok').map((c) => c.service)).toEqual(['ecs']);
    expect([inventory.loadBalancers.length, inventory.dbInstances.length, inventory.queues.length, inventory.buckets.length]).toEqual([1, 1, 2, 1]);
  });
});

describe('coverage names', () => {
  it('records each denied call under the IAM action AWS checks for it', async () => {
    const baseline = await AwsFake.recorded();
    await collect(baseline);
    const operations = [...new Set(baseline.served.filter((r) => r.service !== 'sts').map((r) => `${r.service} ${r.operation}`))];
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const recorded = await Promise.all(
      operations.map(async (operation) => {
        const [service, name] = operation.split(' ') as [AwsServiceName, string];
        const fake = await AwsFake.recorded();
        fake.fail(service, name, 'AccessDenied');
        const inventory = await collect(fake);
        return { expected: actionOf({ service, operation: name }), missing: inventory.coverage.flatMap((c) => c.missing.map((m) => m.action)) };
      }),
    );
    for (const { expected, missing } of recorded) expect(missing).toContain(expected);
  });
});

describe('credentials', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('stops with a CredentialsError when the standard chain finds nothing, before any AWS call', async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/topology-test/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/topology-test/config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const fake = await AwsFake.recorded();
    const error = await collectAwsInventory({ regions: ['us-east-1'], progress: silentProgress, requestHandler: fake, retryStrategy: zeroDelayRetry() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).message).toMatch(/^No usable AWS credentials: /);
    expect((error as CredentialsError).hint).toContain('--profile');
    expect(fake.served).toEqual([]);
  });

  it('stops the whole run when credentials expire in the middle of it', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('elbv2', 'DescribeLoadBalancers', 'ExpiredToken');
    const error = await collect(fake, { profile: 'prod' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ message: 'The AWS credentials for profile "prod" have expired (ExpiredToken).', exitCode: 2 });
  });
});

describe('regions and endpoints', () => {
  it('rejects a malformed region before any call, naming it', async () => {
    const fake = await AwsFake.recorded();
    const error = await collect(fake, { regions: ['us-east-1', 'useast1'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect(error).toMatchObject({ message: 'Unknown region "useast1".', exitCode: 2 });
    expect(fake.served).toEqual([]);
  });

  it('turns a region whose endpoints do not resolve into an EndpointError naming it', async () => {
    const fake = await AwsFake.recorded();
    fake.unreachable('ENOTFOUND', { match: { region: 'us-moon-1' } });
    const error = await collect(fake, { regions: ['us-east-1', 'us-moon-1'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect((error as EndpointError).message).toMatch(/^Cannot reach AWS at region "us-moon-1" \(ENOTFOUND [a-z0-9]+\.us-moon-1\.amazonaws\.com\)\.$/);
    expect((error as EndpointError).exitCode).toBe(2);
  });

  it('turns a refused --endpoint-url into an EndpointError naming the endpoint', async () => {
    const fake = new AwsFake().unreachable('ECONNREFUSED');
    const error = await collect(fake, { endpointUrl: 'http://localhost:4566' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect((error as EndpointError).message).toBe('Cannot reach AWS at endpoint http://localhost:4566 (ECONNREFUSED localhost:4566).');
    // ECONNREFUSED is transient for the SDK: it retried before giving up
    expect(fake.served.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it('turns a real refused connection (nothing listens on the port) into an EndpointError', async () => {
    const error = await collectAwsInventory({
      regions: ['us-east-1'],
      endpointUrl: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      retryStrategy: zeroDelayRetry(),
      progress: silentProgress,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect((error as EndpointError).message).toBe('Cannot reach AWS at endpoint http://127.0.0.1:1 (ECONNREFUSED).');
  });

  it('rejects an --endpoint-url that is not a URL', () => {
    expect(() => createClientFactory({ endpointUrl: 'localhost:4566' })).toThrow(EndpointError);
  });

  it('rejects an empty region list and a concurrency out of range', async () => {
    const fake = await AwsFake.recorded();
    await expect(collect(fake, { regions: [] })).rejects.toThrow(UsageError);
    await expect(collect(fake, { concurrency: 0 })).rejects.toThrow('--concurrency must be a whole number from 1 to 32, got 0.');
  });
});

describe('classifyAwsError', () => {
  const sdkError = (name: string, status = 400) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

  it('sorts AWS error codes into what the run does about them', () => {
    expect(classifyAwsError(sdkError('AccessDeniedException'))).toEqual({ kind: 'denied', code: 'AccessDeniedException' });
    expect(classifyAwsError(sdkError('AuthorizationError', 403))).toEqual({ kind: 'denied', code: 'AuthorizationError' });
    expect(classifyAwsError(sdkError('UnknownError', 403))).toEqual({ kind: 'denied', code: 'UnknownError' });
    expect(classifyAwsError(sdkError('InvalidClientTokenId', 403))).toEqual({ kind: 'credentials', code: 'InvalidClientTokenId' });
    expect(classifyAwsError(sdkError('UnrecognizedClientException'))).toEqual({ kind: 'credentials', code: 'UnrecognizedClientException' });
    expect(classifyAwsError(sdkError('RequestLimitExceeded', 503))).toEqual({ kind: 'throttled', code: 'RequestLimitExceeded' });
    expect(classifyAwsError(sdkError('Whatever', 429))).toEqual({ kind: 'throttled', code: 'Whatever' });
    expect(classifyAwsError(sdkError('ClusterNotFoundException'))).toEqual({ kind: 'error', code: 'ClusterNotFoundException' });
    expect(classifyAwsError(Object.assign(new Error('getaddrinfo'), { code: 'EAI_AGAIN' }))).toEqual({ kind: 'endpoint', code: 'EAI_AGAIN' });
  });

  it('leaves errors of our own code alone', () => {
    expect(classifyAwsError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeUndefined();
    expect(classifyAwsError('boom')).toBeUndefined();
  });
});

describe('a listing that repeats its continuation', () => {
  it('Route53 record sets: a coverage entry for that zone, not an internal error; the other services are whole', async () => {
    const fake = await AwsFake.recorded();
    const looping = `<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ResourceRecordSets></ResourceRecordSets><IsTruncated>true</IsTruncated><NextRecordName>a.corp.io.</NextRecordName><NextRecordType>A</NextRecordType><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>`;
    fake.reply('route53', 'ListResourceRecordSets', looping);
    const inventory = await collect(fake);
    expect(coverageOf(inventory, 'route53', 'global')).toEqual({
      service: 'route53',
      region: 'global',
      status: 'error',
      missing: [{ action: 'route53:ListResourceRecordSets', reason: 'error', code: 'RepeatedContinuationToken', resource: IDS.zone }],
    });
    expect(fake.calls('route53', 'ListResourceRecordSets')).toHaveLength(2);
    expect(inventory.dnsRecords).toEqual([]);
    expect(inventory.loadBalancers).toHaveLength(1);
  });
});
