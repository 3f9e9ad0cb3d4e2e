import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { silentProgress, stderrProgress, type WalkActivity } from '../../src/cli/progress.js';

/** A writable that says it is a terminal and keeps what was written. */
function terminal(isTTY = true) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 140, rows: 40 });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => written };
}

describe('progress on stderr', () => {
  it('shows each service of a walk: calls done of those known, throttling, elapsed and an estimate', async () => {
    const { stream, text } = terminal();
    const activity: WalkActivity[] = [
      { label: 'ecs us-east-1', known: 40, done: 12, throttled: 0 },
      { label: 'elbv2 us-east-1', known: 90, done: 30, throttled: 3 },
    ];
    const progress = stderrProgress(stream);
    const walk = progress.walk!({ activity: () => activity });
    activity[0] = { label: 'ecs us-east-1', known: 40, done: 40, throttled: 0 };
    walk.done();
    await new Promise((resolve) => setImmediate(resolve));
    const shown = text();
    expect(shown).toMatch(/ecs us-east-1\s+\[[^\]]+\] 40\/40 calls \| 0 throttled \|\s+\d+s \| eta /);
    expect(shown).toMatch(/elbv2 us-east-1\s+\[[^\]]+\] 30\/90 calls \| 3 throttled \|\s+\d+s \| eta /);
  });

  it('prints steps as lines', async () => {
    const { stream, text } = terminal();
    stderrProgress(stream).step('collecting ecs (us-east-1)');
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe('topology: collecting ecs (us-east-1)\n');
  });

  it('shows nothing when stderr is not a terminal, or with --quiet', () => {
    expect(stderrProgress(terminal(false).stream)).toBe(silentProgress);
    expect(stderrProgress(terminal(true).stream, { quiet: true })).toBe(silentProgress);
    expect(silentProgress.walk).toBeUndefined();
  });
});
