import type { PeeringSide, SecurityGroup, SecurityGroupRule, SgPeer, Subnet, TransitGatewayAttachment, Vpc, VpcEndpoint, VpcPeering, VpcRoute } from './inventory.js';
import { outsideUserCopy } from './kind-redactions.js';
import type { Redactor } from './kinds.js';

/**
 * The public copies of the network kinds (`copy` in their descriptors, `model/kinds.ts`): VPCs,
 * subnets, peerings, transit gateway attachments, security groups and VPC endpoints. Rebuilt field
 * by field, as every copy is (fail closed).
 */

/** A security group's description under `descriptions: neutral` (the model requires one). */
export const NEUTRAL_GROUP_DESCRIPTION = 'Security group description redacted.';

export function vpcCopy(vpc: Vpc, r: Redactor): Vpc {
  return {
    id: r.ec2Id(vpc.id),
    ...(vpc.name === undefined ? {} : { name: r.label('vpc-name', vpc.name) }),
    region: r.region(vpc.region),
    cidrBlocks: vpc.cidrBlocks.map((cidr) => r.cidr(cidr)),
    isDefault: vpc.isDefault,
    tags: r.tags(vpc.tags),
    ...(vpc.peerRoutes === undefined ? {} : { peerRoutes: vpc.peerRoutes.map((route) => vpcRouteCopy(r, route)) }),
  };
}

/** A route's destination is a CIDR or a prefix list id (`pl-…`). */
function vpcRouteCopy(r: Redactor, route: VpcRoute): VpcRoute {
  return {
    routeTableId: r.ec2Id(route.routeTableId),
    destination: route.destination.startsWith('pl-') ? r.ec2Id(route.destination) : r.cidr(route.destination),
    targetKind: route.targetKind,
    targetId: r.ec2Id(route.targetId),
  };
}

export function subnetCopy(subnet: Subnet, r: Redactor): Subnet {
  return {
    id: r.ec2Id(subnet.id),
    ...(subnet.name === undefined ? {} : { name: r.label('subnet-name', subnet.name, `${subnet.tier}-subnet`) }),
    vpcId: r.ec2Id(subnet.vpcId),
    region: r.region(subnet.region),
    ...(subnet.availabilityZone === undefined ? {} : { availabilityZone: r.availabilityZone(subnet.availabilityZone) }),
    ...(subnet.cidrBlock === undefined ? {} : { cidrBlock: r.cidr(subnet.cidrBlock) }),
    tier: subnet.tier,
    ...(subnet.routeTableId === undefined ? {} : { routeTableId: r.ec2Id(subnet.routeTableId) }),
    ...(subnet.defaultRoute === undefined ? {} : { defaultRoute: { targetKind: subnet.defaultRoute.targetKind, targetId: r.ec2Id(subnet.defaultRoute.targetId) } }),
    mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    tags: r.tags(subnet.tags),
  };
}

function peeringSideCopy(r: Redactor, side: PeeringSide): PeeringSide {
  return {
    vpcId: r.ec2Id(side.vpcId),
    ...(side.accountId === undefined ? {} : { accountId: r.account(side.accountId) }),
    ...(side.region === undefined ? {} : { region: r.region(side.region) }),
    cidrBlocks: side.cidrBlocks.map((cidr) => r.cidr(cidr)),
  };
}

export function vpcPeeringCopy(peering: VpcPeering, r: Redactor): VpcPeering {
  return {
    id: r.ec2Id(peering.id),
    region: r.region(peering.region),
    requester: peeringSideCopy(r, peering.requester),
    accepter: peeringSideCopy(r, peering.accepter),
  };
}

export function transitGatewayAttachmentCopy(attachment: TransitGatewayAttachment, r: Redactor): TransitGatewayAttachment {
  return {
    id: r.ec2Id(attachment.id),
    transitGatewayId: r.ec2Id(attachment.transitGatewayId),
    ...(attachment.transitGatewayOwnerId === undefined ? {} : { transitGatewayOwnerId: r.account(attachment.transitGatewayOwnerId) }),
    vpcId: r.ec2Id(attachment.vpcId),
    ...(attachment.vpcOwnerId === undefined ? {} : { vpcOwnerId: r.account(attachment.vpcOwnerId) }),
    region: r.region(attachment.region),
    ...(attachment.state === undefined ? {} : { state: attachment.state }),
  };
}

export function securityGroupCopy(group: SecurityGroup, r: Redactor): SecurityGroup {
  const rule = (sgRule: SecurityGroupRule): SecurityGroupRule => {
    const copy = {
      protocol: sgRule.protocol,
      ...(sgRule.fromPort === undefined ? {} : { fromPort: sgRule.fromPort }),
      ...(sgRule.toPort === undefined ? {} : { toPort: sgRule.toPort }),
      peer: peerCopy(r, sgRule.peer),
    };
    const description = sgRule.description === undefined ? undefined : r.description(sgRule.description);
    return description === undefined ? copy : { ...copy, description };
  };
  return {
    id: r.ec2Id(group.id),
    // Every VPC has a group named `default`: the name says nothing about the account.
    name: group.name === 'default' ? group.name : r.label('security-group', group.name),
    description: r.description(group.description) ?? NEUTRAL_GROUP_DESCRIPTION,
    ...(group.vpcId === undefined ? {} : { vpcId: r.ec2Id(group.vpcId) }),
    region: r.region(group.region),
    inbound: group.inbound.map(rule),
    outbound: group.outbound.map(rule),
    tags: r.tags(group.tags),
    ...(group.usedBy === undefined ? {} : { usedBy: group.usedBy.map((user) => outsideUserCopy(r, user)) }),
  };
}

/** A rule's peer: another group (and its account), a CIDR block or a prefix list. */
function peerCopy(r: Redactor, peer: SgPeer): SgPeer {
  switch (peer.kind) {
    case 'security-group':
      return { kind: 'security-group', groupId: r.ec2Id(peer.groupId), ...(peer.ownerId === undefined ? {} : { ownerId: r.account(peer.ownerId) }) };
    case 'cidr':
      return { kind: 'cidr', cidr: r.cidr(peer.cidr) };
    case 'prefix-list':
      return { kind: 'prefix-list', prefixListId: r.ec2Id(peer.prefixListId) };
  }
}

export function vpcEndpointCopy(endpoint: VpcEndpoint, r: Redactor): VpcEndpoint {
  return {
    id: r.ec2Id(endpoint.id),
    vpcId: r.ec2Id(endpoint.vpcId),
    region: r.region(endpoint.region),
    serviceName: r.endpointService(endpoint.serviceName),
    type: endpoint.type,
    subnetIds: endpoint.subnetIds.map((id) => r.ec2Id(id)),
    securityGroupIds: endpoint.securityGroupIds.map((id) => r.ec2Id(id)),
    routeTableIds: endpoint.routeTableIds.map((id) => r.ec2Id(id)),
    privateDnsEnabled: endpoint.privateDnsEnabled,
    ...(endpoint.state === undefined ? {} : { state: endpoint.state }),
    dnsNames: endpoint.dnsNames.map((name) => r.host(name)),
    tags: r.tags(endpoint.tags),
  };
}
