/**
 * How fast this machine is right now, measured beside the pipeline so that its CPU figures can be
 * compared across runs and days. The machines here are shared virtual machines: the same commit's
 * pipeline has measured from 1.8 s to over 3 s of CPU on different hours, and much of that is the
 * host, not the code. Two figures, each the median of three fresh Node processes:
 *
 * - `referenceCpuMs`: CPU for a fixed JavaScript workload (strings built and joined, Map lookups,
 *   small objects, JSON), the kinds of work the pipeline does; the code never changes, so a
 *   higher figure means a slower or busier host.
 * - `firstTouchMsPerMiB`: CPU per MiB of memory written for the first time (a fresh 64 MiB
 *   buffer): the page faults every heap page and large string costs. Measured at 2.6-3.4 ms per
 *   MiB on the Firecracker machines of 6 December, so 100 MiB of new memory costs 0.3 s of CPU.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface HostFigures {
  referenceCpuMs: number;
  firstTouchMsPerMiB: number;
}

const RUNS = 3;

/** Runs in a child process: this process's heap and compiled code stay as they were. */
const PROBE = `
const cpuMs = (from) => { const u = process.cpuUsage(from); return (u.user + u.system) / 1000; };
let started = process.cpuUsage();
const names = new Map();
let text = '';
const rows = [];
for (let i = 0; i < 60000; i++) {
  const name = 'service-' + (i % 5000) + '-' + (i & 255).toString(16);
  names.set(name, (names.get(name) ?? 0) + 1);
  rows.push({ name, port: i % 65536, tags: [name, 'x' + (i % 7)] });
  if (i % 1000 === 0) text = rows.slice(-50).map((r) => r.name + ':' + r.port).join('\\n');
}
const json = JSON.stringify(rows, null, 2);
const referenceCpuMs = cpuMs(started);
const made = text.length + json.length + names.size;
const mib = 64;
const buffer = Buffer.allocUnsafe(mib * 1024 * 1024);
started = process.cpuUsage();
buffer.fill(1);
const firstTouchMsPerMiB = cpuMs(started) / mib;
process.stdout.write(JSON.stringify({ referenceCpuMs, firstTouchMsPerMiB, made }));
`;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export function measureHost(): HostFigures {
  const runs: HostFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = spawnSync(process.execPath, ['-e', PROBE], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`host probe exited ${result.status}: ${result.stderr}`);
    const { referenceCpuMs, firstTouchMsPerMiB } = JSON.parse(result.stdout) as HostFigures;
    runs.push({ referenceCpuMs, firstTouchMsPerMiB });
  }
  return { referenceCpuMs: median(runs.map((r) => r.referenceCpuMs)), firstTouchMsPerMiB: median(runs.map((r) => r.firstTouchMsPerMiB)) };
}

/** `host reference workload 512 ms of CPU, first touch 2.9 ms/MiB`. */
export function describeHost(host: HostFigures): string {
  return `host reference workload ${host.referenceCpuMs.toFixed(0)} ms of CPU, first touch ${host.firstTouchMsPerMiB.toFixed(1)} ms/MiB`;
}

/**
 * `load average 0.4 1.1 1.5 on 2 cores`, with a caution when the last minute's load exceeds the
 * cores: other processes then share the CPUs, and a wall-time figure includes waiting for them.
 */
export function describeLoad(): string {
  const [lastMinute, ...rest] = os.loadavg() as [number, number, number];
  const cores = os.availableParallelism();
  const load = `load average ${[lastMinute, ...rest].map((l) => l.toFixed(1)).join(' ')} on ${cores} cores`;
  return lastMinute > cores ? `${load} (busy: wall times include waiting for other processes)` : load;
}
