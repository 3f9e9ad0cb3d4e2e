import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputFileError } from '../errors.js';
import type { Topology } from '../model/index.js';
import { snapshotBody } from './body.js';
import { canonicalize } from './canonical.js';
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION, type SnapshotFile, type SnapshotHeader } from './format.js';
import { snapshotSchemaErrors } from './schema.js';

export interface SnapshotOptions {
  /** Public snapshots: whether region names were redacted too. */
  redactRegion?: boolean;
  /** The redaction key, when the topology was redacted (`--public`): recorded as a keyed check value. */
  redactionKey?: string;
  partial?: boolean;
  /** Default: `SOURCE_DATE_EPOCH` when set (reproducible files), else now. */
  createdAt?: string;
}

/** The snapshot of a topology (already redacted when it is to be public). */
export function createSnapshot(topology: Topology, options: SnapshotOptions = {}): SnapshotFile {
  const header: SnapshotHeader = {
    tool: 'topology',
    toolVersion: toolVersion(),
    source: { ...topology.inventory.source },
    createdAt: options.createdAt ?? snapshotTime(),
    public: topology.redacted,
    ...(topology.redacted ? { redactRegion: options.redactRegion ?? false } : {}),
    ...(topology.redacted && options.redactionKey !== undefined ? { redactionKeyCheck: redactionKeyCheck(options.redactionKey) } : {}),
    partial: options.partial ?? false,
    ...(topology.scope === undefined ? {} : { scope: topology.scope.selectors }),
  };
  return { kind: SNAPSHOT_KIND, schemaVersion: SNAPSHOT_SCHEMA_VERSION, header, body: snapshotBody(topology) };
}

/** The file's bytes: envelope keys in fixed order (the first bytes identify it), the rest canonical. */
export function serializeSnapshot(snapshot: SnapshotFile): string {
  const envelope = {
    kind: snapshot.kind,
    schemaVersion: snapshot.schemaVersion,
    header: canonicalize(snapshot.header),
    body: canonicalize(snapshot.body),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** True when writing `next` over `previous` would change more than the creation time. */
export function snapshotDiffers(previous: SnapshotFile, next: SnapshotFile): boolean {
  const withoutTime = (snapshot: SnapshotFile) => serializeSnapshot({ ...snapshot, header: { ...snapshot.header, createdAt: '' } });
  return withoutTime(previous) !== withoutTime(next);
}

export async function readSnapshot(file: string): Promise<SnapshotFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new InputFileError(file, code === 'ENOENT' ? 'no such snapshot file' : `cannot read the snapshot (${code ?? 'error'})`, {
      cause,
      hint: 'Create one with: topology snapshot --out FILE',
    });
  }
  return parseSnapshot(text, file);
}

/** Validates a snapshot's text; every problem is an InputFileError naming the file (exit 2). */
export function parseSnapshot(text: string, file: string): SnapshotFile {
  if (text.trim() === '') throw new InputFileError(file, 'the snapshot file is empty');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    const message = (cause as Error).message;
    // Cut after a number or literal, the parser asks for what comes next at the very end of the text.
    const position = /at position (\d+)/.exec(message);
    const atEnd = position !== null && Number(position[1]) >= text.trimEnd().length;
    throw new InputFileError(
      file,
      atEnd || /end of JSON input|Unterminated/i.test(message) ? 'truncated: the JSON ends before the snapshot does' : `not valid JSON: ${message}`,
      { cause, hint: 'Restore it from version control, or re-create it with: topology snapshot --out FILE' },
    );
  }
  checkEnvelope(document, file);
  const errors = snapshotSchemaErrors(document);
  if (errors.length > 0) {
    throw new InputFileError(file, `not a valid topology snapshot: ${errors.join('; ')}`, {
      hint: 'Snapshots are written by `topology snapshot`; re-create it rather than editing it by hand.',
    });
  }
  return document as SnapshotFile;
}

function checkEnvelope(document: unknown, file: string): void {
  const envelope = document !== null && typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, unknown>) : {};
  if (envelope.kind !== SNAPSHOT_KIND) {
    const isReport = typeof envelope.schema === 'string' && envelope.schema.startsWith('topology/report@');
    throw new InputFileError(file, `not a topology snapshot (no "kind": "${SNAPSHOT_KIND}")`, {
      hint: isReport
        ? 'This is a JSON report (topology --format json); create a snapshot with: topology snapshot --out FILE'
        : 'Create a snapshot with: topology snapshot --out FILE',
    });
  }
  const version = envelope.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > SNAPSHOT_SCHEMA_VERSION) {
    throw new InputFileError(file, `written by a newer topology (schemaVersion ${version}; this version reads ${SNAPSHOT_SCHEMA_VERSION})`, {
      hint: 'Upgrade topology to read it.',
    });
  }
}

/** HMAC of a fixed text under the key: equal checks mean the same key, and reveal nothing about it. */
export function redactionKeyCheck(key: string): string {
  return createHmac('sha256', key).update('topology snapshot redaction key check').digest('hex').slice(0, 16);
}

/** `SOURCE_DATE_EPOCH` (seconds) when set, for reproducible files; the current time otherwise. */
export function snapshotTime(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000).toISOString();
  return now.toISOString();
}

let version: string | undefined;

export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
