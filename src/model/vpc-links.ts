import type { Inventory } from './inventory.js';

/**
 * What the model knows about VPCs joined by peering connections and transit gateways: the account
 * of a VPC the walk did not see (the peering or attachment names its owner), and whether a route's
 * destination covers a VPC's block (a route to a transit gateway leads to the VPCs whose blocks it
 * covers).
 */

/** The account of a VPC: the inventory's, else the owner a peering connection or attachment reports. */
export function vpcAccount(inventory: Pick<Inventory, 'resourceAccounts' | 'accountId' | 'vpcs' | 'vpcPeerings' | 'transitGatewayAttachments'>, vpcId: string): string | undefined {
  const known = inventory.resourceAccounts?.[vpcId];
  if (known !== undefined) return known;
  if (inventory.vpcs.some((vpc) => vpc.id === vpcId)) return inventory.accountId;
  for (const peering of inventory.vpcPeerings) {
    for (const side of [peering.requester, peering.accepter]) if (side.vpcId === vpcId && side.accountId !== undefined) return side.accountId;
  }
  return inventory.transitGatewayAttachments.find((attachment) => attachment.vpcId === vpcId && attachment.vpcOwnerId !== undefined)?.vpcOwnerId;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

function ipv4Block(cidr: string): { base: number; bits: number } | undefined {
  const [address = '', length = ''] = cidr.split('/');
  const base = ipv4(address);
  const bits = Number(length);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return { base, bits };
}

/**
 * True when every address of `inner` is in `outer` (IPv4). IPv6 and prefix lists are compared as
 * written: equal text covers, anything else does not.
 */
export function cidrCovers(outer: string, inner: string): boolean {
  const a = ipv4Block(outer);
  const b = ipv4Block(inner);
  if (a === undefined || b === undefined) return outer === inner;
  if (a.bits > b.bits) return false;
  const size = 2 ** (32 - a.bits);
  return Math.floor(a.base / size) === Math.floor(b.base / size);
}
