/**
 * The --public models of random inventories (the redaction property test's generator, a fixed
 * seed, both public-name styles, --redact-region on every other one), one JSON line each: run it
 * before and after a change to redaction and compare the files (bench/outputs.sh does).
 *
 *   node --import tsx bench/public-models.ts /tmp/after/random.public.jsonl [count]
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { buildTopology } from '../src/pipeline.js';
import { redactTopology } from '../src/redact/index.js';
import { randomInventory } from '../test/redact/random-inventory.js';

const [out, count = '150'] = process.argv.slice(2);
if (out === undefined) throw new Error('usage: bench/public-models.ts OUT.jsonl [count]');
const lines = fc.sample(randomInventory, { seed: 14, numRuns: Number(count) }).flatMap((inventory, i) => {
  const topology = buildTopology(inventory, {});
  return (['roles', 'keyed'] as const).map((publicNames) =>
    JSON.stringify(redactTopology(topology, { redactRegion: i % 2 === 0, config: {}, key: 'k'.repeat(32), publicNames })),
  );
});
writeFileSync(out, `${lines.join('\n')}\n`);
