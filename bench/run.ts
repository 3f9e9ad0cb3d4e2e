/**
 * Speed and memory benchmarks (`npm run bench`). Each goal is checked here, not in timed tests:
 * the run prints a table of measurements and exits 1 when a goal is missed.
 *
 *   npm run bench             # default sizes
 *   BENCH_COPIES=500 npm run bench
 *   BENCH_WALK_SIZES=25,1000 BENCH_LATENCY_MS=30 npm run bench   # the live walk (walk-bench.ts)
 *   BENCH_WALK_SIZES= npm run bench                              # in-memory stages only
 */
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { silentProgress } from '../src/cli/progress.js';
import { loadTemplateInventory } from '../src/sources/template/index.js';
import { writeSyntheticCdkOut } from './cdk-out.js';
import { runWalkBenchmarks } from './walk-bench.js';
import { correlate } from '../src/correlate/index.js';
import { buildTopology } from '../src/pipeline.js';
import { render } from '../src/render/index.js';
import { measureLargeTemplate } from './large-template.js';
import { measureStartup } from './startup.js';
import { syntheticInventory } from './synthetic.js';

interface Measurement {
  name: string;
  value: number;
  unit: string;
  goal: number;
}

const copies = Number(process.env.BENCH_COPIES ?? 250);
const results: Measurement[] = [];

async function time<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

const inventory = syntheticInventory(copies);
const services = inventory.services.length;

const correlated = await time(() => correlate(inventory));
results.push({ name: `correlate ${services} services (${correlated.value.length} edges)`, value: correlated.ms, unit: 'ms', goal: 5_000 });

const topology = await time(() => buildTopology(inventory, {}));
results.push({ name: `correlate + audit ${services} services`, value: topology.ms, unit: 'ms', goal: 10_000 });

for (const format of ['table', 'json'] as const) {
  const rendered = await time(() => render(topology.value, format));
  results.push({ name: `render ${format} (${(rendered.value.length / 1024 / 1024).toFixed(1)} MiB)`, value: rendered.ms, unit: 'ms', goal: 10_000 });
}

// A cdk.out of 20 stacks (one shared, 19 service stacks with repeated logical IDs) and ~2,000 resources.
const assembly = await writeSyntheticCdkOut(20, 11);
try {
  const read = await time(() => loadTemplateInventory(assembly.directory, silentProgress));
  results.push({ name: `read cdk.out of 20 stacks, ${assembly.resources} resources (${read.value.services.length} services)`, value: read.ms, unit: 'ms', goal: 2_000 });
} finally {
  await rm(assembly.directory, { recursive: true, force: true });
}

const rssMiB = process.memoryUsage().rss / 1024 / 1024;
results.push({ name: 'peak resident memory (rss after all stages)', value: rssMiB, unit: 'MiB', goal: 1_024 });

// Issue 11: a 50 MB template read in a process of its own, so its memory is its own.
results.push(...measureLargeTemplate());

// Issue 13: `topology --help` ≤ 0.3 s wall (median of 10), next to Node's own start.
const startup = measureStartup();
results.push({
  name: `topology --help, median of 10 (node -e 0: ${startup.nodeMedianMs.toFixed(0)} ms; load average ${startup.loadAverage.map((l) => l.toFixed(1)).join(' ')})`,
  value: startup.helpMedianMs,
  unit: 'ms',
  goal: 300,
});

let failed = false;
process.stdout.write(`topology benchmarks: ${copies} synthetic shops, ${services} ECS services, ${inventory.securityGroups.length} SGs\n`);
for (const result of results) {
  const ok = result.value <= result.goal;
  failed ||= !ok;
  process.stdout.write(`${ok ? 'ok  ' : 'MISS'} ${result.name}: ${result.value.toFixed(0)} ${result.unit} (goal ≤ ${result.goal} ${result.unit})\n`);
}
const walkFailed = await runWalkBenchmarks();
process.exitCode = failed || walkFailed ? 1 : 0;
