import type { DataSource } from './coverage.js';
import { arnResourceName, dnsRecordId, stripTrailingDot } from './ids.js';
import type { DynamoTable, Inventory, PolicyDocument, SecurityGroupRule, SgPeer, Tags, TrustPrincipal } from './inventory.js';
import { BUCKET_NAME, DB_CLUSTER_NAME, DB_INSTANCE_NAME, ECS_CLUSTER_NAME, LOAD_BALANCER_NAME, MANAGED_POLICY_NAME, QUEUE_NAME, TARGET_GROUP_NAME, TASK_FAMILY_NAME } from './kind-names.js';
import { bucketCopy, clusterCopy, dbClusterCopy, dbInstanceCopy, dnsRecordCopy, hostedZoneCopy, managedPolicyCopy, queueCopy, roleCopy, serviceCopy, taskDefinitionCopy } from './kind-redactions.js';
import { listenerCopy, listenerRuleCopy, loadBalancerCopy, targetGroupCopy } from './kind-redactions-elb.js';
import { securityGroupCopy, subnetCopy, transitGatewayAttachmentCopy, vpcCopy, vpcEndpointCopy, vpcPeeringCopy } from './kind-redactions-network.js';
import type { Edge, EdgeKind, NodeKind, NodeRef } from './topology.js';

/**
 * The registry of resource kinds: one descriptor per inventory collection says what a kind is
 * (its key, label, identity and name fields, ARN shape, how its ids are redacted, its drift
 * identity, the table it is listed in, its diagram box). Stages ask the registry instead of
 * keeping their own switch or list; `KINDS` is checked against every collection of `Inventory`,
 * so a new collection without a complete descriptor fails the build.
 */

/** The inventory fields that hold resources (one kind each). */
export type CollectionKey = Exclude<
  { [K in keyof Inventory]-?: Inventory[K] extends readonly object[] ? K : never }[keyof Inventory],
  'coverage' | 'sourceWarnings' | 'accounts'
>;

export type ItemOf<C extends CollectionKey> = Inventory[C][number];

/** Lookup tables over an inventory, one per collection, by id. Build once per stage. */
export type InventoryIndex = { [C in CollectionKey]: Map<string, ItemOf<C>> };

/**
 * How a node id of the kind is spelled, which is how redaction rewrites it: an ARN (its resource
 * name becomes a public name), an EC2 id (`sg-…`, `vpc-…`), a DNS record's composite id, or a
 * Route53 zone id.
 */
export type IdShape = 'arn' | 'ec2-id' | 'dns-record' | 'zone-id';

/** The box the architecture diagram draws for a kind; `none`: the kind is not drawn on its own. */
export type DiagramShape = 'dns-record' | 'load-balancer' | 'target-group' | 'ecs-service' | 'database' | 'queue' | 'bucket' | 'table' | 'vpc-endpoint' | 'security-group' | 'none';

/** A box's colours: fill and border (the diagram's light palette, written into DOT and Mermaid). */
export interface BoxSwatch {
  fill: string;
  stroke: string;
}

/**
 * How the architecture diagram draws a kind: its box shape (the node kind of the diagram and its
 * CSS class), the compact diagram's word for several of them, its colours, its draw.io shape, and
 * the box that stands for all of them when a call failed. Kinds that share a shape (RDS instances
 * and clusters) share one box.
 */
export interface DiagramBox<T = never> {
  shape: Exclude<DiagramShape, 'none'>;
  /** `DynamoDB tables`: the compact diagram's count (`4 DynamoDB tables`). */
  plural: string;
  swatch: BoxSwatch;
  /** draw.io's AWS 2021 shape (`mxgraph.aws4.*`) and its AWS category colour. */
  drawio: { shape: string; fill: string };
  /**
   * The box drawn when the data it needs was not collected (it then stands for every resource of
   * its kind) and its title; null: no such box (security groups are drawn only as an arrow's source).
   */
  notCollected: { source: DataSource; title: string } | null;
  /**
   * A regional AWS service's resource, drawn by the registry (after the hand-drawn kinds) in its
   * region's managed-services group, titled by its name, only when a service uses it (an edge kind
   * with `serviceUses`). Without it, `render/diagram/graph.ts` draws the kind itself (`DRAWERS`).
   */
  regional?: { region(item: T): string; subtitle(item: T): string };
}

/** What drift knows about a kind beyond its id: see drift/kinds.ts. */
export interface DriftIdentity<T> {
  /** The key drift compares under; the id unless it says otherwise (a task definition's family). */
  key?: (item: T) => string;
  /** The heading in the drift report. */
  group: string;
  /** `names` holds the drift labels of the kinds listed before this one (a listener names its load balancer). */
  label(item: T, names: ReadonlyMap<string, string>): string;
  /** The compared value (before the id field is dropped), with composite fields split where that helps. */
  value?: (item: T) => Record<string, unknown>;
  /** Live resources name themselves with these fields; IaC matching pairs them. Default: id field and `name`. */
  identities?: readonly string[];
}

/** Kinds that are never an edge's end; every other resource kind is a node kind (topology.ts). */
export type InventoryOnlyKind = 'hosted-zone' | 'ecs-cluster' | 'task-definition' | 'subnet' | 'managed-policy' | 'vpc-peering' | 'transit-gateway-attachment';

export type KindKey = Exclude<NodeKind, 'cidr' | 'prefix-list' | 'service-mode'> | InventoryOnlyKind;

export interface KindDescriptor<C extends CollectionKey> {
  collection: C;
  /** The kind's key: its node kind where edges point at it, its drift kind, its ignore-rule name. */
  kind: KindKey;
  /** What a reader calls one of them: `S3 bucket`. */
  label: string;
  /** The field holding the id (node id, index key). */
  idField: keyof ItemOf<C> & string;
  /** The id; the id field unless the kind's id is composite (DNS records). */
  id?: (item: ItemOf<C>) => string;
  idShape: IdShape;
  /** The field holding the name a template may set explicitly or CloudFormation generates (drift IaC pairing). */
  nameField?: keyof ItemOf<C> & string;
  /** The name a reviewer knows it by (finding messages, tables, the diagram's titles). */
  name(item: ItemOf<C>, index: InventoryIndex): string;
  /** A shorter name where its parent is shown next to it (`HTTP 80` under its load balancer). Default: `name`. */
  shortName?: (item: ItemOf<C>, index: InventoryIndex) => string;
  drift: DriftIdentity<ItemOf<C>>;
  /**
   * The kind's table: its columns as data (`render/views.ts` renders it after the hand-written
   * tables), or the id of the hand-written table in `render/views/` that lists the kind, or null
   * when the kind is shown only inside other rows (VPCs, subnets).
   */
  view: KindTable<ItemOf<C>> | string | null;
  /** The diagram's box for the kind; `none`: the kind is not drawn on its own. */
  diagram: DiagramBox<ItemOf<C>> | 'none';
  /** The short type word before a link's target in the link tables (`table:orders`). Default: the kind's key. */
  linkType?: string;
  /**
   * How `--public` redacts the kind: wholly by the registry (`KindRedaction`: its names, ARNs,
   * role-style names and public copy), or its public copy only (`KindCopy`: the older kinds whose
   * names and ARNs `redact/` still spells by hand).
   */
  redaction: KindRedaction<ItemOf<C>> | KindCopy<ItemOf<C>>;
  /**
   * What the page (`--format html`/`markdown`) says of the kind: its word in the tagline and its
   * component card; `hand-written`: `render/story-*.ts` phrase it by hand (the kinds older than the
   * registry); null: the kind has neither (it appears only in the paths, tables and diagram).
   */
  page: KindPage<ItemOf<C>> | 'hand-written' | null;
  /** Fields that change while the design stays the same (states, counts, health): snapshots leave them out, so drift ignores them. */
  volatile: readonly (keyof ItemOf<C> & string)[];
  /**
   * The account that owns a resource every side of it can describe (a peering connection is seen by
   * both VPCs' accounts): a walk of several accounts files it under this account, whichever
   * account's walk came first. Without it, or when it is unknown, the lowest account id that saw it.
   */
  owner?: (item: ItemOf<C>) => string | undefined;
}

type Registry = { [C in CollectionKey]: KindDescriptor<C> };

/** What a kind's redaction asks of the redact stage (`redact/`), which implements it: the model imports nothing. */
export interface Redactor {
  /** An ARN with its resource part made public (`redact/arns.ts`). */
  arn(arn: string): string;
  /** A region (kept unless `--redact-region`). */
  region(region: string): string;
  /** A KMS key id, ARN or alias (AWS's own aliases stay). */
  kmsKey(key: string): string;
  /** `sg-0a1b…` → `sg-k3f9`: an EC2 id keeps its AWS prefix. */
  ec2Id(id: string): string;
  /** A DNS name (its shape, trailing dot and `dualstack.` kept). */
  host(name: string): string;
  /** A CIDR block or an IP address (`0.0.0.0/0` → `public-internet`). */
  cidr(cidr: string): string;
  /** An account id (`account` for the walked account). */
  account(id: string): string;
  /** An availability zone (kept unless `--redact-region`). */
  availabilityZone(zone: string): string;
  /** A value shown only as `<redacted>` (TXT data, env values). */
  hidden(value: string): string;
  /** `prefix-k3f9`: the public name of `real` among the names of `namespace` (the prefix defaults to the namespace). */
  label(namespace: string, real: string, prefix?: string): string;
  /** As `label`, for a name that may be a wildcard pattern (`shop-*` keeps its `*`). */
  segment(namespace: string, real: string, prefix?: string): string;
  /** Tags: conventional keys stay, values become pseudonyms (or the name of what they name). */
  tags(tags: Tags): Tags;
  /** A policy document with its principals, ARNs and conditions made public. */
  policy(document: PolicyDocument): PolicyDocument;
  /** An IAM path (`/service-role/` stays, an account's own segments become pseudonyms). */
  iamPath(path: string): string;
  /** The public name of a kind whose descriptor says its names (`redaction.name`): the same in its ARNs and in text; `type` the item's type where the prefix follows it and the inventory lacks the item. */
  kindName(name: KindName, real: string, type?: string): string;
  /** An ECS service's name, keyed by its cluster's name too (service names are unique per cluster only). */
  serviceName(cluster: string, name: string): string;
  /** A queue URL rebuilt around its public host, account and queue name. */
  queueUrl(url: string): string;
  /** An IAM role's name, prefixed by its slot in the task definitions (`task-role-…`, `execution-role-…`, else `role-…`). */
  roleName(name: string): string;
  /** `/api/*` → `/path-k3f9/*`: a URL path, its wildcards, `#{…}` variables and conventional paths (`/health`) kept. */
  urlPath(path: string): string;
  /** A description someone wrote: with identifiers, e-mail and IP addresses replaced under `descriptions: keep`; undefined (left out) under `neutral`. */
  description(text: string): string | undefined;
  /** A trust principal: service principals and well-known identity providers stay, accounts and ARNs become public. */
  principal(principal: TrustPrincipal): TrustPrincipal;
  /** A VPC endpoint's service name: AWS's (`com.amazonaws.<region>.s3`) kept, its region as `region` says; a PrivateLink service's a pseudonym. */
  endpointService(name: string): string;
}

/** The redactor a kind the registry names gets: with the kind's own public name. */
export interface NamedRedactor extends Redactor {
  /** The kind's own public name for a real one (`table-k3f9`, or `web-table` by role): the same in its ARN, in text, in a missing call. */
  name(real: string): string;
}

/** A kind's public names: `<prefix>-k3f9` among the names of `namespace` (or a role-style name in it: `app-db`). */
export interface KindName {
  namespace: string;
  prefix: string;
  /** A suffix AWS requires of some of the kind's names, kept after the public name (a FIFO queue's `.fifo`). */
  suffix?: string;
  /**
   * A prefix by the item's type instead (`application` → `alb`): the type is the item's `field`
   * where the inventory holds the item (by its name), else what the ARN says (`app`, `KindArn.typed`).
   */
  byType?: { field: string; prefixes: Readonly<Record<string, string>> };
}

/**
 * The resource part of a kind's ARNs, `arn:…:<service>:…:<type><separator><name>…`, as
 * `redact/arns.ts` reads it: the type is AWS's word and stays, the name becomes the kind's public
 * name (`KindName`). After `:` the name is the rest (`db:<name>`); after `/` it is one path segment,
 * after an IAM path when `path` says so (`policy/<path><name>`), and `after` says what may follow it.
 */
export interface KindArn {
  service: string;
  /** AWS's resource type before the name (`table`, `db`); empty when the resource starts with the name (an S3 bucket's). */
  type: string;
  separator: '/' | ':';
  /** An IAM path between the type and the name, made public as IAM paths are. */
  path?: true;
  /** AWS's word for the item's type between the resource type and the name (`loadbalancer/app/<name>`): kept, and it says the prefix (`KindName.byType`). */
  typed?: true;
  /**
   * What follows the name: its `parts`, one by one (`<bucket>/<key…>`, `table/<name>/index/<index>`);
   * a `revision`, kept (`task-definition/<family>:<revision>`); AWS's `id`, left out
   * (`targetgroup/<name>/<id>`). Nothing when not given.
   */
  after?: ArnParts | 'revision' | 'id';
}

/** The parts of an ARN after a kind's name: AWS's `words` (and `*`) stay, every other part is a pseudonym of `namespace`. */
export interface ArnParts {
  namespace: string;
  prefix: string;
  words: readonly string[];
}

/**
 * How `--public` copies an item of a kind older than the registry: its public copy
 * (`model/kind-redactions*.ts`), and, where the registry spells them, its public names and the
 * shape of its ARNs; `redact/` still spells the others' by hand (`names.ts`, `arns.ts`; role-style
 * names in `roles.ts`), which the copy reaches through the `Redactor`.
 */
export interface KindCopy<T> {
  /** The kind's public names; the copy asks `kindName` with the same (a `KindName` constant both share). */
  name?: KindName;
  /** The shape of the kind's ARNs (given with `name`: its `<name>` is made public by it). */
  arn?: KindArn;
  /** The item's public copy, rebuilt field by field (a field added later is left out until someone decides: fail closed). */
  copy(item: T, redactor: Redactor): T;
}

/**
 * How `--public` redacts a kind: the public name's namespace and prefix, the shape of its ARNs,
 * its role-style name, the fields the leak guard may let through, and the item's public copy.
 */
export interface KindRedaction<T> {
  /** The pseudonym namespace and public prefix of the kind's names: `table-k3f9`. */
  name: KindName;
  /**
   * The kind's ARNs, `arn:…:<service>:…:<type>/<name>[/<part>…]`: the name becomes its public name,
   * a part in the parts' `words` is AWS's word and stays (`index`, `stream`), another part a
   * pseudonym. A missing call of the service about a resource (`dynamodb:DescribeTable` of a table)
   * names the resource by its public name too.
   */
  arn: KindArn;
  /**
   * The role-style public name (`--public-names roles`): `<service>-<base>` when one ECS service uses
   * it over `usedBy` edges, `shared-<base>` when several do, else `<base>`.
   */
  role: { usedBy: EdgeKind; base: string };
  /** Fields whose values are the design, not identity (`billingMode`): the leak guard lets them through. */
  publicFields: readonly string[];
  /** Fields that hold region names (kept unless `--redact-region`). */
  regionFields: readonly string[];
  /** The item's public copy, rebuilt field by field (a field added later is left out until someone decides: fail closed). */
  redact(item: T, redactor: NamedRedactor): T;
}

/**
 * A kind's part of the page (`render/story-facts.ts` and `story-page.ts` phrase it, after the
 * hand-written kinds): the tagline names the service when the inventory holds one of its kind, and
 * the component card says, one sentence per item some collected service uses over `usedBy`,
 * `<name> <uses> <services> (<guards>).` (`orders keeps items for shop-web (point-in-time recovery).`).
 */
export interface KindPage<T> {
  /** The tagline's word for the service: `…, with SQS, RDS, S3 and DynamoDB in us-east-1.` */
  tagline: string;
  card: {
    /** The story file's `for` key that rewrites the card (`tables`); distinct from every other card's. */
    key: string;
    eyebrow: string;
    title: string;
    /** The edge kind from a service to an item: items no collected service uses are left off the card. */
    usedBy: EdgeKind;
    /** The verb phrase between the item's name and its users: `keeps items for`. */
    uses: string;
    /** The item's safeguards worth saying, in parentheses after its users (undefined: not said). */
    guards(item: T): readonly (string | undefined)[];
  };
}

/**
 * What a table cell may ask for; the render stage supplies it (`model` imports nothing), so cells
 * are written here as data over the item and these helpers.
 */
export interface TableCells {
  index: InventoryIndex;
  /** Edges of one kind arriving at a node. */
  into(kind: EdgeKind, node: NodeRef): Edge[];
  /** Edges of one kind leaving a node. */
  outOf(kind: EdgeKind, node: NodeRef): Edge[];
  /** A multi-value cell: the present values, one per line, or the empty cell. */
  lines(values: readonly (string | undefined)[]): string;
  /** A value, or the empty cell when there is none. */
  text(value: string | number | boolean | undefined | null): string;
  /** `shop-web (env, iam-policy)`: the service an edge leaves and how it reaches its target. */
  serviceWithEvidence(edge: Edge): string;
  /** The empty cell (`-`). */
  empty: string;
}

/** A kind's table as data: its id (`--columns` and the tests know it), title, the data its rows derive from, and its columns. */
export interface KindTable<T> {
  id: string;
  title: string;
  /** A call among these that failed makes the table "not collected" (empty) or "incomplete". */
  needs: readonly DataSource[];
  columns: readonly { header: string; cell(item: T, cells: TableCells): string }[];
}

/** `on` / `off`, or `not collected` when the call that says was not made or failed. */
function onOff(value: boolean | undefined): string {
  return value === undefined ? 'not collected' : value ? 'on' : 'off';
}

const DYNAMO_ENCRYPTION: Record<DynamoTable['encryption']['kind'], string> = { 'aws-owned': 'AWS owned key', kms: 'KMS' };

/**
 * The calls a kind's data is collected by (IAM actions, upstream calls included), declared beside
 * the descriptor for the kinds added since the registry; `model/coverage.ts` adds them to
 * `DATA_SOURCES`, so a table (`needs`), a diagram box (`notCollected`) or a rule can name them.
 * (Outside `KINDS`: the descriptors take their `DataSource` type from these.)
 */
export const REGISTRY_DATA_SOURCES = {
  // DynamoDB tables: listed, then described; point-in-time recovery takes one more call per table.
  dynamoTables: ['dynamodb:ListTables', 'dynamodb:DescribeTable'],
  tableBackups: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'],
} as const satisfies Record<string, readonly string[]>;

const DYNAMODB_TABLE: KindTable<DynamoTable> = {
  id: 'dynamodb-tables',
  title: 'DYNAMODB TABLES',
  needs: ['tableBackups', 'taskDefinitions', 'roles'],
  columns: [
    { header: 'Name', cell: (table) => table.name },
    { header: 'Capacity', cell: (table) => (table.billingMode === 'PAY_PER_REQUEST' ? 'on-demand' : 'provisioned') },
    { header: 'Encryption', cell: (table, cells) => cells.lines([DYNAMO_ENCRYPTION[table.encryption.kind], table.encryption.kmsKeyId]) },
    { header: 'Deletion Protection', cell: (table) => onOff(table.deletionProtection) },
    { header: 'Point-in-time Recovery', cell: (table) => onOff(table.pointInTimeRecovery) },
    { header: 'Stream', cell: (table, cells) => cells.text(table.streamViewType) },
    { header: 'Replicas', cell: (table, cells) => (table.replicaRegions.length > 1 ? cells.lines(table.replicaRegions) : cells.empty) },
    {
      header: 'Used By',
      cell: (table, cells) =>
        cells.lines(
          cells
            .into('service-table', { kind: 'dynamodb-table', id: table.arn })
            .map((edge) => `${cells.serviceWithEvidence(edge)}${edge.attributes.access && edge.attributes.access !== 'unknown' ? ` ${edge.attributes.access}` : ''}`),
        ),
    },
  ],
};

/** `…:task-definition/shop-web:42` → `…:task-definition/shop-web`: a family keeps its identity across revisions. */
export function taskDefinitionFamilyArn(arn: string): string {
  return arn.replace(/:\d+$/, '');
}

function revisionOf(arn: string): number | undefined {
  const match = /:(\d+)$/.exec(arn);
  return match ? Number(match[1]) : undefined;
}

/** `repo/name:tag` → repository and tag (or `@sha256:…` digest), so a new tag alone can be ignored. */
export function splitImage(image: string): { image: string; imageTag?: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { image: image.slice(0, at), imageTag: image.slice(at) };
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { image: image.slice(0, colon), imageTag: image.slice(colon + 1) };
  return { image };
}

function peerText(peer: SgPeer): string {
  if (peer.kind === 'security-group') return peer.ownerId ? `${peer.groupId} (account ${peer.ownerId})` : peer.groupId;
  return peer.kind === 'cidr' ? peer.cidr : peer.prefixListId;
}

/** `tcp 5432 from sg-0b22…` / `all to 0.0.0.0/0 "egress"`: one readable line per rule. */
export function ruleText(rule: SecurityGroupRule, direction: 'from' | 'to'): string {
  const ports =
    rule.fromPort === undefined || rule.fromPort === -1
      ? ''
      : rule.toPort === undefined || rule.toPort === rule.fromPort
        ? ` ${rule.fromPort}`
        : ` ${rule.fromPort}-${rule.toPort}`;
  const description = rule.description ? ` "${rule.description}"` : '';
  return `${rule.protocol}${ports} ${direction} ${peerText(rule.peer)}${description}`;
}

/** `shop-edge-alb HTTP:80`: a listener by its load balancer's name, protocol and port. */
export function listenerName(index: InventoryIndex, listenerArn: string): string {
  const listener = index.listeners.get(listenerArn);
  if (listener === undefined) return arnResourceName(listenerArn);
  const lb = index.loadBalancers.get(listener.loadBalancerArn);
  return `${lb?.name ?? arnResourceName(listener.loadBalancerArn)} ${listener.protocol}:${listener.port}`;
}

/** `com.amazonaws.<region>.` (or `com.amazonaws.vpce.<region>.` for PrivateLink services) before the service's own name. */
const ENDPOINT_SERVICE_PREFIX = /^com\.amazonaws\.(?:vpce\.)?[^.]+\.(.+)$/;

/**
 * The service's own name: `com.amazonaws.us-east-1.secretsmanager` → `secretsmanager`,
 * `com.amazonaws.us-east-1.ecr.api` → `ecr.api` (its last label alone, `api`, would name nothing).
 */
export function endpointServiceShortName(serviceName: string): string {
  const match = ENDPOINT_SERVICE_PREFIX.exec(serviceName);
  if (match?.[1] !== undefined) return match[1];
  const parts = serviceName.split('.');
  return parts[parts.length - 1] ?? serviceName;
}

const byName = (item: { name: string }): string => item.name;
const nameOrId = (item: { id: string; name?: string }): string => item.name ?? item.id;

/** RDS instances and clusters are drawn alike (an instance of a collected cluster as its cluster). */
const DATABASE_BOX = {
  shape: 'database',
  plural: 'databases',
  swatch: { fill: '#dbeafe', stroke: '#1d4ed8' },
  drawio: { shape: 'mxgraph.aws4.rds_instance', fill: '#C925D1' },
  notCollected: { source: 'databases', title: 'RDS databases' },
} as const satisfies DiagramBox;

/** In report order (drift lists kinds in this order; a kind's drift label may use those before it). */
export const KINDS = {
  hostedZones: {
    collection: 'hostedZones',
    kind: 'hosted-zone',
    label: 'Route53 hosted zone',
    idField: 'id',
    idShape: 'zone-id',
    name: (zone) => stripTrailingDot(zone.name),
    drift: { group: 'DNS', label: (zone) => (zone.private ? `${zone.name} (private)` : zone.name) },
    view: 'route53',
    diagram: 'none',
    redaction: { copy: hostedZoneCopy },
    page: null,
    volatile: [],
  },
  dnsRecords: {
    collection: 'dnsRecords',
    kind: 'dns-record',
    label: 'Route53 record',
    idField: 'zoneId',
    id: (record) => dnsRecordId(record),
    idShape: 'dns-record',
    name: (record) => stripTrailingDot(record.name),
    drift: {
      group: 'DNS',
      label: (record) => `${record.name} ${record.type}${record.setIdentifier ? ` (${record.setIdentifier})` : ''}`,
      // DNS names are case-insensitive; Route53 and templates spell them as they were given.
      value: (record) => ({
        ...record,
        name: record.name.toLowerCase(),
        ...(record.aliasTarget ? { aliasTarget: { ...record.aliasTarget, dnsName: record.aliasTarget.dnsName.toLowerCase() } } : {}),
      }),
      identities: ['zoneId'],
    },
    view: 'route53',
    diagram: {
      shape: 'dns-record',
      plural: 'Route53 records',
      swatch: { fill: '#ede9fe', stroke: '#6d28d9' },
      drawio: { shape: 'mxgraph.aws4.route_53', fill: '#8C4FFF' },
      notCollected: { source: 'dnsRecords', title: 'Route53 records' },
    },
    redaction: { copy: dnsRecordCopy },
    page: null,
    volatile: [],
  },
  loadBalancers: {
    collection: 'loadBalancers',
    kind: 'load-balancer',
    label: 'Load balancer',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'Load balancers', label: byName, identities: ['arn', 'name', 'dnsName'] },
    view: 'alb',
    diagram: {
      shape: 'load-balancer',
      plural: 'load balancers',
      swatch: { fill: '#e0f2fe', stroke: '#0369a1' },
      drawio: { shape: 'mxgraph.aws4.application_load_balancer', fill: '#8C4FFF' },
      notCollected: { source: 'loadBalancers', title: 'Load balancers' },
    },
    // Its public name's prefix follows its type (`alb-…`, `nlb-…`), which its ARN, its listeners' and rules' ARNs and its DNS name share.
    // `loadbalancer/<type>/<name>/<id>`; a classic load balancer's `loadbalancer/<name>` and the listeners' and rules' ARNs are read by redact/arns.ts's ELB rule.
    redaction: { name: LOAD_BALANCER_NAME, arn: { service: 'elasticloadbalancing', type: 'loadbalancer', separator: '/', typed: true, after: 'id' }, copy: loadBalancerCopy },
    page: 'hand-written',
    volatile: ['state'],
  },
  listeners: {
    collection: 'listeners',
    kind: 'listener',
    label: 'Listener',
    idField: 'arn',
    idShape: 'arn',
    name: (listener, index) => listenerName(index, listener.arn),
    shortName: (listener) => `${listener.protocol} ${listener.port}`,
    drift: {
      group: 'Listeners and rules',
      label: (listener, names) => `${names.get(listener.loadBalancerArn) ?? arnResourceName(listener.loadBalancerArn)} ${listener.protocol}:${listener.port}`,
      identities: ['arn'],
    },
    view: 'alb-listeners',
    diagram: 'none',
    // No name of its own (keyed by its ARN inside its load balancer's, `redact/arns.ts`); its actions are copied as listener rules' are.
    redaction: { copy: listenerCopy },
    page: null,
    volatile: [],
  },
  listenerRules: {
    collection: 'listenerRules',
    kind: 'listener-rule',
    label: 'Listener rule',
    idField: 'arn',
    idShape: 'arn',
    name: (rule, index) => `${listenerName(index, rule.listenerArn)} rule ${rule.priority}`,
    shortName: (rule) => (rule.priority === 'default' ? 'default rule' : `rule ${rule.priority}`),
    drift: {
      group: 'Listeners and rules',
      label: (rule, names) => `${names.get(rule.listenerArn) ?? arnResourceName(rule.listenerArn)} rule ${rule.priority}`,
      identities: ['arn'],
    },
    view: 'alb-listener-rules',
    diagram: 'none',
    // Conditions by field (HTTP methods kept, host headers, source IPs, URL paths with their wildcards); actions as listeners'.
    redaction: { copy: listenerRuleCopy },
    page: null,
    volatile: [],
  },
  targetGroups: {
    collection: 'targetGroups',
    kind: 'target-group',
    label: 'Target group',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'Target groups', label: byName },
    view: 'target-groups',
    diagram: {
      shape: 'target-group',
      plural: 'target groups',
      swatch: { fill: '#f0f9ff', stroke: '#0284c7' },
      drawio: { shape: 'mxgraph.aws4.elastic_load_balancing', fill: '#8C4FFF' },
      notCollected: { source: 'targetGroups', title: 'Target groups' },
    },
    // Health-check paths as rules' URL paths; outside users (`AWS::EC2::LaunchTemplate …`) as security groups'.
    redaction: { name: TARGET_GROUP_NAME, arn: { service: 'elasticloadbalancing', type: 'targetgroup', separator: '/', after: 'id' }, copy: targetGroupCopy },
    page: null,
    volatile: ['targetHealth'],
  },
  clusters: {
    collection: 'clusters',
    kind: 'ecs-cluster',
    label: 'ECS cluster',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'ECS clusters and services', label: byName },
    view: 'ecs-services',
    diagram: 'none',
    redaction: { name: ECS_CLUSTER_NAME, arn: { service: 'ecs', type: 'cluster', separator: '/' }, copy: clusterCopy },
    page: null,
    volatile: [],
  },
  services: {
    collection: 'services',
    kind: 'ecs-service',
    label: 'ECS service',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: {
      group: 'ECS clusters and services',
      label: byName,
      value: ({ taskDefinitionArn, ...service }) => ({
        ...service,
        taskDefinition: taskDefinitionFamilyArn(taskDefinitionArn),
        taskDefinitionRevision: revisionOf(taskDefinitionArn),
      }),
    },
    view: 'ecs-services',
    diagram: {
      shape: 'ecs-service',
      plural: 'ECS services',
      swatch: { fill: '#ffedd5', stroke: '#c2410c' },
      drawio: { shape: 'mxgraph.aws4.ecs_service', fill: '#ED7100' },
      notCollected: { source: 'ecsServices', title: 'ECS services' },
    },
    // Its public name is keyed by its cluster too (`Redactor.serviceName`: names are unique per cluster only), the same in ARNs and text.
    redaction: { copy: serviceCopy },
    page: 'hand-written',
    volatile: ['runningCount', 'status'],
  },
  taskDefinitions: {
    collection: 'taskDefinitions',
    kind: 'task-definition',
    label: 'Task definition',
    idField: 'arn',
    idShape: 'arn',
    name: (definition) => `${definition.family}:${definition.revision}`,
    drift: {
      group: 'Task definitions',
      key: (definition) => taskDefinitionFamilyArn(definition.arn),
      label: (definition) => definition.family,
      value: (definition) => ({ ...definition, containers: definition.containers.map((c) => ({ ...c, ...splitImage(c.image) })) }),
      identities: ['arn', 'family'],
    },
    view: 'ecs-services',
    diagram: 'none',
    redaction: { name: TASK_FAMILY_NAME, arn: { service: 'ecs', type: 'task-definition', separator: '/', after: 'revision' }, copy: taskDefinitionCopy },
    page: null,
    volatile: [],
  },
  securityGroups: {
    collection: 'securityGroups',
    kind: 'security-group',
    label: 'Security group',
    idField: 'id',
    idShape: 'ec2-id',
    nameField: 'name',
    name: byName,
    drift: {
      group: 'Security groups and rules',
      label: byName,
      value: (group) => ({
        ...group,
        inbound: group.inbound.map((rule) => ruleText(rule, 'from')),
        outbound: group.outbound.map((rule) => ruleText(rule, 'to')),
      }),
    },
    view: 'security-groups',
    diagram: {
      shape: 'security-group',
      plural: 'security groups',
      swatch: { fill: '#fef3c7', stroke: '#b45309' },
      drawio: { shape: 'mxgraph.aws4.security_group', fill: '#DD344C' },
      notCollected: null,
    },
    // Its descriptions are kept (scrubbed) or made neutral by the redaction config (`Redactor.description`).
    redaction: { copy: securityGroupCopy },
    page: null,
    volatile: [],
  },
  vpcs: {
    collection: 'vpcs',
    kind: 'vpc',
    label: 'VPC',
    idField: 'id',
    idShape: 'ec2-id',
    nameField: 'name',
    name: nameOrId,
    drift: { group: 'Network', label: nameOrId },
    view: null,
    diagram: 'none',
    redaction: { copy: vpcCopy },
    page: null,
    volatile: [],
  },
  subnets: {
    collection: 'subnets',
    kind: 'subnet',
    label: 'Subnet',
    idField: 'id',
    idShape: 'ec2-id',
    nameField: 'name',
    name: nameOrId,
    drift: { group: 'Network', label: nameOrId, identities: ['id', 'name', 'routeTableId', 'defaultRoute.targetId'] },
    view: null,
    diagram: 'none',
    redaction: { copy: subnetCopy },
    page: null,
    volatile: [],
  },
  vpcPeerings: {
    collection: 'vpcPeerings',
    kind: 'vpc-peering',
    label: 'VPC peering connection',
    idField: 'id',
    idShape: 'ec2-id',
    name: (peering) => peering.id,
    drift: { group: 'Network', label: (peering) => `peering ${peering.requester.vpcId} → ${peering.accepter.vpcId}`, identities: ['id'] },
    view: 'vpc-connections',
    diagram: 'none',
    redaction: { copy: vpcPeeringCopy },
    page: null,
    volatile: [],
    // The requester creates the connection; the accepter's account sees the same pcx-… id.
    owner: (peering) => peering.requester.accountId,
  },
  transitGatewayAttachments: {
    collection: 'transitGatewayAttachments',
    kind: 'transit-gateway-attachment',
    label: 'Transit gateway attachment',
    idField: 'id',
    idShape: 'ec2-id',
    name: (attachment) => attachment.id,
    drift: { group: 'Network', label: (attachment) => `${attachment.transitGatewayId} ← ${attachment.vpcId}`, identities: ['id'] },
    view: 'vpc-connections',
    diagram: 'none',
    redaction: { copy: transitGatewayAttachmentCopy },
    page: null,
    volatile: ['state'],
    // The VPC's account owns its attachment; the transit gateway's account sees it too.
    owner: (attachment) => attachment.vpcOwnerId,
  },
  vpcEndpoints: {
    collection: 'vpcEndpoints',
    kind: 'vpc-endpoint',
    label: 'VPC endpoint',
    idField: 'id',
    idShape: 'ec2-id',
    name: (endpoint) => endpoint.serviceName,
    shortName: (endpoint) => endpointServiceShortName(endpoint.serviceName),
    drift: { group: 'VPC endpoints', label: (endpoint) => endpoint.serviceName, identities: ['id'] },
    view: 'vpc-endpoints',
    diagram: {
      shape: 'vpc-endpoint',
      plural: 'VPC endpoints',
      swatch: { fill: '#f3f4f6', stroke: '#4b5563' },
      drawio: { shape: 'mxgraph.aws4.vpc_privatelink', fill: '#8C4FFF' },
      notCollected: { source: 'vpcEndpoints', title: 'VPC endpoints' },
    },
    // AWS's service names stay, with their region redacted inside them (`Redactor.endpointService`).
    redaction: { copy: vpcEndpointCopy },
    page: 'hand-written',
    volatile: ['state'],
  },
  dbInstances: {
    collection: 'dbInstances',
    kind: 'db-instance',
    label: 'RDS instance',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'identifier',
    name: (db) => db.identifier,
    drift: { group: 'Databases', label: (db) => db.identifier, identities: ['arn', 'identifier', 'endpoint.address'] },
    linkType: 'instance',
    view: 'rds',
    diagram: DATABASE_BOX,
    redaction: { name: DB_INSTANCE_NAME, arn: { service: 'rds', type: 'db', separator: ':' }, copy: dbInstanceCopy },
    page: 'hand-written',
    volatile: ['status'],
  },
  dbClusters: {
    collection: 'dbClusters',
    kind: 'db-cluster',
    label: 'RDS cluster',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'identifier',
    name: (db) => db.identifier,
    drift: { group: 'Databases', label: (db) => db.identifier, identities: ['arn', 'identifier', 'endpoint', 'readerEndpoint'] },
    linkType: 'cluster',
    view: 'rds',
    diagram: DATABASE_BOX,
    redaction: { name: DB_CLUSTER_NAME, arn: { service: 'rds', type: 'cluster', separator: ':' }, copy: dbClusterCopy },
    page: 'hand-written',
    volatile: ['status'],
  },
  buckets: {
    collection: 'buckets',
    kind: 'bucket',
    label: 'S3 bucket',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'Buckets', label: byName },
    view: 's3-buckets',
    diagram: {
      shape: 'bucket',
      plural: 'S3 buckets',
      swatch: { fill: '#dcfce7', stroke: '#15803d' },
      drawio: { shape: 'mxgraph.aws4.bucket', fill: '#7AA116' },
      notCollected: { source: 'buckets', title: 'S3 buckets' },
    },
    redaction: {
      name: BUCKET_NAME,
      // `<bucket>` and `<bucket>/<key…>`: each part of an object key a pseudonym (`*` kept).
      arn: { service: 's3', type: '', separator: '/', after: { namespace: 's3-key', prefix: 'path', words: [] } },
      copy: bucketCopy,
    },
    page: 'hand-written',
    volatile: [],
  },
  queues: {
    collection: 'queues',
    kind: 'queue',
    label: 'SQS queue',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'Queues', label: byName, identities: ['arn', 'name', 'url'] },
    view: 'sqs-queues',
    diagram: {
      shape: 'queue',
      plural: 'SQS queues',
      swatch: { fill: '#fce7f3', stroke: '#be185d' },
      drawio: { shape: 'mxgraph.aws4.queue', fill: '#E7157B' },
      notCollected: { source: 'queues', title: 'SQS queues' },
    },
    // A FIFO queue keeps `.fifo` (`suffix`) and its URL is rebuilt around its public name (`Redactor.queueUrl`), the same in ARNs and text.
    redaction: { name: QUEUE_NAME, arn: { service: 'sqs', type: '', separator: '/' }, copy: queueCopy },
    page: 'hand-written',
    volatile: [],
  },
  dynamoTables: {
    collection: 'dynamoTables',
    kind: 'dynamodb-table',
    label: 'DynamoDB table',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'DynamoDB tables', label: byName },
    linkType: 'table',
    view: DYNAMODB_TABLE,
    diagram: {
      shape: 'table',
      plural: 'DynamoDB tables',
      swatch: { fill: '#e0e7ff', stroke: '#4338ca' },
      drawio: { shape: 'mxgraph.aws4.dynamodb', fill: '#C925D1' },
      notCollected: { source: 'dynamoTables', title: 'DynamoDB tables' },
      regional: {
        region: (table) => table.region,
        subtitle: (table) => (table.replicaRegions.length > 1 ? `DynamoDB global table · ${table.replicaRegions.length} regions` : 'DynamoDB table'),
      },
    },
    redaction: {
      name: { namespace: 'dynamodb-table', prefix: 'table' },
      arn: { service: 'dynamodb', type: 'table', separator: '/', after: { namespace: 'dynamodb-part', prefix: 'part', words: ['index', 'stream', 'backup', 'export', 'import'] } },
      role: { usedBy: 'service-table', base: 'table' },
      publicFields: ['billingMode', 'streamViewType'],
      regionFields: ['replicaRegions'],
      redact: (table, r) => ({
        name: r.name(table.name),
        arn: r.arn(table.arn),
        region: r.region(table.region),
        ...(table.status === undefined ? {} : { status: table.status }),
        billingMode: table.billingMode,
        encryption: { kind: table.encryption.kind, ...(table.encryption.kmsKeyId === undefined ? {} : { kmsKeyId: r.kmsKey(table.encryption.kmsKeyId) }) },
        deletionProtection: table.deletionProtection,
        ...(table.pointInTimeRecovery === undefined ? {} : { pointInTimeRecovery: table.pointInTimeRecovery }),
        ...(table.streamViewType === undefined ? {} : { streamViewType: table.streamViewType }),
        replicaRegions: table.replicaRegions.map((region) => r.region(region)),
      }),
    },
    page: {
      tagline: 'DynamoDB',
      card: {
        key: 'tables',
        eyebrow: 'Key-value store',
        title: 'DynamoDB',
        usedBy: 'service-table',
        uses: 'keeps items for',
        guards: (table) => [table.pointInTimeRecovery ? 'point-in-time recovery' : undefined, table.deletionProtection ? 'deletion protection' : undefined],
      },
    },
    volatile: ['status'],
  },
  roles: {
    collection: 'roles',
    kind: 'iam-role',
    label: 'IAM role',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'IAM roles and policies', label: byName },
    view: 'iam-roles',
    diagram: 'none',
    // Its public prefix is its slot (`task-role-…`, `execution-role-…`, learned from the task definitions: `Redactor.roleName`); trust principals as policies' (`Redactor.principal`).
    redaction: { copy: roleCopy },
    page: 'hand-written',
    volatile: [],
  },
  managedPolicies: {
    collection: 'managedPolicies',
    kind: 'managed-policy',
    label: 'IAM managed policy',
    idField: 'arn',
    idShape: 'arn',
    nameField: 'name',
    name: byName,
    drift: { group: 'IAM roles and policies', label: byName },
    view: 'iam-roles',
    diagram: 'none',
    // AWS managed policies' ARNs (`arn:aws:iam::aws:policy/…`) are kept whole before their shape is read.
    redaction: { name: MANAGED_POLICY_NAME, arn: { service: 'iam', type: 'policy', separator: '/', path: true }, copy: managedPolicyCopy },
    page: null,
    volatile: [],
  },
} satisfies Registry;

/** The diagram shapes the registry draws: a shape given to a descriptor's box is a diagram node kind, with its box. */
export type DrawnShape = { [C in CollectionKey]: (typeof KINDS)[C]['diagram'] extends { shape: infer S } ? S : never }[CollectionKey];

/** Loosely typed view of one descriptor, for code that walks every kind. */
export type AnyKindDescriptor = KindDescriptor<CollectionKey>;

/** Every descriptor, in report order. */
export const KIND_LIST: readonly AnyKindDescriptor[] = Object.values(KINDS as Registry) as unknown as AnyKindDescriptor[];

/** A kind the page phrases from its descriptor (`page` other than `hand-written` or null), with that part. */
export interface PageKind {
  descriptor: AnyKindDescriptor;
  page: KindPage<ItemOf<CollectionKey>>;
}

/** The kinds whose tagline word and component card come from the registry, in report order. */
export const PAGE_KINDS: readonly PageKind[] = KIND_LIST.flatMap((descriptor) =>
  descriptor.page === null || descriptor.page === 'hand-written' ? [] : [{ descriptor, page: descriptor.page }],
);

/** The id of an item of a kind (node id, index key). */
export function idOf<C extends CollectionKey>(descriptor: KindDescriptor<C>, item: ItemOf<C>): string {
  return descriptor.id ? descriptor.id(item) : String((item as unknown as Record<string, unknown>)[descriptor.idField]);
}

/** Node kinds that are not inventory resources: what they are called and how their ids are spelled. */
const OTHER_NODES = {
  cidr: { label: 'CIDR', idShape: 'cidr' },
  'prefix-list': { label: 'Prefix list', idShape: 'ec2-id' },
  'service-mode': { label: 'Storage mode', idShape: 'plain' },
} as const;

type ResourceNodeKind = Exclude<NodeKind, keyof typeof OTHER_NODES>;

/** The collection behind each node kind an edge may point at; checked both ways by the compiler. */
const NODE_COLLECTIONS = {
  'dns-record': 'dnsRecords',
  'load-balancer': 'loadBalancers',
  listener: 'listeners',
  'listener-rule': 'listenerRules',
  'target-group': 'targetGroups',
  'ecs-service': 'services',
  'security-group': 'securityGroups',
  'vpc-endpoint': 'vpcEndpoints',
  'db-instance': 'dbInstances',
  'db-cluster': 'dbClusters',
  bucket: 'buckets',
  queue: 'queues',
  'dynamodb-table': 'dynamoTables',
  'iam-role': 'roles',
  vpc: 'vpcs',
} as const satisfies { [N in ResourceNodeKind]: CollectionKey };

// Each node kind's collection descriptor carries the node kind as its `kind`.
type KindOfCollection<C extends CollectionKey> = (typeof KINDS)[C]['kind'];
type DisagreeingNodeKinds = { [N in ResourceNodeKind]: KindOfCollection<(typeof NODE_COLLECTIONS)[N]> extends N ? never : N }[ResourceNodeKind];
const nodeKindsAgree: [DisagreeingNodeKinds] extends [never] ? true : DisagreeingNodeKinds = true;
void nodeKindsAgree;

/** The descriptor of the resource a node stands for; undefined for CIDRs, prefix lists and storage modes. */
export function nodeDescriptor(kind: NodeKind): AnyKindDescriptor | undefined {
  const collection = (NODE_COLLECTIONS as Partial<Record<NodeKind, CollectionKey>>)[kind];
  return collection === undefined ? undefined : (KINDS[collection] as unknown as AnyKindDescriptor);
}

/** How a node's id is spelled (and so redacted). */
export function nodeIdShape(kind: NodeKind): IdShape | 'cidr' | 'plain' {
  return nodeDescriptor(kind)?.idShape ?? (OTHER_NODES as Record<string, { idShape: IdShape | 'cidr' | 'plain' }>)[kind]!.idShape;
}

/** `S3 bucket`, `CIDR`: what a reader calls a node of this kind. */
export function nodeKindLabel(kind: NodeKind): string {
  return nodeDescriptor(kind)?.label ?? (OTHER_NODES as Record<string, { label: string }>)[kind]!.label;
}

/** The short type word before a link's target in the link tables (`queue:shop-jobs`, `instance:shop-db`). */
export function nodeLinkType(kind: NodeKind): string {
  return nodeDescriptor(kind)?.linkType ?? kind;
}

/** Every node kind's label, for tables keyed by kind. */
export const NODE_KIND_LABELS: Record<NodeKind, string> = Object.fromEntries(
  [...Object.keys(NODE_COLLECTIONS), ...Object.keys(OTHER_NODES)].map((kind) => [kind, nodeKindLabel(kind as NodeKind)]),
) as Record<NodeKind, string>;

/**
 * The name a reviewer knows a node by, from the inventory; undefined when the inventory lacks the
 * resource (or the node is a CIDR, prefix list or mode). `short` drops the parent's name.
 */
export function resourceName(index: InventoryIndex, node: NodeRef, form: 'full' | 'short' = 'full'): string | undefined {
  const descriptor = nodeDescriptor(node.kind);
  if (descriptor === undefined) return undefined;
  const item = index[descriptor.collection].get(node.id) as ItemOf<CollectionKey> | undefined;
  if (item === undefined) return undefined;
  const name = form === 'short' && descriptor.shortName ? descriptor.shortName : descriptor.name;
  return name(item, index);
}

/** A stand-in name from the id alone: an ARN's resource name, a DNS record's name, else the id. */
export function nameFromId(node: NodeRef): string {
  const shape = nodeIdShape(node.kind);
  if (shape === 'arn') return arnResourceName(node.id);
  if (shape === 'dns-record') return stripTrailingDot(node.id.split('|')[1] ?? node.id);
  return node.id;
}

export function indexInventory(inventory: Inventory): InventoryIndex {
  const index: Partial<Record<CollectionKey, Map<string, unknown>>> = {};
  for (const descriptor of KIND_LIST) {
    const items = inventory[descriptor.collection] as ItemOf<CollectionKey>[];
    index[descriptor.collection] = new Map(items.map((item) => [idOf(descriptor, item), item]));
  }
  return index as InventoryIndex;
}

// ---------------------------------------------------------------- edge kinds

/** A diagram arrow's look: colour, dashes, pen width. */
export interface ArrowStyle {
  color: string;
  dashed: boolean;
  weight: number;
}

/**
 * What each stage knows about an edge kind beyond its ends: its drift heading, the link table that
 * lists its evidence, and how the diagram draws it.
 */
export interface EdgeKindDescriptor {
  /** The drift report's heading for edges of the kind; null: drift leaves them out. */
  drift: string | null;
  /** The table listing one row per evidence item of the kind (render/views), with the data its rows derive from. */
  linkTable?: { id: string; title: string; needs: readonly DataSource[] };
  /**
   * A service uses its target over the AWS API (queues, buckets, tables): the diagram draws such a
   * regional target only when a service uses it.
   */
  serviceUses?: true;
  /** The diagram's arrow for the kind, when it is drawn by the registry: the arrow kind (its CSS class `flow-<kind>`), look and label. */
  arrow?: { kind: string; style: ArrowStyle; label(edge: Edge): string };
}

/** The label of an arrow to an AWS API (S3, SQS, DynamoDB): what a service reaches it over. */
export const AWS_API_ARROW_LABEL = 'HTTPS 443';

/** Every edge kind, in report order (drift headings, link tables); a new edge kind fails the build until it is here. */
export const EDGE_KINDS = {
  'dns-alias': { drift: 'Links: DNS → load balancer' },
  'lb-listener': { drift: 'Links: load balancer → listener' },
  'listener-rule': { drift: 'Links: listener → rule' },
  'rule-target': { drift: 'Links: rule → target group' },
  'target-service': { drift: 'Links: target group → ECS service' },
  // Mirrors the inbound rules, which drift compares on their security groups (outbound rules too).
  'sg-ingress': { drift: null },
  'service-db': {
    drift: 'Links: ECS → RDS',
    linkTable: { id: 'ecs-rds-links', title: 'ECS TO RDS LINKS', needs: ['taskDefinitions', 'databases', 'securityGroups'] },
  },
  'service-bucket': {
    drift: 'Links: ECS → S3',
    linkTable: { id: 'ecs-s3-links', title: 'ECS TO S3 LINKS', needs: ['taskDefinitions', 'roles', 'buckets'] },
    serviceUses: true,
  },
  'service-queue': {
    drift: 'Links: ECS → SQS',
    linkTable: { id: 'ecs-sqs-links', title: 'ECS TO SQS LINKS', needs: ['taskDefinitions', 'roles', 'queues'] },
    serviceUses: true,
  },
  'service-table': {
    drift: 'Links: ECS → DynamoDB',
    linkTable: { id: 'ecs-dynamodb-links', title: 'ECS TO DYNAMODB LINKS', needs: ['taskDefinitions', 'roles', 'dynamoTables'] },
    serviceUses: true,
    arrow: {
      kind: 'table',
      style: { color: '#4338ca', dashed: false, weight: 1.3 },
      label: (edge) => {
        const access = edge.attributes.access ?? 'unknown';
        return access === 'unknown' ? AWS_API_ARROW_LABEL : `${access} · ${AWS_API_ARROW_LABEL}`;
      },
    },
  },
  'service-endpoint': { drift: 'Links: ECS → VPC endpoints' },
  'service-role': { drift: 'Links: ECS → IAM roles' },
  'cross-account-access': { drift: 'Links: across accounts (resource policies)' },
  'cross-account-trust': { drift: 'Links: across accounts (role trust)' },
  'vpc-peering': { drift: 'Links: VPC peering' },
  'vpc-transit-gateway': { drift: 'Links: VPCs on one transit gateway' },
} as const satisfies Record<EdgeKind, EdgeKindDescriptor>;

/** Every edge kind's descriptor, loosely typed, in report order. */
export const EDGE_KIND_LIST: readonly (EdgeKindDescriptor & { edgeKind: EdgeKind })[] = Object.entries(EDGE_KINDS as Record<EdgeKind, EdgeKindDescriptor>).map(
  ([edgeKind, descriptor]) => ({ edgeKind: edgeKind as EdgeKind, ...descriptor }),
);

export function edgeKindDescriptor(kind: EdgeKind): EdgeKindDescriptor {
  return (EDGE_KINDS as Record<EdgeKind, EdgeKindDescriptor>)[kind];
}

/** The diagram arrow kinds the registry draws (`arrow` of an edge kind). */
export type RegistryArrowKind = { [K in EdgeKind]: (typeof EDGE_KINDS)[K] extends { arrow: { kind: infer A } } ? A : never }[EdgeKind];
