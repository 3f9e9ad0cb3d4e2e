import type { Inventory } from '../model/index.js';
import { isAwsEndpointServiceName, isAwsManagedPolicyArn, isPublicAwsHost } from './patterns.js';
import { PUBLIC_IAM_PATH, PUBLIC_IDENTITY_PROVIDERS, PUBLIC_PATHS, isPublicTagKey } from './vocabulary.js';
import { REGISTRY_PUBLIC_FIELDS, REGISTRY_REGION_FIELDS } from './registry.js';

/**
 * What the leak guard must not find: every string the ORIGINAL inventory holds, found by walking
 * the whole object rather than a list of fields, so a field added to the model later is sensitive
 * until it is declared public here. Public fields (ports, protocols, engines, actions...) are
 * collected separately: a sensitive value equal to a public one (a container named `postgres`) is
 * not looked for, since the public field prints it legitimately.
 */
export interface SensitiveValue {
  value: string;
  /** What kind of value it is (`DNS name`, `environment value`...). */
  category: string;
  /** Where it was: `loadBalancers[0].dnsName`. Never contains a sensitive value itself. */
  field: string;
}

export interface InventoryStrings {
  sensitive: SensitiveValue[];
  /** Lower-cased values of public fields. */
  kept: Set<string>;
}

/** Fields whose values every account shares or that carry the design, not identity. */
const PUBLIC_KEYS = new Set([
  'kind', 'partition', 'type', 'scheme', 'state', 'status', 'protocol', 'ipAddressType', 'sslPolicy', 'targetType',
  'field', 'statusCode', 'contentType', 'matcher', 'launchType', 'networkMode', 'cpu', 'memory', 'requiresCompatibilities',
  'logDriver', 'engine', 'engineVersion', 'instanceClass', 'tier', 'targetKind', 'effect', 'actions', 'notActions',
  'algorithm', 'versioning', 'service', 'action', 'reason', 'code', 'port',
  ...REGISTRY_PUBLIC_FIELDS,
]);

const REGION_KEYS = new Set(['region', 'regions', 'availabilityZone', ...REGISTRY_REGION_FIELDS]);

const CATEGORY_BY_KEY: Record<string, string> = {
  accountId: 'account id',
  ownerId: 'account id',
  label: 'source label',
  dnsName: 'DNS name',
  dnsNames: 'DNS name',
  host: 'DNS name',
  address: 'endpoint',
  endpoint: 'endpoint',
  readerEndpoint: 'endpoint',
  url: 'queue URL',
  cidr: 'CIDR',
  cidrBlock: 'CIDR',
  cidrBlocks: 'CIDR',
  valueFrom: 'secret reference',
  description: 'description',
  image: 'container image',
  resources: 'policy resource',
  notResources: 'policy resource',
  sid: 'policy statement id',
  certificateArns: 'certificate ARN',
  kmsKeyId: 'KMS key',
  path: 'path',
  query: 'redirect query',
  setIdentifier: 'DNS record set identifier',
};

/** Values that are public wherever they appear. */
export function isPublicValue(value: string): boolean {
  return (
    value === '0.0.0.0/0' ||
    value === '::/0' ||
    isPublicAwsHost(value) ||
    PUBLIC_IDENTITY_PROVIDERS.has(value) ||
    isAwsManagedPolicyArn(value) ||
    isAwsEndpointServiceName(value) ||
    PUBLIC_PATHS.has(value) ||
    PUBLIC_IAM_PATH.test(value) ||
    isAwsManagedKmsAlias(value) ||
    isWildcardArn(value) ||
    isRedirectPlaceholderPath(value) ||
    isReservedExampleName(value)
  );
}

/**
 * `example.com`, `shop.example.org`, `api.test`: names RFC 2606 and RFC 6761 reserve for examples.
 * They belong to nobody, and public templates use them everywhere (redaction still renames them).
 */
function isReservedExampleName(value: string): boolean {
  return /^(?:[a-z0-9-]+\.)*(?:example\.(?:com|net|org)|[a-z0-9-]+\.(?:example|test|invalid|localhost))\.?$/i.test(value);
}

/** `alias/aws/sqs`, `arn:aws:kms:us-east-1:123456789012:alias/aws/s3`'s resource: AWS's own keys. */
function isAwsManagedKmsAlias(value: string): boolean {
  return /^alias\/aws\/[a-z0-9-]+$/.test(value);
}

/** `arn:aws:logs:*:*:*`: names no account and no resource. */
function isWildcardArn(value: string): boolean {
  return /^arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9*-]*:(?:\*|aws)?:[*/:]*$/.test(value);
}

/** `/#{path}`, `#{host}`: the ELB redirect placeholders, alone or with slashes. */
function isRedirectPlaceholderPath(value: string): boolean {
  return /^\/?(?:#\{(?:host|path|port|query|protocol)\}\/?)+$/.test(value);
}

/** `${Import:corp-network-prod}`, `${Param:CorpOrgId}`, `${WebAlb.DNSName}`: the names inside template placeholders. */
const PLACEHOLDER = /\$\{(?:[A-Za-z0-9]+:([^}]+)|([A-Za-z0-9]+)\.[A-Za-z0-9.]+)\}/g;

function placeholderNames(value: string): string[] {
  return [...value.matchAll(PLACEHOLDER)].map((match) => match[1] ?? match[2]!).filter((name) => name !== '');
}

type PathPart = string | number;

export function inventoryStrings(inventory: Inventory, options: { redactRegion: boolean }): InventoryStrings {
  const result: InventoryStrings = { sensitive: [], kept: new Set() };
  const visit = (value: unknown, path: PathPart[], parent: Record<string, unknown> | undefined): void => {
    if (typeof value === 'string') {
      classify(value, path, parent, options, result);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i], parent));
    } else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      const keyed = path[path.length - 1] === 'tags' || inPolicyConditions(path);
      Object.entries(object).forEach(([key, child], i) => {
        if (keyed) classifyKey(key, path, i, result);
        visit(child, [...path, keyed && !isPublicKeyName(key, path) ? i : key], object);
      });
    }
  };
  visit(inventory, [], undefined);
  return result;
}

/**
 * Tag keys are sensitive unless conventional. Condition operators and condition keys are public,
 * except the tag name inside a tag condition key (`aws:PrincipalTag/<name>`) unless conventional.
 */
function classifyKey(key: string, path: PathPart[], index: number, result: InventoryStrings): void {
  const field = formatPath([...path, index]);
  if (path[path.length - 1] === 'tags') {
    if (isPublicTagKey(key)) result.kept.add(key.toLowerCase());
    else result.sensitive.push({ value: key, category: 'tag key', field });
    return;
  }
  const tagName = conditionKeyTagName(key);
  if (tagName !== undefined && !isPublicTagKey(tagName)) result.sensitive.push({ value: tagName, category: 'policy condition key', field });
  else if (/^[A-Za-z0-9]+(?::[A-Za-z0-9-]+)?$/.test(key) || tagName !== undefined) result.kept.add(key.toLowerCase());
  else result.sensitive.push({ value: key, category: 'policy condition key', field });
}

function isPublicKeyName(key: string, path: PathPart[]): boolean {
  if (path[path.length - 1] === 'tags') return isPublicTagKey(key);
  const tagName = conditionKeyTagName(key);
  return tagName === undefined ? /^[A-Za-z0-9]+(?::[A-Za-z0-9-]+)?$/.test(key) : isPublicTagKey(tagName);
}

/** `aws:ResourceTag/team` → `team`; undefined for keys without a user-chosen part. */
export function conditionKeyTagName(key: string): string | undefined {
  return /^[a-z0-9-]+:[A-Za-z]+\/(.+)$/i.exec(key)?.[1];
}

function classify(
  value: string,
  path: PathPart[],
  parent: Record<string, unknown> | undefined,
  options: { redactRegion: boolean },
  result: InventoryStrings,
): void {
  const key = lastKey(path);
  if (isPublicField(key, path, parent, value, options)) {
    result.kept.add(value.toLowerCase());
    return;
  }
  const field = formatPath(path);
  result.sensitive.push({ value, category: category(key, path, parent), field });
  for (const name of placeholderNames(value)) result.sensitive.push({ value: name, category: 'unresolved template value', field });
  if (value.startsWith('arn:')) {
    for (const part of arnParts(value)) result.sensitive.push({ value: part, category: 'ARN part', field });
  }
}

function isPublicField(
  key: string,
  path: PathPart[],
  parent: Record<string, unknown> | undefined,
  value: string,
  options: { redactRegion: boolean },
): boolean {
  if (path.includes('tags') || inPolicyConditions(path)) return isPublicValue(value);
  if (REGION_KEYS.has(key)) return !options.redactRegion;
  if (PUBLIC_KEYS.has(key)) return true;
  if (key === 'name' && (path.includes('environment') || path.includes('secrets'))) return true;
  if ((key === 'name' || key === 'arn' || key === 'path') && parent?.awsManaged === true) return true;
  if (key === 'value' && parent?.type === 'Service' && isPublicAwsHost(value)) return true;
  return isPublicValue(value);
}

function category(key: string, path: PathPart[], parent: Record<string, unknown> | undefined): string {
  if (path.includes('tags')) return 'tag value';
  if (inPolicyConditions(path)) return 'policy condition value';
  if (key === 'value' && path.includes('environment')) return 'environment value';
  if (key === 'value' && typeof parent?.type === 'string') return 'principal';
  if (key === 'values') return path.includes('dnsRecords') ? 'DNS record value' : 'rule condition value';
  if (key === 'name' && (path[0] === 'dnsRecords' || path[0] === 'hostedZones')) return 'DNS name';
  const known = CATEGORY_BY_KEY[key];
  if (known !== undefined) return known;
  if (/arns?$/i.test(key)) return 'ARN';
  if (/(^id|Ids?)$/.test(key)) return 'identifier';
  if (/name$|^identifier$|^family$/i.test(key)) return 'name';
  return 'value';
}

/**
 * The parts of an ARN's resource that identify something: random ids (`50dc6c495c0c9188`) and
 * names with digits or separators. Plain words (`uploads`, `password`) are left to their own fields.
 */
function arnParts(arn: string): string[] {
  const resource = arn.split(':').slice(5).join(':');
  return resource
    .split(/[/:]/)
    .slice(1)
    .filter((part) => part.length >= 4 && /[\d_.-]/.test(part) && !part.includes('*'));
}

/** Inside a policy statement's `conditions` (not a listener rule's `conditions` list). */
function inPolicyConditions(path: PathPart[]): boolean {
  return path.includes('statements') && path.includes('conditions');
}

function lastKey(path: PathPart[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') return path[i] as string;
  }
  return '';
}

function formatPath(path: PathPart[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
