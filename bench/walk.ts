/**
 * One measured walk, in a process of its own so that its peak memory is its own: the real
 * `collectAwsInventory` (real SDK clients, real HTTP handler, the production pacing) against the
 * benchmark's AWS server at `url`, then correlation, audit and every renderer on what it
 * collected. Reports a `WalkResult` over IPC.
 *
 *   node --import tsx bench/walk.ts URL [SKIPPED_FORMAT,...]
 *
 * Formats named in the second argument are not rendered (the caller skips a renderer whose time
 * grew out of reach at a smaller size) and are reported as skipped.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isPartial } from '../src/model/coverage.js';
import { buildTopology } from '../src/pipeline.js';
import { FORMATS, OUTPUT_FORMATS, render } from '../src/render/index.js';
import { SharedViews } from '../src/render/shared.js';
import { collectAwsInventory } from '../src/sources/aws/index.js';
import { silentProgress } from '../src/cli/progress.js';
import { tuneEngineAsTheCliDoes } from './engine.js';
import { mainThreadCpuMs, mainThreadCpuMsSince } from './thread-cpu.js';

export interface WalkResult {
  wallMs: number;
  missing: string[];
  partial: boolean;
  services: number;
  pipelineMs: number;
  /** The same stages' CPU time (user + system): on a shared machine wall time mostly measures the neighbours. */
  pipelineCpuMs: number;
  /** The kernel's part of pipelineCpuMs: page faults of memory touched for the first time, mostly. */
  pipelineSystemMs: number;
  /** The main thread's part of pipelineCpuMs (thread-cpu.ts), when the kernel says. */
  pipelineMainThreadCpuMs: number | undefined;
  renderMs: Record<string, number>;
  skippedFormats: string[];
  maxRssMiB: number;
}

tuneEngineAsTheCliDoes();
const url = process.argv[2]!;
const skipped = new Set((process.argv[3] ?? '').split(',').filter((f) => f !== ''));
const started = performance.now();
const inventory = await collectAwsInventory({
  regions: ['us-east-1'],
  endpointUrl: url,
  credentials: { accessKeyId: 'BENCHACCESSKEY000000', secretAccessKey: 'bench' },
  progress: silentProgress,
});
const wallMs = performance.now() - started;
// BENCH_SAVE_INVENTORY=DIR keeps what the walk collected (inventory-<services>.json), so the
// in-memory stages can be profiled on it without walking again (bench/stages.ts).
if (process.env.BENCH_SAVE_INVENTORY) {
  await mkdir(process.env.BENCH_SAVE_INVENTORY, { recursive: true });
  await writeFile(join(process.env.BENCH_SAVE_INVENTORY, `inventory-${inventory.services.length}.json`), JSON.stringify(inventory));
}

// The renderers' modules are loaded before the clock starts (start-up, not the stages measured).
await Promise.all(OUTPUT_FORMATS.filter((f) => !skipped.has(f)).map((format) => FORMATS[format]()));
const pipelineStart = performance.now();
const pipelineCpu = process.cpuUsage();
const pipelineMainThreadCpu = mainThreadCpuMs();
const topology = buildTopology(inventory, {});
const renderMs: Record<string, number> = {};
// Every format of one topology in one process: the formats share the views they have in common.
const shared = new SharedViews();
for (const format of OUTPUT_FORMATS.filter((f) => !skipped.has(f))) {
  const t = performance.now();
  await render(topology, format, { shared });
  renderMs[format] = performance.now() - t;
}
const pipelineMs = performance.now() - pipelineStart;
const pipelineCpuUsed = process.cpuUsage(pipelineCpu);
const pipelineCpuMs = (pipelineCpuUsed.user + pipelineCpuUsed.system) / 1000;
const pipelineMainThreadCpuMs = mainThreadCpuMsSince(pipelineMainThreadCpu);

const result: WalkResult = {
  wallMs,
  missing: inventory.coverage.flatMap((c) => c.missing.filter((m) => m.recoveredBy === undefined).map((m) => `${m.action} ${m.resource ?? ''} (${m.code})`)),
  partial: isPartial(inventory.coverage),
  services: inventory.services.length,
  pipelineMs,
  pipelineCpuMs,
  pipelineSystemMs: pipelineCpuUsed.system / 1000,
  pipelineMainThreadCpuMs,
  renderMs,
  skippedFormats: [...skipped],
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
};
process.send?.(result);
