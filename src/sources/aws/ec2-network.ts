import type {
  EC2Client,
  RouteTable,
  TransitGatewayAttachment as SdkTransitGatewayAttachment,
  VpcPeeringConnection,
  VpcPeeringConnectionVpcInfo,
} from '@aws-sdk/client-ec2';
import type { PeeringSide, TransitGatewayAttachment, VpcPeering, VpcRoute } from '../../model/index.js';
import { listAll, type CollectContext } from './context.js';
import { sdkPackage } from './sdk-packages.js';

const { paginateDescribeTransitGatewayAttachments, paginateDescribeVpcPeeringConnections } = sdkPackage('@aws-sdk/client-ec2');

/**
 * What connects a region's VPCs to other networks, as network context: active VPC peering
 * connections and the VPC attachments of transit gateways (each side's owner account and region
 * as EC2 reports them), and the routes of the VPCs' route tables that lead to them (the evidence
 * that traffic is sent there). Two paginated walks beside the other EC2 listings.
 */

/** Both listings allow 5–1000 per page. */
const PAGE_SIZE = 1000;

/** Only these peering connections connect anything (pending, rejected, expired or deleted ones do not). */
const ACTIVE_PEERING = 'active';

/** Attachments that carry traffic; pending, rejected, deleting… ones do not. */
const CONNECTED_ATTACHMENT_STATES: ReadonlySet<string> = new Set(['available', 'modifying']);

export interface VpcLinks {
  vpcPeerings: VpcPeering[];
  transitGatewayAttachments: TransitGatewayAttachment[];
}

export async function collectVpcLinks(ctx: CollectContext, client: EC2Client): Promise<VpcLinks> {
  const [peerings, attachments] = await Promise.all([
    listAll(
      ctx,
      'ec2:DescribeVpcPeeringConnections',
      () => paginateDescribeVpcPeeringConnections({ client, pageSize: PAGE_SIZE }, { Filters: [{ Name: 'status-code', Values: [ACTIVE_PEERING] }] }),
      (p) => p.VpcPeeringConnections,
    ),
    listAll(
      ctx,
      'ec2:DescribeTransitGatewayAttachments',
      () => paginateDescribeTransitGatewayAttachments({ client, pageSize: PAGE_SIZE }, { Filters: [{ Name: 'resource-type', Values: ['vpc'] }] }),
      (p) => p.TransitGatewayAttachments,
    ),
  ]);
  return {
    vpcPeerings: peerings.ok ? activePeerings(peerings.value, ctx.region) : [],
    transitGatewayAttachments: attachments.ok ? vpcAttachments(attachments.value, ctx.region) : [],
  };
}

function peeringSide(info: VpcPeeringConnectionVpcInfo | undefined): PeeringSide {
  const blocks = [...(info?.CidrBlockSet ?? []).map((b) => b.CidrBlock), ...(info?.Ipv6CidrBlockSet ?? []).map((b) => b.Ipv6CidrBlock)];
  const cidrBlocks = blocks.filter((b): b is string => b !== undefined);
  return {
    vpcId: info?.VpcId ?? '',
    ...(info?.OwnerId === undefined ? {} : { accountId: info.OwnerId }),
    ...(info?.Region === undefined ? {} : { region: info.Region }),
    cidrBlocks: cidrBlocks.length > 0 ? cidrBlocks : info?.CidrBlock === undefined ? [] : [info.CidrBlock],
  };
}

/** The active connections (the filter asks for them; the check keeps a fake or an older endpoint honest). */
export function activePeerings(connections: VpcPeeringConnection[], region: string): VpcPeering[] {
  return connections
    .filter((c) => c.Status?.Code === ACTIVE_PEERING && c.VpcPeeringConnectionId !== undefined)
    .map((c) => ({
      id: c.VpcPeeringConnectionId!,
      region,
      requester: peeringSide(c.RequesterVpcInfo),
      accepter: peeringSide(c.AccepterVpcInfo),
    }));
}

/** VPC attachments that carry traffic; VPN, Direct Connect, peering and Connect attachments are not VPCs. */
export function vpcAttachments(attachments: SdkTransitGatewayAttachment[], region: string): TransitGatewayAttachment[] {
  return attachments
    .filter((a) => a.ResourceType === 'vpc' && a.TransitGatewayAttachmentId !== undefined && a.ResourceId !== undefined)
    .filter((a) => CONNECTED_ATTACHMENT_STATES.has(a.State ?? ''))
    .map((a) => ({
      id: a.TransitGatewayAttachmentId!,
      transitGatewayId: a.TransitGatewayId ?? '',
      ...(a.TransitGatewayOwnerId === undefined ? {} : { transitGatewayOwnerId: a.TransitGatewayOwnerId }),
      vpcId: a.ResourceId!,
      ...(a.ResourceOwnerId === undefined ? {} : { vpcOwnerId: a.ResourceOwnerId }),
      region,
      ...(a.State === undefined ? {} : { state: a.State }),
    }));
}

/**
 * Each VPC's routes to a peering connection or a transit gateway, from its route tables (already
 * read for the subnets' tiers). Blackhole routes (the target was deleted) send nothing anywhere.
 */
export function peerRoutesByVpc(tables: RouteTable[]): Map<string, VpcRoute[]> {
  const byVpc = new Map<string, VpcRoute[]>();
  for (const table of tables) {
    if (table.VpcId === undefined || table.RouteTableId === undefined) continue;
    for (const route of table.Routes ?? []) {
      if (route.State === 'blackhole') continue;
      const destination = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId;
      const target: Pick<VpcRoute, 'targetKind' | 'targetId'> | undefined = route.VpcPeeringConnectionId
        ? { targetKind: 'vpc-peering', targetId: route.VpcPeeringConnectionId }
        : route.TransitGatewayId
          ? { targetKind: 'transit-gateway', targetId: route.TransitGatewayId }
          : undefined;
      if (destination === undefined || target === undefined) continue;
      const routes = byVpc.get(table.VpcId) ?? [];
      routes.push({ routeTableId: table.RouteTableId, destination, ...target });
      byVpc.set(table.VpcId, routes);
    }
  }
  for (const routes of byVpc.values()) routes.sort((a, b) => (routeKey(a) < routeKey(b) ? -1 : routeKey(a) > routeKey(b) ? 1 : 0));
  return byVpc;
}

const routeKey = (route: VpcRoute): string => `${route.targetId}|${route.routeTableId}|${route.destination}`;
