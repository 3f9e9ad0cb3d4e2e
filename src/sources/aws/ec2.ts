import type {
  IpPermission,
  Route,
  RouteTable,
  SecurityGroup as SdkSecurityGroup,
  Subnet as SdkSubnet,
  Vpc as SdkVpc,
  VpcEndpoint as SdkVpcEndpoint,
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
import { batches } from '../../model/index.js';
import { listAll, tagMap, type CallOutcome, type CollectContext } from './context.js';
import { collectVpcLinks, peerRoutesByVpc, type VpcLinks } from './ec2-network.js';
import { sdkPackage } from './sdk-packages.js';

const {
  EC2Client,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
} = sdkPackage('@aws-sdk/client-ec2');
type EC2Client = InstanceType<typeof EC2Client>;

/**
 * EC2 networking of one region: VPCs, subnets (tiered by their route tables), security groups
 * with their rules, VPC endpoints, and what connects the VPCs to other networks (peering
 * connections, transit gateway attachments: ec2-network.ts). Seven paginated walks, run concurrently;
 * a scoped walk filters them to the application's VPCs (`collectEc2Scoped`).
 */

const PAGE_SIZE = 1000;
/** DescribeRouteTables allows 5–100 per page. */
const ROUTE_TABLE_PAGE_SIZE = 100;

export async function collectEc2(ctx: CollectContext, targets?: Ec2Targets): Promise<Partial<Inventory>> {
  const client = new EC2Client(ctx.clientConfig);
  if (targets !== undefined) return collectEc2Scoped(ctx, client, targets);
  const [vpcs, subnets, routeTables, securityGroups, endpoints, links] = await Promise.all([
    listAll(ctx, 'ec2:DescribeVpcs', () => paginateDescribeVpcs({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Vpcs),
    listAll(ctx, 'ec2:DescribeSubnets', () => paginateDescribeSubnets({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Subnets),
    listAll(ctx, 'ec2:DescribeRouteTables', () => paginateDescribeRouteTables({ client, pageSize: ROUTE_TABLE_PAGE_SIZE }, {}), (p) => p.RouteTables),
    listAll(ctx, 'ec2:DescribeSecurityGroups', () => paginateDescribeSecurityGroups({ client, pageSize: PAGE_SIZE }, {}), (p) => p.SecurityGroups),
    listAll(ctx, 'ec2:DescribeVpcEndpoints', () => paginateDescribeVpcEndpoints({ client, pageSize: PAGE_SIZE }, {}), (p) => p.VpcEndpoints),
    collectVpcLinks(ctx, client),
  ]);
  return toNetwork(ctx, { vpcs, subnets, routeTables, securityGroups, endpoints }, links);
}

interface NetworkListings {
  vpcs: CallOutcome<SdkVpc[]>;
  subnets: CallOutcome<SdkSubnet[]>;
  routeTables: CallOutcome<RouteTable[]>;
  securityGroups: CallOutcome<SdkSecurityGroup[]>;
  endpoints: CallOutcome<SdkVpcEndpoint[]>;
}

function toNetwork(ctx: CollectContext, { vpcs, subnets, routeTables, securityGroups, endpoints }: NetworkListings, links: VpcLinks): Partial<Inventory> {
  const peerRoutes = routeTables.ok ? peerRoutesByVpc(routeTables.value) : new Map<string, VpcRoute[]>();
  return {
    vpcs: vpcs.ok ? vpcs.value.map((v) => withPeerRoutes(toVpc(v, ctx.region), peerRoutes.get(v.VpcId ?? ''))) : [],
    subnets: subnets.ok ? subnets.value.map((s) => toSubnet(s, routeTables.ok ? routeTables.value : undefined, ctx.region)) : [],
    securityGroups: securityGroups.ok ? securityGroups.value.map((g) => toSecurityGroup(g, ctx.region, ctx.accountId)) : [],
    vpcEndpoints: endpoints.ok ? endpoints.value.map((e) => toVpcEndpoint(e, ctx.region)) : [],
    ...links,
  };
}

// ---------------------------------------------------------------- scoped walk

/** What a scoped walk needs of a region's network (scoped-walk.ts works it out from ECS, ELBv2 and RDS). */
export interface Ec2Targets {
  /** The VPCs the application's target groups, load balancers and named databases are in. */
  vpcIds: string[];
  /** The subnets its services run in, and those the lookups found: one outside `vpcIds` brings its VPC in. */
  subnetIds: string[];
  /** Groups and endpoints the lookups found (a tagged group): one outside `vpcIds` brings its VPC in. */
  groupIds: string[];
  endpointIds: string[];
  /** The region's databases (RDS is read whole): one whose group admits the application's from another VPC brings that VPC in. */
  databases: { vpcId: string | undefined; securityGroupIds: string[] }[];
}

/** Filter values per call. EC2 documents no maximum; 200 is the limit users report meeting (apache/druid#1954). */
const FILTER_VALUES_PER_CALL = 200;


/** One listing per chunk of filter values, joined; a chunk that fails makes the listing missing. */
async function listFiltered<Item>(values: readonly string[], list: (chunk: string[]) => Promise<CallOutcome<Item[]>>): Promise<CallOutcome<Item[]>> {
  const outcomes = await Promise.all(batches([...new Set(values)], FILTER_VALUES_PER_CALL).map(list));
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed !== undefined) return failed;
  return { ok: true, value: outcomes.flatMap((outcome) => (outcome.ok ? outcome.value : [])) };
}

const byFilter = (name: string, values: string[]) => ({ Filters: [{ Name: name, Values: values }] });

/** No call for no ids. */
const lookUp = <Item>(ids: string[], list: (chunk: string[]) => Promise<CallOutcome<Item[]>>): Promise<CallOutcome<Item[]>> =>
  ids.length === 0 ? Promise.resolve({ ok: true, value: [] }) : listFiltered(ids, list);

/** Everything of these VPCs: the VPCs, their subnets, route tables, security groups and endpoints (five filtered listings). */
async function vpcContext(ctx: CollectContext, client: EC2Client, vpcIds: string[]): Promise<NetworkListings> {
  const [vpcs, subnets, routeTables, securityGroups, endpoints] = await Promise.all([
    listFiltered(vpcIds, (ids) => listAll(ctx, 'ec2:DescribeVpcs', () => paginateDescribeVpcs({ client, pageSize: PAGE_SIZE }, byFilter('vpc-id', ids)), (p) => p.Vpcs)),
    listFiltered(vpcIds, (ids) => listAll(ctx, 'ec2:DescribeSubnets', () => paginateDescribeSubnets({ client, pageSize: PAGE_SIZE }, byFilter('vpc-id', ids)), (p) => p.Subnets)),
    listFiltered(vpcIds, (ids) =>
      listAll(ctx, 'ec2:DescribeRouteTables', () => paginateDescribeRouteTables({ client, pageSize: ROUTE_TABLE_PAGE_SIZE }, byFilter('vpc-id', ids)), (p) => p.RouteTables),
    ),
    listFiltered(vpcIds, (ids) =>
      listAll(ctx, 'ec2:DescribeSecurityGroups', () => paginateDescribeSecurityGroups({ client, pageSize: PAGE_SIZE }, byFilter('vpc-id', ids)), (p) => p.SecurityGroups),
    ),
    listFiltered(vpcIds, (ids) =>
      listAll(ctx, 'ec2:DescribeVpcEndpoints', () => paginateDescribeVpcEndpoints({ client, pageSize: PAGE_SIZE }, byFilter('vpc-id', ids)), (p) => p.VpcEndpoints),
    ),
  ]);
  return { vpcs, subnets, routeTables, securityGroups, endpoints };
}

const EMPTY: CallOutcome<never[]> = { ok: true, value: [] };

function joined<T>(a: CallOutcome<T[]>, b: CallOutcome<T[]>): CallOutcome<T[]> {
  if (!a.ok) return a;
  if (!b.ok) return b;
  return { ok: true, value: [...a.value, ...b.value] };
}

function joinedListings(a: NetworkListings, b: NetworkListings): NetworkListings {
  return {
    vpcs: joined(a.vpcs, b.vpcs),
    subnets: joined(a.subnets, b.subnets),
    routeTables: joined(a.routeTables, b.routeTables),
    securityGroups: joined(a.securityGroups, b.securityGroups),
    endpoints: joined(a.endpoints, b.endpoints),
  };
}

const idsOf = <T>(outcome: CallOutcome<T[]>, id: (item: T) => string | undefined): Set<string> =>
  new Set(outcome.ok ? outcome.value.flatMap((item) => (id(item) === undefined ? [] : [id(item)!])) : []);

/**
 * A scoped walk's network: the context of the application's VPCs, whole (their subnets, route
 * tables, groups and endpoints, each listing filtered by `vpc-id`), and, when one of them is
 * peered or attached to a transit gateway, the groups of other VPCs whose inbound rules name a
 * group read (`ip-permission.group-id`): they are what says "admitted by a group outside this
 * scope". A service subnet outside those VPCs (one `subnet-id` lookup), or a database in another
 * VPC whose group admits the application's, brings its VPC in. Peering connections and transit
 * gateway attachments are read as in the whole walk (one filtered call each).
 */
async function collectEc2Scoped(ctx: CollectContext, client: EC2Client, targets: Ec2Targets): Promise<Partial<Inventory>> {
  const links = collectVpcLinks(ctx, client);
  const known = [...new Set(targets.vpcIds)].sort();
  let listings = known.length === 0 ? emptyListings() : await vpcContext(ctx, client, known);
  const outside = (wanted: string[], read: Set<string>) => [...new Set(wanted)].filter((id) => !read.has(id)).sort();
  const outsideSubnets = outside(targets.subnetIds, idsOf(listings.subnets, (s) => s.SubnetId));
  const outsideGroups = outside(targets.groupIds, idsOf(listings.securityGroups, (g) => g.GroupId));
  const outsideEndpoints = outside(targets.endpointIds, idsOf(listings.endpoints, (e) => e.VpcEndpointId));
  if (outsideSubnets.length + outsideGroups.length + outsideEndpoints.length > 0) {
    // Where they are: one lookup by id each, then their VPCs read as the others.
    const [subnets, groups, endpoints] = await Promise.all([
      lookUp(outsideSubnets, (ids) => listAll(ctx, 'ec2:DescribeSubnets', () => paginateDescribeSubnets({ client, pageSize: PAGE_SIZE }, byFilter('subnet-id', ids)), (p) => p.Subnets)),
      lookUp(outsideGroups, (ids) => listAll(ctx, 'ec2:DescribeSecurityGroups', () => paginateDescribeSecurityGroups({ client, pageSize: PAGE_SIZE }, byFilter('group-id', ids)), (p) => p.SecurityGroups)),
      lookUp(outsideEndpoints, (ids) =>
        listAll(ctx, 'ec2:DescribeVpcEndpoints', () => paginateDescribeVpcEndpoints({ client, pageSize: PAGE_SIZE }, byFilter('vpc-endpoint-id', ids)), (p) => p.VpcEndpoints),
      ),
    ]);
    const readVpcs = idsOf(listings.vpcs, (v) => v.VpcId);
    const found = [...idsOf(subnets, (s) => s.VpcId), ...idsOf(groups, (g) => g.VpcId), ...idsOf(endpoints, (e) => e.VpcId)];
    const more = [...new Set(found)].filter((id) => !readVpcs.has(id) && !known.includes(id)).sort();
    if (more.length > 0) listings = joinedListings(listings, await vpcContext(ctx, client, more));
  }
  const vpcLinks = await links;
  const readVpcs = idsOf(listings.vpcs, (v) => v.VpcId);
  const linked = [...vpcLinks.vpcPeerings.flatMap((p) => [p.requester.vpcId, p.accepter.vpcId]), ...vpcLinks.transitGatewayAttachments.map((a) => a.vpcId)].some((id) => readVpcs.has(id));
  if (linked && listings.securityGroups.ok) {
    const readGroups = idsOf(listings.securityGroups, (g) => g.GroupId);
    const referencing = await listFiltered([...readGroups].sort(), (ids) =>
      listAll(ctx, 'ec2:DescribeSecurityGroups', () => paginateDescribeSecurityGroups({ client, pageSize: PAGE_SIZE }, byFilter('ip-permission.group-id', ids)), (p) => p.SecurityGroups),
    );
    // A failed lookup is in coverage; the VPCs' own groups stay.
    const elsewhere = referencing.ok ? referencing.value.filter((g) => !readGroups.has(g.GroupId ?? '')) : [];
    listings = { ...listings, securityGroups: joined(listings.securityGroups, { ok: true, value: elsewhere }) };
    const outsideIds = new Set(elsewhere.map((g) => g.GroupId ?? ''));
    const databaseVpcs = targets.databases
      .filter((db) => db.vpcId !== undefined && !readVpcs.has(db.vpcId) && db.securityGroupIds.some((id) => outsideIds.has(id)))
      .map((db) => db.vpcId!);
    const more = [...new Set(databaseVpcs)].sort();
    if (more.length > 0) listings = joinedListings(listings, await vpcContext(ctx, client, more));
  }
  return toNetwork(ctx, { ...listings, securityGroups: uniqueGroups(listings.securityGroups) }, vpcLinks);
}

function emptyListings(): NetworkListings {
  return { vpcs: EMPTY, subnets: EMPTY, routeTables: EMPTY, securityGroups: EMPTY, endpoints: EMPTY };
}

/** A group read twice (its VPC's listing and a reference's) once. */
function uniqueGroups(outcome: CallOutcome<SdkSecurityGroup[]>): CallOutcome<SdkSecurityGroup[]> {
  if (!outcome.ok) return outcome;
  const byId = new Map(outcome.value.map((g) => [g.GroupId ?? '', g]));
  return { ok: true, value: [...byId.values()] };
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
