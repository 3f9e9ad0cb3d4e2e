/**
 * `topology --help` start-up (issue 13: ≤ 0.3 s on these 2-core machines): the median wall time
 * of 10 runs of `bin/topology.mjs --help`, alternated with 10 of `node -e 0` (Node's own start,
 * which bounds it from below), with the load average, since on a shared machine the neighbours
 * set most of the wall time. Uses dist/ as built by `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/topology.mjs', import.meta.url));
const RUNS = 10;

export interface StartupFigures {
  helpMedianMs: number;
  nodeMedianMs: number;
  loadAverage: number[];
}

function wallMs(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
};

export function measureStartup(): StartupFigures {
  const help: number[] = [];
  const node: number[] = [];
  const loadAverage = os.loadavg();
  for (let i = 0; i < RUNS; i++) {
    help.push(wallMs([BIN, '--help']));
    node.push(wallMs(['-e', '0']));
  }
  return { helpMedianMs: median(help), nodeMedianMs: median(node), loadAverage };
}
