import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { StandardRetryStrategy } from '@smithy/util-retry';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { EndpointError } from '../../errors.js';
import type { ClientConfig, HttpTimeouts, InjectedRequestHandler } from './context.js';

/**
 * The one place that decides how every SDK client of a run talks to AWS: credentials, endpoint,
 * retry policy and transport. Collectors build clients only from the `ClientConfig` made here
 * (`new EC2Client(ctx.clientConfig)`) and never set retry or credential options themselves.
 */

/**
 * Attempts per call, first one included. Above the SDK default (3) because an audit walks many
 * Describe APIs against per-account token buckets; throttling backs off from 1 s, other
 * transient errors from 50 ms, exponentially with jitter, capped at 20 s.
 */
export const MAX_ATTEMPTS = 5;

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
  /** Explicit credentials instead of the standard chain (the recorded demo uses fake static keys). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** `--endpoint-url`: one endpoint for every service (LocalStack, moto). */
  endpointUrl?: string;
  /** Replaces the network (tests, the recorded demo). */
  requestHandler?: InjectedRequestHandler;
  /** Replaces the standard retry policy (tests inject a zero-delay strategy). */
  retryStrategy?: RetryStrategyV2;
  /** The run's deadline: once aborted, no new attempt starts and open sockets are closed. */
  signal?: AbortSignal;
}

/** The resolved, region-independent part of every client's configuration. */
export interface ClientFactory {
  forRegion(region: string): ClientConfig;
}

export function standardRetryStrategy(): RetryStrategyV2 {
  return new StandardRetryStrategy(MAX_ATTEMPTS);
}

/**
 * Resolves credentials and endpoint once; `forRegion` then hands out configs that share one
 * credential provider (so an SSO or assume-role refresh happens once, not once per client). Each
 * config gets its own standard retry strategy, so one throttled service draining its retry quota
 * does not stop the others from retrying; an injected strategy is shared as given.
 */
export function createClientFactory(settings: ClientSettings): ClientFactory {
  const credentials = credentialProvider(settings);
  const endpoint = settings.endpointUrl === undefined ? undefined : validEndpointUrl(settings.endpointUrl);
  const transport = settings.requestHandler ?? abortableTimeouts(settings.signal);
  return {
    forRegion(region: string): ClientConfig {
      const retryStrategy = settings.retryStrategy ?? standardRetryStrategy();
      return {
        region,
        credentials,
        retryStrategy: settings.signal ? stopOnAbort(retryStrategy, settings.signal) : retryStrategy,
        requestHandler: transport,
        ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
      };
    },
  };
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
  if (given === undefined) return fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
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
