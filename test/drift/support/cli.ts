import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { run } from '../../../src/cli/main.js';
import type { Inventory } from '../../../src/model/index.js';
import { buildTopology } from '../../../src/pipeline.js';
import { createSnapshot, serializeSnapshot } from '../../../src/snapshot/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `topology ARGS` in-process, as bin/topology.mjs does, and collects its output. */
export async function topology(...argv: string[]): Promise<CliResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await run(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'topology-drift-'));
}

/** A snapshot file of an inventory, as `topology snapshot` writes it; returns its path. */
export function writeSnapshotFile(dir: string, name: string, inventory: Inventory): string {
  const file = join(dir, name);
  writeFileSync(file, serializeSnapshot(createSnapshot(buildTopology(inventory, {}), { createdAt: '2026-11-20T09:30:00.000Z' })));
  return file;
}
