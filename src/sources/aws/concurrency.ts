import pLimit, { type LimitFunction } from 'p-limit';
import { UsageError } from '../../errors.js';
import type { AwsServiceName } from '../../model/index.js';
import { RATE_BUCKETS } from './pacing.js';

/**
 * Bounded concurrency per (service, region): AWS throttles each API per account and region, so
 * that is the scope a bound protects. Global services (IAM, Route53, S3 listing) use the region
 * label `global`. The request rate itself is set by the rate buckets (pacing.ts); by default a
 * service may have as many calls in flight as its bucket's burst (up to the SDK's socket pool),
 * so a burst is spent at once instead of a few calls at a time. `--concurrency` caps it lower.
 */

/** The SDK's Node HTTP handler keeps at most 50 sockets per client. */
export const SOCKETS_PER_CLIENT = 50;
export const MAX_CONCURRENCY = 32;

export function defaultConcurrency(service: AwsServiceName): number {
  return Math.min(RATE_BUCKETS[service].burst, SOCKETS_PER_CLIENT);
}

export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export function validConcurrency(concurrency: number | undefined): number | undefined {
  if (concurrency === undefined) return undefined;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}.`);
  }
  return concurrency;
}

/**
 * One limiter per (service, region), created on first use. A limited function must not call the
 * same limit again (p-limit would deadlock once every slot waits on an inner call).
 */
export class ServiceLimits {
  private readonly limiters = new Map<string, LimitFunction>();
  /** The cap given with --concurrency, if any. */
  readonly concurrency: number | undefined;

  constructor(concurrency?: number) {
    this.concurrency = validConcurrency(concurrency);
  }

  for(service: AwsServiceName, region: string): Limit {
    const key = `${service}|${region}`;
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = pLimit(this.concurrency ?? defaultConcurrency(service));
      this.limiters.set(key, limiter);
    }
    const bound = limiter;
    return (fn) => bound(fn);
  }
}
