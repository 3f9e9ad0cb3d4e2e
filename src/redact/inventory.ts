import {
  arnResourceName,
  type EcsService,
  type HealthCheck,
  type IamRole,
  type Inventory,
  type Listener,
  type ListenerAction,
  type ListenerRule,
  type LoadBalancer,
  type Queue,
  type RuleCondition,
  type SecurityGroup,
  type SecurityGroupRule,
  type SgPeer,
  type Tags,
  type TargetGroup,
  type VpcEndpoint,
  type CollectionKey,
  type ItemOf,
  type NamedRedactor,
  numbersAndBooleans,
  type Redactor,
  type RegistryRedactedCollection,
} from '../model/index.js';
import { redactResourceAccounts } from './accounts.js';
import { COPIED_KINDS, type CopiedKind } from './registry.js';
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
  const copy = registryCopier(names, inventory);
  // The older kinds keep their place: the public JSON's key order and the order names are first met.
  const placed = {
    source: { kind: inventory.source.kind, label: `${inventory.source.kind} (label redacted)` },
    partition: inventory.partition,
    ...(inventory.accountId === undefined ? {} : { accountId: names.account(inventory.accountId) }),
    regions: inventory.regions.map((region) => names.region(region)),
    ...(inventory.accounts === undefined
      ? {}
      : { accounts: inventory.accounts.map((account) => ({ id: names.account(account.id), regions: account.regions.map((region) => names.region(region)) })) }),
    hostedZones: copy('hostedZones'),
    dnsRecords: copy('dnsRecords'),
    loadBalancers: inventory.loadBalancers.map((lb) => redactLoadBalancer(names, lb)),
    listeners: inventory.listeners.map((listener) => redactListener(names, listener)),
    listenerRules: inventory.listenerRules.map((rule) => redactListenerRule(names, rule)),
    targetGroups: inventory.targetGroups.map((tg) => redactTargetGroup(names, tg)),
    clusters: copy('clusters'),
    services: inventory.services.map((service) => redactService(names, service)),
    taskDefinitions: copy('taskDefinitions'),
    vpcs: copy('vpcs'),
    subnets: copy('subnets'),
    securityGroups: inventory.securityGroups.map((group) => redactSecurityGroup(r, group)),
    vpcEndpoints: inventory.vpcEndpoints.map((endpoint) => redactVpcEndpoint(names, endpoint)),
    vpcPeerings: copy('vpcPeerings'),
    transitGatewayAttachments: copy('transitGatewayAttachments'),
    dbInstances: copy('dbInstances'),
    dbClusters: copy('dbClusters'),
    roles: inventory.roles.map((role) => redactRole(names, role)),
    managedPolicies: copy('managedPolicies'),
    buckets: copy('buckets'),
    queues: inventory.queues.map((queue) => redactQueue(names, queue)),
  };
  return { ...placed, ...copy.rest(placed), coverage: redactCoverage(names, inventory.coverage) };
}

/** Tag keys that are conventions stay; values become pseudonyms (or the name of what they name). */
function redactTags(names: PublicNames, tags: Tags): Tags {
  const result: Tags = {};
  for (const [key, value] of Object.entries(tags)) {
    result[isPublicTagKey(key) ? key : names.label('tag-key', key)] = names.tagValue(value);
  }
  return result;
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

function redactKmsKey(names: PublicNames, key: string): string {
  if (key.startsWith('arn:')) return redactArn(names, key);
  return key.startsWith('alias/aws/') ? key : names.label('kms-key', key, 'key');
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

/** What a descriptor's redaction asks of `redact/` (`Redactor` in model/kinds.ts), over one account's public names. */
function redactorOf(names: PublicNames): Redactor {
  return {
    arn: (value) => redactArn(names, value),
    region: (region) => names.region(region),
    kmsKey: (key) => redactKmsKey(names, key),
    ec2Id: (id) => names.ec2Id(id),
    host: (name) => names.host(name),
    cidr: (cidr) => names.cidr(cidr),
    account: (id) => names.account(id),
    availabilityZone: (zone) => names.availabilityZone(zone),
    hidden: (value) => names.hidden(value),
    label: (namespace, real, prefix) => names.label(namespace, real, prefix),
    segment: (namespace, real, prefix) => names.segment(namespace, real, prefix),
    tags: (tags) => redactTags(names, tags),
    policy: (document) => redactPolicyDocument(names, document),
    iamPath: (path) => names.iamPath(path),
  };
}

interface RegistryCopier {
  /** The public copy of one collection the registry copies (`redaction` in `model/kinds.ts`). */
  <C extends RegistryRedactedCollection>(collection: C): Inventory[C];
  /** Those of its collections `placed` does not hold yet (the kinds added since the registry), in report order. */
  rest<P extends object>(placed: P): Pick<Inventory, Exclude<RegistryRedactedCollection, keyof P>>;
}

/** Copies the kinds whose public copy their descriptor makes; a kind the registry names gets its own public name. */
function registryCopier(names: PublicNames, inventory: Inventory): RegistryCopier {
  const redactor = redactorOf(names);
  const copyOf = ({ descriptor, redaction }: CopiedKind): ItemOf<CollectionKey>[] => {
    const items = inventory[descriptor.collection] as ItemOf<CollectionKey>[];
    if ('copy' in redaction) return items.map((item) => redaction.copy(item, redactor));
    const named: NamedRedactor = { ...redactor, name: (real) => names.kindName(redaction.name, real) };
    return items.map((item) => redaction.redact(item, named));
  };
  const copier = <C extends RegistryRedactedCollection>(collection: C): Inventory[C] =>
    copyOf(COPIED_KINDS.find((kind) => kind.descriptor.collection === collection)!) as Inventory[C];
  copier.rest = <P extends object>(placed: P) =>
    Object.fromEntries(COPIED_KINDS.filter((kind) => !(kind.descriptor.collection in placed)).map((kind) => [kind.descriptor.collection, copyOf(kind)])) as Pick<
      Inventory,
      Exclude<RegistryRedactedCollection, keyof P>
    >;
  return copier;
}
