import { parseArn, type Tags } from '../model/index.js';
import type { SnapshotBody, SnapshotInventory } from '../snapshot/format.js';
import { RESOURCE_KINDS, type ResourceKind } from './kinds.js';

/**
 * IaC-versus-live: a template names its resources with placeholder ids derived from logical IDs
 * (`sg-WebSecurityGroup`, account 000000000000); the live account has the real ones. Resources
 * are paired, most reliable first:
 *
 * 1. the `aws:cloudformation:stack-name` + `aws:cloudformation:logical-id` tags CloudFormation
 *    puts on the resources it creates (where the resource type takes tags);
 * 2. an explicit name the template sets (`QueueName: shop-jobs`);
 * 3. the physical name CloudFormation generates, `<stack>-<logical id>-<suffix>`, both parts
 *    possibly truncated (IAM roles and policies, which CloudFormation does not tag);
 * 4. through a paired parent: a listener by its load balancer and port, a rule by its listener
 *    and priority, a subnet by its VPC and CIDR, a task definition by its family, a DNS record
 *    by its zone, name and type.
 *
 * Each pair's identifiers (ARN, id, name, URL, DNS name...) then rewrite the template side, so
 * both sides use live ids and the ordinary comparison applies. Live resources that belong to no
 * template stack are out of scope: an account holds more than one stack.
 */
export interface Alignment {
  expected: SnapshotBody;
  current: SnapshotBody;
  notes: string[];
}

const STACK_TAG = 'aws:cloudformation:stack-name';
const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';

type Item = Record<string, unknown> & { tags?: Tags };

interface KindItems {
  spec: ResourceKind<never>;
  template: Item[];
  live: Item[];
}

export function alignTemplateToLive(template: SnapshotBody, live: SnapshotBody): Alignment {
  const kinds = RESOURCE_KINDS.map((spec) => ({
    spec,
    template: template.inventory[spec.collection] as unknown as Item[],
    live: live.inventory[spec.collection] as unknown as Item[],
  }));
  const pairing = new Pairing();
  for (const items of kinds) pairByTags(items, pairing);
  for (const items of kinds) pairByName(items, pairing);
  pairChildren(kinds, pairing);
  const tokens = identityTokens(kinds, pairing, template, live);
  const translated = translate(withoutDeploymentValues(template), tokens);
  const stacks = new Set(kinds.flatMap(({ template: items }) => items.map((item) => item.tags?.[STACK_TAG]).filter((s): s is string => !!s)));
  const expected = withoutSystemTags(translated);
  const current = withoutSystemTags(scopeToStacks(live, translated, pairing, stacks));
  const templateCount = kinds.reduce((sum, { template: items }) => sum + items.length, 0);
  return {
    expected,
    current,
    notes: [
      `Template mode: ${pairing.size} of ${templateCount} template resources paired with live ones (CloudFormation tags, names, parents); live resources outside stack(s) ${[...stacks].join(', ') || '(none)'} are not compared, and only what the template states is.`,
    ],
  };
}

class Pairing {
  private readonly byTemplate = new Map<string, string>();
  private readonly live = new Set<string>();

  get size(): number {
    return this.byTemplate.size;
  }

  pair(templateKey: string, liveKey: string): void {
    if (this.byTemplate.has(templateKey) || this.live.has(liveKey)) return;
    this.byTemplate.set(templateKey, liveKey);
    this.live.add(liveKey);
  }

  liveFor(templateKey: string): string | undefined {
    return this.byTemplate.get(templateKey);
  }

  hasTemplate(templateKey: string): boolean {
    return this.byTemplate.has(templateKey);
  }

  hasLive(liveKey: string): boolean {
    return this.live.has(liveKey);
  }

  liveKeys(): ReadonlySet<string> {
    return this.live;
  }

  entries(): [string, string][] {
    return [...this.byTemplate.entries()];
  }
}

const keyOf = (spec: ResourceKind<never>, item: Item) => spec.key(item as never);

function stackAndLogicalId(item: Item): { stack: string; logicalId: string } | undefined {
  const stack = item.tags?.[STACK_TAG];
  const logicalId = item.tags?.[LOGICAL_ID_TAG];
  return stack && logicalId ? { stack, logicalId } : undefined;
}

function pairByTags({ spec, template, live }: KindItems, pairing: Pairing): void {
  const liveByTag = uniqueIndex(live, (item) => {
    const tag = stackAndLogicalId(item);
    return tag ? `${tag.stack}|${tag.logicalId}` : undefined;
  });
  for (const item of template) {
    const tag = stackAndLogicalId(item);
    const match = tag ? liveByTag.get(`${tag.stack}|${tag.logicalId}`) : undefined;
    if (match) pairing.pair(keyOf(spec, item), keyOf(spec, match));
  }
}

/** Explicit names match exactly; generated ones by CloudFormation's `<stack>-<logical id>-<suffix>` pattern. */
function pairByName({ spec, template, live }: KindItems, pairing: Pairing): void {
  const field = spec.nameField;
  if (field === undefined) return;
  const nameOf = (item: Item) => (typeof item[field] === 'string' ? (item[field] as string) : undefined);
  const open = live.filter((item) => !pairing.hasLive(keyOf(spec, item)));
  const candidates = new Map<Item, Item[]>();
  for (const item of template) {
    if (pairing.hasTemplate(keyOf(spec, item))) continue;
    const name = nameOf(item);
    const tag = stackAndLogicalId(item);
    if (name === undefined) continue;
    const generated = tag !== undefined && name.toLowerCase() === tag.logicalId.toLowerCase();
    const matches = open.filter((candidate) => {
      const liveName = nameOf(candidate);
      if (liveName === undefined) return false;
      return generated ? looksGeneratedFrom(liveName, tag.stack, tag.logicalId) : liveName === name;
    });
    candidates.set(item, matches);
  }
  const claims = new Map<Item, number>();
  for (const matches of candidates.values()) for (const match of matches) claims.set(match, (claims.get(match) ?? 0) + 1);
  for (const [item, matches] of candidates) {
    const [only] = matches;
    if (matches.length === 1 && only !== undefined && claims.get(only) === 1) pairing.pair(keyOf(spec, item), keyOf(spec, only));
  }
}

/**
 * `TopologyReference-ServicesWebTaskRole1A2B3C-Xy9Zq8` or, for length-limited names, `Topolo-EdgeL-1A2B3C4D`:
 * a prefix of the stack name, a prefix of the logical ID, then a random suffix.
 */
export function looksGeneratedFrom(name: string, stack: string, logicalId: string): boolean {
  const parts = name.split('-');
  const suffix = parts[parts.length - 1] ?? '';
  // CloudFormation's random suffix: 8 or more letters and digits, all of one case.
  if (parts.length < 3 || !/^(?:[A-Z0-9]{8,}|[a-z0-9]{8,})$/.test(suffix)) return false;
  const isPrefix = (part: string, of: string) => part.length >= Math.min(3, of.length) && of.toLowerCase().startsWith(part.toLowerCase());
  for (let split = 1; split < parts.length - 1; split++) {
    if (isPrefix(parts.slice(0, split).join('-'), stack) && isPrefix(parts.slice(split, -1).join('-'), logicalId)) return true;
  }
  return false;
}

function pairChildren(kinds: KindItems[], pairing: Pairing): void {
  const items = (kind: string) => kinds.find(({ spec }) => spec.kind === kind)!;
  const field = (name: string) => (item: Item) => String(item[name]);
  pairWithin(items('vpc'), pairing, () => 'vpc', field('cidrBlocks'));
  pairWithin(items('subnet'), pairing, field('vpcId'), field('cidrBlock'));
  pairWithin(items('vpc-endpoint'), pairing, field('vpcId'), (item) => `${String(item.serviceName)}|${String(item.type)}`);
  pairWithin(items('listener'), pairing, field('loadBalancerArn'), field('port'));
  pairLeftovers(items('listener'), pairing, field('loadBalancerArn'));
  pairWithin(items('listener-rule'), pairing, field('listenerArn'), field('priority'));
  pairLeftovers(items('listener-rule'), pairing, field('listenerArn'));
  pairWithin(items('task-definition'), pairing, () => 'family', field('family'));
  pairTaskDefinitionsOfServices(items('ecs-service'), items('task-definition'), pairing);
  pairWithin(items('hosted-zone'), pairing, () => 'zone', (item) => `${String(item.name).toLowerCase()}|${String(item.private)}`);
  pairWithin(items('dns-record'), pairing, zoneNameOf(items('hosted-zone')), (item) => `${String(item.name).toLowerCase()}|${String(item.type)}|${String(item.setIdentifier ?? '')}`);
}

/** A record's zone by name: templates may name a zone they do not declare (`${HostedZone:corp.io.}`). */
function zoneNameOf({ template, live }: KindItems): (record: Item) => string {
  const names = new Map([...template, ...live].map((zone) => [String(zone.id), String(zone.name).toLowerCase()]));
  return (record) => {
    const zoneId = String(record.zoneId);
    return names.get(zoneId) ?? /^\$\{HostedZone:(.*)\}$/.exec(zoneId)?.[1]?.toLowerCase() ?? zoneId;
  };
}

/**
 * Pairs unpaired items whose parents are paired (or share a parent key: `() => 'vpc'` for
 * top-level items) and whose natural key is equal on both sides and unique.
 */
function pairWithin({ spec, template, live }: KindItems, pairing: Pairing, parent: (item: Item) => string, natural: (item: Item) => string): void {
  const openLive = uniqueIndex(
    live.filter((item) => !pairing.hasLive(keyOf(spec, item))),
    (item) => `${parent(item)}|${natural(item)}`,
  );
  for (const item of template) {
    if (pairing.hasTemplate(keyOf(spec, item))) continue;
    const parentKey = parent(item);
    const match = openLive.get(`${pairing.liveFor(parentKey) ?? parentKey}|${natural(item)}`);
    if (match) pairing.pair(keyOf(spec, item), keyOf(spec, match));
  }
}

/** One unpaired child left on each side of a paired parent: the same resource, changed (a listener's port). */
function pairLeftovers({ spec, template, live }: KindItems, pairing: Pairing, parent: (item: Item) => string): void {
  const openLive = live.filter((item) => !pairing.hasLive(keyOf(spec, item)));
  const openTemplate = template.filter((item) => !pairing.hasTemplate(keyOf(spec, item)));
  for (const item of openTemplate) {
    const liveParent = pairing.liveFor(parent(item));
    if (liveParent === undefined) continue;
    const siblings = openTemplate.filter((other) => parent(other) === parent(item));
    const liveSiblings = openLive.filter((other) => parent(other) === liveParent);
    const [only] = liveSiblings;
    if (siblings.length === 1 && liveSiblings.length === 1 && only !== undefined) pairing.pair(keyOf(spec, item), keyOf(spec, only));
  }
}

function pairTaskDefinitionsOfServices(services: KindItems, definitions: KindItems, pairing: Pairing): void {
  const definitionKey = (arn: unknown) => definitions.spec.key({ arn } as never);
  for (const service of services.template) {
    const liveServiceKey = pairing.liveFor(keyOf(services.spec, service));
    const liveService = services.live.find((item) => keyOf(services.spec, item) === liveServiceKey);
    if (liveService) pairing.pair(definitionKey(service.taskDefinitionArn), definitionKey(liveService.taskDefinitionArn));
  }
}

function uniqueIndex(items: Item[], key: (item: Item) => string | undefined): Map<string, Item> {
  const index = new Map<string, Item>();
  const duplicated = new Set<string>();
  for (const item of items) {
    const value = key(item);
    if (value === undefined) continue;
    if (index.has(value)) duplicated.add(value);
    index.set(value, item);
  }
  for (const value of duplicated) index.delete(value);
  return index;
}

// ---------------------------------------------------------------- translation

/** Template identifier → live identifier, from every pair's identity fields, plus the account. */
function identityTokens(kinds: KindItems[], pairing: Pairing, template: SnapshotBody, live: SnapshotBody): Map<string, string> {
  const tokens = new Map<string, string>();
  const conflicting = new Set<string>();
  const add = (from: unknown, to: unknown) => {
    if (typeof from !== 'string' || typeof to !== 'string' || from === to || from.length < 3) return;
    if (tokens.has(from) && tokens.get(from) !== to) conflicting.add(from);
    tokens.set(from, to);
  };
  for (const { spec, template: items, live: liveItems } of kinds) {
    const liveByKey = new Map(liveItems.map((item) => [keyOf(spec, item), item]));
    for (const item of items) {
      const match = liveByKey.get(pairing.liveFor(keyOf(spec, item)) ?? '');
      if (match === undefined) continue;
      add(keyOf(spec, item), keyOf(spec, match));
      for (const path of spec.identities) add(valueAt(item, path), valueAt(match, path));
    }
  }
  add(templateAccount(template), live.inventory.accountId);
  for (const token of conflicting) tokens.delete(token);
  return tokens;
}

function valueAt(item: Item, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), item);
}

/** The account the template's ARNs were resolved with (a placeholder unless the caller gave the live one). */
function templateAccount(template: SnapshotBody): string | undefined {
  if (template.inventory.accountId) return template.inventory.accountId;
  const arns = RESOURCE_KINDS.flatMap((spec) => (template.inventory[spec.collection] as unknown as Item[]).map((item) => item.arn));
  return arns.map((arn) => (typeof arn === 'string' ? parseArn(arn)?.account : undefined)).find((account) => !!account);
}

/**
 * Rewrites every string of the template body: whole identifiers, and distinctive identifiers
 * inside longer strings (an endpoint in DATABASE_URL, a queue ARN in a policy). Plain lower-case
 * words are only replaced whole, so that a logical name like `database` leaves prose alone.
 */
function translate(body: SnapshotBody, tokens: Map<string, string>): SnapshotBody {
  const inner = [...tokens.keys()].filter((token) => token.length >= 6 && /[^a-z]/.test(token)).sort((a, b) => b.length - a.length);
  const pattern = inner.length === 0 ? undefined : new RegExp(`(?<![A-Za-z0-9_])(?:${inner.map(escapeRegExp).join('|')})(?![A-Za-z0-9_])`, 'g');
  const rewrite = (text: string) => tokens.get(text) ?? (pattern ? text.replace(pattern, (token) => tokens.get(token) ?? token) : text);
  return mapStrings(body, rewrite) as SnapshotBody;
}

function mapStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, mapStrings(member, rewrite)]));
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Values a template source can only invent (an interface endpoint's DNS names carry a suffix AWS
 * picks at creation): left out of the expected side, so they are not compared.
 */
function withoutDeploymentValues(template: SnapshotBody): SnapshotBody {
  const vpcEndpoints = template.inventory.vpcEndpoints.map(({ dnsNames: _dnsNames, ...endpoint }) => endpoint);
  return { ...template, inventory: { ...template.inventory, vpcEndpoints: vpcEndpoints as SnapshotInventory['vpcEndpoints'] } };
}

// ---------------------------------------------------------------- scope

/** `aws:*` tags served the pairing; the template source synthesizes them, so they are not compared. */
function withoutSystemTags(body: SnapshotBody): SnapshotBody {
  const inventory = { ...body.inventory } as Record<string, unknown>;
  for (const spec of RESOURCE_KINDS) {
    inventory[spec.collection] = (body.inventory[spec.collection] as unknown as Item[]).map((item) =>
      item.tags === undefined ? item : { ...item, tags: Object.fromEntries(Object.entries(item.tags).filter(([key]) => !key.startsWith('aws:'))) },
    );
  }
  return { inventory: inventory as unknown as SnapshotInventory, edges: body.edges };
}

/**
 * The live resources the template answers for: paired ones, ones tagged with a template stack,
 * children of those (listeners, rules, task definitions, records of a zone the template owns,
 * policies of its roles), and links touching any of them.
 */
function scopeToStacks(live: SnapshotBody, expected: SnapshotBody, pairing: Pairing, stacks: ReadonlySet<string>): SnapshotBody {
  const inventory = live.inventory;
  const expectedKeys = new Set(RESOURCE_KINDS.flatMap((spec) => (expected.inventory[spec.collection] as never[]).map((item) => spec.key(item))));
  const inScope = new Set<string>([...pairing.liveKeys(), ...expectedKeys]);
  for (const spec of RESOURCE_KINDS) {
    for (const item of inventory[spec.collection] as unknown as Item[]) {
      const stack = item.tags?.[STACK_TAG];
      if (stack !== undefined && stacks.has(stack)) inScope.add(keyOf(spec, item));
    }
  }
  const addWhere = <T>(items: T[], belongs: (item: T) => boolean, key: (item: T) => string) => {
    for (const item of items) if (belongs(item)) inScope.add(key(item));
  };
  addWhere(inventory.listeners, (l) => inScope.has(l.loadBalancerArn), (l) => l.arn);
  addWhere(inventory.listenerRules, (r) => inScope.has(r.listenerArn), (r) => r.arn);
  const definitionKey = (arn: string) => RESOURCE_KINDS.find((spec) => spec.kind === 'task-definition')!.key({ arn } as never);
  const usedDefinitions = new Set(inventory.services.filter((s) => inScope.has(s.arn)).map((s) => definitionKey(s.taskDefinitionArn)));
  for (const key of usedDefinitions) inScope.add(key);
  const ownZones = new Set(expected.inventory.hostedZones.map((zone) => zone.id));
  const dnsSpec = RESOURCE_KINDS.find((spec) => spec.kind === 'dns-record')!;
  addWhere(inventory.dnsRecords, (record) => ownZones.has(record.zoneId), (record) => dnsSpec.key(record as never));
  // AWS-managed policies belong to no stack: only the account's own ones attached to its roles.
  const policies = new Set(
    inventory.roles.filter((role) => inScope.has(role.arn)).flatMap((role) => role.attachedPolicies.filter((p) => !p.awsManaged).map((p) => p.arn)),
  );
  for (const arn of policies) inScope.add(arn);

  const scoped = { ...inventory } as Record<string, unknown>;
  for (const spec of RESOURCE_KINDS) {
    scoped[spec.collection] = (inventory[spec.collection] as never[]).filter((item) => inScope.has(spec.key(item)));
  }
  const edges = live.edges.filter((edge) => inScope.has(edge.from.id) || inScope.has(edge.to.id));
  return { inventory: scoped as unknown as SnapshotInventory, edges };
}
