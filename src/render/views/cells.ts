import {
  arnResourceName,
  nameFromId,
  nodeLinkType,
  resourceName,
  unique,
  type Edge,
  type Evidence,
  type InventoryIndex,
  type Listener,
  type MatchType,
  type NodeRef,
  type SecurityGroupRule,
  type SgPeer,
} from '../../model/index.js';
import { PUBLIC_INTERNET_CIDRS } from '../../model/network.js';
import { EMPTY_CELL } from './context.js';

/** Cell text and names shared by the tables: plain text, multi-value cells joined with newlines, `-` when empty. */
/** Evidence whose matched value comes from environment variables or policies: hidden in --public output. */
export const VALUE_BEARING_MATCHES = new Set<MatchType>(['env', 'secret', 'iam-policy', 'service-mode']);

export function nameIn<T extends { name: string }>(map: Map<string, T>, key: string): string {
  return map.get(key)?.name ?? arnResourceName(key);
}

export function securityGroupLabel(index: InventoryIndex, id: string): string {
  const group = index.securityGroups.get(id);
  return group ? `${group.name} (${id})` : id;
}

export function securityGroupsCell(index: InventoryIndex, ids: string[]): string {
  return linesOf(ids, (id) => securityGroupLabel(index, id));
}

/** The name a reader knows a correlated node by; security groups add their id, CIDRs their alias. */
export function nodeName(index: InventoryIndex, node: NodeRef): string {
  if (node.kind === 'security-group') return securityGroupLabel(index, node.id);
  if (node.kind === 'cidr') return cidrLabel(node.id);
  return resourceName(index, node) ?? nameFromId(node);
}

/** The short type word before a link's target in the link tables (`queue:shop-jobs`): the registry's `linkType`. */
export function linkTargetType(node: NodeRef): string {
  return nodeLinkType(node.kind);
}

/** A storage-mode match is an environment variable: it reads as `env`, like the page shows it. */
export function evidenceLabel(evidence: Evidence): string {
  return evidence.matchType === 'service-mode' ? 'env' : evidence.matchType;
}

export function evidenceLabels(edge: Edge): string {
  return unique(edge.evidence.map(evidenceLabel)).join(', ');
}

export function text(value: string | number | boolean | undefined | null): string {
  return value === undefined || value === null || value === '' ? EMPTY_CELL : String(value);
}

/**
 * A multi-value cell: present values, one per line, or `-`.
 *
 * The lists here and in `linesOf` are pushed into literals, not made by `filter` or `map`: a
 * literal's allocation site gives every list the same elements kind, while `map` gives a packed
 * array when it runs as a builtin and a holey one once inlined in optimised code. A row builder
 * that inlines this function was optimised again for each kind it had not yet seen.
 */
export function lines(values: readonly (string | undefined)[]): string {
  // Most cells hold one value (60,000 cells at 1,000 services): no list made for it.
  if (values.length === 1) return values[0] === undefined || values[0] === '' ? EMPTY_CELL : values[0];
  const present: string[] = [];
  for (const value of values) if (value !== undefined && value !== '') present.push(value);
  return present.length === 0 ? EMPTY_CELL : unique(present).join('\n');
}

/** `lines` of each item's value: `lines(items.map(value))` without the mapped list (see `lines`). */
export function linesOf<T>(items: readonly T[], value: (item: T) => string | undefined): string {
  const values: (string | undefined)[] = [];
  for (const item of items) values.push(value(item));
  return lines(values);
}

export function cidrLabel(cidr: string): string {
  return PUBLIC_INTERNET_CIDRS.has(cidr) ? 'public-internet' : cidr;
}

/** `tcp 3000`, `tcp 1024-65535`, `tcp all ports`, `all traffic`. */
export function portSpec(protocol: string | undefined, fromPort?: number, toPort?: number): string {
  if (protocol === undefined) return EMPTY_CELL;
  if (protocol === 'all' || protocol === '-1') return 'all traffic';
  if (protocol.startsWith('icmp')) return fromPort === undefined || fromPort === -1 ? protocol : `${protocol} type ${fromPort}`;
  if (fromPort === undefined || toPort === undefined || fromPort === -1) return `${protocol} all ports`;
  return fromPort === toPort ? `${protocol} ${fromPort}` : `${protocol} ${fromPort}-${toPort}`;
}

export function peerLabel(index: InventoryIndex, peer: SgPeer): string {
  switch (peer.kind) {
    case 'security-group':
      return `SG ${securityGroupLabel(index, peer.groupId)}`;
    case 'cidr':
      return `CIDR ${cidrLabel(peer.cidr)}`;
    case 'prefix-list':
      return `Prefix list ${peer.prefixListId}`;
  }
}

/** `SG shop-alb-sg (sg-1); tcp 3000`, `CIDR public-internet; tcp 443; description` (no `|`: tables draw with it). */
export function ruleLine(index: InventoryIndex, rule: SecurityGroupRule): string {
  const line = `${peerLabel(index, rule.peer)}; ${portSpec(rule.protocol, rule.fromPort, rule.toPort)}`;
  return rule.description ? `${line}; ${rule.description}` : line;
}

/** `shop-web (sg-reference, env)`: a service and how it reaches a resource. */
export function serviceWithEvidence(index: InventoryIndex, edge: Edge): string {
  return `${nodeName(index, edge.from)} (${evidenceLabels(edge)})`;
}

export function listenerLabel(index: InventoryIndex, listener: Listener | undefined, arn: string): string {
  if (listener === undefined) return arnResourceName(arn);
  return `${nameIn(index.loadBalancers, listener.loadBalancerArn)} ${listener.protocol}:${listener.port}`;
}
