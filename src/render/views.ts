import { PUBLIC_INTERNET_CIDRS } from '../model/network.js';
import {
  serviceTrafficGroups,
  SEVERITIES,
  arnResourceName,
  dnsRecordId,
  indexInventory,
  nameFromId,
  ref,
  resourceName,
  stripTrailingDot,
  unique,
  type AwsServiceName,
  type DbCluster,
  type DbInstance,
  type Edge,
  type EdgeKind,
  type Evidence,
  type Finding,
  type InventoryIndex,
  type Listener,
  type ListenerAction,
  type MatchType,
  type NodeKind,
  type NodeRef,
  type SecurityGroupRule,
  type SgPeer,
  type Topology,
  type TrustPrincipal,
  type Warning,
} from '../model/index.js';
import { missingData, notCollected, type DataSource } from '../model/coverage.js';

/**
 * The one place that turns a topology into table content. The terminal tables, the Markdown
 * document and the HTML page all render these views, so nothing here is format-specific:
 * cells are plain text, a multi-value cell is its values joined with '\n', an empty cell is `-`.
 */
export interface TableView {
  id: string;
  title: string;
  columns: string[];
  rows: string[][];
  /** Why the table is empty when that is not simply "nothing there" (e.g. the calls were denied). */
  emptyMessage?: string;
  /** Shown above the rows when some of the calls they derive from failed: the rows are incomplete. */
  note?: string;
}

export const EMPTY_CELL = '-';

export const PUBLIC_MODE_MESSAGE =
  'Public mode enabled: infrastructure identifiers, endpoints, ARNs, and sensitive values have been redacted.';

export const REDACTED_VALUE = '<redacted>';

/** Evidence whose matched value comes from environment variables or policies: hidden in --public output. */
const VALUE_BEARING_MATCHES = new Set<MatchType>(['env', 'secret', 'iam-policy', 'service-mode']);

/** A table: what it is called, its columns, and how its rows come out of the topology. */
interface TableSpec {
  id: string;
  title: string;
  columns: string[];
  /** The data the rows and cells derive from: a call among them that failed makes the table "not collected". */
  needs: DataSource[];
  rows(context: ViewContext): string[][];
}

const LINK_COLUMNS = ['ECS Service', 'Target Type', 'Target ID', 'Match Type', 'Match', 'Found In'];

const TABLES: TableSpec[] = [
  {
    id: 'route53',
    title: 'ROUTE53',
    columns: ['Hosted Zone', 'Record', 'Type', 'Target', 'ALB Name', 'ALB DNS', 'Region'],
    needs: ['dnsRecords', 'loadBalancers'],
    rows: route53Rows,
  },
  {
    id: 'alb',
    title: 'ALB',
    columns: ['Name', 'Type', 'Scheme', 'State', 'VPC', 'Subnets', 'Security Groups', 'DNS'],
    needs: ['loadBalancers', 'securityGroups'],
    rows: loadBalancerRows,
  },
  {
    id: 'alb-listeners',
    title: 'ALB LISTENERS',
    columns: ['Listener', 'Protocol', 'Port', 'Certificates', 'Action Types', 'Target Groups'],
    needs: ['listenerCertificates', 'targetGroups'],
    rows: listenerRows,
  },
  {
    id: 'alb-listener-rules',
    title: 'ALB LISTENER RULES',
    columns: ['Listener', 'Rule', 'Priority', 'Conditions', 'Actions', 'Target Groups'],
    needs: ['listenerRules', 'targetGroups'],
    rows: listenerRuleRows,
  },
  {
    id: 'target-groups',
    title: 'TARGET GROUPS',
    columns: ['Name', 'Protocol', 'Port', 'Target Type', 'Health Check', 'Healthy/Total', 'ECS Services'],
    needs: ['targetHealth', 'ecsServices'],
    rows: targetGroupRows,
  },
  {
    id: 'ecs-services',
    title: 'ECS SERVICES',
    columns: [
      'Cluster',
      'Service',
      'Desired',
      'Task Definition',
      'Task Role',
      'Execution Role',
      'ALB Usage',
      'Subnets',
      'Security Groups',
      'SG Connections',
      'RDS Links',
      'S3 Links',
      'SQS Links',
    ],
    needs: ['taskDefinitions', 'roles', 'loadBalancers', 'targetGroups', 'securityGroups', 'databases', 'buckets', 'queues'],
    rows: ecsServiceRows,
  },
  {
    id: 'iam-roles',
    title: 'IAM ROLES',
    columns: ['Role', 'ARN', 'Path', 'Principal', 'Managed Policies', 'Inline Policies', 'Used By'],
    needs: ['roles'],
    rows: iamRoleRows,
  },
  {
    id: 'security-groups',
    title: 'SECURITY GROUPS',
    columns: ['Name', 'ID', 'VPC', 'Description', 'Inbound Security Groups', 'Inbound Rules', 'Outbound Rules'],
    needs: ['securityGroups'],
    rows: securityGroupRows,
  },
  {
    id: 'vpc-endpoints',
    title: 'VPC ENDPOINTS',
    columns: ['Endpoint ID', 'Service', 'Type', 'VPC', 'Subnets', 'Security Groups', 'Private DNS', 'State', 'Reachable From'],
    needs: ['vpcEndpoints', 'ecsServices', 'subnets', 'routeTables', 'securityGroups'],
    rows: vpcEndpointRows,
  },
  {
    id: 'rds',
    title: 'RDS',
    columns: ['Identifier', 'Kind', 'Engine', 'Status', 'Endpoint', 'Port', 'VPC', 'Security Groups', 'Public', 'Multi-AZ', 'Encrypted'],
    needs: ['databases', 'securityGroups'],
    rows: rdsRows,
  },
  {
    id: 'sqs-queues',
    title: 'SQS QUEUES',
    columns: ['Name', 'URL', 'Type', 'DLQ / Redrive', 'Encryption', 'Producers', 'Consumers', 'Direction Unknown'],
    needs: ['queues', 'taskDefinitions', 'roles'],
    rows: sqsQueueRows,
  },
  {
    id: 's3-buckets',
    title: 'S3 BUCKETS',
    columns: ['Name', 'Region', 'Public Access Block', 'Encryption', 'Used By'],
    needs: ['bucketSettings', 'taskDefinitions', 'roles'],
    rows: s3BucketRows,
  },
  { id: 'ecs-rds-links', title: 'ECS TO RDS LINKS', columns: LINK_COLUMNS, needs: ['taskDefinitions', 'databases', 'securityGroups'], rows: (context) => serviceLinkRows(context, 'service-db') },
  { id: 'ecs-s3-links', title: 'ECS TO S3 LINKS', columns: LINK_COLUMNS, needs: ['taskDefinitions', 'roles', 'buckets'], rows: (context) => serviceLinkRows(context, 'service-bucket') },
  { id: 'ecs-sqs-links', title: 'ECS TO SQS LINKS', columns: LINK_COLUMNS, needs: ['taskDefinitions', 'roles', 'queues'], rows: (context) => serviceLinkRows(context, 'service-queue') },
  { id: 'warnings', title: 'WARNINGS', columns: ['Level', 'Code', 'Message'], needs: [], rows: warningRows },
];

export function topologyTables(topology: Topology): TableView[] {
  const context = viewContext(topology);
  return TABLES.map((spec) => {
    const view: TableView = { id: spec.id, title: spec.title, columns: spec.columns, rows: spec.rows(context) };
    const missing = missingData(topology.inventory.coverage, spec.needs);
    if (missing.length > 0 && view.rows.length === 0) view.emptyMessage = `(${notCollected(missing)}; see WARNINGS)`;
    else if (missing.length > 0) view.note = `Incomplete: ${notCollected(missing)}; see WARNINGS.`;
    return view;
  });
}

// ---------------------------------------------------------------- context and lookups

interface ViewContext {
  topology: Topology;
  index: InventoryIndex;
  /** Edges of one kind leaving a node. */
  outOf(kind: EdgeKind, node: NodeRef): Edge[];
  /** Edges of one kind arriving at a node. */
  into(kind: EdgeKind, node: NodeRef): Edge[];
}

function viewContext(topology: Topology): ViewContext {
  const bySource = groupBy(topology.edges, (edge) => edgeKey(edge.kind, edge.from));
  const byTarget = groupBy(topology.edges, (edge) => edgeKey(edge.kind, edge.to));
  return {
    topology,
    index: indexInventory(topology.inventory),
    outOf: (kind, node) => bySource.get(edgeKey(kind, node)) ?? [],
    into: (kind, node) => byTarget.get(edgeKey(kind, node)) ?? [],
  };
}

function edgeKey(kind: EdgeKind, node: NodeRef): string {
  return `${kind}\u0000${node.kind}\u0000${node.id}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function nameIn<T extends { name: string }>(map: Map<string, T>, key: string): string {
  return map.get(key)?.name ?? arnResourceName(key);
}

function securityGroupLabel(index: InventoryIndex, id: string): string {
  const group = index.securityGroups.get(id);
  return group ? `${group.name} (${id})` : id;
}

function securityGroupsCell(index: InventoryIndex, ids: string[]): string {
  return lines(ids.map((id) => securityGroupLabel(index, id)));
}

/** The name a reader knows a correlated node by; security groups add their id, CIDRs their alias. */
function nodeName(index: InventoryIndex, node: NodeRef): string {
  if (node.kind === 'security-group') return securityGroupLabel(index, node.id);
  if (node.kind === 'cidr') return cidrLabel(node.id);
  return resourceName(index, node) ?? nameFromId(node);
}

const LINK_TARGET_TYPES: Partial<Record<NodeKind, string>> = {
  'db-instance': 'instance',
  'db-cluster': 'cluster',
  bucket: 'bucket',
  'service-mode': 'service-mode',
  queue: 'queue',
};

function linkTargetType(node: NodeRef): string {
  return LINK_TARGET_TYPES[node.kind] ?? node.kind;
}

/** A storage-mode match is an environment variable: it reads as `env`, like the page shows it. */
function evidenceLabel(evidence: Evidence): string {
  return evidence.matchType === 'service-mode' ? 'env' : evidence.matchType;
}

function evidenceLabels(edge: Edge): string {
  return unique(edge.evidence.map(evidenceLabel)).join(', ');
}

// ---------------------------------------------------------------- cell helpers

function text(value: string | number | boolean | undefined | null): string {
  return value === undefined || value === null || value === '' ? EMPTY_CELL : String(value);
}

/** A multi-value cell: present values, one per line, or `-`. */
function lines(values: readonly (string | undefined)[]): string {
  const present = unique(values.filter((value): value is string => value !== undefined && value !== ''));
  return present.length === 0 ? EMPTY_CELL : present.join('\n');
}

function cidrLabel(cidr: string): string {
  return PUBLIC_INTERNET_CIDRS.has(cidr) ? 'public-internet' : cidr;
}

/** `tcp 3000`, `tcp 1024-65535`, `tcp all ports`, `all traffic`. */
export function portSpec(protocol: string | undefined, fromPort?: number, toPort?: number): string {
  if (protocol === undefined) return EMPTY_CELL;
  if (protocol === 'all' || protocol === '-1') return 'all traffic';
  if (protocol.startsWith('icmp')) return fromPort === undefined || fromPort === -1 ? protocol : `${protocol} type ${fromPort}`;
  if (fromPort === undefined || toPort === undefined || fromPort === -1) return `${protocol} all ports`;
  return fromPort === toPort ? `${protocol} ${fromPort}` : `${protocol} ${fromPort}-${toPort}`;
}

function peerLabel(index: InventoryIndex, peer: SgPeer): string {
  switch (peer.kind) {
    case 'security-group':
      return `SG ${securityGroupLabel(index, peer.groupId)}`;
    case 'cidr':
      return `CIDR ${cidrLabel(peer.cidr)}`;
    case 'prefix-list':
      return `Prefix list ${peer.prefixListId}`;
  }
}

/** `SG shop-alb-sg (sg-1); tcp 3000`, `CIDR public-internet; tcp 443; description` (no `|`: tables draw with it). */
function ruleLine(index: InventoryIndex, rule: SecurityGroupRule): string {
  const parts = [peerLabel(index, rule.peer), portSpec(rule.protocol, rule.fromPort, rule.toPort)];
  if (rule.description) parts.push(rule.description);
  return parts.join('; ');
}

function principalLine(principal: TrustPrincipal): string {
  return principal.type === '*' ? '*' : `${principal.type}: ${principal.value}`;
}

/** Why a table is empty, when the service that fills it was not (fully) collected. */
// ---------------------------------------------------------------- Route53 and load balancers

function route53Rows({ topology, index, outOf }: ViewContext): string[][] {
  const zones = new Map(topology.inventory.hostedZones.map((zone) => [zone.id, zone]));
  return topology.inventory.dnsRecords
    .filter((record) => record.aliasTarget !== undefined || record.type === 'CNAME')
    .map((record) => {
      const zone = zones.get(record.zoneId);
      const zoneName = zone ? `${stripTrailingDot(zone.name)}${zone.private ? ' (private)' : ''}` : record.zoneId;
      const loadBalancers = outOf('dns-alias', ref('dns-record', dnsRecordId(record)))
        .map((edge) => index.loadBalancers.get(edge.to.id))
        .filter((lb) => lb !== undefined);
      return [
        zoneName,
        stripTrailingDot(record.name),
        record.type,
        lines(record.aliasTarget ? [record.aliasTarget.dnsName] : record.values),
        lines(loadBalancers.map((lb) => lb.name)),
        lines(loadBalancers.map((lb) => lb.dnsName)),
        lines(loadBalancers.map((lb) => lb.region)),
      ];
    });
}

function loadBalancerRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.loadBalancers.map((lb) => [
    lb.name,
    lb.type,
    lb.scheme,
    text(lb.state),
    text(lb.vpcId),
    lines(lb.subnetIds),
    securityGroupsCell(index, lb.securityGroupIds),
    text(lb.dnsName),
  ]);
}

function listenerLabel(index: InventoryIndex, listener: Listener | undefined, arn: string): string {
  if (listener === undefined) return arnResourceName(arn);
  return `${nameIn(index.loadBalancers, listener.loadBalancerArn)} ${listener.protocol}:${listener.port}`;
}

function sortedActions(actions: ListenerAction[]): ListenerAction[] {
  return [...actions].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** `tg-a`, or for a weighted forward `tg-a (80%), tg-b (20%)`. */
function forwardTargets(index: InventoryIndex, action: ListenerAction): string | undefined {
  if (action.targetGroups.length === 0) return undefined;
  if (action.targetGroups.length === 1) return nameIn(index.targetGroups, action.targetGroups[0]!.targetGroupArn);
  const weights = action.targetGroups.map((target) => target.weight ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return action.targetGroups
    .map((target, i) => {
      const percent = total === 0 ? 0 : Math.round((weights[i]! * 100) / total);
      return `${nameIn(index.targetGroups, target.targetGroupArn)} (${percent}%)`;
    })
    .join(', ');
}

/** `redirect → HTTPS:443 (HTTP_301)`; `#{...}` placeholders (keep the original) are left out. */
function redirectTarget(action: ListenerAction): string {
  const redirect = action.redirect ?? {};
  const given = (value: string | undefined) => (value === undefined || value.startsWith('#{') ? undefined : value);
  const protocol = given(redirect.protocol) ?? 'same protocol';
  const port = given(redirect.port);
  let target = `redirect → ${protocol}${port === undefined ? '' : `:${port}`}`;
  const host = given(redirect.host);
  const path = redirect.path === undefined || redirect.path === '/#{path}' ? undefined : redirect.path;
  if (host !== undefined || path !== undefined) target += ` ${host ?? ''}${path ?? ''}`;
  if (redirect.statusCode) target += ` (${redirect.statusCode})`;
  return target;
}

/** Where an action sends a request: target groups, a redirect, or a fixed response. */
function actionTarget(index: InventoryIndex, action: ListenerAction): string | undefined {
  switch (action.type) {
    case 'forward':
      return forwardTargets(index, action);
    case 'redirect':
      return redirectTarget(action);
    case 'fixed-response':
      return `fixed-response ${action.fixedResponse?.statusCode ?? ''}`.trim();
    default:
      return undefined;
  }
}

function actionCells(index: InventoryIndex, actions: ListenerAction[]): [types: string, targets: string] {
  const sorted = sortedActions(actions);
  return [lines(sorted.map((action) => action.type)), lines(sorted.map((action) => actionTarget(index, action)))];
}

function listenerRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.listeners.map((listener) => [
    listenerLabel(index, listener, listener.arn),
    listener.protocol,
    String(listener.port),
    lines(listener.certificateArns),
    ...actionCells(index, listener.defaultActions),
  ]);
}

function listenerRuleRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.listenerRules.map((rule) => {
    const conditions = rule.conditions.map((condition) => `${condition.field}: ${condition.values.join(', ')}`);
    return [
      listenerLabel(index, index.listeners.get(rule.listenerArn), rule.listenerArn),
      arnResourceName(rule.arn),
      String(rule.priority),
      conditions.length === 0 && rule.priority === 'default' ? 'default' : lines(conditions),
      ...actionCells(index, rule.actions),
    ];
  });
}

function targetGroupRows(context: ViewContext): string[][] {
  const { topology, index, outOf } = context;
  return topology.inventory.targetGroups.map((tg) => {
    const check = tg.healthCheck;
    const thresholds =
      check.healthyThresholdCount === undefined ? undefined : `healthy ${check.healthyThresholdCount}, unhealthy ${check.unhealthyThresholdCount ?? '?'}`;
    const services = outOf('target-service', ref('target-group', tg.arn)).map(
      (edge) => `${nodeName(index, edge.to)} (${edge.attributes.containerName}:${edge.attributes.containerPort ?? 'unknown port'})`,
    );
    return [
      tg.name,
      text(tg.protocol),
      text(tg.port),
      tg.targetType,
      lines([
        [check.protocol, check.path, check.port === undefined ? undefined : `port ${check.port}`].filter(Boolean).join(' '),
        check.matcher === undefined ? undefined : `matcher ${check.matcher}`,
        check.intervalSeconds === undefined ? undefined : `every ${check.intervalSeconds}s`,
        thresholds,
      ]),
      tg.targetHealth ? `${tg.targetHealth.healthy}/${tg.targetHealth.total}` : EMPTY_CELL,
      lines(services),
    ];
  });
}

// ---------------------------------------------------------------- ECS services

/** `alb-name -> tg-name (container:port)` for each load balancer in front of the service. */
function albUsage({ index, into }: ViewContext, serviceNode: NodeRef): string[] {
  return into('target-service', serviceNode).flatMap((edge) => {
    const tg = index.targetGroups.get(edge.from.id);
    const binding = `${nodeName(index, edge.from)} (${edge.attributes.containerName}:${edge.attributes.containerPort ?? 'unknown port'})`;
    const lbNames = (tg?.loadBalancerArns ?? []).map((arn) => nameIn(index.loadBalancers, arn));
    return lbNames.length === 0 ? [binding] : lbNames.map((lb) => `${lb} -> ${binding}`);
  });
}

/** Who may connect in to the service's security groups: `in<- shop-alb-sg (sg-1) tcp 3000`. */
function sgConnections({ index, into }: ViewContext, securityGroupIds: string[]): string[] {
  return securityGroupIds.flatMap((groupId) =>
    into('sg-ingress', ref('security-group', groupId)).map((edge) => {
      const source = edge.from.kind === 'security-group' ? nodeName(index, edge.from) : `${edge.from.kind === 'cidr' ? 'CIDR' : edge.from.kind} ${nodeName(index, edge.from)}`;
      return `in<- ${source} ${portSpec(edge.attributes.protocol, edge.attributes.fromPort, edge.attributes.toPort)}`;
    }),
  );
}

/** `instance:shop-db (sg-reference, env)`; queues add the direction: `queue:jobs (producer; env)`. */
function linkLine(index: InventoryIndex, edge: Edge): string {
  const direction = edge.attributes.direction === undefined ? '' : `${edge.attributes.direction}; `;
  return `${linkTargetType(edge.to)}:${nodeName(index, edge.to)} (${direction}${evidenceLabels(edge)})`;
}

function ecsServiceRows(context: ViewContext): string[][] {
  const { topology, index, outOf } = context;
  return topology.inventory.services.map((service) => {
    const node = ref('ecs-service', service.arn);
    const taskDefinition = index.taskDefinitions.get(service.taskDefinitionArn);
    const links = (kind: EdgeKind) => lines(outOf(kind, node).map((edge) => linkLine(index, edge)));
    return [
      nameIn(index.clusters, service.clusterArn),
      service.name,
      String(service.desiredCount),
      taskDefinition ? `${taskDefinition.family}:${taskDefinition.revision}` : arnResourceName(service.taskDefinitionArn),
      taskDefinition?.taskRoleArn ? nameIn(index.roles, taskDefinition.taskRoleArn) : EMPTY_CELL,
      taskDefinition?.executionRoleArn ? nameIn(index.roles, taskDefinition.executionRoleArn) : EMPTY_CELL,
      lines(albUsage(context, node)),
      lines(service.subnetIds),
      securityGroupsCell(index, serviceTrafficGroups(service)),
      lines(sgConnections(context, serviceTrafficGroups(service))),
      links('service-db'),
      links('service-bucket'),
      links('service-queue'),
    ];
  });
}

// ---------------------------------------------------------------- IAM and network

function iamRoleRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.roles.map((role) => [
    role.name,
    role.arn,
    role.path,
    lines(role.trustPrincipals.map(principalLine)),
    lines(role.attachedPolicies.map((policy) => policy.name)),
    lines(role.inlinePolicies.map((policy) => policy.name)),
    lines(into('service-role', ref('iam-role', role.arn)).map((edge) => `${nodeName(index, edge.from)} (${edge.attributes.roleSlot})`)),
  ]);
}

function securityGroupRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.securityGroups.map((group) => [
    group.name,
    group.id,
    text(group.vpcId),
    text(group.description),
    lines(group.inbound.flatMap((rule) => (rule.peer.kind === 'security-group' ? [securityGroupLabel(index, rule.peer.groupId)] : []))),
    lines(group.inbound.map((rule) => ruleLine(index, rule))),
    lines(group.outbound.map((rule) => ruleLine(index, rule))),
  ]);
}

/** `shop-web (sg-reference, env)`: a service and how it reaches a resource. */
function serviceWithEvidence(index: InventoryIndex, edge: Edge): string {
  return `${nodeName(index, edge.from)} (${evidenceLabels(edge)})`;
}

function vpcEndpointRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.vpcEndpoints.map((endpoint) => [
    endpoint.id,
    endpoint.serviceName,
    endpoint.type,
    endpoint.vpcId,
    lines(endpoint.subnetIds),
    securityGroupsCell(index, endpoint.securityGroupIds),
    String(endpoint.privateDnsEnabled),
    text(endpoint.state),
    lines(into('service-endpoint', ref('vpc-endpoint', endpoint.id)).map((edge) => serviceWithEvidence(index, edge))),
  ]);
}

// ---------------------------------------------------------------- data stores

function engineLabel(db: DbInstance | DbCluster): string {
  return db.engineVersion ? `${db.engine} ${db.engineVersion}` : db.engine;
}

function rdsRows({ topology, index }: ViewContext): string[][] {
  const instances = topology.inventory.dbInstances.map((db) => [
    db.identifier,
    db.clusterIdentifier ? `instance (cluster ${db.clusterIdentifier})` : 'instance',
    engineLabel(db),
    text(db.status),
    text(db.endpoint?.address),
    text(db.endpoint?.port ?? db.port),
    text(db.vpcId),
    securityGroupsCell(index, db.securityGroupIds),
    String(db.publiclyAccessible),
    String(db.multiAz),
    String(db.storageEncrypted),
  ]);
  const clusters = topology.inventory.dbClusters.map((cluster) => [
    cluster.identifier,
    'cluster',
    engineLabel(cluster),
    text(cluster.status),
    lines([cluster.endpoint, cluster.readerEndpoint === undefined ? undefined : `reader ${cluster.readerEndpoint}`]),
    text(cluster.port),
    EMPTY_CELL,
    securityGroupsCell(index, cluster.securityGroupIds),
    EMPTY_CELL,
    String(cluster.multiAz),
    String(cluster.storageEncrypted),
  ]);
  return [...instances, ...clusters];
}

const QUEUE_ENCRYPTION: Record<'sse-sqs' | 'kms' | 'none', string> = { 'sse-sqs': 'SSE-SQS', kms: 'SSE-KMS', none: 'none' };

function sqsQueueRows({ topology, index, into }: ViewContext): string[][] {
  const queues = topology.inventory.queues;
  return queues.map((queue) => {
    const users = into('service-queue', ref('queue', queue.arn));
    const usersWith = (...directions: string[]) =>
      lines(users.filter((edge) => directions.includes(edge.attributes.direction ?? 'unknown')).map((edge) => serviceWithEvidence(index, edge)));
    const sources = queues.filter((other) => other.redrive?.deadLetterTargetArn === queue.arn).map((other) => `DLQ of ${other.name}`);
    const redrive = queue.redrive
      ? `DLQ ${nameIn(index.queues, queue.redrive.deadLetterTargetArn)} after ${queue.redrive.maxReceiveCount} receives`
      : undefined;
    return [
      queue.name,
      queue.url,
      queue.fifo ? 'FIFO' : 'standard',
      lines([redrive, ...sources]),
      lines([QUEUE_ENCRYPTION[queue.encryption.kind], queue.encryption.kmsKeyId]),
      usersWith('producer', 'producer-consumer'),
      usersWith('consumer', 'producer-consumer'),
      usersWith('unknown'),
    ];
  });
}

const PUBLIC_ACCESS_FLAGS = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;

function s3BucketRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.buckets.map((bucket) => {
    const block = bucket.publicAccessBlock;
    const blockCell =
      block === undefined
        ? 'unknown'
        : block === null
          ? 'none configured'
          : PUBLIC_ACCESS_FLAGS.every((flag) => block[flag])
            ? 'all blocked'
            : PUBLIC_ACCESS_FLAGS.map((flag) => `${flag}: ${block[flag]}`).join('\n');
    const encryption =
      bucket.encryption === undefined ? 'unknown' : bucket.encryption === null ? 'none' : lines([bucket.encryption.algorithm, bucket.encryption.kmsKeyId]);
    return [
      bucket.name,
      bucket.region,
      blockCell,
      encryption,
      lines(into('service-bucket', ref('bucket', bucket.arn)).map((edge) => serviceWithEvidence(index, edge))),
    ];
  });
}

// ---------------------------------------------------------------- links and warnings

/** One row per evidence item of every ECS → data-store edge of a kind. */
function serviceLinkRows({ topology, index }: ViewContext, edgeKind: EdgeKind): string[][] {
  const hidden = (evidence: Evidence) => topology.redacted && VALUE_BEARING_MATCHES.has(evidence.matchType);
  return topology.edges
    .filter((edge) => edge.kind === edgeKind)
    .flatMap((edge) =>
      edge.evidence.map((evidence) => [
        nodeName(index, edge.from),
        linkTargetType(edge.to),
        nodeName(index, edge.to),
        evidenceLabel(evidence),
        hidden(evidence) ? REDACTED_VALUE : text(evidence.matchedValue),
        hidden(evidence) ? REDACTED_VALUE : text(evidence.field),
      ]),
    );
}

const INFO_WARNINGS = new Set<Warning['code']>(['public-mode', 'info']);

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

/** The public-mode notice first, then findings by severity, then the collection warnings. */
function warningRows({ topology }: ViewContext): string[][] {
  const warningRow = (warning: Warning) => [INFO_WARNINGS.has(warning.code) ? 'info' : 'warning', warning.code, warning.message];
  const notices = topology.warnings.filter((warning) => warning.code === 'public-mode');
  if (topology.redacted && notices.length === 0) notices.push({ code: 'public-mode', message: PUBLIC_MODE_MESSAGE });
  const findings = [...topology.findings].sort(bySeverity).map((finding) =>
    finding.suppressed
      ? [`${finding.severity} (suppressed)`, finding.ruleId, `${finding.message}\nSuppressed: ${finding.suppressed.reason}`]
      : [finding.severity, finding.ruleId, finding.message],
  );
  const others = topology.warnings.filter((warning) => warning.code !== 'public-mode');
  return [...notices.map(warningRow), ...findings, ...others.map(warningRow)];
}
