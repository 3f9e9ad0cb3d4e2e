import type { EdgeAttributes, EdgeKind, Inventory, MatchType, NodeRef, ScopeSelectors, SourceInfo } from '../model/index.js';

/**
 * The snapshot file: a committed record of a topology that `topology drift` compares against.
 *
 * ```json
 * { "kind": "topology-snapshot", "schemaVersion": 1, "header": {...}, "body": {...} }
 * ```
 *
 * The envelope keys come in this fixed order (so the first bytes identify the file); everything
 * inside `header` and `body` has sorted keys and sorted arrays. The header is metadata drift
 * ignores; the body is exactly what drift compares. docs/snapshot.schema.json validates the file.
 */
export const SNAPSHOT_KIND = 'topology-snapshot';

/** Bump when a change to the body would make an older topology misread a newer file. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface SnapshotHeader {
  tool: 'topology';
  toolVersion: string;
  /** Where the topology came from (for a public snapshot, the redacted label). */
  source: SourceInfo;
  /** ISO 8601; `SOURCE_DATE_EPOCH` pins it for reproducible files. */
  createdAt: string;
  /** True when the body went through redaction and the leak guard (`--public`). */
  public: boolean;
  /** Public snapshots only: region names were replaced too (`--redact-region`). */
  redactRegion?: boolean;
  /**
   * Public snapshots only: a keyed check value of the redaction key (HMAC, reveals nothing about
   * the key), so drift can tell "different key" apart from "everything changed".
   */
  redactionKeyCheck?: string;
  /** True when some AWS calls were denied or failed while collecting: the body may lack resources. */
  partial: boolean;
  /**
   * The selectors the body was narrowed with (docs/scoping.md); redacted in a public snapshot.
   * `topology drift` against this snapshot narrows the current side the same way.
   */
  scope?: ScopeSelectors;
}

/** The inventory as drift compares it: no source (it is in the header), no coverage, no volatile fields. */
export type SnapshotInventory = Omit<Inventory, 'source' | 'coverage' | 'sourceWarnings'>;

/**
 * An edge as drift compares it: its endpoints, attributes and how it was found (`via`: the
 * evidence match types). The evidence's matched values and field names are left out: they quote
 * task-definition revisions and statement numbers, which change without a change of design.
 */
export interface SnapshotEdge {
  kind: EdgeKind;
  from: NodeRef;
  to: NodeRef;
  attributes: EdgeAttributes;
  via: MatchType[];
}

/** Findings are not part of the body: they follow from the topology and the audit config of the day. */
export interface SnapshotBody {
  inventory: SnapshotInventory;
  edges: SnapshotEdge[];
}

export interface SnapshotFile {
  kind: typeof SNAPSHOT_KIND;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  header: SnapshotHeader;
  body: SnapshotBody;
}
