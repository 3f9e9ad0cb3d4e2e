import { parseArn } from '../model/index.js';
import type { PublicNames } from './names.js';
import { isAwsManagedPolicyArn } from './patterns.js';
import { REDACTED_KINDS, redactedKindsOf } from './registry.js';

/**
 * ARNs keep their shape (`arn:aws:iam::account:role/task-role-k3f9`): partition and service stay,
 * the region stays unless redacted, the account becomes `account`, and the resource part is
 * rewritten per service with the same public names the resources get elsewhere, so an ARN found in
 * a policy or a message reads as the resource it names.
 */
export function redactArn(names: PublicNames, arn: string): string {
  const alias = names.pseudonyms.alias(arn);
  if (alias !== undefined) return alias;
  if (names.pseudonyms.kept(arn) || isAwsManagedPolicyArn(arn)) return arn;
  // A template placeholder (`${Param:PublisherAccountID}`) holds a colon: parse with it masked.
  const parsed = parseArn(arn.replace(PLACEHOLDER_COLON, '$1\u0001'));
  if (parsed === undefined) return names.label('resource', arn);
  const unmask = (value: string) => value.replace(/\u0001/g, ':');
  const parts = { ...parsed, account: unmask(parsed.account), resource: unmask(parsed.resource) };
  const resource = RESOURCE_RULES[parts.service]?.(names, parts.resource, arn) ?? genericResource(names, parts.service, parts.resource);
  const account = names.placeholder(parts.account) ?? names.account(parts.account);
  return ['arn', parts.partition, parts.service, names.region(parts.region), account, resource].join(':');
}

/** The colon of a `${Kind:Name}` template placeholder. */
const PLACEHOLDER_COLON = /(\$\{[A-Za-z0-9]+):(?=[^}]*\})/g;

type ResourceRule = (names: PublicNames, resource: string, arn: string) => string | undefined;

/** The hand-written rules per service; the registry's kinds come first (`registryResource`), so a rule here wins for its service. */
const RESOURCE_RULES: Record<string, ResourceRule> = {
  ...Object.fromEntries([...new Set(REDACTED_KINDS.map((kind) => kind.redaction.arn.service))].map((service) => [service, registryResource(service)])),
  elasticloadbalancing: elbResource,
  ecs: ecsResource,
  iam: iamResource,
  rds: (names, resource) => {
    const match = /^(db|cluster):(.+)$/.exec(resource);
    if (!match) return undefined;
    return `${match[1]}:${names.segment(match[1] === 'db' ? 'db-instance' : 'db-cluster', match[2]!)}`;
  },
  s3: (names, resource) => {
    const [bucket = '', ...key] = resource.split('/');
    return [names.segment('bucket', bucket), ...key.map((part) => names.segment('s3-key', part, 'path'))].join('/');
  },
  sqs: (names, resource) => names.queueName(resource),
  secretsmanager: (names, resource) => {
    const match = /^secret:([^:]+)(.*)$/.exec(resource);
    if (!match) return undefined;
    const extras = match[2]!.split(':').map((part) => (part === '' ? part : names.label('secret-key', part, 'key')));
    return `secret:${names.segment('secret', match[1]!)}${extras.join(':')}`;
  },
  kms: (names, resource) => (resource.startsWith('alias/aws/') ? resource : undefined),
  ec2: (names, resource) => {
    const match = /^([a-z-]+)\/([a-z]+(?:-[a-z]+)*-[0-9a-f]+)$/.exec(resource);
    return match ? `${match[1]}/${names.ec2Id(match[2]!)}` : undefined;
  },
};

/** `type/name…` or `type:name…`: the type stays, the rest becomes one pseudonym. */
function genericResource(names: PublicNames, service: string, resource: string): string {
  if (resource === '*') return resource;
  const match = /^([a-z][a-z0-9-]*)([/:])(.+)$/i.exec(resource);
  if (match) return `${match[1]}${match[2]}${names.segment(`${service}:${match[1]}`, match[3]!, match[1]!.toLowerCase())}`;
  return names.segment(service, resource, 'resource');
}

function elbResource(names: PublicNames, resource: string, arn: string): string | undefined {
  const parts = resource.split('/');
  const [kind, type = '', lbName = ''] = parts;
  if (kind === 'targetgroup' && parts.length === 3) return `targetgroup/${names.segment('target-group', parts[1]!)}`;
  if (kind === 'loadbalancer' && parts.length === 4) return `loadbalancer/${type}/${names.loadBalancerName(lbName, type)}`;
  if (kind === 'loadbalancer' && parts.length === 2) return `loadbalancer/${names.loadBalancerName(parts[1]!)}`;
  if (kind === 'listener' && parts.length === 5) {
    return `listener/${type}/${names.loadBalancerName(lbName, type)}/${listenerName(names, arn)}`;
  }
  if (kind === 'listener-rule' && parts.length === 6) {
    const listenerArn = arn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
    return `listener-rule/${type}/${names.loadBalancerName(lbName, type)}/${listenerName(names, listenerArn)}/${names.label('listener-rule', arn, 'rule')}`;
  }
  return undefined;
}

/** Listeners have no name: the public one is keyed by the listener ARN. */
export function listenerName(names: PublicNames, listenerArn: string): string {
  return names.label('listener', listenerArn);
}

function ecsResource(names: PublicNames, resource: string): string | undefined {
  const parts = resource.split('/');
  const [kind, first = '', second] = parts;
  if (kind === 'cluster' && parts.length === 2) return `cluster/${names.segment('cluster', first)}`;
  if (kind === 'service' && parts.length === 3) return `service/${names.segment('cluster', first)}/${names.serviceName(first, second!)}`;
  if (kind === 'service' && parts.length === 2) return `service/${names.serviceName('', first)}`;
  if (kind === 'task-definition' && parts.length === 2) {
    const [family = '', revision] = first.split(':');
    return `task-definition/${names.segment('task-family', family, 'public-taskdef')}${revision === undefined ? '' : `:${revision}`}`;
  }
  if (kind === 'task' && parts.length === 3) return `task/${names.segment('cluster', first)}/${names.label('ecs-task', second!, 'task')}`;
  return undefined;
}

const IAM_NAMED_TYPES = new Set(['role', 'policy', 'user', 'group', 'instance-profile', 'server-certificate']);

function iamResource(names: PublicNames, resource: string): string | undefined {
  if (resource === 'root') return resource;
  const parts = resource.split('/');
  const type = parts[0]!;
  if (!IAM_NAMED_TYPES.has(type) || parts.length < 2) return undefined;
  const name = parts[parts.length - 1]!;
  const path = parts.length > 2 ? `/${parts.slice(1, -1).join('/')}/` : '/';
  const publicName =
    type === 'role' ? names.roleName(name) : type === 'policy' ? names.segment('managed-policy', name) : names.segment(`iam:${type}`, name, type);
  return `${type}${names.iamPath(path)}${publicName}`;
}

/**
 * The resource part of a registry kind's ARN (`redaction.arn` in `model/kinds.ts`):
 * `table/<name>` with the kind's public name; what follows (an index, a stream) part by part, AWS's
 * words kept (`table/<name>/index/*`, `…/stream/<time>`).
 */
function registryResource(service: string): ResourceRule {
  const kinds = redactedKindsOf(service);
  return (names, resource) => {
    const match = /^([^/]+)\/([^/]+)((?:\/[^/]+)*)$/.exec(resource);
    const kind = match && kinds.find(({ redaction }) => redaction.arn.type === match[1]);
    if (!match || !kind) return undefined;
    const { arn, name } = kind.redaction;
    const words = new Set([...arn.words, '*']);
    const rest = match[3]!.split('/').slice(1).map((part) => (words.has(part) ? part : names.segment(`${service}-part`, part, 'part')));
    return [arn.type, names.kindName(name, match[2]!), ...rest].join('/');
  };
}
