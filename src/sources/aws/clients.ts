import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { EndpointError } from '../../errors.js';
import type { AwsServiceName } from '../../model/index.js';
import type { ClientConfig, HttpTimeouts, InjectedRequestHandler } from './context.js';
import { RatePacers, TRANSIENT_ATTEMPTS, type PacedRetryOptions } from './pacing.js';
import { sdkPackage } from './sdk-packages.js';

const { fromNodeProviderChain } = sdkPackage('@aws-sdk/credential-providers');

/**
 * The one place that decides how every SDK client of a run talks to AWS: credentials, endpoint,
 * retry policy and transport. Collectors build clients only from the `ClientConfig` made here
 * (`new EC2Client(ctx.clientConfig)`) and never set retry or credential options themselves.
 */

/**
 * Attempts for a call failing with transient (network, 5xx) errors. Throttling is not counted
 * against it: a throttled call is paced and retried until its deadline (pacing.ts).
 */
export const MAX_ATTEMPTS = TRANSIENT_ATTEMPTS;

/**
 * Without a connect timeout a black-holed endpoint hangs each attempt for the OS's TCP timeout
 * (minutes); with it, an unreachable endpoint fails within MAX_ATTEMPTS × 5 s. The request
 * timeout bounds an endpoint that accepts the connection and never answers (each Describe/List
 * call answers in well under a second); the run's overall deadline (`--timeout`) bounds the rest.
 */
export const HTTP_TIMEOUTS: HttpTimeouts = { connectionTimeout: 5_000, requestTimeout: 20_000 };

export interface ClientSettings {
  /** Named profile for the standard credential chain (`--profile`). */
  profile?: string;
  /** Asked for the code when the profile's `mfa_serial` requires one. */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** Explicit credentials instead of the standard chain (the recorded demo uses fake static keys). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** `--endpoint-url`: one endpoint for every service (LocalStack, moto). */
  endpointUrl?: string;
  /** Replaces the network (tests, the recorded demo). */
  requestHandler?: InjectedRequestHandler;
  /** Replaces the paced retry policy (tests inject a zero-delay strategy). */
  retryStrategy?: RetryStrategyV2;
  /** Deadline and clock of the paced retry policy (tests). */
  pacing?: PacedRetryOptions;
  /** The run's deadline: once aborted, no new attempt starts and open sockets are closed. */
  signal?: AbortSignal;
}

/** The resolved, region-independent part of every client's configuration. */
export interface ClientFactory {
  /** For the clients of `service`, paced by its rate bucket in `bucketRegion` (`global` for IAM, Route53, S3). */
  forService(service: AwsServiceName, region: string, bucketRegion?: string): ClientConfig;
  /** STS's, for the credentials check. */
  forRegion(region: string): ClientConfig;
  /** The rate buckets of this run (what they saw feeds progress and the benchmark). */
  readonly pacers: RatePacers;
}

/**
 * Resolves credentials and endpoint once; `forService` then hands out configs that share one
 * credential provider (so an SSO or assume-role refresh happens once, not once per client) and,
 * per (service, region), one rate bucket that paces every request and retry of that service's
 * clients. An injected strategy is shared as given.
 */
export function createClientFactory(settings: ClientSettings): ClientFactory {
  const credentials = credentialProvider(settings);
  const endpoint = settings.endpointUrl === undefined ? undefined : validEndpointUrl(settings.endpointUrl);
  const pacers = new RatePacers(undefined, settings.pacing);
  const transport = settings.requestHandler ?? abortableTimeouts(settings.signal);
  const forService = (service: AwsServiceName, region: string, bucketRegion: string = region): ClientConfig => {
    const retryStrategy = settings.retryStrategy ?? pacers.strategy(service, bucketRegion);
    return {
      region,
      credentials,
      retryStrategy: settings.signal ? stopOnAbort(retryStrategy, settings.signal) : retryStrategy,
      requestHandler: transport,
      ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
    };
  };
  return { forService, forRegion: (region) => forService('sts', region), pacers };
}

/** The default handler's options; with a deadline, agents whose sockets are destroyed when it passes. */
function abortableTimeouts(signal: AbortSignal | undefined): HttpTimeouts {
  if (signal === undefined) return HTTP_TIMEOUTS;
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true });
  signal.addEventListener('abort', () => [httpAgent, httpsAgent].forEach((agent) => agent.destroy()), { once: true });
  const options = { ...HTTP_TIMEOUTS, httpAgent, httpsAgent };
  return options;
}

/** After the deadline no attempt starts, first or retry: the run's requests end instead of retrying into a dead endpoint. */
function stopOnAbort(strategy: RetryStrategyV2, signal: AbortSignal): RetryStrategyV2 {
  return {
    acquireInitialRetryToken: (scope) => {
      signal.throwIfAborted();
      return strategy.acquireInitialRetryToken(scope);
    },
    refreshRetryTokenForRetry: (token, error) => {
      signal.throwIfAborted();
      return strategy.refreshRetryTokenForRetry(token, error);
    },
    recordSuccess: (token) => strategy.recordSuccess(token),
  };
}

function credentialProvider(settings: ClientSettings): AwsCredentialIdentityProvider {
  const given = settings.credentials;
  if (given === undefined) {
    return fromNodeProviderChain({
      ...(settings.profile ? { profile: settings.profile } : {}),
      ...(settings.mfaCodeProvider === undefined ? {} : { mfaCodeProvider: settings.mfaCodeProvider }),
    });
  }
  return typeof given === 'function' ? given : async () => given;
}

function validEndpointUrl(url: string): string {
  const hint = 'Pass a full URL, e.g. --endpoint-url http://localhost:4566';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EndpointError(`--endpoint-url "${url}" is not a URL.`, { hint });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EndpointError(`--endpoint-url "${url}" must use http or https.`, { hint });
  }
  return url.replace(/\/+$/, '');
}
