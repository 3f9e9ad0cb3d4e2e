import { located } from '../model/fields.js';
import { identifier, message } from '../model/message.js';
import { ref, type Edge, type Evidence, type Inventory, type InventoryIndex, type TransitGatewayAttachment, type VpcRoute } from '../model/index.js';
import { cidrCovers } from '../model/vpc-links.js';

/**
 * VPC ↔ VPC network context: what joins two VPCs (of one account or of two), with the routes
 * that send traffic over it as evidence.
 *
 * - `vpc-peering` (requester VPC → accepter VPC): an active peering connection; evidence the
 *   connection (`vpc-peering`, its `pcx-…` id) and every route of either VPC's route tables to it
 *   (`route`, the destination, in `route table rtb-… of vpc-…`).
 * - `vpc-transit-gateway` (VPC → VPC, the lower id first): two VPCs attached to one transit gateway;
 *   evidence the gateway (`transit-gateway`, its `tgw-…` id, in `attachments tgw-attach-… and
 *   tgw-attach-…`) and the routes of either VPC to that gateway whose destination covers the other
 *   VPC's blocks (all of them when the other VPC's blocks are not known). The transit gateway's own
 *   route tables are not read, so two attachments are linked even where they segment traffic.
 *
 * A VPC the walk did not see (the other account was not walked) is still an end: the peering or the
 * attachment names it and its owner.
 */
export function correlateVpcLinks(inventory: Inventory, index: InventoryIndex): Edge[] {
  return [...peeringEdges(inventory, index), ...transitGatewayEdges(inventory, index)];
}

function routesTo(index: InventoryIndex, vpcId: string, targetId: string): VpcRoute[] {
  return (index.vpcs.get(vpcId)?.peerRoutes ?? []).filter((route) => route.targetId === targetId);
}

function routeEvidence(vpcId: string, route: VpcRoute): Evidence {
  return located(
    { matchType: 'route', matchedValue: route.destination },
    message`route table ${identifier('ec2-id', route.routeTableId)} of ${identifier('ec2-id', vpcId)} to ${identifier('ec2-id', route.targetId)}`,
  );
}

function peeringEdges(inventory: Inventory, index: InventoryIndex): Edge[] {
  return inventory.vpcPeerings
    .filter((peering) => peering.requester.vpcId !== '' && peering.accepter.vpcId !== '')
    .map((peering) => {
      const { requester, accepter } = peering;
      const connection = located(
        { matchType: 'vpc-peering', matchedValue: peering.id },
        message`peering connection ${identifier('ec2-id', peering.id)} (requester ${identifier('ec2-id', requester.vpcId)}, accepter ${identifier('ec2-id', accepter.vpcId)})`,
      );
      const routes = [requester.vpcId, accepter.vpcId].flatMap((vpcId) => routesTo(index, vpcId, peering.id).map((route) => routeEvidence(vpcId, route)));
      return { kind: 'vpc-peering', from: ref('vpc', requester.vpcId), to: ref('vpc', accepter.vpcId), evidence: [connection, ...routes], attributes: {} } satisfies Edge;
    });
}

/** The blocks of a VPC: the walked VPC's, else those a peering reports; none when not known. */
function vpcBlocks(inventory: Inventory, index: InventoryIndex, vpcId: string): string[] {
  const vpc = index.vpcs.get(vpcId);
  if (vpc !== undefined) return vpc.cidrBlocks;
  const side = inventory.vpcPeerings.flatMap((p) => [p.requester, p.accepter]).find((s) => s.vpcId === vpcId);
  return side?.cidrBlocks ?? [];
}

/** Routes of `from` to the gateway that lead to `to`: their destination covers one of its blocks (any, when they are not known). */
function routesToward(inventory: Inventory, index: InventoryIndex, from: string, to: string, gatewayId: string): Evidence[] {
  const blocks = vpcBlocks(inventory, index, to);
  return routesTo(index, from, gatewayId)
    .filter((route) => blocks.length === 0 || blocks.some((block) => cidrCovers(route.destination, block)))
    .map((route) => routeEvidence(from, route));
}

function transitGatewayEdges(inventory: Inventory, index: InventoryIndex): Edge[] {
  const byGateway = new Map<string, TransitGatewayAttachment[]>();
  for (const attachment of inventory.transitGatewayAttachments) {
    if (attachment.transitGatewayId === '') continue;
    byGateway.set(attachment.transitGatewayId, [...(byGateway.get(attachment.transitGatewayId) ?? []), attachment]);
  }
  const edges: Edge[] = [];
  for (const [gatewayId, attachments] of byGateway) {
    const sorted = [...attachments].sort((a, b) => (a.vpcId < b.vpcId ? -1 : a.vpcId > b.vpcId ? 1 : a.id < b.id ? -1 : 1));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [a, b] = [sorted[i]!, sorted[j]!];
        if (a.vpcId === b.vpcId) continue;
        const gateway = located(
          { matchType: 'transit-gateway', matchedValue: gatewayId },
          message`attachments ${identifier('ec2-id', a.id)} and ${identifier('ec2-id', b.id)}`,
        );
        const routes = [...routesToward(inventory, index, a.vpcId, b.vpcId, gatewayId), ...routesToward(inventory, index, b.vpcId, a.vpcId, gatewayId)];
        edges.push({ kind: 'vpc-transit-gateway', from: ref('vpc', a.vpcId), to: ref('vpc', b.vpcId), evidence: [gateway, ...routes], attributes: {} });
      }
    }
  }
  return edges;
}
