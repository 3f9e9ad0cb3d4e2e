import { KINDS, KIND_LIST, arnResourceName, getOrMake, type Inventory, type KindName } from '../model/index.js';
import { accountPseudonyms } from './accounts.js';
import { normalizedKey } from './config.js';
import { ACCOUNT_ID_SOURCE, AWS_HOST_SOURCE, EC2_ID_SOURCE, isAwsEndpointServiceName, isPublicAwsHost } from './patterns.js';
import type { Pseudonyms } from './pseudonyms.js';
import { PUBLIC_IAM_PATH, PUBLIC_PATHS, PUBLIC_WORDS, REDACTED, isDistinctive } from './vocabulary.js';

const PUBLIC_INTERNET = new Set(['0.0.0.0/0', '::/0']);
const REGION = /\b[a-z]{2}(?:-[a-z]+)+-\d\b/g;

/** What a role is used as, which decides its public prefix (`task-role-…`, `execution-role-…`). */
type RoleSlot = 'task' | 'execution' | 'both';


/**
 * The public names of one account's identifiers, by kind, and a text scrubber that applies them
 * to free text (finding messages, evidence fields). Every mapping is a pure function of the value,
 * the key and the inventory, so a value gets the same public name wherever it shows up.
 */
export class PublicNames {
  /** Lower-cased real value → its public form, for scrubbing free text. */
  private readonly textTable = new Map<string, { rank: string; publicForm: () => string }>();
  private scrubber: RegExp | undefined;
  /** `namespace \0 name` → the item's type, for the kinds whose prefix follows it (`KindName.byType`). */
  private readonly itemTypes = new Map<string, string>();
  private readonly roleSlots = new Map<string, RoleSlot>();
  private readonly knownHosts = new Map<string, () => string>();
  private readonly zones = new Set<string>();
  /**
   * The real values `label` has remembered for text, by namespace and prefix. A value is labelled
   * at each place it appears (the same security group in thousands of rules); remembering it again
   * changes nothing.
   */
  private readonly labelled = new Map<string, Map<string, Set<string>>>();
  readonly accountId: string | undefined;
  /** A walk of several accounts: each walked account's role-based public name (redact/accounts.ts). */
  private readonly walkedAccounts: Map<string, string>;

  constructor(
    readonly pseudonyms: Pseudonyms,
    inventory: Inventory,
    readonly redactRegion: boolean,
  ) {
    this.accountId = inventory.accountId;
    this.walkedAccounts = accountPseudonyms(inventory);
    this.learnTypes(inventory);
    for (const definition of inventory.taskDefinitions) {
      this.addRoleSlot(definition.taskRoleArn, 'task');
      this.addRoleSlot(definition.executionRoleArn, 'execution');
    }
    for (const zone of inventory.hostedZones) this.zones.add(normalizedKey(zone.name));
    this.learnEndpoints(inventory);
  }

  private addRoleSlot(roleArn: string | undefined, slot: 'task' | 'execution'): void {
    if (roleArn === undefined) return;
    const name = arnResourceName(roleArn);
    const current = this.roleSlots.get(name);
    this.roleSlots.set(name, current === undefined || current === slot ? slot : 'both');
  }

  private learnTypes(inventory: Inventory): void {
    for (const descriptor of KIND_LIST) {
      const { name } = descriptor.redaction;
      if (name?.byType === undefined || descriptor.nameField === undefined) continue;
      for (const item of inventory[descriptor.collection] as object[]) {
        const record = item as Record<string, unknown>;
        this.itemTypes.set(`${name.namespace}\u0000${String(record[descriptor.nameField])}`, String(record[name.byType.field]));
      }
    }
  }

  /** Load balancer and database DNS names get names that say what they are. */
  private learnEndpoints(inventory: Inventory): void {
    for (const lb of inventory.loadBalancers) {
      if (lb.dnsName) this.knownHosts.set(normalizedKey(lb.dnsName), () => `${this.kindName(KINDS.loadBalancers.redaction.name, lb.name)}.example.internal`);
    }
    for (const db of inventory.dbInstances) {
      if (db.endpoint) this.knownHosts.set(normalizedKey(db.endpoint.address), () => `writer.${this.kindName(KINDS.dbInstances.redaction.name, db.identifier)}.example.internal`);
    }
    for (const cluster of inventory.dbClusters) {
      const name = () => this.kindName(KINDS.dbClusters.redaction.name, cluster.identifier);
      if (cluster.endpoint) this.knownHosts.set(normalizedKey(cluster.endpoint), () => `writer.${name()}.example.internal`);
      if (cluster.readerEndpoint) this.knownHosts.set(normalizedKey(cluster.readerEndpoint), () => `reader.${name()}.example.internal`);
    }
  }

  // ------------------------------------------------------------ names by kind

  /** `prefix-xxxx` for `real` in `namespace` (the prefix defaults to the namespace), remembered for text. */
  label(namespace: string, real: string, prefix = namespace): string {
    const reals = getOrMake(getOrMake(this.labelled, namespace, () => new Map<string, Set<string>>()), prefix, () => new Set<string>());
    if (!reals.has(real)) {
      reals.add(real);
      this.remember(real, `${namespace}\u0000${prefix}`, () => this.pseudonyms.label(namespace, prefix, real));
    }
    return this.pseudonyms.label(namespace, prefix, real);
  }

  /** A name that may be a wildcard pattern (`shop-*`): `*` stays, a pattern gets a trailing `*`. */
  segment(namespace: string, real: string, prefix = namespace): string {
    if (real === '*' || real === '') return real;
    if (/[*?]/.test(real) && this.pseudonyms.alias(real) === undefined && !this.pseudonyms.kept(real)) {
      return `${this.pseudonyms.label(`${namespace}:pattern`, prefix, real)}*`;
    }
    return this.label(namespace, real, prefix);
  }

  /**
   * A name of a kind whose descriptor says its names (`redaction.name` in `model/kinds.ts`,
   * `table-k3f9`): the same in its ARN and in text. A suffix AWS requires (a FIFO queue's `.fifo`)
   * stays after the public name, unless the whole name has an alias or is kept. A prefix by type
   * (`alb-…`) follows the item's type in the inventory, else `type` (an ARN's `app`).
   */
  kindName(name: KindName, real: string, type?: string): string {
    const { suffix, byType } = name;
    const prefix = byType === undefined ? name.prefix : (byType.prefixes[this.itemTypes.get(`${name.namespace}\u0000${real}`) ?? type ?? ''] ?? name.prefix);
    if (suffix !== undefined && real.endsWith(suffix) && this.pseudonyms.alias(real) === undefined && !this.pseudonyms.kept(real)) {
      return `${this.segment(name.namespace, real.slice(0, -suffix.length), prefix)}${suffix}`;
    }
    return this.segment(name.namespace, real, prefix);
  }

  roleName(name: string): string {
    const slot = this.roleSlots.get(name);
    return this.segment('iam-role', name, slot === 'task' ? 'task-role' : slot === 'execution' ? 'execution-role' : 'role');
  }

  /** ECS service names are unique per cluster only: the cluster is part of the identity. */
  serviceName(clusterName: string, name: string): string {
    const alias = this.pseudonyms.alias(name);
    if (alias !== undefined) return alias;
    if (this.pseudonyms.kept(name)) return name;
    this.remember(name, `ecs-service\u0000${clusterName}`, () => this.pseudonyms.label('ecs-service', 'service', `${clusterName}/${name}`));
    return this.pseudonyms.label('ecs-service', 'service', `${clusterName}/${name}`);
  }

  /** `https://sqs.us-east-1.amazonaws.com/123456789012/jobs` → `https://sqs.us-east-1.amazonaws.com/account/queue-k3f9`. */
  queueUrl(url: string): string {
    const publicUrl = () => {
      const match = /^(https?):\/\/([^/]+)\/(\d{12})\/([^/?#]+)$/.exec(url);
      if (!match) return `https://queue.example.internal/${this.pseudonyms.label('queue-url', 'queue', url)}`;
      return `${match[1]}://${this.host(match[2]!)}/${this.account(match[3]!)}/${this.kindName(KINDS.queues.redaction.name, match[4]!)}`;
    };
    this.remember(url, 'queue-url', publicUrl);
    return publicUrl();
  }

  /** `/api/*` → `/path-k3f9/*`: wildcards, `#{…}` variables and conventional paths stay. */
  urlPath(path: string): string {
    if (PUBLIC_PATHS.has(path) || this.pseudonyms.kept(path)) return path;
    const alias = this.pseudonyms.alias(path);
    if (alias !== undefined) return alias;
    return path
      .split('/')
      .map((part) => (part === '' || part === '*' || /^#\{\w+\}$/.test(part) ? part : this.segment('url-path', part, 'path')))
      .join('/');
  }

  /** AWS's endpoint service names (`com.amazonaws.<region>.s3`) stay, their region as `region` says; a PrivateLink service's becomes a pseudonym. */
  endpointServiceName(name: string): string {
    return isAwsEndpointServiceName(name)
      ? name.replace(/^com\.amazonaws\.([a-z0-9-]+)\./, (_, region: string) => `com.amazonaws.${this.region(region)}.`)
      : this.label('endpoint-service', name);
  }

  account(id: string): string {
    if (id === '' || id === 'aws' || id === '*') return id;
    const alias = this.pseudonyms.alias(id);
    if (alias !== undefined) return alias;
    if (id === this.accountId) {
      this.remember(id, 'account', () => 'account');
      return 'account';
    }
    const walked = this.walkedAccounts.get(id);
    if (walked !== undefined) {
      this.remember(id, 'account', () => walked);
      return walked;
    }
    return this.label('account', id);
  }

  region(region: string): string {
    if (!this.redactRegion || region === '' || region === '*') return region;
    return this.label('region', region);
  }

  availabilityZone(zone: string): string {
    if (!this.redactRegion) return zone;
    const match = /^([a-z]{2}(?:-[a-z]+)+-\d)([a-z0-9-]*)$/.exec(zone);
    return match ? `${this.region(match[1]!)}${match[2]}` : this.label('availability-zone', zone);
  }

  /**
   * `sg-0a1b…` → `sg-k3f9`: the EC2 prefix stays, so the kind stays readable; also for the ids a
   * template source makes from logical ids (`sg-WebSecurityGroup`, `rtb-PrivateRouteTable`).
   */
  ec2Id(id: string): string {
    const placeholder = this.placeholder(id);
    if (placeholder !== undefined) return placeholder;
    // The AWS prefix only (`sg`, `tgw-attach`): a template's id `sg-orders-ServiceSecurityGroup` must not keep its stack name.
    const prefix = /^((?:tgw-attach|vpc-peering|[a-z]+))-[0-9A-Za-z-]+$/.exec(id)?.[1];
    return this.label(`ec2:${prefix ?? 'id'}`, id, prefix ?? 'resource');
  }

  /** `0.0.0.0/0` and `::/0` → `public-internet`; every other block → `cidr-xxxx`. */
  cidr(cidr: string): string {
    if (PUBLIC_INTERNET.has(cidr)) return 'public-internet';
    return cidr.includes('/') ? this.label('cidr', cidr) : this.label('ip', cidr);
  }

  iamPath(path: string): string {
    if (PUBLIC_IAM_PATH.test(path)) return path;
    const alias = this.pseudonyms.alias(path);
    if (alias !== undefined) return alias;
    if (this.pseudonyms.kept(path)) return path;
    const segments = path.split('/').filter((segment) => segment !== '');
    return `/${segments.map((segment) => this.segment('iam-path', segment, 'path')).join('/')}/`;
  }

  /**
   * A template placeholder for a value only a deployment knows: `${Import:corp-network-prod}` →
   * `${Import:import-k3f9}`, `${WebAlb.DNSName}` → `${resource-k3f9.DNSName}`. The kind and the
   * attribute stay; the export, parameter, SSM or logical name does not. Undefined for other values.
   */
  placeholder(value: string): string | undefined {
    const named = /^\$\{([A-Za-z0-9]+):(.*)\}$/.exec(value);
    if (named) return `\${${named[1]}:${this.label('unresolved', `${named[1]}:${named[2]}`, named[1]!.toLowerCase())}}`;
    const attribute = /^\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}$/.exec(value);
    if (attribute) return `\${${this.label('logical-id', attribute[1]!, 'resource')}.${attribute[2]}}`;
    return undefined;
  }

  /** A value shown only as `<redacted>` (env values, secret references). */
  hidden(real: string): string {
    if (isDistinctive(real)) this.remember(real, 'hidden', () => REDACTED, { weak: true });
    return REDACTED;
  }

  /** A tag value: public words stay, a value that is another known identifier gets that one's name. */
  tagValue(value: string): string {
    if (PUBLIC_WORDS.has(value.toLowerCase()) || this.pseudonyms.kept(value)) return value;
    const known = this.textTable.get(normalizedKey(value).toLowerCase());
    if (known && !known.rank.startsWith('1')) return known.publicForm();
    const label = this.pseudonyms.label('tag-value', 'tag', value);
    this.remember(value, 'tag-value', () => this.pseudonyms.label('tag-value', 'tag', value), { weak: true });
    return label;
  }

  // ------------------------------------------------------------ DNS

  /** Any DNS name: trailing dot, `dualstack.` prefix and letter case handled; the shape is kept. */
  host(name: string): string {
    if (name === '') return name;
    const trailingDot = name.endsWith('.');
    let core = name.toLowerCase().replace(/\.$/, '');
    const dualstack = core.startsWith('dualstack.');
    if (dualstack) core = core.slice('dualstack.'.length);
    this.remember(core, 'host', () => this.hostCore(core));
    return `${dualstack ? 'dualstack.' : ''}${this.hostCore(core)}${trailingDot ? '.' : ''}`;
  }

  private hostCore(host: string): string {
    const alias = this.pseudonyms.alias(host);
    if (alias !== undefined) return alias;
    if (this.pseudonyms.kept(host)) return host;
    const known = this.knownHosts.get(host);
    if (known) return known();
    if (isPublicAwsHost(host)) return this.redactRegion ? host.replace(REGION, (region) => this.region(region)) : host;
    if (this.zones.has(host)) return `${this.pseudonyms.label('hosted-zone', 'zone', host)}.example.com`;
    const labels = host.split('.');
    for (let i = 1; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.');
      if (this.zones.has(suffix) || this.pseudonyms.alias(suffix) !== undefined) {
        return [...labels.slice(0, i).map((label) => (label === '*' ? label : this.pseudonyms.label('dns-label', 'host', label))), this.hostCore(suffix)].join('.');
      }
    }
    const onAws = new RegExp(`^${AWS_HOST_SOURCE}$`).test(host);
    return `${this.pseudonyms.label('host', hostPrefix(host), host)}.${onAws ? 'example.internal' : 'example.net'}`;
  }

  // ------------------------------------------------------------ free text

  /**
   * Remembers how `real` reads in free text. When several things share one string (a service and
   * its task family both `shop-web`), the strong claim with the smallest claim key wins, whatever
   * the order they were met in; weak claims (tag and environment values) only fill gaps.
   */
  private remember(real: string, claim: string, publicForm: () => string, { weak = false } = {}): void {
    const key = real.toLowerCase();
    if (key.length < 3 || /^\d{1,11}$/.test(key) || PUBLIC_WORDS.has(key)) return;
    const rank = `${weak ? 1 : 0}\u0000${claim}`;
    const current = this.textTable.get(key);
    if (current !== undefined && current.rank <= rank) return;
    this.textTable.set(key, { rank, publicForm });
    this.scrubber = undefined;
  }

  /**
   * Free text with every known identifier, ARN, account id, EC2 id, private IP and AWS host
   * replaced, in one left-to-right pass (a replacement is never rewritten by a later one).
   * `arn` maps a whole ARN; it lives with the ARN rules.
   */
  scrub(text: string, arn: (value: string) => string): string {
    this.scrubber ??= this.buildScrubber();
    return text.replace(this.scrubber, (match: string, arnMatch?: string, known?: string, account?: string, ec2?: string, ip?: string, host?: string, key?: string) => {
      if (arnMatch !== undefined) {
        const trailing = /[.]+$/.exec(arnMatch)?.[0] ?? '';
        return arn(arnMatch.slice(0, arnMatch.length - trailing.length)) + trailing;
      }
      if (known !== undefined) return this.textTable.get(known.toLowerCase())?.publicForm() ?? REDACTED;
      if (account !== undefined) return this.account(account);
      if (ec2 !== undefined) return this.ec2Id(ec2.toLowerCase());
      if (ip !== undefined) return this.cidr(ip);
      if (host !== undefined) return this.host(host);
      if (key !== undefined) return REDACTED;
      return match;
    });
  }

  private buildScrubber(): RegExp {
    const known = [...this.textTable.keys()].sort((a, b) => b.length - a.length).map(bounded);
    const sources = [
      String.raw`arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(?:\d{12}|aws)?:[^\s"'<>,;()\[\]{}|]+`,
      known.length > 0 ? known.join('|') : '(?!)',
      ACCOUNT_ID_SOURCE,
      EC2_ID_SOURCE,
      String.raw`(?<![\d.])(?:10(?:\.\d{1,3}){3}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|192\.168(?:\.\d{1,3}){2})(?:/\d{1,2})?(?![\d.])`,
      AWS_HOST_SOURCE,
      String.raw`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b`,
    ];
    return new RegExp(sources.map((source) => `(${source})`).join('|'), 'gi');
  }
}

/** A regex alternative matching `value` as a whole token (not glued to other name characters). */
function bounded(value: string): string {
  const escaped = value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const before = /^[a-z0-9_-]/i.test(value) ? '(?<![a-z0-9_-])' : '';
  const after = /[a-z0-9_-]$/i.test(value) ? '(?![a-z0-9_-])' : '';
  return `${before}${escaped}${after}`;
}

function hostPrefix(host: string): string {
  if (host.includes('.vpce.')) return 'endpoint';
  if (host.includes('.elb.')) return 'lb';
  if (host.includes('.rds.')) return 'db';
  return 'host';
}
