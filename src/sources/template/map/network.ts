import type { DefaultRoute, SecurityGroup, SecurityGroupRule, SgPeer, Subnet, SubnetTier, Vpc, VpcEndpoint } from '../../../model/index.js';
import { vpcEndpointDnsNames } from '../identity.js';
import type { ResourceSet, TemplateResource } from '../resources.js';
import { asBoolean, asNumber, asRecords, asString, asStrings, type JsonRecord } from '../values.js';

export function mapVpcs(set: ResourceSet): Vpc[] {
  const extraBlocks = set.ofType('AWS::EC2::VPCCidrBlock');
  return set.ofType('AWS::EC2::VPC').map((vpc) => {
    const cidrBlocks = [
      asString(vpc.properties.CidrBlock),
      ...extraBlocks.filter((block) => block.properties.VpcId === vpc.id).map((block) => asString(block.properties.CidrBlock)),
    ].filter((block): block is string => block !== undefined);
    return {
      id: vpc.id,
      ...(vpc.tags.Name === undefined ? {} : { name: vpc.tags.Name }),
      region: vpc.env.region,
      cidrBlocks,
      isDefault: false,
      tags: vpc.tags,
    };
  });
}

/** Route targets, by the property that names them. `GatewayId` is told apart by the id's prefix. */
const ROUTE_TARGETS: [property: string, kind: DefaultRoute['targetKind']][] = [
  ['GatewayId', 'internet-gateway'],
  ['NatGatewayId', 'nat-gateway'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['TransitGatewayId', 'transit-gateway'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'network-interface'],
  ['VpcPeeringConnectionId', 'vpc-peering'],
  ['VpcEndpointId', 'other'],
  ['CarrierGatewayId', 'other'],
  ['LocalGatewayId', 'other'],
  ['CoreNetworkArn', 'other'],
];

function defaultRouteOf(route: JsonRecord): DefaultRoute | undefined {
  for (const [property, kind] of ROUTE_TARGETS) {
    const targetId = asString(route[property]);
    if (targetId === undefined) continue;
    // GatewayId also takes virtual private gateways (vgw-...).
    const targetKind = property === 'GatewayId' && !targetId.startsWith('igw-') ? 'other' : kind;
    return { targetKind, targetId };
  }
  return undefined;
}

/** Route table id → its default route (IPv4 preferred over IPv6). */
function defaultRoutes(set: ResourceSet): Map<string, DefaultRoute> {
  const routes = new Map<string, DefaultRoute>();
  const ordered = [
    ...set.ofType('AWS::EC2::Route').filter((route) => route.properties.DestinationIpv6CidrBlock === '::/0'),
    ...set.ofType('AWS::EC2::Route').filter((route) => route.properties.DestinationCidrBlock === '0.0.0.0/0'),
  ];
  for (const route of ordered) {
    const routeTableId = asString(route.properties.RouteTableId);
    const target = defaultRouteOf(route.properties);
    if (routeTableId !== undefined && target !== undefined) routes.set(routeTableId, target);
  }
  return routes;
}

function tierOf(route: DefaultRoute | undefined): SubnetTier {
  if (route === undefined) return 'isolated';
  return route.targetKind === 'internet-gateway' ? 'public' : 'private';
}

/** A subnet without an explicit association uses the VPC's main route table: local routes only. */
export function mapSubnets(set: ResourceSet): Subnet[] {
  const routes = defaultRoutes(set);
  const routeTableOfSubnet = new Map<string, string>();
  for (const association of set.ofType('AWS::EC2::SubnetRouteTableAssociation')) {
    const subnetId = asString(association.properties.SubnetId);
    const routeTableId = asString(association.properties.RouteTableId);
    if (subnetId !== undefined && routeTableId !== undefined) routeTableOfSubnet.set(subnetId, routeTableId);
  }
  return set.ofType('AWS::EC2::Subnet').map((subnet) => {
    const routeTableId = routeTableOfSubnet.get(subnet.id);
    const defaultRoute = routeTableId === undefined ? undefined : routes.get(routeTableId);
    const availabilityZone = asString(subnet.properties.AvailabilityZone);
    const cidrBlock = asString(subnet.properties.CidrBlock);
    return {
      id: subnet.id,
      ...(subnet.tags.Name === undefined ? {} : { name: subnet.tags.Name }),
      vpcId: asString(subnet.properties.VpcId) ?? '',
      region: subnet.env.region,
      ...(availabilityZone === undefined ? {} : { availabilityZone }),
      ...(cidrBlock === undefined ? {} : { cidrBlock }),
      tier: tierOf(defaultRoute),
      ...(routeTableId === undefined ? {} : { routeTableId }),
      ...(defaultRoute === undefined ? {} : { defaultRoute }),
      mapPublicIpOnLaunch: asBoolean(subnet.properties.MapPublicIpOnLaunch) ?? false,
      tags: subnet.tags,
    };
  });
}

const PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function protocolName(raw: unknown): string {
  const text = (asString(raw) ?? '-1').toLowerCase();
  return PROTOCOL_NAMES[text] ?? text;
}

type Direction = 'Source' | 'Destination';

function peerOf(rule: JsonRecord, direction: Direction): SgPeer | undefined {
  const groupId = asString(rule[`${direction}SecurityGroupId`]);
  if (groupId !== undefined) {
    const ownerId = asString(rule.SourceSecurityGroupOwnerId);
    return { kind: 'security-group', groupId, ...(direction === 'Source' && ownerId !== undefined ? { ownerId } : {}) };
  }
  const cidr = asString(rule.CidrIp) ?? asString(rule.CidrIpv6);
  if (cidr !== undefined) return { kind: 'cidr', cidr };
  const prefixListId = asString(rule[`${direction}PrefixListId`]);
  if (prefixListId !== undefined) return { kind: 'prefix-list', prefixListId };
  return undefined;
}

/** One `SecurityGroupIngress`/`Egress` entry (inline or standalone) as EC2 would report it. */
export function securityGroupRule(rule: JsonRecord, direction: Direction): SecurityGroupRule | undefined {
  const peer = peerOf(rule, direction);
  if (peer === undefined) return undefined;
  const protocol = protocolName(rule.IpProtocol);
  const fromPort = asNumber(rule.FromPort);
  const toPort = asNumber(rule.ToPort);
  const description = asString(rule.Description);
  return {
    protocol,
    ...(protocol === 'all' || fromPort === undefined ? {} : { fromPort }),
    ...(protocol === 'all' || toPort === undefined ? {} : { toPort }),
    peer,
    ...(description === undefined ? {} : { description }),
  };
}

function rules(raw: unknown, direction: Direction): SecurityGroupRule[] {
  return asRecords(raw)
    .map((rule) => securityGroupRule(rule, direction))
    .filter((rule): rule is SecurityGroupRule => rule !== undefined);
}

/** EC2 adds this to a VPC group unless the template declares egress rules inline. */
const DEFAULT_EGRESS: SecurityGroupRule = { protocol: 'all', peer: { kind: 'cidr', cidr: '0.0.0.0/0' } };

export function mapSecurityGroups(set: ResourceSet): SecurityGroup[] {
  const groups = set.ofType('AWS::EC2::SecurityGroup').map((group): SecurityGroup => {
    const outbound = rules(group.properties.SecurityGroupEgress, 'Destination');
    const vpcId = asString(group.properties.VpcId);
    return {
      id: group.id,
      name: asString(group.properties.GroupName) ?? group.displayName,
      description: asString(group.properties.GroupDescription) ?? '',
      ...(vpcId === undefined ? {} : { vpcId }),
      region: group.env.region,
      inbound: rules(group.properties.SecurityGroupIngress, 'Source'),
      outbound: group.properties.SecurityGroupEgress === undefined ? [{ ...DEFAULT_EGRESS }] : outbound,
      tags: group.tags,
    };
  });
  const byId = new Map(groups.map((group) => [group.id, group]));
  attachStandaloneRules(set.ofType('AWS::EC2::SecurityGroupIngress'), byId, 'Source', 'inbound');
  attachStandaloneRules(set.ofType('AWS::EC2::SecurityGroupEgress'), byId, 'Destination', 'outbound');
  return groups;
}

/** Rules declared as their own resources join the group their `GroupId` names, wherever it is declared. */
function attachStandaloneRules(
  resources: TemplateResource[],
  groups: Map<string, SecurityGroup>,
  direction: Direction,
  side: 'inbound' | 'outbound',
): void {
  for (const resource of resources) {
    const group = groups.get(asString(resource.properties.GroupId) ?? '');
    const rule = securityGroupRule(resource.properties, direction);
    if (group !== undefined && rule !== undefined) group[side].push(rule);
  }
}

export function mapVpcEndpoints(set: ResourceSet): VpcEndpoint[] {
  return set.ofType('AWS::EC2::VPCEndpoint').map((endpoint) => {
    const subject = { ...endpoint, property: (name: string) => endpoint.properties[name] };
    return {
      id: endpoint.id,
      vpcId: asString(endpoint.properties.VpcId) ?? '',
      region: endpoint.env.region,
      serviceName: asString(endpoint.properties.ServiceName) ?? '',
      type: asString(endpoint.properties.VpcEndpointType) ?? 'Gateway',
      subnetIds: asStrings(endpoint.properties.SubnetIds),
      securityGroupIds: asStrings(endpoint.properties.SecurityGroupIds),
      routeTableIds: asStrings(endpoint.properties.RouteTableIds),
      privateDnsEnabled: asBoolean(endpoint.properties.PrivateDnsEnabled) ?? false,
      dnsNames: vpcEndpointDnsNames(subject, endpoint.id),
      tags: endpoint.tags,
    };
  });
}

/** Subnet id → VPC id, for resources that only name their subnets (load balancers, DB subnet groups). */
export function vpcOfSubnets(set: ResourceSet): (subnetIds: string[]) => string | undefined {
  const vpcBySubnet = new Map(set.ofType('AWS::EC2::Subnet').map((subnet) => [subnet.id, asString(subnet.properties.VpcId)]));
  return (subnetIds) => subnetIds.map((id) => vpcBySubnet.get(id)).find((vpcId) => vpcId !== undefined);
}
