import type { AwsServiceName } from '../../model/index.js';
import type { Progress } from '../../cli/progress.js';
import type { ClientFactory } from './clients.js';
import type { ServiceLimits } from './concurrency.js';
import { CoverageRecorder, type CollectContext } from './context.js';
import { createCall, type FailureScope } from './errors.js';

/**
 * Collection from a live account: the orchestrator (`collectAwsInventory`) and the per-collector
 * context it hands every collector.
 */

export interface ContextParams {
  service: AwsServiceName;
  /** The region the collector's clients talk to. */
  region: string;
  /** The region its coverage is filed under: the region, or `global` for IAM, Route53 and S3. */
  coverageRegion?: string;
  partition: string;
  accountId: string;
  clients: ClientFactory;
  limits: ServiceLimits;
  progress: Progress;
  scope?: Omit<FailureScope, 'region'>;
}

/** The context one collector runs with, and the recorder its coverage lands in. */
export function createCollectContext(params: ContextParams): { ctx: CollectContext; recorder: CoverageRecorder } {
  const coverageRegion = params.coverageRegion ?? params.region;
  const recorder = new CoverageRecorder(params.service, coverageRegion);
  const ctx: CollectContext = {
    service: params.service,
    region: params.region,
    partition: params.partition,
    accountId: params.accountId,
    clientConfig: params.clients.forRegion(params.region),
    progress: params.progress,
    limit: params.limits.for(params.service, coverageRegion),
    call: createCall(recorder, { ...params.scope, region: params.region }),
  };
  return { ctx, recorder };
}
