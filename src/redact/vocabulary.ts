/**
 * Words the redacted output is allowed to contain even when an inventory value happens to equal
 * them: values every AWS account shares, and the words pseudonyms are made of. The leak guard does
 * not look for these (they would match everywhere); the redactor keeps the public ones as they are.
 */

/** Values that say nothing about one account. Compared lower-case. */
export const PUBLIC_WORDS: ReadonlySet<string> = new Set([
  'true', 'false', 'yes', 'no', 'none', 'null', 'undefined', 'default', 'enabled', 'disabled',
  'on', 'off', 'all', 'any', 'both', 'public', 'private', 'internal', 'external',
  'tcp', 'udp', 'icmp', 'icmpv6', 'http', 'https', 'grpc', 'tls',
  'fargate', 'fargate_spot', 'ec2', 'external',
  'aes256', 'aws:kms', 'aws:kms:dsse', 'sse-s3', 'sse-kms',
  'bucket-owner-full-control', 'public-read', 'authenticated-read', 'log-delivery-write',
  'latest', 'production', 'staging', 'development', 'prod', 'stage', 'test', 'demo',
  '#{host}', '#{path}', '#{query}', '#{port}', '#{protocol}',
]);

/**
 * Health check paths that are conventions, not inventions: kept by the redactor. Any other path is
 * replaced, since a path can carry a product or customer name.
 */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  '/', '/health', '/healthz', '/healthcheck', '/health-check', '/health_check', '/_health', '/ping',
  '/status', '/ready', '/readyz', '/live', '/livez', '/alive', '/api/health', '/api/healthz',
]);

/** IAM paths AWS itself uses. */
export const PUBLIC_IAM_PATH = /^\/(?:service-role|aws-service-role(?:\/[a-z0-9.-]+)?|aws-reserved(?:\/[a-z0-9.-]+)*)?\/?$/;

/** Identity providers every account may federate with. */
export const PUBLIC_IDENTITY_PROVIDERS: ReadonlySet<string> = new Set([
  'cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'appleid.apple.com',
  'token.actions.githubusercontent.com',
]);

/** Tag keys that are conventions; other keys are replaced (a key can name a cluster or customer). */
const COMMON_TAG_KEYS = new Set([
  'name', 'environment', 'env', 'stage', 'team', 'owner', 'project', 'application', 'app', 'service', 'component',
  'role', 'tier', 'costcenter', 'cost-center', 'cost_center', 'managedby', 'managed-by', 'managed_by', 'version',
  'department', 'createdby', 'created-by', 'purpose', 'backup', 'compliance', 'confidentiality', 'data-classification',
]);

export function isPublicTagKey(key: string): boolean {
  return COMMON_TAG_KEYS.has(key.toLowerCase()) || /^aws:/.test(key);
}

/** Every word pseudonyms are built from: a real value equal to one of them cannot be told apart. */
export const PSEUDONYM_WORDS: ReadonlySet<string> = new Set([
  'account', 'region', 'redacted', '<redacted>', 'public-internet', 'example', 'example.com', 'example.net',
  'example.internal', 'internal', 'writer', 'reader', 'dualstack', 'alb', 'nlb', 'gwlb', 'lb', 'listener', 'rule',
  'target-group', 'cluster', 'service', 'public-taskdef', 'container', 'image', 'task', 'capacity-provider',
  'security-group', 'vpc', 'vpc-name', 'subnet', 'public-subnet', 'private-subnet', 'isolated-subnet', 'sg', 'vpce',
  'cidr', 'ip', 'db-instance', 'db-cluster', 'task-role', 'execution-role', 'role', 'managed-policy', 'inline-policy',
  'policy', 'path', 'statement', 'bucket', 'queue', 'zone', 'zone-id', 'host', 'set', 'certificate', 'secret', 'key',
  'parameter', 'log-group', 'tag', 'tag-key', 'value', 'resource', 'endpoint', 'canonical-user', 'prefix-list',
  'description', 'source', 'statement', 'user', 'group', 'instance-profile',
]);

export const REDACTED = '<redacted>';

/**
 * Words architecture prose uses ("Worker service", "Frontend + API"). A resource named after one
 * of them cannot be told apart from the page text around it.
 */
const COMMON_WORDS: ReadonlySet<string> = new Set([
  'frontend', 'backend', 'database', 'databases', 'services', 'workers', 'consumer', 'consumers', 'producer', 'producers',
  'scheduler', 'dashboard', 'analytics', 'ingestion', 'processor', 'processing', 'notifications', 'gateway', 'internet',
  'postgres', 'postgresql', 'storage', 'endpoint', 'endpoints', 'listener', 'listeners', 'security', 'application',
  'identifier', 'background', 'reporting', 'monitoring', 'telemetry', 'messaging', 'platform', 'pipeline', 'function',
]);

/**
 * Values worth looking for in text: at least 4 characters, not a plain number under 12 digits, not
 * a public word; and a single plain word (letters only) only from 8 letters on and when it is not a
 * word architecture prose uses. `worker`, `web` or `shop` read like prose: the redactor replaces
 * them, the guard cannot tell them from the words around them.
 */
export function isDistinctive(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v.length < 4 || /^\d{1,11}$/.test(v) || PUBLIC_WORDS.has(v)) return false;
  if (/^[a-z]+$/.test(v)) return v.length >= 8 && !COMMON_WORDS.has(v);
  return true;
}
