import { describe, expect, it } from 'vitest';
import { engineFlags, TIER_UP_BUDGET } from '../../src/cli/engine.js';
import { binStderrWithPreload } from './support.js';

describe('engineFlags', () => {
  it('raises the tier-up budget fourfold on the V8 it was measured on (Node 20)', () => {
    expect(engineFlags('11.3.244.8-node.38', [])).toEqual(['--interrupt-budget=270336']);
    expect(TIER_UP_BUDGET).toBe(4 * 67_584);
  });

  it("leaves another V8's tiering as it is", () => {
    expect(engineFlags('12.4.254.21-node.33', [])).toEqual([]);
    expect(engineFlags('13.6.233.10-node.27', [])).toEqual([]);
    expect(engineFlags('1.3.0', [])).toEqual([]);
  });

  it('keeps a budget the user gave node on its command line, in either spelling', () => {
    expect(engineFlags('11.3.244.8', ['--interrupt-budget=1000'])).toEqual([]);
    expect(engineFlags('11.3.244.8', ['--stack-size=2000', '--interrupt_budget=1000'])).toEqual([]);
  });

  it('is not confused by other flags that start alike', () => {
    expect(engineFlags('11.3.244.8', ['--interrupt-budget-for-feedback-allocation=500'])).toEqual(['--interrupt-budget=270336']);
  });
});

/**
 * The flags `node ...nodeArgs bin/topology.mjs ...args` sets on V8 as it runs: a preload wraps
 * `v8.setFlagsFromString` (and publishes the wrapper to ES module imports) to log each flag.
 */
function flagsSetBy(nodeArgs: string[], args: string[]): string[] {
  const preload = [
    "import { syncBuiltinESMExports } from 'node:module';",
    "import v8 from 'node:v8';",
    'const set = v8.setFlagsFromString;',
    "v8.setFlagsFromString = (flag) => { process._rawDebug('v8 flag ' + flag); set(flag); };",
    'syncBuiltinESMExports();',
  ].join('\n');
  const stderr = binStderrWithPreload(preload, args, nodeArgs);
  return stderr.split('\n').filter((line) => line.startsWith('v8 flag ')).map((line) => line.slice('v8 flag '.length));
}

describe('bin/topology.mjs', () => {
  const expected = engineFlags(process.versions.v8, []);

  it('sets the engine flags before the run', () => {
    expect(flagsSetBy([], ['--recorded-account', '-f', 'mermaid', '--quiet']).filter((flag) => flag.startsWith('--interrupt-budget'))).toEqual(expected);
  });

  it('sets no budget over one given to node', () => {
    expect(flagsSetBy(['--interrupt-budget=100000'], ['--recorded-account', '-f', 'mermaid', '--quiet']).filter((flag) => flag.startsWith('--interrupt-budget'))).toEqual([]);
  });
});
