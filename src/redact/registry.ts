import { KIND_LIST, type AnyKindDescriptor, type CollectionKey, type ItemOf, type KindCopy, type KindRedaction } from '../model/index.js';

/**
 * The kinds the registry tells redaction about (`redaction` in `model/kinds.ts`): the rest of
 * `redact/` asks these instead of naming the kinds. The older kinds' names and ARNs are redacted by
 * hand; some of them take only their public copy from the registry (`COPIED_KINDS`).
 */
export interface RedactedKind {
  descriptor: AnyKindDescriptor;
  redaction: KindRedaction<ItemOf<CollectionKey>>;
}

/** A kind whose public copy the registry makes: wholly redacted by it, or copied only. */
export interface CopiedKind {
  descriptor: AnyKindDescriptor;
  redaction: KindRedaction<ItemOf<CollectionKey>> | KindCopy<ItemOf<CollectionKey>>;
}

/** Every kind whose public copy comes from its descriptor, in report order. */
export const COPIED_KINDS: readonly CopiedKind[] = KIND_LIST.flatMap((descriptor) =>
  descriptor.redaction === 'hand-written' ? [] : [{ descriptor, redaction: descriptor.redaction }],
);

/** The kinds the registry redacts wholly: their names, ARNs, role-style names, fields and copies. */
export const REDACTED_KINDS: readonly RedactedKind[] = COPIED_KINDS.flatMap(({ descriptor, redaction }) => ('redact' in redaction ? [{ descriptor, redaction }] : []));

/** The registry's kinds by the service whose ARNs and calls name them (`dynamodb` → DynamoDB tables). */
export function redactedKindsOf(service: string): readonly RedactedKind[] {
  return REDACTED_KINDS.filter((kind) => kind.redaction.arn.service === service);
}

/** Fields whose values are the design, not identity, in the registry's kinds. */
export const REGISTRY_PUBLIC_FIELDS: readonly string[] = REDACTED_KINDS.flatMap((kind) => kind.redaction.publicFields);

/** Fields holding region names in the registry's kinds. */
export const REGISTRY_REGION_FIELDS: readonly string[] = REDACTED_KINDS.flatMap((kind) => kind.redaction.regionFields);

/** The words AWS puts inside the registry kinds' ARNs: the service, the resource type, the parts after the name. */
export const REGISTRY_ARN_WORDS: readonly string[] = REDACTED_KINDS.flatMap(({ redaction: { arn } }) => [arn.service, arn.type, ...arn.words]);
