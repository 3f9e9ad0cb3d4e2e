import type { AwsCredentialIdentityProvider, HttpHandlerOptions, RetryStrategyV2 } from '@smithy/types';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { AwsServiceName, Inventory, MissingCall, ServiceCoverage } from '../../model/index.js';
import type { Progress } from '../../model/progress.js';

/**
 * The contract every per-service collector in this folder follows.
 *
 * A collector is `(ctx: CollectContext) => Promise<Partial<Inventory>>` for one service in one
 * region. It builds its SDK client with `ctx.clientConfig` (never its own retry or credential
 * settings: the retry policy lives in one place, clients.ts), paginates with the SDK paginators,
 * batches to each API's limit, and wraps every call that may be
 * denied in `ctx.call(action, fn)` so that a denied / throttled / failed call is recorded in
 * coverage and the rest of the collection goes on.
 */

/** What tests inject instead of the network: the SDK's own serializers, signers and retries run. */
export interface InjectedRequestHandler {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
}

/** Options of the SDK's own Node HTTP handler, which it builds from this plain object. */
export interface HttpTimeouts {
  /** Milliseconds to establish a TCP connection. */
  connectionTimeout: number;
  /** Milliseconds a socket may stay idle while waiting for the response. */
  requestTimeout: number;
}

/** Configuration shared by every SDK client of one region. */
export interface ClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  /** The injected transport, or the timeouts of the SDK's default Node HTTP handler. */
  requestHandler?: InjectedRequestHandler | HttpTimeouts;
  retryStrategy: RetryStrategyV2;
  /** S3 only: LocalStack / moto need path-style addressing. */
  forcePathStyle?: boolean;
}

export type CallOutcome<T> = { ok: true; value: T } | { ok: false; missing: MissingCall };

export interface CollectContext {
  service: AwsServiceName;
  region: string;
  partition: string;
  accountId: string;
  clientConfig: ClientConfig;
  progress: Progress;
  /**
   * Runs one API call (or one paginated walk) named by its IAM action (`ecs:DescribeServices`),
   * under this service's concurrency bound. Credential and endpoint failures are rethrown as typed errors (they abort the run);
   * AccessDenied, throttling that outlived the SDK's retries, and other service errors are
   * recorded in coverage and returned as `{ ok: false }`, so callers keep "missing" distinct from
   * "empty".
   */
  call<T>(action: string, fn: () => Promise<T>, resource?: string): Promise<CallOutcome<T>>;
  /** Marks a failed `action` as made good by other calls (`by` says which), so coverage stays complete. */
  recovered(action: string, by: string): void;
}

export type Collector = (ctx: CollectContext) => Promise<Partial<Inventory>>;

/** Accumulates the coverage of one (service, region) while its collector runs. */
export class CoverageRecorder {
  private readonly missing: MissingCall[] = [];

  constructor(
    readonly service: AwsServiceName,
    readonly region: string,
  ) {}

  record(missing: MissingCall): void {
    this.missing.push(missing);
  }

  /** Only when nothing else failed: a fallback that itself lost data did not make the gap good. */
  recovered(action: string, by: string): void {
    if (this.missing.some((missing) => missing.action !== action)) return;
    for (const missing of this.missing) missing.recoveredBy = by;
  }

  result(): ServiceCoverage {
    const missing = [...this.missing].sort((a, b) =>
      `${a.action}|${a.resource ?? ''}`.localeCompare(`${b.action}|${b.resource ?? ''}`),
    );
    const unrecovered = missing.filter((m) => m.recoveredBy === undefined);
    let status: ServiceCoverage['status'] = 'ok';
    if (unrecovered.length > 0) {
      const reasons = new Set(unrecovered.map((m) => m.reason));
      status = reasons.size === 1 ? (unrecovered[0]!.reason as ServiceCoverage['status']) : 'partial';
    }
    return { service: this.service, region: this.region, status, missing };
  }
}

// ---------------------------------------------------------------- helpers collectors share

/**
 * One paginated walk (an SDK paginator) collected into one list, under the service's concurrency
 * bound and recorded as one call: a page that fails makes the whole walk missing.
 */
export async function listAll<Page, Item>(
  ctx: CollectContext,
  action: string,
  pages: () => AsyncIterable<Page>,
  pick: (page: Page) => Item[] | undefined,
  resource?: string,
): Promise<CallOutcome<Item[]>> {
  return ctx.call(
    action,
    async () => {
      const items: Item[] = [];
      for await (const page of pages()) items.push(...(pick(page) ?? []));
      return items;
    },
    resource,
  );
}

/** Tags from the `[{Key, Value}]` list most AWS APIs return. */
export function tagMap(tags: { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) map[tag.Key] = tag.Value ?? '';
  return map;
}
