import {
  arnResourceName,
  type Bucket,
  type ContainerDefinition,
  type DbCluster,
  type DbInstance,
  type DnsRecord,
  type EcsService,
  type HealthCheck,
  type IamRole,
  type Inventory,
  type Listener,
  type ListenerAction,
  type ListenerRule,
  type LoadBalancer,
  type ManagedPolicy,
  type Queue,
  type RuleCondition,
  type SecurityGroup,
  type SecurityGroupRule,
  type SgPeer,
  type Subnet,
  type Tags,
  type TargetGroup,
  type TaskDefinition,
  type VpcEndpoint,
  type CollectionKey,
  type ItemOf,
  type Redactor,
  type RegistryRedactedCollection,
  type VpcPeering,
  type VpcRoute,
  type PeeringSide,
  type TransitGatewayAttachment,
} from '../model/index.js';
import { redactResourceAccounts } from './accounts.js';
import { REDACTED_KINDS } from './registry.js';
import { redactArn } from './arns.js';
import { redactCoverage } from './coverage.js';
import type { PublicNames } from './names.js';
import { isAwsEndpointServiceName } from './patterns.js';
import { redactPolicyDocument, redactPrincipal } from './policy.js';
import { NEUTRAL_DESCRIPTION, PUBLIC_PATHS, isPublicTagKey } from './vocabulary.js';

/**
 * The inventory, field by field. Each kind is rebuilt explicitly from its known fields, so a field
 * added to the model later is left out of --public output until someone decides how to show it
 * (fail closed), instead of being copied through.
 */
export interface InventoryRedaction {
  names: PublicNames;
  descriptions: 'keep' | 'neutral';
  /** Free text with identifiers replaced. */
  scrub: (text: string) => string;
  /** A kept description: identifiers, e-mail addresses and every IP address replaced. */
  scrubDescription: (text: string) => string;
}

export function redactInventory(inventory: Inventory, r: InventoryRedaction): Inventory {
  const redacted = redactCollections(inventory, r);
  const resourceAccounts = redactResourceAccounts(r.names, inventory, redacted);
  return { ...redacted, ...(resourceAccounts === undefined ? {} : { resourceAccounts }) };
}

function redactCollections(inventory: Inventory, r: InventoryRedaction): Inventory {
  const { names } = r;
  const arn = (value: string) => redactArn(names, value);
  const id = (value: string) => names.ec2Id(value);
  const tags = (value: Tags) => redactTags(names, value);
  return {
    source: { kind: inventory.source.kind, label: `${inventory.source.kind} (label redacted)` },
    partition: inventory.partition,
    ...(inventory.accountId === undefined ? {} : { accountId: names.account(inventory.accountId) }),
    regions: inventory.regions.map((region) => names.region(region)),
    ...(inventory.accounts === undefined
      ? {}
      : { accounts: inventory.accounts.map((account) => ({ id: names.account(account.id), regions: account.regions.map((region) => names.region(region)) })) }),
    hostedZones: inventory.hostedZones.map((zone) => ({
      id: names.label('zone-id', zone.id),
      name: names.host(zone.name),
      private: zone.private,
      ...(zone.recordCount === undefined ? {} : { recordCount: zone.recordCount }),
    })),
    dnsRecords: inventory.dnsRecords.map((record) => redactDnsRecord(names, record)),
    loadBalancers: inventory.loadBalancers.map((lb) => redactLoadBalancer(names, lb)),
    listeners: inventory.listeners.map((listener) => redactListener(names, listener)),
    listenerRules: inventory.listenerRules.map((rule) => redactListenerRule(names, rule)),
    targetGroups: inventory.targetGroups.map((tg) => redactTargetGroup(names, tg)),
    clusters: inventory.clusters.map((cluster) => ({
      arn: arn(cluster.arn),
      name: names.segment('cluster', cluster.name),
      region: names.region(cluster.region),
      tags: tags(cluster.tags),
    })),
    services: inventory.services.map((service) => redactService(names, service)),
    taskDefinitions: inventory.taskDefinitions.map((definition) => redactTaskDefinition(names, definition)),
    vpcs: inventory.vpcs.map((vpc) => ({
      id: id(vpc.id),
      ...(vpc.name === undefined ? {} : { name: names.label('vpc-name', vpc.name) }),
      region: names.region(vpc.region),
      cidrBlocks: vpc.cidrBlocks.map((cidr) => names.cidr(cidr)),
      isDefault: vpc.isDefault,
      tags: tags(vpc.tags),
      ...(vpc.peerRoutes === undefined ? {} : { peerRoutes: vpc.peerRoutes.map((route) => redactVpcRoute(names, route)) }),
    })),
    subnets: inventory.subnets.map((subnet) => redactSubnet(names, subnet)),
    securityGroups: inventory.securityGroups.map((group) => redactSecurityGroup(r, group)),
    vpcEndpoints: inventory.vpcEndpoints.map((endpoint) => redactVpcEndpoint(names, endpoint)),
    vpcPeerings: inventory.vpcPeerings.map((peering) => redactVpcPeering(names, peering)),
    transitGatewayAttachments: inventory.transitGatewayAttachments.map((attachment) => redactTransitGatewayAttachment(names, attachment)),
    dbInstances: inventory.dbInstances.map((db) => redactDbInstance(names, db)),
    dbClusters: inventory.dbClusters.map((cluster) => redactDbCluster(names, cluster)),
    roles: inventory.roles.map((role) => redactRole(names, role)),
    managedPolicies: inventory.managedPolicies.map((policy) => redactManagedPolicy(names, policy)),
    buckets: inventory.buckets.map((bucket) => redactBucket(names, bucket)),
    queues: inventory.queues.map((queue) => redactQueue(names, queue)),
    ...redactRegistryCollections(names, inventory),
    coverage: redactCoverage(names, inventory.coverage),
  };
}

/** Tag keys that are conventions stay; values become pseudonyms (or the name of what they name). */
function redactTags(names: PublicNames, tags: Tags): Tags {
  const result: Tags = {};
  for (const [key, value] of Object.entries(tags)) {
    result[isPublicTagKey(key) ? key : names.label('tag-key', key)] = names.tagValue(value);
  }
  return result;
}

function redactDnsRecord(names: PublicNames, record: DnsRecord): DnsRecord {
  return {
    zoneId: names.label('zone-id', record.zoneId),
    name: names.host(record.name),
    type: record.type,
    ...(record.ttl === undefined ? {} : { ttl: record.ttl }),
    ...(record.setIdentifier === undefined ? {} : { setIdentifier: names.label('set-identifier', record.setIdentifier, 'set') }),
    ...(record.aliasTarget === undefined
      ? {}
      : {
          aliasTarget: {
            dnsName: names.host(record.aliasTarget.dnsName),
            hostedZoneId: names.label('zone-id', record.aliasTarget.hostedZoneId),
            evaluateTargetHealth: record.aliasTarget.evaluateTargetHealth,
          },
        }),
    values: record.values.map((value) => dnsValue(names, record.type, value)),
  };
}

/** Addresses and host names are replaced by kind; free-form record data (TXT, MX...) is hidden. */
function dnsValue(names: PublicNames, type: string, value: string): string {
  if (type === 'A' || type === 'AAAA') return names.cidr(value);
  if (type === 'CNAME' || type === 'NS' || type === 'PTR') return names.host(value);
  return names.hidden(value);
}

function redactLoadBalancer(names: PublicNames, lb: LoadBalancer): LoadBalancer {
  return {
    arn: redactArn(names, lb.arn),
    name: names.loadBalancerName(lb.name),
    region: names.region(lb.region),
    type: lb.type,
    scheme: lb.scheme,
    ...(lb.state === undefined ? {} : { state: lb.state }),
    ...(lb.vpcId === undefined ? {} : { vpcId: names.ec2Id(lb.vpcId) }),
    subnetIds: lb.subnetIds.map((id) => names.ec2Id(id)),
    securityGroupIds: lb.securityGroupIds.map((id) => names.ec2Id(id)),
    ...(lb.dnsName === undefined ? {} : { dnsName: names.host(lb.dnsName) }),
    ...(lb.canonicalHostedZoneId === undefined ? {} : { canonicalHostedZoneId: names.label('zone-id', lb.canonicalHostedZoneId) }),
    ...(lb.ipAddressType === undefined ? {} : { ipAddressType: lb.ipAddressType }),
    tags: redactTags(names, lb.tags),
  };
}

function redactListener(names: PublicNames, listener: Listener): Listener {
  return {
    arn: redactArn(names, listener.arn),
    loadBalancerArn: redactArn(names, listener.loadBalancerArn),
    region: names.region(listener.region),
    protocol: listener.protocol,
    port: listener.port,
    certificateArns: listener.certificateArns.map((arn) => redactArn(names, arn)),
    ...(listener.sslPolicy === undefined ? {} : { sslPolicy: listener.sslPolicy }),
    defaultActions: listener.defaultActions.map((action) => redactAction(names, action)),
  };
}

function redactListenerRule(names: PublicNames, rule: ListenerRule): ListenerRule {
  return {
    arn: redactArn(names, rule.arn),
    listenerArn: redactArn(names, rule.listenerArn),
    region: names.region(rule.region),
    priority: rule.priority,
    conditions: rule.conditions.map((condition) => redactCondition(names, condition)),
    actions: rule.actions.map((action) => redactAction(names, action)),
  };
}

/** The methods HTTP defines; any other method in a rule condition is the account's own word (`CORP_SYNC`). */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

function redactCondition(names: PublicNames, condition: RuleCondition): RuleCondition {
  const value = (v: string): string => {
    if (condition.field === 'http-request-method') return HTTP_METHODS.has(v) ? v : names.label('http-method', v, 'method');
    if (condition.field === 'host-header') return names.host(v);
    if (condition.field === 'source-ip') return names.cidr(v);
    if (condition.field === 'path-pattern') return urlPath(names, v);
    return names.label('condition-value', v, 'value');
  };
  return { field: condition.field, values: condition.values.map(value) };
}

/** `/api/*` → `/path-k3f9/*`: wildcards and conventional paths stay. */
function urlPath(names: PublicNames, path: string): string {
  if (PUBLIC_PATHS.has(path) || names.pseudonyms.kept(path)) return path;
  const alias = names.pseudonyms.alias(path);
  if (alias !== undefined) return alias;
  return path
    .split('/')
    .map((part) => (part === '' || part === '*' || /^#\{\w+\}$/.test(part) ? part : names.segment('url-path', part, 'path')))
    .join('/');
}

function redactAction(names: PublicNames, action: ListenerAction): ListenerAction {
  const redirect = action.redirect;
  return {
    type: action.type,
    ...(action.order === undefined ? {} : { order: action.order }),
    targetGroups: action.targetGroups.map((tg) => ({
      targetGroupArn: redactArn(names, tg.targetGroupArn),
      ...(tg.weight === undefined ? {} : { weight: tg.weight }),
    })),
    ...(redirect === undefined
      ? {}
      : {
          redirect: {
            ...(redirect.protocol === undefined ? {} : { protocol: redirect.protocol }),
            ...(redirect.port === undefined ? {} : { port: redirect.port }),
            ...(redirect.host === undefined ? {} : { host: /^#\{host\}$/.test(redirect.host) ? redirect.host : names.host(redirect.host) }),
            ...(redirect.path === undefined ? {} : { path: urlPath(names, redirect.path) }),
            ...(redirect.query === undefined ? {} : { query: /^#\{query\}$/.test(redirect.query) ? redirect.query : names.hidden(redirect.query) }),
            ...(redirect.statusCode === undefined ? {} : { statusCode: redirect.statusCode }),
          },
        }),
    ...(action.fixedResponse === undefined
      ? {}
      : {
          fixedResponse: {
            ...(action.fixedResponse.statusCode === undefined ? {} : { statusCode: action.fixedResponse.statusCode }),
            ...(action.fixedResponse.contentType === undefined ? {} : { contentType: action.fixedResponse.contentType }),
          },
        }),
  };
}

function redactTargetGroup(names: PublicNames, tg: TargetGroup): TargetGroup {
  return {
    arn: redactArn(names, tg.arn),
    name: names.segment('target-group', tg.name),
    region: names.region(tg.region),
    ...(tg.protocol === undefined ? {} : { protocol: tg.protocol }),
    ...(tg.port === undefined ? {} : { port: tg.port }),
    targetType: tg.targetType,
    ...(tg.vpcId === undefined ? {} : { vpcId: names.ec2Id(tg.vpcId) }),
    loadBalancerArns: tg.loadBalancerArns.map((arn) => redactArn(names, arn)),
    healthCheck: redactHealthCheck(names, tg.healthCheck),
    ...(tg.targetHealth === undefined ? {} : { targetHealth: { total: tg.targetHealth.total, healthy: tg.targetHealth.healthy, unhealthy: tg.targetHealth.unhealthy } }),
    tags: redactTags(names, tg.tags),
    ...(tg.usedBy === undefined ? {} : { usedBy: tg.usedBy.map((user) => redactOutsideUser(names, user)) }),
  };
}

/** `AWS::EC2::LaunchTemplate ContainerInstances` → `AWS::EC2::LaunchTemplate resource-k3f9`: AWS's type name stays. */
function redactOutsideUser(names: PublicNames, user: string): string {
  const [type, ...name] = user.split(' ');
  return `${type} ${names.label('outside-resource', name.join(' '), 'resource')}`;
}

function redactHealthCheck(names: PublicNames, check: HealthCheck): HealthCheck {
  const { protocol, port, path, matcher } = check;
  return {
    ...(protocol === undefined ? {} : { protocol }),
    ...(port === undefined ? {} : { port }),
    ...(path === undefined ? {} : { path: urlPath(names, path) }),
    ...numbersAndBooleans(check),
    ...(matcher === undefined ? {} : { matcher }),
  };
}

/**
 * The number and boolean fields of a settings object (counts, thresholds, flags): they carry no
 * identifiers. A string field added to the model later is not copied.
 */
export function numbersAndBooleans<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => typeof value === 'number' || typeof value === 'boolean')) as Partial<T>;
}

function redactService(names: PublicNames, service: EcsService): EcsService {
  const clusterName = arnResourceName(service.clusterArn);
  return {
    arn: redactArn(names, service.arn),
    name: names.serviceName(clusterName, service.name),
    clusterArn: redactArn(names, service.clusterArn),
    region: names.region(service.region),
    desiredCount: service.desiredCount,
    ...(service.runningCount === undefined ? {} : { runningCount: service.runningCount }),
    ...(service.status === undefined ? {} : { status: service.status }),
    ...(service.launchType === undefined ? {} : { launchType: service.launchType }),
    capacityProviders: service.capacityProviders.map((provider) =>
      /^FARGATE(_SPOT)?$/.test(provider) ? provider : names.label('capacity-provider', provider),
    ),
    taskDefinitionArn: redactArn(names, service.taskDefinitionArn),
    subnetIds: service.subnetIds.map((id) => names.ec2Id(id)),
    securityGroupIds: service.securityGroupIds.map((id) => names.ec2Id(id)),
    ...(service.hostSecurityGroupIds === undefined ? {} : { hostSecurityGroupIds: service.hostSecurityGroupIds.map((id) => names.ec2Id(id)) }),
    assignPublicIp: service.assignPublicIp,
    loadBalancers: service.loadBalancers.map((binding) => ({
      ...(binding.targetGroupArn === undefined ? {} : { targetGroupArn: redactArn(names, binding.targetGroupArn) }),
      ...(binding.loadBalancerName === undefined ? {} : { loadBalancerName: names.loadBalancerName(binding.loadBalancerName) }),
      containerName: names.label('container', binding.containerName),
      ...(binding.containerPort === undefined ? {} : { containerPort: binding.containerPort }),
    })),
    deployment: {
      ...numbersAndBooleans(service.deployment),
      ...(service.deployment.circuitBreaker === undefined ? {} : { circuitBreaker: numbersAndBooleans(service.deployment.circuitBreaker) as { enable: boolean; rollback: boolean } }),
    },
    tags: redactTags(names, service.tags),
  };
}

function redactTaskDefinition(names: PublicNames, definition: TaskDefinition): TaskDefinition {
  return {
    arn: redactArn(names, definition.arn),
    family: names.segment('task-family', definition.family, 'public-taskdef'),
    revision: definition.revision,
    region: names.region(definition.region),
    ...(definition.taskRoleArn === undefined ? {} : { taskRoleArn: redactArn(names, definition.taskRoleArn) }),
    ...(definition.executionRoleArn === undefined ? {} : { executionRoleArn: redactArn(names, definition.executionRoleArn) }),
    ...(definition.networkMode === undefined ? {} : { networkMode: definition.networkMode }),
    ...(definition.cpu === undefined ? {} : { cpu: definition.cpu }),
    ...(definition.memory === undefined ? {} : { memory: definition.memory }),
    requiresCompatibilities: [...definition.requiresCompatibilities],
    containers: definition.containers.map((container) => redactContainer(names, container)),
  };
}

/** Variable and secret names stay (they describe the wiring); their values never do. */
function redactContainer(names: PublicNames, container: ContainerDefinition): ContainerDefinition {
  return {
    name: names.label('container', container.name),
    image: names.label('image', container.image),
    essential: container.essential,
    portMappings: container.portMappings.map((mapping) => ({ ...numbersAndBooleans(mapping), protocol: mapping.protocol })),
    environment: container.environment.map((variable) => ({ name: variable.name, value: names.hidden(variable.value) })),
    secrets: container.secrets.map((secret) => ({ name: secret.name, valueFrom: names.hidden(secret.valueFrom) })),
    ...(container.logDriver === undefined ? {} : { logDriver: container.logDriver }),
  };
}

function redactSubnet(names: PublicNames, subnet: Subnet): Subnet {
  return {
    id: names.ec2Id(subnet.id),
    ...(subnet.name === undefined ? {} : { name: names.label('subnet-name', subnet.name, `${subnet.tier}-subnet`) }),
    vpcId: names.ec2Id(subnet.vpcId),
    region: names.region(subnet.region),
    ...(subnet.availabilityZone === undefined ? {} : { availabilityZone: names.availabilityZone(subnet.availabilityZone) }),
    ...(subnet.cidrBlock === undefined ? {} : { cidrBlock: names.cidr(subnet.cidrBlock) }),
    tier: subnet.tier,
    ...(subnet.routeTableId === undefined ? {} : { routeTableId: names.ec2Id(subnet.routeTableId) }),
    ...(subnet.defaultRoute === undefined
      ? {}
      : { defaultRoute: { targetKind: subnet.defaultRoute.targetKind, targetId: names.ec2Id(subnet.defaultRoute.targetId) } }),
    mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    tags: redactTags(names, subnet.tags),
  };
}

function redactSecurityGroup(r: InventoryRedaction, group: SecurityGroup): SecurityGroup {
  const { names } = r;
  const rule = (sgRule: SecurityGroupRule): SecurityGroupRule => ({
    protocol: sgRule.protocol,
    ...(sgRule.fromPort === undefined ? {} : { fromPort: sgRule.fromPort }),
    ...(sgRule.toPort === undefined ? {} : { toPort: sgRule.toPort }),
    peer: redactPeer(names, sgRule.peer),
    ...(sgRule.description === undefined || r.descriptions === 'neutral' ? {} : { description: r.scrubDescription(sgRule.description) }),
  });
  return {
    id: names.ec2Id(group.id),
    // Every VPC has a group named `default`: the name says nothing about the account.
    name: group.name === 'default' ? group.name : names.label('security-group', group.name),
    description: r.descriptions === 'keep' ? r.scrubDescription(group.description) : NEUTRAL_DESCRIPTION,
    ...(group.vpcId === undefined ? {} : { vpcId: names.ec2Id(group.vpcId) }),
    region: names.region(group.region),
    inbound: group.inbound.map(rule),
    outbound: group.outbound.map(rule),
    tags: redactTags(names, group.tags),
    ...(group.usedBy === undefined ? {} : { usedBy: group.usedBy.map((user) => redactOutsideUser(names, user)) }),
  };
}

export function redactPeer(names: PublicNames, peer: SgPeer): SgPeer {
  switch (peer.kind) {
    case 'security-group':
      return { kind: 'security-group', groupId: names.ec2Id(peer.groupId), ...(peer.ownerId === undefined ? {} : { ownerId: names.account(peer.ownerId) }) };
    case 'cidr':
      return { kind: 'cidr', cidr: names.cidr(peer.cidr) };
    case 'prefix-list':
      return { kind: 'prefix-list', prefixListId: names.ec2Id(peer.prefixListId) };
  }
}

/** A route's destination is a CIDR or a prefix list id (`pl-…`). */
function redactVpcRoute(names: PublicNames, route: VpcRoute): VpcRoute {
  return {
    routeTableId: names.ec2Id(route.routeTableId),
    destination: route.destination.startsWith('pl-') ? names.ec2Id(route.destination) : names.cidr(route.destination),
    targetKind: route.targetKind,
    targetId: names.ec2Id(route.targetId),
  };
}

function redactPeeringSide(names: PublicNames, side: PeeringSide): PeeringSide {
  return {
    vpcId: names.ec2Id(side.vpcId),
    ...(side.accountId === undefined ? {} : { accountId: names.account(side.accountId) }),
    ...(side.region === undefined ? {} : { region: names.region(side.region) }),
    cidrBlocks: side.cidrBlocks.map((cidr) => names.cidr(cidr)),
  };
}

function redactVpcPeering(names: PublicNames, peering: VpcPeering): VpcPeering {
  return {
    id: names.ec2Id(peering.id),
    region: names.region(peering.region),
    requester: redactPeeringSide(names, peering.requester),
    accepter: redactPeeringSide(names, peering.accepter),
  };
}

function redactTransitGatewayAttachment(names: PublicNames, attachment: TransitGatewayAttachment): TransitGatewayAttachment {
  return {
    id: names.ec2Id(attachment.id),
    transitGatewayId: names.ec2Id(attachment.transitGatewayId),
    ...(attachment.transitGatewayOwnerId === undefined ? {} : { transitGatewayOwnerId: names.account(attachment.transitGatewayOwnerId) }),
    vpcId: names.ec2Id(attachment.vpcId),
    ...(attachment.vpcOwnerId === undefined ? {} : { vpcOwnerId: names.account(attachment.vpcOwnerId) }),
    region: names.region(attachment.region),
    ...(attachment.state === undefined ? {} : { state: attachment.state }),
  };
}

function redactVpcEndpoint(names: PublicNames, endpoint: VpcEndpoint): VpcEndpoint {
  return {
    id: names.ec2Id(endpoint.id),
    vpcId: names.ec2Id(endpoint.vpcId),
    region: names.region(endpoint.region),
    serviceName: isAwsEndpointServiceName(endpoint.serviceName)
      ? endpoint.serviceName.replace(/^com\.amazonaws\.([a-z0-9-]+)\./, (_, region: string) => `com.amazonaws.${names.region(region)}.`)
      : names.label('endpoint-service', endpoint.serviceName),
    type: endpoint.type,
    subnetIds: endpoint.subnetIds.map((id) => names.ec2Id(id)),
    securityGroupIds: endpoint.securityGroupIds.map((id) => names.ec2Id(id)),
    routeTableIds: endpoint.routeTableIds.map((id) => names.ec2Id(id)),
    privateDnsEnabled: endpoint.privateDnsEnabled,
    ...(endpoint.state === undefined ? {} : { state: endpoint.state }),
    dnsNames: endpoint.dnsNames.map((name) => names.host(name)),
    tags: redactTags(names, endpoint.tags),
  };
}

/** What instances and Aurora clusters share. */
function redactDbCommon(names: PublicNames, db: DbInstance | DbCluster, kind: 'db-instance' | 'db-cluster') {
  return {
    arn: redactArn(names, db.arn),
    identifier: names.segment(kind, db.identifier),
    region: names.region(db.region),
    engine: db.engine,
    ...(db.engineVersion === undefined ? {} : { engineVersion: db.engineVersion }),
    ...(db.status === undefined ? {} : { status: db.status }),
    ...(db.port === undefined ? {} : { port: db.port }),
    securityGroupIds: db.securityGroupIds.map((id) => names.ec2Id(id)),
    multiAz: db.multiAz,
    storageEncrypted: db.storageEncrypted,
    deletionProtection: db.deletionProtection,
    tags: redactTags(names, db.tags),
  };
}

function redactDbInstance(names: PublicNames, db: DbInstance): DbInstance {
  return {
    ...redactDbCommon(names, db, 'db-instance'),
    ...(db.instanceClass === undefined ? {} : { instanceClass: db.instanceClass }),
    ...(db.endpoint === undefined ? {} : { endpoint: { address: names.host(db.endpoint.address), port: db.endpoint.port } }),
    ...(db.vpcId === undefined ? {} : { vpcId: names.ec2Id(db.vpcId) }),
    subnetIds: db.subnetIds.map((id) => names.ec2Id(id)),
    publiclyAccessible: db.publiclyAccessible,
    ...(db.clusterIdentifier === undefined ? {} : { clusterIdentifier: names.segment('db-cluster', db.clusterIdentifier) }),
  };
}

function redactDbCluster(names: PublicNames, cluster: DbCluster): DbCluster {
  return {
    ...redactDbCommon(names, cluster, 'db-cluster'),
    ...(cluster.endpoint === undefined ? {} : { endpoint: names.host(cluster.endpoint) }),
    ...(cluster.readerEndpoint === undefined ? {} : { readerEndpoint: names.host(cluster.readerEndpoint) }),
    memberInstanceIds: cluster.memberInstanceIds.map((id) => names.segment('db-instance', id)),
  };
}

function redactRole(names: PublicNames, role: IamRole): IamRole {
  return {
    arn: redactArn(names, role.arn),
    name: names.roleName(role.name),
    path: names.iamPath(role.path),
    trustPrincipals: role.trustPrincipals.map((principal) => redactPrincipal(names, principal)),
    attachedPolicies: role.attachedPolicies.map((policy) => ({
      arn: redactArn(names, policy.arn),
      name: policy.awsManaged ? policy.name : names.segment('managed-policy', policy.name),
      awsManaged: policy.awsManaged,
    })),
    inlinePolicies: role.inlinePolicies.map((policy) => ({
      name: names.label('inline-policy', policy.name),
      document: redactPolicyDocument(names, policy.document),
    })),
    ...(role.permissionsBoundaryArn === undefined ? {} : { permissionsBoundaryArn: redactArn(names, role.permissionsBoundaryArn) }),
    tags: redactTags(names, role.tags),
  };
}

function redactManagedPolicy(names: PublicNames, policy: ManagedPolicy): ManagedPolicy {
  return {
    arn: redactArn(names, policy.arn),
    name: policy.awsManaged ? policy.name : names.segment('managed-policy', policy.name),
    path: policy.awsManaged ? policy.path : names.iamPath(policy.path),
    awsManaged: policy.awsManaged,
    ...(policy.document === undefined ? {} : { document: redactPolicyDocument(names, policy.document) }),
  };
}

function redactKmsKey(names: PublicNames, key: string): string {
  if (key.startsWith('arn:')) return redactArn(names, key);
  return key.startsWith('alias/aws/') ? key : names.label('kms-key', key, 'key');
}

function redactBucket(names: PublicNames, bucket: Bucket): Bucket {
  const encryption = bucket.encryption;
  return {
    name: names.segment('bucket', bucket.name),
    arn: redactArn(names, bucket.arn),
    region: names.region(bucket.region),
    ...(bucket.publicAccessBlock === undefined
      ? {}
      : { publicAccessBlock: bucket.publicAccessBlock === null ? null : (numbersAndBooleans(bucket.publicAccessBlock) as Bucket['publicAccessBlock']) }),
    ...(encryption === undefined
      ? {}
      : {
          encryption:
            encryption === null
              ? null
              : { algorithm: encryption.algorithm, ...(encryption.kmsKeyId === undefined ? {} : { kmsKeyId: redactKmsKey(names, encryption.kmsKeyId) }) },
        }),
    ...(bucket.versioning === undefined ? {} : { versioning: bucket.versioning }),
    ...(bucket.policy === undefined ? {} : { policy: bucket.policy === null ? null : redactPolicyDocument(names, bucket.policy) }),
    tags: redactTags(names, bucket.tags),
  };
}

function redactQueue(names: PublicNames, queue: Queue): Queue {
  return {
    url: names.queueUrl(queue.url),
    arn: redactArn(names, queue.arn),
    name: names.queueName(queue.name),
    region: names.region(queue.region),
    fifo: queue.fifo,
    ...(queue.redrive === undefined
      ? {}
      : { redrive: { deadLetterTargetArn: redactArn(names, queue.redrive.deadLetterTargetArn), maxReceiveCount: queue.redrive.maxReceiveCount } }),
    encryption: { kind: queue.encryption.kind, ...(queue.encryption.kmsKeyId === undefined ? {} : { kmsKeyId: redactKmsKey(names, queue.encryption.kmsKeyId) }) },
    ...(queue.visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds }),
    ...(queue.receiveWaitTimeSeconds === undefined ? {} : { receiveWaitTimeSeconds: queue.receiveWaitTimeSeconds }),
    ...(queue.messageRetentionSeconds === undefined ? {} : { messageRetentionSeconds: queue.messageRetentionSeconds }),
    ...(queue.policy === undefined ? {} : { policy: queue.policy === null ? null : redactPolicyDocument(names, queue.policy) }),
    tags: redactTags(names, queue.tags),
  };
}

/** The kinds the registry redacts (`redaction` in `model/kinds.ts`), each with its own public name. */
function redactRegistryCollections(names: PublicNames, inventory: Inventory): Pick<Inventory, RegistryRedactedCollection> {
  const redacted = REDACTED_KINDS.map(({ descriptor, redaction }) => {
    const redactor: Redactor = {
      name: (real) => names.kindName(redaction.name, real),
      arn: (value) => redactArn(names, value),
      region: (region) => names.region(region),
      kmsKey: (key) => redactKmsKey(names, key),
    };
    const items = inventory[descriptor.collection] as ItemOf<CollectionKey>[];
    return [descriptor.collection, items.map((item) => redaction.redact(item, redactor))];
  });
  return Object.fromEntries(redacted) as Pick<Inventory, RegistryRedactedCollection>;
}
