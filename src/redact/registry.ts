import { KIND_LIST, pushTo, type AnyKindDescriptor, type CollectionKey, type ItemOf, type KindArn, type KindName, type KindRedaction } from '../model/index.js';

/**
 * The kinds the registry redacts wholly (`KindRedaction` in `model/kinds.ts`): the rest of
 * `redact/` asks these instead of naming the kinds. Every kind's public copy comes from its
 * descriptor (`redact/inventory.ts`); some older kinds' descriptors say their names and ARNs too
 * (`ARN_KINDS`), the others' are still spelled by hand (`names.ts`, `arns.ts`, `roles.ts`).
 */
export interface RedactedKind {
  descriptor: AnyKindDescriptor;
  redaction: KindRedaction<ItemOf<CollectionKey>>;
}

/** The kinds the registry redacts wholly: their names, ARNs, role-style names, fields and copies. */
export const REDACTED_KINDS: readonly RedactedKind[] = KIND_LIST.flatMap((descriptor) => {
  const redaction = descriptor.redaction;
  return 'redact' in redaction ? [{ descriptor, redaction }] : [];
});

/** A kind whose descriptor says its public names and the shape of its ARNs. */
export interface ArnKind {
  descriptor: AnyKindDescriptor;
  name: KindName;
  arn: KindArn;
}

/** The kinds whose ARNs the registry reads (`redaction.arn` with `redaction.name`), in report order. */
export const ARN_KINDS: readonly ArnKind[] = KIND_LIST.flatMap((descriptor) => {
  const { name, arn } = descriptor.redaction;
  return name === undefined || arn === undefined ? [] : [{ descriptor, name, arn }];
});

const ARN_KINDS_BY_SERVICE = new Map<string, ArnKind[]>();
for (const kind of ARN_KINDS) pushTo(ARN_KINDS_BY_SERVICE, kind.arn.service, kind);

/** The kinds whose ARNs of `service` the registry reads (`rds` → RDS instances and clusters), in report order. */
export function arnKindsOf(service: string): readonly ArnKind[] {
  return ARN_KINDS_BY_SERVICE.get(service) ?? [];
}

/** The kinds the registry redacts wholly, by the service whose ARNs and calls name them (`dynamodb` → DynamoDB tables). */
export function redactedKindsOf(service: string): readonly RedactedKind[] {
  return REDACTED_KINDS.filter((kind) => kind.redaction.arn.service === service);
}

/** Fields whose values are the design, not identity, in the registry's kinds. */
export const REGISTRY_PUBLIC_FIELDS: readonly string[] = REDACTED_KINDS.flatMap((kind) => kind.redaction.publicFields);

/** Fields holding region names in the registry's kinds. */
export const REGISTRY_REGION_FIELDS: readonly string[] = REDACTED_KINDS.flatMap((kind) => kind.redaction.regionFields);

/** The words AWS puts inside the registry kinds' ARNs: the service, the resource type, the parts after the name. */
export const REGISTRY_ARN_WORDS: readonly string[] = REDACTED_KINDS.flatMap(({ redaction: { arn } }) => [arn.service, arn.type, ...(typeof arn.after === 'object' ? arn.after.words : [])]);
