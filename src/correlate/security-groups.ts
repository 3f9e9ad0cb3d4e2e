import { inboundField, located } from '../model/fields.js';
import { ref, type Edge, type Inventory, type NodeRef, type SgPeer } from '../model/index.js';

function peerNode(peer: SgPeer): NodeRef {
  switch (peer.kind) {
    case 'security-group':
      return ref('security-group', peer.groupId);
    case 'cidr':
      return ref('cidr', peer.cidr);
    case 'prefix-list':
      return ref('prefix-list', peer.prefixListId);
  }
}

function peerValue(peer: SgPeer): string {
  return peer.kind === 'security-group' ? peer.groupId : peer.kind === 'cidr' ? peer.cidr : peer.prefixListId;
}

/** Source (SG, CIDR, prefix list) → destination SG, one edge per inbound rule. */
export function correlateSecurityGroups(inventory: Inventory): Edge[] {
  const edges: Edge[] = [];
  for (const group of inventory.securityGroups) {
    // Every rule of a group arrives at the same node and is found in the same field (`sg-… inbound`):
    // both made once per group, not per rule.
    if (group.inbound.length === 0) continue;
    const field = inboundField(group.id);
    const to = ref('security-group', group.id);
    for (const rule of group.inbound) {
      edges.push({
        kind: 'sg-ingress',
        from: peerNode(rule.peer),
        to,
        evidence: [located({ matchType: 'sg-rule', matchedValue: peerValue(rule.peer) }, field)],
        attributes: { protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort },
      });
    }
  }
  return edges;
}
