import { compareText } from '../snapshot/canonical.js';
import type { SnapshotBody } from '../snapshot/format.js';
import { compareValues, type CompareOptions, type FieldChange } from './compare.js';
import { driftEntities, type DriftEntity } from './entities.js';
import { ignoresEntity, ignoresField, knownKinds, type IgnorePattern } from './ignore.js';
import { GROUP_ORDER } from './kinds.js';

export type ChangeType = 'added' | 'removed' | 'changed';

export interface EntityChange {
  change: ChangeType;
  kind: string;
  group: string;
  key: string;
  /** The label a reader recognizes (the expected side's, for a changed resource). */
  name: string;
  /** For `changed`: what differs. */
  fields: FieldChange[];
  /** Links: how correlation found them (evidence match types). */
  via?: string[];
  /** A topology of several accounts: the account of the resource (a link: of its source). */
  account?: string;
}

export interface DiffOptions extends CompareOptions {
  ignore?: readonly IgnorePattern[];
}

export interface BodyDiff {
  changes: EntityChange[];
  /** Changes left out by ignore patterns (whole resources and single fields count one each). */
  ignored: number;
  /** Resource id → label over both sides, for showing references by name. */
  labels: Map<string, string>;
}

/** Expected vs current: resources and links matched by identity, then compared field by field. */
export function diffBodies(expected: SnapshotBody, current: SnapshotBody, options: DiffOptions = {}): BodyDiff {
  const before = driftEntities(expected);
  const after = driftEntities(current);
  const labels = new Map([...before.labels, ...after.labels]);
  const ignore = options.ignore ?? [];
  const afterByKey = new Map(after.entities.map((entity) => [entity.key, entity]));
  const beforeKeys = new Set(before.entities.map((entity) => entity.key));
  let ignored = 0;
  const changes: EntityChange[] = [];
  const record = (entity: DriftEntity, change: ChangeType, fields: FieldChange[] = []) => {
    if (ignoresEntity(ignore, entity.kind, entity.label)) ignored++;
    else {
      const account = entity.account === undefined ? {} : { account: entity.account };
      changes.push({ change, kind: entity.kind, group: entity.group, key: entity.key, name: entity.label, fields, ...viaOf(entity), ...account });
    }
  };
  for (const entity of before.entities) {
    const now = afterByKey.get(entity.key);
    if (now === undefined) {
      record(entity, 'removed');
      continue;
    }
    const fields = compareValues(entity.value, now.value, options);
    const kept = fields.filter((field) => !ignoresField(ignore, entity.kind, entity.label, fieldName(field.path, labels)));
    ignored += fields.length - kept.length;
    if (kept.length > 0) record(entity, 'changed', kept);
  }
  for (const entity of after.entities) if (!beforeKeys.has(entity.key)) record(entity, 'added');
  return { changes: changes.sort(reportOrder), ignored, labels };
}

function viaOf(entity: DriftEntity): { via?: string[] } {
  const via = entity.value.via;
  return Array.isArray(via) ? { via: via.map(String) } : {};
}

/** `containers.web.environment.DATABASE_URL`; ids in the path (a target group ARN) shown by name. */
export function fieldName(path: readonly string[], labels: ReadonlyMap<string, string>): string {
  return path.map((segment) => labels.get(segment) ?? segment).join('.');
}

const KIND_ORDER = knownKinds();
const CHANGE_ORDER: ChangeType[] = ['removed', 'added', 'changed'];

function reportOrder(a: EntityChange, b: EntityChange): number {
  return (
    compareText(a.account ?? '', b.account ?? '') ||
    GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    compareText(a.name, b.name) ||
    CHANGE_ORDER.indexOf(a.change) - CHANGE_ORDER.indexOf(b.change) ||
    compareText(a.key, b.key)
  );
}
