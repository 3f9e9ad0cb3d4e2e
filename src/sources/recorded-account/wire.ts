import type { HttpRequest } from '@smithy/protocol-http';
import type { AwsServiceName } from '../../model/index.js';

/**
 * What the recorded transport knows about AWS wire protocols: how to tell which service and
 * operation a signed SDK request is for, how to flatten its parameters, and what an error looks
 * like in each service's envelope. Nothing here talks to the network.
 */

export type WireProtocol = 'ec2' | 'query' | 'json' | 'rest-xml';

export interface WireService {
  protocol: WireProtocol;
  /** SigV4 signing name, as found in the Authorization header's credential scope. */
  signingName: string;
  /** XML namespace of query-protocol responses, or the JSON content type. */
  namespace: string;
  /** JSON protocols: the X-Amz-Target prefix. */
  target?: string;
}

export const WIRE_SERVICES: Record<AwsServiceName, WireService> = {
  sts: { protocol: 'query', signingName: 'sts', namespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  ec2: { protocol: 'ec2', signingName: 'ec2', namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  elbv2: {
    protocol: 'query',
    signingName: 'elasticloadbalancing',
    namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  },
  rds: { protocol: 'query', signingName: 'rds', namespace: 'http://rds.amazonaws.com/doc/2014-10-31/' },
  iam: { protocol: 'query', signingName: 'iam', namespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  ecs: {
    protocol: 'json',
    signingName: 'ecs',
    namespace: 'application/x-amz-json-1.1',
    target: 'AmazonEC2ContainerServiceV20141113',
  },
  sqs: { protocol: 'json', signingName: 'sqs', namespace: 'application/x-amz-json-1.0', target: 'AmazonSQS' },
  route53: { protocol: 'rest-xml', signingName: 'route53', namespace: 'https://route53.amazonaws.com/doc/2013-04-01/' },
  s3: { protocol: 'rest-xml', signingName: 's3', namespace: 'http://s3.amazonaws.com/doc/2006-03-01/' },
  organizations: { protocol: 'json', signingName: 'organizations', namespace: 'application/x-amz-json-1.1', target: 'AWSOrganizationsV20161128' },
  dynamodb: { protocol: 'json', signingName: 'dynamodb', namespace: 'application/x-amz-json-1.0', target: 'DynamoDB_20120810' },
  tagging: { protocol: 'json', signingName: 'tagging', namespace: 'application/x-amz-json-1.1', target: 'ResourceGroupsTaggingAPI_20170126' },
  cloudformation: { protocol: 'query', signingName: 'cloudformation', namespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/' },
};

const SERVICE_BY_SIGNING_NAME = new Map(
  (Object.entries(WIRE_SERVICES) as [AwsServiceName, WireService][]).map(([service, wire]) => [wire.signingName, service]),
);

/** One request as the transport saw it. `params` are flat: see `flattenJson` and the form body. */
export interface ServedRequest {
  service: AwsServiceName;
  operation: string;
  /** Signing region from the credential scope. */
  region: string;
  /**
   * Query protocols: the form fields as sent (`Filter.1.Name`, `ResourceArns.member.1`).
   * JSON protocols: the body flattened to dotted paths, arrays 0-based (`services.0`, `include.0`).
   * REST-XML: the query string plus the path parameters (`Id` for Route53 zones, `Bucket` for S3).
   */
  params: Record<string, string>;
  method: string;
  /** `hostname[:port]` the request was addressed to. */
  host: string;
  path: string;
  /** 1 for the first attempt, 2 for the first retry... (from the `amz-sdk-request` header). */
  attempt: number;
  /** The access key the request was signed with (the credential scope's first part): which account's credentials. */
  accessKeyId?: string;
}

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function header(request: HttpRequest, name: string): string | undefined {
  const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : request.headers[key];
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // A view, not Buffer.from(body): the SDK's JSON body type warns when read as a string.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  throw new Error(`recorded transport: cannot read a ${typeof body} request body`);
}

/** `{a: [{b: 1}]}` → `{'a.0.b': '1'}`. */
export function flattenJson(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => flattenJson(item, prefix ? `${prefix}.${index}` : String(index), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flattenJson(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined && prefix !== '') {
    out[prefix] = String(value);
  }
  return out;
}

function credentialScope(request: HttpRequest): { accessKeyId: string; region: string; signingName: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header(request, 'authorization') ?? '');
  return match ? { accessKeyId: match[1]!, region: match[2]!, signingName: match[3]! } : undefined;
}

const ROUTE53_ROUTES: { method: string; pattern: RegExp; operation: string }[] = [
  { method: 'GET', pattern: /^\/2013-04-01\/hostedzone$/, operation: 'ListHostedZones' },
  { method: 'GET', pattern: /^\/2013-04-01\/hostedzone\/(?<Id>[^/]+)\/rrset$/, operation: 'ListResourceRecordSets' },
  { method: 'GET', pattern: /^\/2013-04-01\/hostedzone\/(?<Id>[^/]+)$/, operation: 'GetHostedZone' },
  { method: 'GET', pattern: /^\/2013-04-01\/hostedzonesbyname$/, operation: 'ListHostedZonesByName' },
  { method: 'GET', pattern: /^\/2013-04-01\/tags\/(?<ResourceType>[^/]+)\/(?<ResourceId>[^/]+)$/, operation: 'ListTagsForResource' },
  { method: 'POST', pattern: /^\/2013-04-01\/tags\/(?<ResourceType>[^/]+)$/, operation: 'ListTagsForResources' },
];

const S3_SUBRESOURCES: Record<string, string> = {
  publicAccessBlock: 'GetPublicAccessBlock',
  encryption: 'GetBucketEncryption',
  versioning: 'GetBucketVersioning',
  policy: 'GetBucketPolicy',
  policyStatus: 'GetBucketPolicyStatus',
  tagging: 'GetBucketTagging',
  location: 'GetBucketLocation',
  acl: 'GetBucketAcl',
  ownershipControls: 'GetBucketOwnershipControls',
  logging: 'GetBucketLogging',
  lifecycle: 'GetBucketLifecycleConfiguration',
  cors: 'GetBucketCors',
  website: 'GetBucketWebsite',
  notification: 'GetBucketNotificationConfiguration',
  replication: 'GetBucketReplication',
};

const VIRTUAL_HOSTED_BUCKET = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;

function restXmlOperation(
  service: AwsServiceName,
  request: HttpRequest,
  query: Record<string, string>,
): { operation: string; pathParams: Record<string, string> } {
  const method = request.method.toUpperCase();
  if (service === 'route53') {
    for (const route of ROUTE53_ROUTES) {
      const match = route.method === method ? route.pattern.exec(request.path) : null;
      if (match) return { operation: route.operation, pathParams: { ...match.groups } };
    }
    return { operation: `${method} ${request.path}`, pathParams: {} };
  }
  const virtualBucket = VIRTUAL_HOSTED_BUCKET.exec(request.hostname)?.[1];
  const segments = request.path.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const bucket = virtualBucket ?? segments[0];
  const pathParams: Record<string, string> = bucket === undefined ? {} : { Bucket: bucket };
  const key = (virtualBucket === undefined ? segments.slice(1) : segments).join('/');
  if (key !== '') pathParams.Key = key;
  if (query['x-id']) return { operation: query['x-id'], pathParams };
  if (bucket === undefined) return { operation: 'ListBuckets', pathParams };
  const subresource = Object.keys(query).find((name) => S3_SUBRESOURCES[name] !== undefined);
  if (subresource) return { operation: S3_SUBRESOURCES[subresource]!, pathParams };
  if (method === 'HEAD') return { operation: key === '' ? 'HeadBucket' : 'HeadObject', pathParams };
  if (key !== '') return { operation: 'GetObject', pathParams };
  return { operation: query['list-type'] === '2' ? 'ListObjectsV2' : 'ListObjects', pathParams };
}

/** Which (service, operation) a signed SDK request is for, with its flattened parameters. */
export function parseRequest(request: HttpRequest): ServedRequest {
  const scope = credentialScope(request);
  const service = scope ? SERVICE_BY_SIGNING_NAME.get(scope.signingName) : undefined;
  if (scope === undefined || service === undefined) {
    throw new Error(`recorded transport: cannot tell the service of ${request.method} ${request.hostname}${request.path}`);
  }
  const wire = WIRE_SERVICES[service];
  const body = bodyText(request.body);
  const attempt = Number(/attempt=(\d+)/.exec(header(request, 'amz-sdk-request') ?? '')?.[1] ?? '1');
  const host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
  const base = { service, region: scope.region, method: request.method.toUpperCase(), host, path: request.path, attempt, accessKeyId: scope.accessKeyId };
  if (wire.protocol === 'json') {
    const target = header(request, 'x-amz-target') ?? '';
    return { ...base, operation: target.slice(target.indexOf('.') + 1), params: flattenJson(body === '' ? {} : JSON.parse(body)) };
  }
  if (wire.protocol === 'ec2' || wire.protocol === 'query') {
    const params = Object.fromEntries(new URLSearchParams(body));
    const { Action: operation = '', ...rest } = params;
    return { ...base, operation, params: rest };
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query ?? {})) {
    query[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  const { operation, pathParams } = restXmlOperation(service, request, query);
  return { ...base, operation, params: { ...query, ...pathParams } };
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function contentType(service: AwsServiceName): string {
  const wire = WIRE_SERVICES[service];
  return wire.protocol === 'json' ? wire.namespace : 'text/xml';
}

/** A successful reply with `body` (already in the service's wire format). */
export function okReply(service: AwsServiceName, body: string, status = 200, headers: Record<string, string> = {}): WireReply {
  return { status, headers: { 'content-type': contentType(service), ...headers }, body };
}

/** An error reply in the service's own envelope, as AWS sends it. */
export function errorReply(service: AwsServiceName, code: string, message: string, status = 400): WireReply {
  const wire = WIRE_SERVICES[service];
  const requestId = 'c0ffee00-0000-4000-8000-00000000e770';
  const headers = { 'content-type': contentType(service), 'x-amzn-requestid': requestId };
  if (wire.protocol === 'json') {
    return { status, headers: { ...headers, 'x-amzn-errortype': code }, body: JSON.stringify({ __type: code, message }) };
  }
  const error = `<Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message>`;
  if (wire.protocol === 'ec2') {
    return { status, headers, body: `${XML_DECLARATION}<Response><Errors><Error>${error}</Error></Errors><RequestID>${requestId}</RequestID></Response>` };
  }
  if (service === 's3') {
    return { status, headers, body: `${XML_DECLARATION}<Error>${error}<RequestId>${requestId}</RequestId></Error>` };
  }
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    status,
    headers,
    body: `${XML_DECLARATION}<ErrorResponse xmlns="${wire.namespace}"><Error><Type>${type}</Type>${error}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
