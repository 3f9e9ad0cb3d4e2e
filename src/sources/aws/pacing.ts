import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import type { AwsServiceName } from '../../model/index.js';
import type { WalkActivity, WalkSource } from '../../model/progress.js';

/**
 * Client-side pacing: AWS throttles each API family per account and region with a token bucket
 * (a burst it may spend at once, refilled at a sustained rate). Every request of a run first takes
 * a token from a bucket of the same size here, so the account's bucket is not overdrawn by this
 * run; when AWS throttles anyway (another client shares the account's bucket, or the limits of
 * this account are lower) the bucket here halves its rate and climbs back slowly (AIMD), and the
 * throttled call is retried, through the same bucket, until its deadline: throttling delays a
 * walk, it does not lose data.
 */

export interface RateBucketSize {
  /** Tokens available at once (AWS: bucket maximum capacity). */
  burst: number;
  /** Tokens added per second (AWS: refill rate, the sustained rate). */
  refillPerSecond: number;
}

/**
 * The buckets the collectors' read calls draw from, per service, account and region. Sources:
 * EC2 API throttling docs (non-mutating actions 100 / 20 per s), ELB API throttling docs
 * (Describe* 40 / 10 per s), ECS request throttling docs (cluster and service reads 50 / 20 per s),
 * ../shared notes for RDS (300 / 12) and Route53 (50 / 10), DynamoDB's control-plane throttle
 * (2,500 requests per second per account and region, "Best practices for managing the control
 * plane"; a tenth of it is taken here, the table reads being two per table). IAM, SQS, S3 and STS publish no
 * bucket for these reads: the sizes below are conservative guesses, and the adaptive rate corrects
 * them when AWS disagrees.
 */
export const RATE_BUCKETS: Record<AwsServiceName, RateBucketSize> = {
  ec2: { burst: 100, refillPerSecond: 20 },
  elbv2: { burst: 40, refillPerSecond: 10 },
  ecs: { burst: 50, refillPerSecond: 20 },
  rds: { burst: 300, refillPerSecond: 12 },
  route53: { burst: 50, refillPerSecond: 10 },
  iam: { burst: 20, refillPerSecond: 10 },
  sqs: { burst: 300, refillPerSecond: 100 },
  s3: { burst: 300, refillPerSecond: 100 },
  sts: { burst: 100, refillPerSecond: 50 },
  // Organizations (ListAccounts, once per --org walk): no published bucket; a conservative guess.
  organizations: { burst: 10, refillPerSecond: 5 },
  dynamodb: { burst: 250, refillPerSecond: 100 },
  // A scoped walk's lookups (tag:GetResources, cloudformation:ListStackResources; a few pages per
  // region, docs/scoping.md "Pacing"): estimates. Neither AWS's Resource Groups and Tagging quotas
  // page nor CloudFormation's quotas (stack and resource counts) publishes a request rate, and
  // ../shared/notes/aws-facts.md has none; the adaptive rate halves these when AWS throttles.
  tagging: { burst: 10, refillPerSecond: 5 },
  cloudformation: { burst: 10, refillPerSecond: 5 },
};

/** How long a call may keep being retried after throttling, from its first attempt. */
export const THROTTLING_DEADLINE_MS = 5 * 60_000;
/** Attempts for a transient (network, 5xx) failure: these are not cured by waiting for tokens. */
export const TRANSIENT_ATTEMPTS = 5;
/**
 * Requests are sent at this share of the documented refill rate, and at most this share of the
 * documented burst is spent at once: AWS refills continuously while requests arrive with network
 * jitter, so pacing at exactly the refill rate (or spending the whole burst) would meet an empty
 * bucket now and then.
 */
export const RATE_MARGIN = 0.95;
/** After a throttle the rate is cut to this share; it never drops below MIN_RATE_SHARE of nominal. */
const DECREASE = 0.5;
/**
 * Throttles answered within this long of a cut are the same congestion (requests already in
 * flight): they empty the bucket but do not cut the rate again.
 */
const DECREASE_WINDOW_MS = 1_000;
const MIN_RATE_SHARE = 0.05;
/** Each second without a throttle adds this share of the nominal rate back. */
const RECOVERY_PER_SECOND = 0.1;
const TRANSIENT_BASE_DELAY_MS = 100;
const TRANSIENT_MAX_DELAY_MS = 5_000;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What one bucket has seen: read by the progress display and the benchmark. */
export interface PacingStats {
  /** Calls begun (each once, however often retried) and calls answered or given up on. */
  calls: number;
  finished: number;
  /** Attempts sent, retries included. */
  requests: number;
  throttled: number;
  /** Requests that waited for a token, and how long in total (ms). */
  waited: number;
  waitedMs: number;
}

/**
 * A token bucket that hands out tokens in request order. `take` resolves when the caller may
 * send; `throttled` is AWS saying the real bucket is emptier than this one thought.
 */
export class AdaptiveTokenBucket {
  private tokens: number;
  private rate: number;
  private last: number;
  private lastThrottle = Number.NEGATIVE_INFINITY;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  /** The rate aimed at when AWS does not object: the documented refill less the margin. */
  private readonly nominal: number;
  /**
   * The burst spent at once: the documented burst less the same margin as the rate. The tokens
   * are taken here when a request is ready, but the requests of a burst reach AWS over the next
   * few hundred milliseconds (signing and sending 40 requests, and whatever else the event loop is
   * busy with); meanwhile this bucket refills and the refill is spent too, so a bucket as large as
   * AWS's sent one request too many now and then, and the throttle halved the rate for seconds.
   */
  private readonly burst: number;
  private readonly stats: PacingStats = { calls: 0, finished: 0, requests: 0, throttled: 0, waited: 0, waitedMs: 0 };

  constructor(
    readonly size: RateBucketSize,
    private readonly clock: Clock = realClock,
  ) {
    this.burst = Math.max(1, Math.floor(size.burst * RATE_MARGIN));
    this.tokens = this.burst;
    this.nominal = size.refillPerSecond * RATE_MARGIN;
    this.rate = this.nominal;
    this.last = clock.now();
  }

  /** The refill rate in use now (tokens per second). */
  get currentRate(): number {
    return this.rate;
  }

  get seen(): Readonly<PacingStats> {
    return this.stats;
  }

  callBegun(): void {
    this.stats.calls += 1;
  }

  callFinished(): void {
    this.stats.finished += 1;
  }

  /** Resolves when a request may be sent; tokens are reserved in call order, so waiters leave in order. */
  async take(): Promise<void> {
    this.refill();
    this.stats.requests += 1;
    // Reserve a token now (the count may go negative): the wait is the time to refill the debt.
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens / this.rate) * 1000;
    this.stats.waited += 1;
    this.stats.waitedMs += waitMs;
    await this.clock.sleep(waitMs);
  }

  throttled(): void {
    this.refill();
    this.stats.throttled += 1;
    const now = this.clock.now();
    if (now - this.lastDecrease >= DECREASE_WINDOW_MS) {
      this.rate = Math.max(this.nominal * MIN_RATE_SHARE, this.rate * DECREASE);
      this.lastDecrease = now;
    }
    // The real bucket is empty: so is ours, and everything already reserved waits behind that.
    this.tokens = Math.min(this.tokens, 0);
    this.lastThrottle = now;
  }

  private refill(): void {
    const now = this.clock.now();
    const seconds = (now - this.last) / 1000;
    this.last = now;
    if (seconds <= 0) return;
    const sinceThrottle = (now - this.lastThrottle) / 1000;
    if (sinceThrottle > 1 && this.rate < this.nominal) {
      this.rate = Math.min(this.nominal, this.rate + this.nominal * RECOVERY_PER_SECOND * seconds);
    }
    this.tokens = Math.min(this.burst, this.tokens + seconds * this.rate);
  }
}

interface PacedToken extends RetryToken {
  readonly firstAttemptAt: number;
  readonly transientFailures: number;
}

function token(retryCount: number, delay: number, firstAttemptAt: number, transientFailures: number): PacedToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => delay, firstAttemptAt, transientFailures };
}

export interface PacedRetryOptions {
  deadlineMs?: number;
  transientAttempts?: number;
  clock?: Clock;
}

/**
 * The SDK retry strategy of every client of one (service, region): each attempt, first or retry,
 * waits for a token of the bucket. Throttling is retried until the call's deadline (never by a
 * fixed count); transient failures (network, 5xx) a few times with exponential backoff; anything
 * else is not retried. A failure the strategy gives up on reaches `ctx.call`, which records it.
 */
export class PacedRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'paced';
  private readonly deadlineMs: number;
  private readonly transientAttempts: number;
  private readonly clock: Clock;

  constructor(
    readonly bucket: AdaptiveTokenBucket,
    options: PacedRetryOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? THROTTLING_DEADLINE_MS;
    this.transientAttempts = options.transientAttempts ?? TRANSIENT_ATTEMPTS;
    this.clock = options.clock ?? realClock;
  }

  async acquireInitialRetryToken(): Promise<RetryToken> {
    this.bucket.callBegun();
    await this.bucket.take();
    return token(0, 0, this.clock.now(), 0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    try {
      return await this.retry(previous, errorInfo);
    } catch (giveUp) {
      this.bucket.callFinished();
      throw giveUp;
    }
  }

  private async retry(previous: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const paced = previous as PacedToken;
    const retryCount = paced.getRetryCount() + 1;
    if (errorInfo.errorType === 'THROTTLING') {
      this.bucket.throttled();
      if (this.clock.now() - paced.firstAttemptAt >= this.deadlineMs) throw new Error('throttled until the retry deadline');
      await this.bucket.take();
      return token(retryCount, 0, paced.firstAttemptAt, paced.transientFailures);
    }
    if (errorInfo.errorType === 'TRANSIENT' || errorInfo.errorType === 'SERVER_ERROR') {
      const failures = paced.transientFailures + 1;
      if (failures >= this.transientAttempts) throw new Error('transient failures exhausted the attempts');
      const backoff = Math.min(TRANSIENT_MAX_DELAY_MS, TRANSIENT_BASE_DELAY_MS * 2 ** (failures - 1));
      const delay = Math.random() * backoff;
      await this.clock.sleep(delay);
      await this.bucket.take();
      return token(retryCount, 0, paced.firstAttemptAt, failures);
    }
    throw new Error('not retryable');
  }

  recordSuccess(): void {
    this.bucket.callFinished();
  }
}

/** One bucket per (service, region) of a run, created on first use. */
export class RatePacers implements WalkSource {
  private readonly buckets = new Map<string, AdaptiveTokenBucket>();

  constructor(
    private readonly sizes: Record<AwsServiceName, RateBucketSize> = RATE_BUCKETS,
    private readonly options: PacedRetryOptions = {},
  ) {}

  bucket(service: AwsServiceName, region: string): AdaptiveTokenBucket {
    const key = `${service}|${region}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new AdaptiveTokenBucket(this.sizes[service], this.options.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  strategy(service: AwsServiceName, region: string): PacedRetryStrategy {
    return new PacedRetryStrategy(this.bucket(service, region), this.options);
  }

  /** Every bucket used so far with what it saw, keyed `service|region`. */
  stats(): Map<string, Readonly<PacingStats>> {
    return new Map([...this.buckets].map(([key, bucket]) => [key, bucket.seen]));
  }

  /** What the progress display shows: per (service, region), calls done of those known so far. */
  activity(): WalkActivity[] {
    return [...this.buckets].map(([key, bucket]) => ({
      label: key.replace('|', ' '),
      known: bucket.seen.calls,
      done: bucket.seen.finished,
      throttled: bucket.seen.throttled,
    }));
  }
}
