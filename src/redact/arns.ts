import { KINDS, parseArn } from '../model/index.js';
import type { PublicNames } from './names.js';
import { isAwsManagedPolicyArn } from './patterns.js';
import { arnKindsOf, type ArnKind } from './registry.js';

/**
 * ARNs keep their shape (`arn:aws:iam::account:role/task-role-k3f9`): partition and service stay,
 * the region stays unless redacted, the account becomes `account`, and the resource part is
 * rewritten with the same public names the resources get elsewhere, so an ARN found in a policy or
 * a message reads as the resource it names: by the registry's kinds of the service
 * (`redaction.arn`), else by the rule written here for the service, else generically.
 */
export function redactArn(names: PublicNames, arn: string): string {
  const alias = names.pseudonyms.alias(arn);
  if (alias !== undefined) return alias;
  if (names.pseudonyms.kept(arn) || isAwsManagedPolicyArn(arn)) return arn;
  // A template placeholder (`${Param:PublisherAccountID}`) holds a colon: parse with it masked.
  const parsed = parseArn(arn.replace(PLACEHOLDER_COLON, '$1\u0001'));
  if (parsed === undefined) return names.placeholder(arn) ?? names.label('resource', arn);
  const unmask = (value: string) => value.replace(/\u0001/g, ':');
  const parts = { ...parsed, account: unmask(parsed.account), resource: unmask(parsed.resource) };
  const resource =
    registryResource(names, parts.service, parts.resource) ?? RESOURCE_RULES[parts.service]?.(names, parts.resource, arn) ?? genericResource(names, parts.service, parts.resource);
  const account = names.placeholder(parts.account) ?? names.account(parts.account);
  return ['arn', parts.partition, parts.service, names.region(parts.region), account, resource].join(':');
}

/** The colon of a `${Kind:Name}` template placeholder. */
const PLACEHOLDER_COLON = /(\$\{[A-Za-z0-9]+):(?=[^}]*\})/g;

type ResourceRule = (names: PublicNames, resource: string, arn: string) => string | undefined;

/** The rules per service for the ARNs of kinds whose descriptors do not say their shape (and of resources no kind holds). */
const RESOURCE_RULES: Record<string, ResourceRule> = {
  elasticloadbalancing: elbResource,
  ecs: ecsResource,
  iam: iamResource,
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
  const loadBalancer = (name: string, lbType?: string) => names.kindName(KINDS.loadBalancers.redaction.name, name, lbType);
  if (kind === 'loadbalancer' && parts.length === 2) return `loadbalancer/${loadBalancer(parts[1]!)}`;
  if (kind === 'listener' && parts.length === 5) {
    return `listener/${type}/${loadBalancer(lbName, type)}/${listenerName(names, arn)}`;
  }
  if (kind === 'listener-rule' && parts.length === 6) {
    const listenerArn = arn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
    return `listener-rule/${type}/${loadBalancer(lbName, type)}/${listenerName(names, listenerArn)}/${names.label('listener-rule', arn, 'rule')}`;
  }
  return undefined;
}

/** Listeners have no name: the public one is keyed by the listener ARN. */
export function listenerName(names: PublicNames, listenerArn: string): string {
  return names.label('listener', listenerArn);
}

/** Services and tasks, under their cluster's public name (clusters and task definitions are the registry's: `redaction.arn`). */
function ecsResource(names: PublicNames, resource: string): string | undefined {
  const parts = resource.split('/');
  const [kind, first = '', second] = parts;
  const cluster = (name: string) => names.kindName(KINDS.clusters.redaction.name, name);
  if (kind === 'service' && parts.length === 3) return `service/${cluster(first)}/${names.serviceName(first, second!)}`;
  if (kind === 'service' && parts.length === 2) return `service/${names.serviceName('', first)}`;
  if (kind === 'task' && parts.length === 3) return `task/${cluster(first)}/${names.label('ecs-task', second!, 'task')}`;
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
  const publicName = type === 'role' ? names.roleName(name) : names.segment(`iam:${type}`, name, type);
  return `${type}${names.iamPath(path)}${publicName}`;
}

/** The resource part of an ARN of one of the registry's kinds (`redaction.arn`), with the kind's public name; undefined for other resources. */
function registryResource(names: PublicNames, service: string, resource: string): string | undefined {
  for (const kind of arnKindsOf(service)) {
    const publicResource = kindResource(names, kind, resource);
    if (publicResource !== undefined) return publicResource;
  }
  return undefined;
}

/**
 * `db:<name>`, `cluster/<name>`, `policy/<path><name>`, `loadbalancer/app/<name>/<id>`,
 * `table/<name>/index/<index>`: the type and
 * separator stay, the name becomes the kind's public name, what follows it goes as `after` says.
 */
function kindResource(names: PublicNames, { name, arn }: ArnKind, resource: string): string | undefined {
  const head = arn.type === '' ? '' : `${arn.type}${arn.separator}`;
  if (!resource.startsWith(head)) return undefined;
  const rest = resource.slice(head.length);
  if (arn.separator === ':') return rest === '' ? undefined : `${head}${names.kindName(name, rest)}`;
  const segments = rest.split('/');
  if (arn.path) {
    const real = segments.pop()!;
    if (real === '') return undefined;
    const publicName = names.kindName(name, real);
    return `${arn.type}${names.iamPath(segments.length === 0 ? '/' : `/${segments.join('/')}/`)}${publicName}`;
  }
  // `loadbalancer/app/<name>`: AWS's type word stays before the name and says its prefix.
  const variant = arn.typed ? segments.shift() : undefined;
  const [real = '', ...more] = segments;
  if (real === '') return undefined;
  const named = () => `${head}${variant === undefined ? '' : `${variant}/`}${names.kindName(name, real, variant)}`;
  const after = arn.after;
  if (after === undefined) return more.length === 0 ? named() : undefined;
  // AWS's id after the name says nothing the name does not: it is left out.
  if (after === 'id') return more.length === 1 ? named() : undefined;
  if (after === 'revision') {
    const [family = '', revision] = real.split(':');
    if (more.length > 0 || family === '') return undefined;
    return `${head}${names.kindName(name, family)}${revision === undefined ? '' : `:${revision}`}`;
  }
  const words = new Set([...after.words, '*']);
  const parts = more.map((part) => (words.has(part) ? part : names.segment(after.namespace, part, after.prefix)));
  return [named(), ...parts].join('/');
}
