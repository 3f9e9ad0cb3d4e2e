import { tuneEngineForOneShotRun } from '../src/cli/engine.js';

/**
 * For a benchmark process that stands for a `topology` run: V8 set up as bin/topology.mjs sets it
 * (src/cli/engine.ts), unless BENCH_ENGINE=default asks for V8's own tiering, for comparison.
 * Call it first, before the code measured runs.
 */
export function tuneEngineAsTheCliDoes(): void {
  if (process.env.BENCH_ENGINE !== 'default') tuneEngineForOneShotRun();
}
