import { EDGE_KIND_LIST, idOf, KIND_LIST, type AnyKindDescriptor, type CollectionKey, type EdgeKind, type ItemOf } from '../model/index.js';

export { ruleText, splitImage, taskDefinitionFamilyArn } from '../model/index.js';

/**
 * What drift knows about each kind of resource: where it lives in the inventory, its stable
 * identity (the same ids correlation uses for edges), the name a reader recognizes, and the value
 * compared field by field.
 */
export interface ResourceKind<T = never> {
  kind: string;
  group: string;
  collection: CollectionKey;
  key(item: T): string;
  /** `names` holds the labels of the kinds listed before this one (a listener names its load balancer). */
  label(item: T, names: ReadonlyMap<string, string>): string;
  /** The compared value: the item without its key field, with composite fields split where that helps. */
  value(item: T): Record<string, unknown>;
  /** Live resources name themselves with these fields; IaC matching pairs them (see iac.ts). */
  identities: readonly string[];
  /** The field holding the name a template may set explicitly or CloudFormation generates. */
  nameField?: string;
}

function without(value: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[field];
  return copy;
}

/** Drift's view of a descriptor of the registry of kinds. */
function driftKind(descriptor: AnyKindDescriptor): ResourceKind<never> {
  const { drift, idField } = descriptor;
  const asRecord = (item: unknown) => item as Record<string, unknown>;
  const spec: ResourceKind<ItemOf<CollectionKey>> = {
    kind: descriptor.kind,
    group: drift.group,
    collection: descriptor.collection,
    key: (item) => (drift.key ? drift.key(item) : idOf(descriptor, item)),
    label: (item, names) => drift.label(item, names),
    value: (item) => without(drift.value ? drift.value(item) : asRecord(item), idField),
    identities: drift.identities ?? [idField, 'name'],
    ...(descriptor.nameField === undefined ? {} : { nameField: descriptor.nameField }),
  };
  return spec as unknown as ResourceKind<never>;
}

/** In report order; a kind's labels may use those of the kinds before it. */
export const RESOURCE_KINDS: ResourceKind<never>[] = KIND_LIST.map(driftKind);

/** Edges drift compares, with their report headings: each edge kind's `drift` in the registry (`EDGE_KINDS`, `model/kinds.ts`). */
export const LINK_GROUPS: Partial<Record<EdgeKind, string>> = Object.fromEntries(
  EDGE_KIND_LIST.flatMap((edge) => (edge.drift === null ? [] : [[edge.edgeKind, edge.drift]])),
);

export const ACCOUNT_GROUP = 'Account';

/** Every heading in report order. */
export const GROUP_ORDER: string[] = [ACCOUNT_GROUP, ...new Set(RESOURCE_KINDS.map((k) => k.group)), ...Object.values(LINK_GROUPS)];
