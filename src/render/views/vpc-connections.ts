import { ref, type Edge, type Inventory, type InventoryIndex, type VpcRoute } from '../../model/index.js';
import { vpcAccount } from '../../model/vpc-links.js';
import { lines, linesOf, nodeName, text } from './cells.js';
import { EMPTY_CELL, type TableSpec, type ViewContext } from './context.js';

/**
 * What connects the VPCs to each other, as network context: one row per active peering connection
 * (requester → accepter) and one per transit gateway VPC attachment (with the other VPCs on that
 * gateway), each VPC with its account and the routes of its route tables that lead there.
 */
export const vpcConnectionTable: TableSpec = {
  id: 'vpc-connections',
  title: 'VPC CONNECTIONS',
  columns: ['Connection', 'Type', 'VPC', 'VPC Account', 'Peer VPC', 'Peer Account', 'Routes To It'],
  needs: ['vpcLinks'],
  rows: vpcConnectionRows,
};

function routeLines(routes: readonly VpcRoute[]): string {
  return linesOf(routes, (route) => `${route.routeTableId} ${route.destination}`);
}

function vpcRoutesTo(index: InventoryIndex, vpcId: string, targetId: string): VpcRoute[] {
  return (index.vpcs.get(vpcId)?.peerRoutes ?? []).filter((route) => route.targetId === targetId);
}

function account(inventory: Inventory, vpcId: string): string {
  return text(vpcAccount(inventory, vpcId));
}

function vpcLabel(index: InventoryIndex, vpcId: string): string {
  return nodeName(index, ref('vpc', vpcId));
}

/** The VPCs the correlator joined to `vpcId` over the gateway (both directions). */
function gatewayPeers(edges: readonly Edge[], vpcId: string, gatewayId: string): string[] {
  return edges
    .filter((edge) => edge.kind === 'vpc-transit-gateway' && edge.evidence.some((e) => e.matchType === 'transit-gateway' && e.matchedValue === gatewayId))
    .flatMap((edge) => (edge.from.id === vpcId ? [edge.to.id] : edge.to.id === vpcId ? [edge.from.id] : []));
}

function vpcConnectionRows({ topology, index }: ViewContext): string[][] {
  const { inventory, edges } = topology;
  const peerings = inventory.vpcPeerings.map((peering) => [
    peering.id,
    'peering',
    vpcLabel(index, peering.requester.vpcId),
    text(peering.requester.accountId ?? vpcAccount(inventory, peering.requester.vpcId)),
    vpcLabel(index, peering.accepter.vpcId),
    text(peering.accepter.accountId ?? vpcAccount(inventory, peering.accepter.vpcId)),
    routeLines([...vpcRoutesTo(index, peering.requester.vpcId, peering.id), ...vpcRoutesTo(index, peering.accepter.vpcId, peering.id)]),
  ]);
  const attachments = inventory.transitGatewayAttachments.map((attachment) => {
    const peers = gatewayPeers(edges, attachment.vpcId, attachment.transitGatewayId);
    return [
      attachment.transitGatewayId,
      `transit gateway (${attachment.id})`,
      vpcLabel(index, attachment.vpcId),
      text(attachment.vpcOwnerId ?? vpcAccount(inventory, attachment.vpcId)),
      peers.length === 0 ? EMPTY_CELL : linesOf(peers, (peer) => vpcLabel(index, peer)),
      peers.length === 0 ? EMPTY_CELL : peers.map((peer) => account(inventory, peer)).join('\n'),
      routeLines(vpcRoutesTo(index, attachment.vpcId, attachment.transitGatewayId)),
    ];
  });
  return [...peerings, ...attachments];
}
