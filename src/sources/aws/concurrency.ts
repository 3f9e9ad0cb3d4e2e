import pLimit, { type LimitFunction } from 'p-limit';
import { UsageError } from '../../errors.js';
import type { AwsServiceName } from '../../model/index.js';

/**
 * Bounded concurrency per (service, region): AWS throttles each API per account and region, so
 * that is the scope a bound protects. Global services (IAM, Route53, S3 listing) use the region
 * label `global`.
 */

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 32;

export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export function validConcurrency(concurrency: number | undefined): number {
  if (concurrency === undefined) return DEFAULT_CONCURRENCY;
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
  readonly concurrency: number;

  constructor(concurrency?: number) {
    this.concurrency = validConcurrency(concurrency);
  }

  for(service: AwsServiceName, region: string): Limit {
    const key = `${service}|${region}`;
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = pLimit(this.concurrency);
      this.limiters.set(key, limiter);
    }
    const bound = limiter;
    return (fn) => bound(fn);
  }
}
