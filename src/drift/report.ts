import type { SnapshotBody } from '../snapshot/format.js';
import { diffBodies, type BodyDiff, type ChangeType, type DiffOptions } from './diff.js';

export interface DriftSide {
  /** `snapshot snapshots/prod.json (aws account 123456789012)`, `CDK app reference-stack (...)`. */
  label: string;
  /** When the expected snapshot was taken. */
  createdAt?: string;
}

/**
 * `snapshot`: both sides name resources by the same ids (a snapshot of this account).
 * `template`: the expected side is a template, matched to live resources by CloudFormation tags.
 */
export type DriftMode = 'snapshot' | 'template';

export interface DriftReport extends BodyDiff {
  mode: DriftMode;
  expected: DriftSide;
  current: DriftSide;
  /** Caveats the reader needs (partial collection, values only known after deployment...). */
  notes: string[];
}

export const DRIFT_FORMATS = ['text', 'json', 'markdown'] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

export interface DriftInput {
  mode: DriftMode;
  expected: DriftSide & { body: SnapshotBody };
  current: DriftSide & { body: SnapshotBody };
  notes?: string[];
}

export function driftReport(input: DriftInput, options: DiffOptions = {}): DriftReport {
  const diff = diffBodies(input.expected.body, input.current.body, options);
  const side = ({ label, createdAt }: DriftSide): DriftSide => ({ label, ...(createdAt === undefined ? {} : { createdAt }) });
  return { ...diff, mode: input.mode, expected: side(input.expected), current: side(input.current), notes: input.notes ?? [] };
}

export function hasDrift(report: Pick<DriftReport, 'changes'>): boolean {
  return report.changes.length > 0;
}

export function countChanges(report: Pick<DriftReport, 'changes'>): Record<ChangeType, number> {
  const counts: Record<ChangeType, number> = { added: 0, removed: 0, changed: 0 };
  for (const change of report.changes) counts[change.change]++;
  return counts;
}
