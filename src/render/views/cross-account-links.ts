import { accountOf, type Edge, type Inventory, type NodeRef } from '../../model/index.js';
import { vpcAccount } from '../../model/vpc-links.js';
import { evidenceLabel, linkTargetType, nodeName, text } from './cells.js';
import { EMPTY_CELL, type TableSpec, type ViewContext } from './context.js';

/**
 * Every link whose two ends are in different accounts, one row per evidence item: the links the
 * cross-account correlators find (a role let into another account's bucket or queue by its
 * resource policy, a role trusted by another account's role) and any other edge that crosses, such
 * as a security group rule naming a group of another account (`account/sg-id`). Shown only for a
 * topology of several accounts (views.ts).
 */
export const crossAccountLinkTable: TableSpec = {
  id: 'cross-account-links',
  title: 'CROSS-ACCOUNT LINKS',
  columns: ['From', 'From Account', 'To', 'To Account', 'Link', 'Match Type', 'Match', 'Found In'],
  needs: ['roles', 'bucketPolicy', 'queues', 'securityGroups'],
  rows: crossAccountRows,
};

/** The account of a link's end: the inventory's, or for a group only named by a rule, the rule's `ownerId` (for a VPC, its peering's or attachment's owner). */
function endAccount(inventory: Inventory, edge: Edge, end: NodeRef): string | undefined {
  const known = inventory.resourceAccounts?.[end.id];
  if (known !== undefined) return known;
  // A VPC of an account that was not walked: the peering connection or attachment names its owner.
  if (end.kind === 'vpc') return vpcAccount(inventory, end.id);
  if (edge.kind !== 'sg-ingress' || end !== edge.from) return undefined;
  const group = inventory.securityGroups.find((candidate) => candidate.id === edge.to.id);
  const rule = group?.inbound.find((candidate) => candidate.peer.kind === 'security-group' && candidate.peer.groupId === end.id && candidate.peer.ownerId !== undefined);
  return rule?.peer.kind === 'security-group' ? rule.peer.ownerId : undefined;
}

/** The links whose two ends are in different (known) accounts. */
export function crossAccountEdges(inventory: Inventory, edges: readonly Edge[]): { edge: Edge; from: string; to: string }[] {
  const crossing: { edge: Edge; from: string; to: string }[] = [];
  for (const edge of edges) {
    const from = endAccount(inventory, edge, edge.from);
    const to = endAccount(inventory, edge, edge.to) ?? accountOf(inventory, edge.to.id);
    if (from !== undefined && to !== undefined && from !== to) crossing.push({ edge, from, to });
  }
  return crossing;
}

function crossAccountRows({ topology, index }: ViewContext): string[][] {
  return crossAccountEdges(topology.inventory, topology.edges).flatMap(({ edge, from, to }) =>
    edge.evidence.map((evidence) => [
      `${linkTargetType(edge.from)}:${nodeName(index, edge.from)}`,
      from,
      `${linkTargetType(edge.to)}:${nodeName(index, edge.to)}`,
      to,
      edge.kind,
      evidenceLabel(evidence),
      text(evidence.matchedValue),
      evidence.field === undefined ? EMPTY_CELL : evidence.field,
    ]),
  );
}
