import { setFlagsFromString } from 'node:v8';

/**
 * How much work V8's tiering lets a function do before it compiles it with its optimizing
 * compiler (TurboFan) in a `topology` run: four times V8 11.3's default (67,584 bytecode units),
 * where Node 20 keeps it.
 *
 * A run is one pass over an account: most functions run a few thousand times and the process
 * ends. With V8's defaults, which are tuned for pages and servers that run for hours, TurboFan
 * compiled some 290 functions on background threads in the 1,000-service benchmark, a third of
 * all the run's CPU, for little time saved on the main thread. Raised fourfold, fewer functions
 * reach it: less CPU and no longer wall time in every run measured (docs/performance.md, "The
 * optimizing compiler's budget"); eight times and more slowed the 50 MB template read, whose
 * parsing loops do run long enough to pay for optimizing early.
 */
export const TIER_UP_BUDGET = 270_336;

/** The V8 major version that budget was measured on (Node 20's V8 11.3); other versions keep V8's own tiering. */
const MEASURED_V8_MAJOR = 11;

/**
 * The V8 flags a run sets for itself, given V8's version and node's own arguments: none on a V8
 * it was not measured on, and none that the user chose on node's command line
 * (`node --interrupt-budget=N bin/topology.mjs`).
 */
export function engineFlags(v8Version: string, execArgv: readonly string[]): string[] {
  if (Number(v8Version.split('.')[0]) !== MEASURED_V8_MAJOR) return [];
  if (execArgv.some((arg) => /^--interrupt[-_]budget(=|$)/.test(arg))) return [];
  return [`--interrupt-budget=${TIER_UP_BUDGET}`];
}

/**
 * Sets `engineFlags` for this process. Called once, first, by the command-line entry
 * (bin/topology.mjs) and by the benchmarks that stand for a run; never by a library import, since
 * a flag is the whole process's.
 */
export function tuneEngineForOneShotRun(): void {
  for (const flag of engineFlags(process.versions.v8, process.execArgv)) setFlagsFromString(flag);
}
