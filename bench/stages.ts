/**
 * The in-memory stages (correlation + audit, then every renderer) on an inventory a walk saved
 * (`BENCH_SAVE_INVENTORY=DIR`, see walk.ts), without walking again: for profiling.
 *
 *   node --import tsx bench/stages.ts /tmp/inventory-1000.json [FORMAT,...]   # wall and CPU per stage
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/stages.ts /tmp/inventory-1000.json html
 *   BENCH_STAGES_OUT=/tmp/out node --import tsx bench/stages.ts INVENTORY.json   # also writes each output (OUT/<format>)
 *   BENCH_SHARED=0 node --import tsx bench/stages.ts INVENTORY.json   # each format makes its own views, as one CLI run does
 *   BENCH_HOST=0 node --import tsx bench/stages.ts INVENTORY.json     # without the host's speed (host.ts) after the stages
 *
 * By default the formats share the views they have in common (`SharedViews`, src/render/shared.ts):
 * one process renders every format of one topology.
 *
 * `bench/save-inventory.ts` writes the synthetic account's inventory in seconds, without the walk.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Inventory } from '../src/model/index.js';
import { buildTopology } from '../src/pipeline.js';
import { FORMATS, OUTPUT_FORMATS, render, type OutputFormat } from '../src/render/index.js';
import { SharedViews } from '../src/render/shared.js';
import { tuneEngineAsTheCliDoes } from './engine.js';
import { describeHost, describeLoad, measureHost } from './host.js';
import { mainThreadCpuMs, mainThreadCpuMsSince } from './thread-cpu.js';
import { GOALS } from './walk-bench.js';

tuneEngineAsTheCliDoes();
const file = process.argv[2];
if (file === undefined) throw new Error('usage: stages.ts INVENTORY.json [FORMAT,...]');
const formats = (process.argv[3]?.split(',') ?? OUTPUT_FORMATS) as OutputFormat[];
const inventory = JSON.parse(await readFile(file, 'utf8')) as Inventory;
// The renderers' modules are loaded before the clock starts: loading code is start-up (under tsx,
// transpiling too), not the stages measured here.
await Promise.all(formats.map((format) => FORMATS[format]()));

/** CPU time (user + system) since `from`, in ms: on a shared machine wall time mostly measures the neighbours. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
/** The kernel's part of `cpuMs` (page faults of memory touched for the first time, mostly). */
const systemMs = (from: NodeJS.CpuUsage): number => process.cpuUsage(from).system / 1000;
const outputs = process.env.BENCH_STAGES_OUT;
const shared = process.env.BENCH_SHARED === '0' ? undefined : new SharedViews();
if (outputs !== undefined) await mkdir(outputs, { recursive: true });
const started = performance.now();
const startedCpu = process.cpuUsage();
const startedMainThreadCpu = mainThreadCpuMs();
const topology = buildTopology(inventory, {});
const figures: string[] = [];
const report = (line: string): void => {
  figures.push(line);
  process.stderr.write(`${line}\n`);
};
report(`correlate + audit ${(performance.now() - started).toFixed(0)} ms, cpu ${cpuMs(startedCpu).toFixed(0)} ms, of which system ${systemMs(startedCpu).toFixed(0)} ms (${topology.edges.length} edges)`);
for (const format of formats) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const text = await render(topology, format, { ...(shared === undefined ? {} : { shared }) });
  report(`${format} ${(performance.now() - t).toFixed(0)} ms, cpu ${cpuMs(cpu).toFixed(0)} ms, of which system ${systemMs(cpu).toFixed(0)} ms (${(text.length / 1024).toFixed(0)} KiB)`);
  if (outputs !== undefined) await writeFile(join(outputs, format), text);
}
const totalCpuMs = cpuMs(startedCpu);
const totalMs = performance.now() - started;
const mainThreadMs = mainThreadCpuMsSince(startedMainThreadCpu);
const mainThread = mainThreadMs === undefined ? '' : `, main thread ${mainThreadMs.toFixed(0)} ms`;
report(`total ${totalMs.toFixed(0)} ms, cpu ${totalCpuMs.toFixed(0)} ms${mainThread}, of which system ${systemMs(startedCpu).toFixed(0)} ms, ${inventory.services.length} services, ${shared === undefined ? 'views made per format' : 'views shared'}, ${describeLoad()}`);
// The goal `npm run bench` checks after its largest walk (every format, views shared): said only for that run.
if (formats.length === OUTPUT_FORMATS.length && shared !== undefined) {
  report(`goal (#13): correlate + audit + every render < ${GOALS.pipelineMs} ms: ${totalMs < GOALS.pipelineMs ? 'met' : 'MISSED'} on this run`);
}
// Measured after the stages, in child processes: how fast the host was (see host.ts).
if (process.env.BENCH_HOST !== '0') report(describeHost(measureHost()));
process.stdout.write(`${JSON.stringify(figures)}\n`);
