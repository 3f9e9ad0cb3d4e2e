import {
  EC2Client,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  type IpPermission,
  type Route,
  type RouteTable,
  type SecurityGroup as SdkSecurityGroup,
  type Subnet as SdkSubnet,
  type Vpc as SdkVpc,
  type VpcEndpoint as SdkVpcEndpoint,
} from '@aws-sdk/client-ec2';
import type {
  DefaultRoute,
  Inventory,
  SecurityGroup,
  SecurityGroupRule,
  SgPeer,
  Subnet,
  SubnetTier,
  Vpc,
  VpcEndpoint,
  VpcRoute,
} from '../../model/index.js';
import { listAll, tagMap, type CollectContext } from './context.js';
import { collectVpcLinks, peerRoutesByVpc } from './ec2-network.js';

/**
 * EC2 networking of one region: VPCs, subnets (tiered by their route tables), security groups
 * with their rules, VPC endpoints, and what connects the VPCs to other networks (peering
 * connections, transit gateway attachments: ec2-network.ts). Seven paginated walks, run concurrently.
 */

const PAGE_SIZE = 1000;
/** DescribeRouteTables allows 5–100 per page. */
const ROUTE_TABLE_PAGE_SIZE = 100;

export async function collectEc2(ctx: CollectContext): Promise<Partial<Inventory>> {
  const client = new EC2Client(ctx.clientConfig);
  const [vpcs, subnets, routeTables, securityGroups, endpoints, links] = await Promise.all([
    listAll(ctx, 'ec2:DescribeVpcs', () => paginateDescribeVpcs({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Vpcs),
    listAll(ctx, 'ec2:DescribeSubnets', () => paginateDescribeSubnets({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Subnets),
    listAll(ctx, 'ec2:DescribeRouteTables', () => paginateDescribeRouteTables({ client, pageSize: ROUTE_TABLE_PAGE_SIZE }, {}), (p) => p.RouteTables),
    listAll(ctx, 'ec2:DescribeSecurityGroups', () => paginateDescribeSecurityGroups({ client, pageSize: PAGE_SIZE }, {}), (p) => p.SecurityGroups),
    listAll(ctx, 'ec2:DescribeVpcEndpoints', () => paginateDescribeVpcEndpoints({ client, pageSize: PAGE_SIZE }, {}), (p) => p.VpcEndpoints),
    collectVpcLinks(ctx, client),
  ]);
  const peerRoutes = routeTables.ok ? peerRoutesByVpc(routeTables.value) : new Map<string, VpcRoute[]>();
  return {
    vpcs: vpcs.ok ? vpcs.value.map((v) => withPeerRoutes(toVpc(v, ctx.region), peerRoutes.get(v.VpcId ?? ''))) : [],
    subnets: subnets.ok ? subnets.value.map((s) => toSubnet(s, routeTables.ok ? routeTables.value : undefined, ctx.region)) : [],
    securityGroups: securityGroups.ok ? securityGroups.value.map((g) => toSecurityGroup(g, ctx.region, ctx.accountId)) : [],
    vpcEndpoints: endpoints.ok ? endpoints.value.map((e) => toVpcEndpoint(e, ctx.region)) : [],
    ...links,
  };
}

function withPeerRoutes(vpc: Vpc, routes: VpcRoute[] | undefined): Vpc {
  return routes === undefined || routes.length === 0 ? vpc : { ...vpc, peerRoutes: routes };
}

// ---------------------------------------------------------------- transforms

function nameTag(tags: Record<string, string>): string | undefined {
  return tags.Name === undefined || tags.Name === '' ? undefined : tags.Name;
}

export function toVpc(vpc: SdkVpc, region: string): Vpc {
  const tags = tagMap(vpc.Tags);
  const ipv4 = (vpc.CidrBlockAssociationSet ?? []).filter((a) => a.CidrBlockState?.State === 'associated').map((a) => a.CidrBlock);
  const ipv6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a) => a.Ipv6CidrBlockState?.State === 'associated')
    .map((a) => a.Ipv6CidrBlock);
  const cidrBlocks = [...(ipv4.length > 0 ? ipv4 : [vpc.CidrBlock]), ...ipv6].filter((c): c is string => c !== undefined);
  return {
    id: vpc.VpcId ?? '',
    name: nameTag(tags),
    region,
    cidrBlocks,
    isDefault: vpc.IsDefault ?? false,
    tags,
  };
}

/** The route table that governs a subnet: its explicit association, else its VPC's main table. */
export function routeTableFor(subnet: Pick<SdkSubnet, 'SubnetId' | 'VpcId'>, tables: RouteTable[]): RouteTable | undefined {
  return (
    tables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnet.SubnetId)) ??
    tables.find((t) => t.VpcId === subnet.VpcId && (t.Associations ?? []).some((a) => a.Main === true))
  );
}

function routeTarget(route: Route): DefaultRoute {
  if (route.GatewayId?.startsWith('igw-')) return { targetKind: 'internet-gateway', targetId: route.GatewayId };
  if (route.NatGatewayId) return { targetKind: 'nat-gateway', targetId: route.NatGatewayId };
  if (route.EgressOnlyInternetGatewayId) return { targetKind: 'egress-only-internet-gateway', targetId: route.EgressOnlyInternetGatewayId };
  if (route.TransitGatewayId) return { targetKind: 'transit-gateway', targetId: route.TransitGatewayId };
  if (route.InstanceId) return { targetKind: 'instance', targetId: route.InstanceId };
  if (route.NetworkInterfaceId) return { targetKind: 'network-interface', targetId: route.NetworkInterfaceId };
  if (route.VpcPeeringConnectionId) return { targetKind: 'vpc-peering', targetId: route.VpcPeeringConnectionId };
  const other = route.GatewayId ?? route.CarrierGatewayId ?? route.LocalGatewayId ?? route.CoreNetworkArn ?? '';
  return { targetKind: 'other', targetId: other };
}

/**
 * Where 0.0.0.0/0 (or ::/0) goes. An internet gateway wins over anything else, so a subnet whose
 * IPv6 default route reaches the internet is public even when IPv4 goes through a NAT.
 * Blackhole routes (their target was deleted) route nothing.
 */
export function defaultRouteOf(table: RouteTable | undefined): DefaultRoute | undefined {
  const defaults = (table?.Routes ?? [])
    .filter((r) => r.DestinationCidrBlock === '0.0.0.0/0' || r.DestinationIpv6CidrBlock === '::/0')
    .filter((r) => r.State !== 'blackhole')
    .map(routeTarget);
  return defaults.find((d) => d.targetKind === 'internet-gateway') ?? defaults[0];
}

export function tierOf(defaultRoute: DefaultRoute | undefined): SubnetTier {
  if (defaultRoute === undefined) return 'isolated';
  return defaultRoute.targetKind === 'internet-gateway' ? 'public' : 'private';
}

/**
 * `tables` undefined means the route tables could not be read (coverage records it); the tier
 * then falls back to whether the subnet hands out public IPs, the only other hint there is.
 */
export function toSubnet(subnet: SdkSubnet, tables: RouteTable[] | undefined, region: string): Subnet {
  const tags = tagMap(subnet.Tags);
  const mapPublicIpOnLaunch = subnet.MapPublicIpOnLaunch ?? false;
  const base = {
    id: subnet.SubnetId ?? '',
    name: nameTag(tags),
    vpcId: subnet.VpcId ?? '',
    region,
    availabilityZone: subnet.AvailabilityZone,
    cidrBlock: subnet.CidrBlock,
    mapPublicIpOnLaunch,
    tags,
  };
  if (tables === undefined) return { ...base, tier: mapPublicIpOnLaunch ? 'public' : 'private' };
  const table = routeTableFor(subnet, tables);
  const defaultRoute = defaultRouteOf(table);
  return {
    ...base,
    tier: tierOf(defaultRoute),
    ...(table?.RouteTableId === undefined ? {} : { routeTableId: table.RouteTableId }),
    ...(defaultRoute === undefined ? {} : { defaultRoute }),
  };
}

const PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function protocolName(ipProtocol: string | undefined): string {
  const protocol = (ipProtocol ?? '-1').toLowerCase();
  return PROTOCOL_NAMES[protocol] ?? protocol;
}

function portRange(permission: IpPermission, protocol: string): Pick<SecurityGroupRule, 'fromPort' | 'toPort'> {
  if (protocol === 'all') return {};
  const { FromPort: from, ToPort: to } = permission;
  // -1 is "any" for ICMP types and codes; absent ports mean every port.
  if (from === undefined || to === undefined || (from === -1 && to === -1)) return {};
  return { fromPort: from, toPort: to };
}

/** One rule per peer: EC2 groups several peers under one permission, the model does not. */
export function toRules(permissions: IpPermission[] | undefined, accountId: string): SecurityGroupRule[] {
  return (permissions ?? []).flatMap((permission) => {
    const protocol = protocolName(permission.IpProtocol);
    const ports = portRange(permission, protocol);
    const rule = (peer: SgPeer, description: string | undefined): SecurityGroupRule => ({
      protocol,
      ...ports,
      peer,
      ...(description ? { description } : {}),
    });
    return [
      ...(permission.UserIdGroupPairs ?? []).map((pair) =>
        rule(
          {
            kind: 'security-group',
            groupId: pair.GroupId ?? '',
            ...(pair.UserId && pair.UserId !== accountId ? { ownerId: pair.UserId } : {}),
          },
          pair.Description,
        ),
      ),
      ...(permission.IpRanges ?? []).map((range) => rule({ kind: 'cidr', cidr: range.CidrIp ?? '' }, range.Description)),
      ...(permission.Ipv6Ranges ?? []).map((range) => rule({ kind: 'cidr', cidr: range.CidrIpv6 ?? '' }, range.Description)),
      ...(permission.PrefixListIds ?? []).map((list) => rule({ kind: 'prefix-list', prefixListId: list.PrefixListId ?? '' }, list.Description)),
    ];
  });
}

export function toSecurityGroup(group: SdkSecurityGroup, region: string, accountId: string): SecurityGroup {
  return {
    id: group.GroupId ?? '',
    name: group.GroupName ?? '',
    description: group.Description ?? '',
    vpcId: group.VpcId,
    region,
    inbound: toRules(group.IpPermissions, accountId),
    outbound: toRules(group.IpPermissionsEgress, accountId),
    tags: tagMap(group.Tags),
  };
}

export function toVpcEndpoint(endpoint: SdkVpcEndpoint, region: string): VpcEndpoint {
  return {
    id: endpoint.VpcEndpointId ?? '',
    vpcId: endpoint.VpcId ?? '',
    region,
    serviceName: endpoint.ServiceName ?? '',
    type: endpoint.VpcEndpointType ?? '',
    subnetIds: endpoint.SubnetIds ?? [],
    securityGroupIds: (endpoint.Groups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
    routeTableIds: endpoint.RouteTableIds ?? [],
    privateDnsEnabled: endpoint.PrivateDnsEnabled ?? false,
    state: endpoint.State,
    dnsNames: (endpoint.DnsEntries ?? []).flatMap((d) => (d.DnsName ? [d.DnsName] : [])),
    tags: tagMap(endpoint.Tags),
  };
}
