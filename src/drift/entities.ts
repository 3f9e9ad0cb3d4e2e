import type { NodeRef } from '../model/index.js';
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
  const { partition, accountId, regions } = body.inventory;
  entities.push({ kind: 'account', group: ACCOUNT_GROUP, key: 'account', label: accountId ?? 'account', value: { partition, accountId, regions } });
  for (const spec of RESOURCE_KINDS) {
    const items = body.inventory[spec.collection] as never[];
    const keyed = items.map((item) => ({ item, key: spec.key(item), label: spec.label(item, labels), value: spec.value(item) }));
    for (const entry of keyed) labels.set(entry.key, entry.label);
    entities.push(...distinctKeys(keyed.map(({ key, label, value }) => ({ kind: spec.kind, group: spec.group, key, label, value }))));
  }
  const links = body.edges.flatMap((edge) => {
    const group = LINK_GROUPS[edge.kind];
    return group === undefined ? [] : [linkEntity(edge, group, labels)];
  });
  entities.push(...distinctKeys(links));
  return { entities, labels };
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
  for (const entity of entities) byKey.set(entity.key, [...(byKey.get(entity.key) ?? []), entity]);
  return [...byKey.values()].flatMap((same) => {
    if (same.length === 1) return same;
    const ordered = same.map((entity) => ({ entity, text: JSON.stringify(entity.value) })).sort((a, b) => compareText(a.text, b.text));
    return ordered.map(({ entity }, index) => (index === 0 ? entity : { ...entity, key: `${entity.key}#${index + 1}` }));
  });
}
