import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeakError } from '../../src/errors.js';
import type { Topology } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { redactTopology } from '../../src/redact/index.js';
import { assertNoLeak, findLeaks } from '../../src/redact/leak-guard.js';
import { inventoryStrings } from '../../src/redact/sensitive.js';
import { OUTPUT_FORMATS, render } from '../../src/render/index.js';
import { isDistinctive } from '../../src/redact/vocabulary.js';
import { randomInventory } from './random-inventory.js';
import { unstructuredText } from './support.js';

/** Bounded: each case renders every format (about a second per case on a loaded machine). */
const RUNS = Number(process.env.REDACT_PROPERTY_RUNS ?? 25);
const TIMEOUT = 300_000;
const key = fc.stringMatching(/^[a-z0-9]{32,40}$/);

function publicCopy(original: Topology, redactionKey: string, redactRegion = false): Topology {
  return redactTopology(original, { redactRegion, config: {}, key: redactionKey });
}

describe('--public on random accounts', () => {
  it('every registered format renders without a single sensitive value (the guard finds nothing)', async () => {
    expect(OUTPUT_FORMATS.length).toBeGreaterThanOrEqual(2);
    await fc.assert(
      fc.asyncProperty(randomInventory, key, fc.boolean(), async (inventory, redactionKey, redactRegion) => {
        const original = buildTopology(inventory, {});
        expect(unstructuredText(original)).toEqual([]);
        const redacted = publicCopy(original, redactionKey, redactRegion);
        expect(findLeaks(JSON.stringify(redacted), original, { format: 'model' })).toEqual([]);
        for (const format of OUTPUT_FORMATS) {
          const output = await render(redacted, format, {});
          expect(findLeaks(output, original, { format }), format).toEqual([]);
        }
        expect(findLeaks(await render(redacted, 'table', { width: 90 }), original, { format: 'table' })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('the guard catches any one sensitive value put back into any format, without naming it', async () => {
    await fc.assert(
      fc.asyncProperty(randomInventory, key, fc.nat(), fc.constantFrom(...OUTPUT_FORMATS), async (inventory, redactionKey, pick, format) => {
        const original = buildTopology(inventory, {});
        const output = await render(publicCopy(original, redactionKey), format, {});
        const candidates = inventoryStrings(inventory, { redactRegion: false }).sensitive.filter(
          (s) => isDistinctive(s.value) && !['0.0.0.0/0', '::/0'].includes(s.value),
        );
        const leaked = candidates[pick % candidates.length]!;
        const lines = output.split('\n');
        const at = pick % lines.length;
        lines.splice(at, 0, `  ${leaked.value}`);
        let caught: unknown;
        try {
          assertNoLeak(lines.join('\n'), original, { format });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(LeakError);
        expect((caught as LeakError).message).not.toContain(leaked.value);
        expect(JSON.stringify((caught as LeakError).hits)).not.toContain(leaked.value);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('the guard catches generic AWS shapes the inventory never held', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[1-9]\d{11}$/),
          fc.stringMatching(/^AKIA[A-Z2-7]{16}$/),
          fc.stringMatching(/^(sg|subnet|vpc|eni|i)-[0-9a-f]{17}$/),
          fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `10.${a}.${b}.7`),
          fc.stringMatching(/^[a-z]{4,10}\.[a-z0-9]{10}\.eu-west-1\.rds\.amazonaws\.com$/),
        ),
        (value) => {
          const original = buildTopology(randomInventorySample(), {});
          expect(findLeaks(`text ${value} text`, original, { format: 'test' }).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 50 },
    );
  });
});

let sample: ReturnType<typeof fc.sample<Topology['inventory']>>[number] | undefined;
function randomInventorySample() {
  sample ??= fc.sample(randomInventory, { numRuns: 1, seed: 7 })[0]!;
  return sample;
}
