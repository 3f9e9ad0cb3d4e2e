import type { PeeringSide, TransitGatewayAttachment, VpcPeering } from '../../../model/index.js';
import type { ResourceSet } from '../resources.js';
import { asString } from '../values.js';

/**
 * `AWS::EC2::VPCPeeringConnection` (requester `VpcId` in the stack's account and region; accepter
 * `PeerVpcId` in `PeerOwnerId` / `PeerRegion`, which default to the stack's) and the VPC attachments
 * of transit gateways (`AWS::EC2::TransitGatewayAttachment`, `AWS::EC2::TransitGatewayVpcAttachment`).
 * A template declares what it wants, so a declared peering is taken as active and an attachment as
 * available (no state).
 */
export function mapVpcLinks(set: ResourceSet): { vpcPeerings: VpcPeering[]; transitGatewayAttachments: TransitGatewayAttachment[] } {
  const blocks = new Map(set.ofType('AWS::EC2::VPC').map((vpc) => [vpc.id, asString(vpc.properties.CidrBlock)]));
  const side = (vpcId: string, accountId: string | undefined, region: string | undefined): PeeringSide => {
    const block = blocks.get(vpcId);
    return { vpcId, ...(accountId === undefined ? {} : { accountId }), ...(region === undefined ? {} : { region }), cidrBlocks: block === undefined ? [] : [block] };
  };
  const vpcPeerings = set.ofType('AWS::EC2::VPCPeeringConnection').map((peering) => {
    const p = peering.properties;
    return {
      id: peering.id,
      region: peering.env.region,
      requester: side(asString(p.VpcId) ?? '', peering.env.accountId, peering.env.region),
      accepter: side(asString(p.PeerVpcId) ?? '', asString(p.PeerOwnerId) ?? peering.env.accountId, asString(p.PeerRegion) ?? peering.env.region),
    };
  });
  const transitGatewayAttachments = ['AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayVpcAttachment']
    .flatMap((type) => set.ofType(type))
    .map((attachment) => ({
      id: attachment.id,
      transitGatewayId: asString(attachment.properties.TransitGatewayId) ?? '',
      vpcId: asString(attachment.properties.VpcId) ?? '',
      ...(attachment.env.accountId === undefined ? {} : { vpcOwnerId: attachment.env.accountId }),
      region: attachment.env.region,
    }));
  return { vpcPeerings, transitGatewayAttachments };
}
