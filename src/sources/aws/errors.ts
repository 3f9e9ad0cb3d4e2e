import { CredentialsError, EndpointError, TopologyError } from '../../errors.js';
import type { MissingCall } from '../../model/index.js';
import type { CallOutcome, CoverageRecorder } from './context.js';

/**
 * What an SDK failure means for the run. Credentials and endpoint failures abort it (every other
 * call would fail the same way); denied, throttled and other service errors lose one call's data,
 * which coverage records so that "missing" never reads as "empty".
 */
export type FailureKind = 'credentials' | 'endpoint' | MissingCall['reason'];

export interface ClassifiedFailure {
  kind: FailureKind;
  /** The AWS error code (`AccessDenied`, `Throttling`) or the network error code (`ENOTFOUND`). */
  code: string;
}

const CREDENTIAL_CODES = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'TokenRefreshRequired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'InvalidToken',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'AuthFailure',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
]);

const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);

const ENDPOINT_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'TimeoutError',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  // @smithy/util-endpoints: the SDK's rules could not build an endpoint for the region.
  'EndpointError',
]);

const DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'UnauthorizedAccess',
  'AllAccessDisabled',
  'Forbidden',
]);

/** Codes the SDK's standard retry strategy treats as throttling (and so already retried). */
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/**
 * A listing that hands back a continuation it already gave: following it would loop forever.
 * AWS's fault, not ours: the call's data is recorded as missing, the run goes on.
 */
export class PaginationLoopError extends Error {
  readonly code = 'RepeatedContinuationToken';
  constructor(action: string, resource: string, token: string) {
    super(`${action} for ${resource} repeated its continuation ${token}`);
    this.name = 'PaginationLoopError';
  }
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  hostname?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function errorCode(error: ErrorLike): string {
  for (const candidate of [error.code, error.Code, error.name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') return candidate;
  }
  return 'UnknownError';
}

/**
 * Sorts an SDK or network failure into what the run does about it; undefined for anything else
 * (a TypeError in our own code must surface as a bug, not as a coverage gap).
 */
export function classifyAwsError(error: unknown): ClassifiedFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (error instanceof PaginationLoopError) return { kind: 'error', code: error.code };
  const shape = error as ErrorLike;
  const code = errorCode(shape);
  const status = shape.$metadata?.httpStatusCode;
  if (CREDENTIAL_CODES.has(code) || shape.name === 'CredentialsProviderError') return { kind: 'credentials', code };
  if (ENDPOINT_CODES.has(code)) return { kind: 'endpoint', code };
  if (DENIED_CODES.has(code)) return { kind: 'denied', code };
  if (THROTTLING_CODES.has(code) || status === 429) return { kind: 'throttled', code };
  if (status === 403) return { kind: 'denied', code };
  if (shape.$metadata !== undefined) return { kind: 'error', code };
  return undefined;
}

export interface FailureScope {
  region: string;
  profile?: string;
  endpointUrl?: string;
}

function firstLine(error: unknown): string {
  const message = (error as ErrorLike).message;
  return typeof message === 'string' ? (message.split('\n')[0] ?? '').trim() : '';
}

/** The typed error that aborts the run, with one line naming the fix. */
export function fatalAwsError(failure: ClassifiedFailure, error: unknown, scope: FailureScope): TopologyError {
  const profile = scope.profile ? ` for profile "${scope.profile}"` : '';
  const loginHint = scope.profile ? `aws sso login --profile ${scope.profile}` : 'aws sso login';
  if (failure.kind === 'credentials') {
    if (failure.code === 'CredentialsProviderError') {
      return new CredentialsError(`No usable AWS credentials${profile}: ${firstLine(error) || 'the credential chain found none'}.`, {
        cause: error,
        hint: `Pass --profile NAME (run \`${loginHint}\` first for SSO profiles) or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`,
      });
    }
    if (EXPIRED_CODES.has(failure.code)) {
      return new CredentialsError(`The AWS credentials${profile} have expired (${failure.code}).`, {
        cause: error,
        hint: `Refresh them (\`${loginHint}\`, or new session credentials) and run again.`,
      });
    }
    return new CredentialsError(`AWS rejected the credentials${profile} (${failure.code}).`, {
      cause: error,
      hint: 'Check the access key and secret (or the profile) you are using, and that the clock of this machine is right.',
    });
  }
  const hostname = (error as ErrorLike).hostname;
  const where = scope.endpointUrl ? `endpoint ${scope.endpointUrl}` : `region "${scope.region}"`;
  return new EndpointError(
    `Cannot reach AWS at ${where} (${failure.code}${typeof hostname === 'string' ? ` ${hostname}` : ''}).`,
    {
      cause: error,
      hint: scope.endpointUrl
        ? 'Check that the --endpoint-url server is running and reachable.'
        : 'Check the --region name (e.g. us-east-1) and the network connection.',
    },
  );
}

/**
 * `ctx.call` for one (service, region): runs `fn`, rethrows credential and endpoint failures as
 * typed errors, records the other AWS failures into `recorder`.
 */
export function createCall(recorder: CoverageRecorder, scope: FailureScope) {
  return async function call<T>(action: string, fn: () => Promise<T>, resource?: string): Promise<CallOutcome<T>> {
    try {
      return { ok: true, value: await fn() };
    } catch (error) {
      if (error instanceof TopologyError) throw error;
      const failure = classifyAwsError(error);
      if (failure === undefined) throw error;
      if (failure.kind === 'credentials' || failure.kind === 'endpoint') throw fatalAwsError(failure, error, scope);
      const missing: MissingCall = { action, reason: failure.kind, code: failure.code, ...(resource === undefined ? {} : { resource }) };
      recorder.record(missing);
      return { ok: false, missing };
    }
  };
}
