import { pushTo, type NodeRef } from '../model/index.js';
import { compareText } from '../snapshot/canonical.js';
import type { SnapshotBody, SnapshotEdge } from '../snapshot/format.js';
import { ACCOUNT_GROUP, LINK_GROUPS, RESOURCE_KINDS } from './kinds.js';

/** One comparable thing: a resource, a link between two, or the account itself. */
export interface DriftEntity {
  /** `ecs-service`, `security-group`, `link:service-db`, `account`. */
  kind: string;
  group: string;
  /** Stable identity: the id correlation uses (ARN, EC2 id, DNS record key); a link's is its endpoints'. */
  key: string;
  /** What a reader recognizes: a name, `shop-edge-alb HTTPS:443`, `shop-web → shop-db`. */
  label: string;
  value: Record<string, unknown>;
  /** A topology of several accounts: the account the resource (a link: its source) is in. */
  account?: string;
}

export interface EntitySet {
  entities: DriftEntity[];
  /** Resource id → label, for showing references by name. */
  labels: Map<string, string>;
}

export function linkKind(edgeKind: string): string {
  return `link:${edgeKind}`;
}

export function driftEntities(body: SnapshotBody): EntitySet {
  const labels = new Map<string, string>();
  const entities: DriftEntity[] = [];
  const { partition, accountId, regions, accounts } = body.inventory;
  // Several accounts: which accounts (and their regions) were walked is part of what is compared.
  const walked = accounts === undefined ? {} : { accounts: accounts.map((account) => `${account.id} ${account.regions.join(' ')}`.trim()) };
  entities.push({ kind: 'account', group: ACCOUNT_GROUP, key: 'account', label: accountId ?? 'account', value: { partition, accountId, regions, ...walked } });
  const accountOf = accountLookup(body);
  for (const spec of RESOURCE_KINDS) {
    const items = body.inventory[spec.collection] as never[];
    const keyed = items.map((item) => ({ item, key: spec.key(item), label: spec.label(item, labels), value: spec.value(item) }));
    for (const entry of keyed) labels.set(entry.key, entry.label);
    entities.push(...distinctKeys(keyed.map(({ key, label, value }) => withAccount({ kind: spec.kind, group: spec.group, key, label, value }, accountOf(key)))));
  }
  const links = body.edges.flatMap((edge) => {
    const group = LINK_GROUPS[edge.kind];
    return group === undefined ? [] : [withAccount(linkEntity(edge, group, labels), accountOf(edge.from.id))];
  });
  entities.push(...distinctKeys(links));
  return { entities, labels };
}

/**
 * Several accounts (`resourceAccounts`): the account of a resource by its drift key (its id, or a
 * task-definition family's ARN, whose account the ARN says). Undefined for a body of one account:
 * its report is not split by account.
 */
function accountLookup(body: SnapshotBody): (key: string) => string | undefined {
  const accounts = body.inventory.resourceAccounts;
  if (accounts === undefined) return () => undefined;
  return (key) => accounts[key] ?? (key.startsWith('arn:') ? key.split(':')[4] || undefined : undefined);
}

function withAccount(entity: DriftEntity, account: string | undefined): DriftEntity {
  return account === undefined ? entity : { ...entity, account };
}

function linkEntity(edge: SnapshotEdge, group: string, labels: ReadonlyMap<string, string>): DriftEntity {
  // A role used in both slots is two links between the same nodes: the slot is part of the identity.
  const slot = edge.attributes.roleSlot;
  const key = `${edge.kind}|${nodeKey(edge.from)}|${nodeKey(edge.to)}${slot ? `|${slot}` : ''}`;
  const label = `${nodeLabel(edge.from, labels)} → ${nodeLabel(edge.to, labels)}${slot ? ` (${slot} role)` : ''}`;
  return { kind: linkKind(edge.kind), group, key, label, value: { ...edge.attributes, via: edge.via } };
}

function nodeKey(node: NodeRef): string {
  return `${node.kind}:${node.id}`;
}

function nodeLabel(node: NodeRef, labels: ReadonlyMap<string, string>): string {
  if (node.kind === 'service-mode') return `storage mode ${node.id}`;
  return labels.get(node.id) ?? node.id;
}

/**
 * Two items with one identity (two revisions of a task-definition family in use, a duplicated
 * edge) stay distinct: `#2`, `#3` in canonical order, so the pairing is the same run to run.
 */
function distinctKeys(entities: DriftEntity[]): DriftEntity[] {
  const byKey = new Map<string, DriftEntity[]>();
  for (const entity of entities) pushTo(byKey, entity.key, entity);
  return [...byKey.values()].flatMap((same) => {
    if (same.length === 1) return same;
    const ordered = same.map((entity) => ({ entity, text: JSON.stringify(entity.value) })).sort((a, b) => compareText(a.text, b.text));
    return ordered.map(({ entity }, index) => (index === 0 ? entity : { ...entity, key: `${entity.key}#${index + 1}` }));
  });
}
