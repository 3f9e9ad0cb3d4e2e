import type { RetryErrorInfo } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { AdaptiveTokenBucket, PacedRetryStrategy, RATE_BUCKETS, RATE_MARGIN, RatePacers, type Clock } from '../../../src/sources/aws/pacing.js';
import { silentProgress, type WalkSource } from '../../../src/cli/progress.js';
import { collectAwsInventory } from '../../../src/sources/aws/index.js';
import { AwsFake, TEST_CREDENTIALS } from '../../support/aws-fake.js';

/** Time passes only when someone sleeps. */
function fakeClock(): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

const throttling: RetryErrorInfo = { errorType: 'THROTTLING' } as RetryErrorInfo;
const transient: RetryErrorInfo = { errorType: 'TRANSIENT' } as RetryErrorInfo;
const clientError: RetryErrorInfo = { errorType: 'CLIENT_ERROR' } as RetryErrorInfo;

describe('the adaptive token bucket', () => {
  it('spends its burst less the margin at once, then hands out tokens a little below the refill rate', async () => {
    const clock = fakeClock();
    // ELBv2's bucket: 40 at once, 10 per second; 38 (95 %) are spent at once.
    const bucket = new AdaptiveTokenBucket({ burst: 40, refillPerSecond: 10 / RATE_MARGIN }, clock);
    for (let i = 0; i < 38; i += 1) await bucket.take();
    expect(clock.sleeps).toEqual([]);
    await bucket.take();
    await bucket.take();
    expect(clock.sleeps.map(Math.round)).toEqual([100, 100]);
    expect(bucket.seen).toMatchObject({ requests: 40, throttled: 0, waited: 2 });
  });

  it('refills no further than the burst less the margin, however long it waits', async () => {
    const clock = fakeClock();
    const bucket = new AdaptiveTokenBucket({ burst: 20, refillPerSecond: 10 / RATE_MARGIN }, clock);
    clock.advance(60_000);
    for (let i = 0; i < 19; i += 1) await bucket.take();
    expect(clock.sleeps).toEqual([]);
    await bucket.take();
    expect(clock.sleeps.map(Math.round)).toEqual([100]);
  });

  it('reserves in arrival order: concurrent takers wait 1, 2, 3 refill periods', async () => {
    const clock = fakeClock();
    // A clock whose sleeps do not advance time, so the reservations are all made at t=0.
    const frozen: Clock = { now: () => 0, sleep: async (ms) => void clock.sleeps.push(ms) };
    const bucket = new AdaptiveTokenBucket({ burst: 1, refillPerSecond: 20 / RATE_MARGIN }, frozen);
    await Promise.all([bucket.take(), bucket.take(), bucket.take(), bucket.take()]);
    expect(clock.sleeps.map(Math.round)).toEqual([50, 100, 150]);
  });

  it('halves its rate and empties when AWS throttles, then climbs back to the nominal rate', async () => {
    const clock = fakeClock();
    const bucket = new AdaptiveTokenBucket({ burst: 40, refillPerSecond: 10 / RATE_MARGIN }, clock);
    expect(bucket.currentRate).toBeCloseTo(10);
    bucket.throttled();
    expect(bucket.currentRate).toBeCloseTo(5);
    await bucket.take();
    expect(clock.sleeps.map(Math.round)).toEqual([200]);
    clock.advance(800);
    bucket.throttled();
    expect(bucket.currentRate).toBeCloseTo(2.5);
    clock.advance(30_000);
    await bucket.take();
    expect(bucket.currentRate).toBeCloseTo(10);
  });

  it('cuts the rate once for the throttles of one congestion (requests already in flight)', () => {
    const bucket = new AdaptiveTokenBucket({ burst: 40, refillPerSecond: 10 / RATE_MARGIN }, fakeClock());
    for (let i = 0; i < 12; i += 1) bucket.throttled();
    expect(bucket.currentRate).toBeCloseTo(5);
    expect(bucket.seen.throttled).toBe(12);
  });

  it('never slows below a twentieth of the nominal rate', () => {
    const clock = fakeClock();
    const bucket = new AdaptiveTokenBucket({ burst: 40, refillPerSecond: 10 / RATE_MARGIN }, clock);
    for (let i = 0; i < 20; i += 1) {
      bucket.throttled();
      clock.advance(1_000);
    }
    expect(bucket.currentRate).toBeCloseTo(0.5);
  });
});

describe('the paced retry strategy', () => {
  it('retries throttling far beyond a fixed count while the deadline allows, then gives up', async () => {
    const clock = fakeClock();
    const strategy = new PacedRetryStrategy(new AdaptiveTokenBucket({ burst: 1, refillPerSecond: 1 }, clock), { clock, deadlineMs: 60_000 });
    let token = await strategy.acquireInitialRetryToken();
    let retries = 0;
    await expect(
      (async () => {
        for (;;) {
          token = await strategy.refreshRetryTokenForRetry(token, throttling);
          retries += 1;
        }
      })(),
    ).rejects.toThrow('deadline');
    expect(retries).toBeGreaterThan(10);
    expect(token.getRetryCount()).toBe(retries);
    expect(clock.now()).toBeGreaterThanOrEqual(60_000);
  });

  it('retries transient failures a few times only, and never client errors', async () => {
    const clock = fakeClock();
    const strategy = new PacedRetryStrategy(new AdaptiveTokenBucket({ burst: 100, refillPerSecond: 10 }, clock), { clock, transientAttempts: 3 });
    let token = await strategy.acquireInitialRetryToken();
    token = await strategy.refreshRetryTokenForRetry(token, transient);
    token = await strategy.refreshRetryTokenForRetry(token, transient);
    await expect(strategy.refreshRetryTokenForRetry(token, transient)).rejects.toThrow('attempts');
    await expect(strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), clientError)).rejects.toThrow('not retryable');
  });

  it('gives every (service, region) its own bucket, sized as AWS documents it', () => {
    const pacers = new RatePacers();
    expect(pacers.bucket('elbv2', 'us-east-1')).toBe(pacers.bucket('elbv2', 'us-east-1'));
    expect(pacers.bucket('elbv2', 'us-east-1')).not.toBe(pacers.bucket('elbv2', 'eu-west-1'));
    expect(pacers.bucket('elbv2', 'us-east-1').size).toEqual({ burst: 40, refillPerSecond: 10 });
    expect(RATE_BUCKETS.ec2).toEqual({ burst: 100, refillPerSecond: 20 });
  });
});

describe('pacing through the real SDK clients', () => {
  const run = (fake: AwsFake, clock: Clock, deadlineMs = 60_000) =>
    collectAwsInventory({
      regions: ['us-east-1'],
      progress: silentProgress,
      credentials: TEST_CREDENTIALS,
      requestHandler: fake,
      pacing: { clock, deadlineMs },
    });

  it('collects an API that AWS throttles twelve times in a row: nothing is lost', async () => {
    const fake = await AwsFake.recorded();
    fake.throttle('elbv2', 'DescribeTargetGroups', 12);
    let source: WalkSource | undefined;
    const progress = { step() {}, walk: (walked: WalkSource) => ((source = walked), { done() {} }) };
    const inventory = await collectAwsInventory({ regions: ['us-east-1'], progress, credentials: TEST_CREDENTIALS, requestHandler: fake, pacing: { clock: fakeClock() } });
    const elbv2 = source!.activity().find((a) => a.label === 'elbv2 us-east-1')!;
    expect(elbv2).toEqual({ label: 'elbv2 us-east-1', known: fake.calls('elbv2').length - 12, done: fake.calls('elbv2').length - 12, throttled: 12 });
    expect(fake.calls('elbv2', 'DescribeTargetGroups').map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(inventory.targetGroups.length).toBeGreaterThan(0);
    expect(inventory.coverage.find((c) => c.service === 'elbv2')).toMatchObject({ status: 'ok', missing: [] });
  });

  it('records a call still throttled at its deadline as throttled, and collects the rest', async () => {
    const fake = await AwsFake.recorded();
    fake.throttle('elbv2', 'DescribeTargetGroups', Number.POSITIVE_INFINITY);
    const inventory = await run(fake, fakeClock(), 10_000);
    expect(inventory.coverage.find((c) => c.service === 'elbv2')).toMatchObject({
      status: 'throttled',
      missing: [{ action: 'elasticloadbalancing:DescribeTargetGroups', reason: 'throttled', code: 'Throttling' }],
    });
    expect(inventory.loadBalancers.length).toBeGreaterThan(0);
  });
});
