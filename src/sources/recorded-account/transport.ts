import type { HttpRequest } from '@smithy/protocol-http';
import type { AwsServiceName } from '../../model/index.js';
import type { InjectedRequestHandler } from '../aws/context.js';
import { errorReply, parseRequest, type ServedRequest, type WireReply } from './wire.js';
import { sdkPackage } from '../aws/sdk-packages.js';

const { HttpResponse } = sdkPackage('@smithy/protocol-http');
type HttpResponse = InstanceType<typeof HttpResponse>;

/**
 * An injected SDK transport that answers from recorded responses instead of the network. The SDK
 * clients above it run for real: serializers, signing, retries, paginators, deserializers.
 *
 * Routing: each request is parsed into (service, operation, region, flat params) — see
 * `ServedRequest` — and the most recently added route whose service, operation and `match` fit
 * answers it. A route with `times` answers that many requests and then steps aside, which is how
 * "throttled twice, then fine" is expressed. A request no route fits gets a `NotRecorded` error
 * in the service's envelope and is kept in `unrouted`. Every request lands in `served`.
 */

export interface RouteMatch {
  region?: string;
  /** Each listed parameter must equal the value (see `ServedRequest.params` for the key forms). */
  params?: Record<string, string>;
}

/** Returns the reply, or throws to simulate a transport failure (e.g. an `ENOTFOUND` error). */
export type Responder = (request: ServedRequest) => WireReply | Promise<WireReply>;

export interface RouteOptions {
  match?: RouteMatch | ((request: ServedRequest) => boolean);
  /** Answer this many matching requests, then step aside. Default: every one. */
  times?: number;
}

interface Route {
  service: AwsServiceName;
  operation: string;
  match: (request: ServedRequest) => boolean;
  reply: Responder;
  remaining: number;
}

function matcher(match: RouteOptions['match']): (request: ServedRequest) => boolean {
  if (match === undefined) return () => true;
  if (typeof match === 'function') return match;
  return (request) =>
    (match.region === undefined || match.region === request.region) &&
    Object.entries(match.params ?? {}).every(([key, value]) => request.params[key] === value);
}

export class RecordedTransport implements InjectedRequestHandler {
  private readonly routes: Route[] = [];
  /** Every request, in arrival order (retries included). */
  readonly served: ServedRequest[] = [];
  /** Requests no route answered. */
  readonly unrouted: ServedRequest[] = [];

  /** `operation` may be `*`: every operation of the service. */
  route(service: AwsServiceName, operation: string, reply: WireReply | Responder, options: RouteOptions = {}): this {
    this.routes.push({
      service,
      operation,
      match: matcher(options.match),
      reply: typeof reply === 'function' ? reply : () => reply,
      remaining: options.times ?? Number.POSITIVE_INFINITY,
    });
    return this;
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const served = parseRequest(request);
    this.served.push(served);
    const route = this.findRoute(served);
    let reply: WireReply;
    if (route === undefined) {
      this.unrouted.push(served);
      reply = errorReply(served.service, 'NotRecorded', `no recorded response for ${served.service} ${served.operation} ${JSON.stringify(served.params)}`);
    } else {
      route.remaining -= 1;
      reply = await route.reply(served);
    }
    return { response: new HttpResponse({ statusCode: reply.status, headers: reply.headers, body: Buffer.from(reply.body, 'utf8') }) };
  }

  private findRoute(request: ServedRequest): Route | undefined {
    for (let i = this.routes.length - 1; i >= 0; i -= 1) {
      const route = this.routes[i]!;
      if (route.remaining > 0 && route.service === request.service && (route.operation === '*' || route.operation === request.operation) && route.match(request)) {
        return route;
      }
    }
    return undefined;
  }
}
