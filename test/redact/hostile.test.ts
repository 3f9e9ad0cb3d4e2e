import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/audit/rules/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { redactTopology } from '../../src/redact/index.js';
import { findLeaks } from '../../src/redact/leak-guard.js';
import { OUTPUT_FORMATS, render } from '../../src/render/index.js';
import { accountSeeds, buildInventory } from './random-inventory.js';
import { TEST_KEY, unstructuredText } from './support.js';

/**
 * Random accounts whose names are hostile: ordinary English words, the words of the tool's own rule
 * titles, table headers and JSON keys, names of one or two characters, Unicode confusables, and
 * Markdown / HTML metacharacters. Every format must pass the guard (no false alarm), and no name
 * may reach the redacted model (no leak: names reach the output only through the model).
 */
const RUNS = Number(process.env.REDACT_PROPERTY_RUNS ?? 12);
const toolWords = [...new Set(RULES.flatMap((rule) => rule.title.toLowerCase().split(/[^a-z0-9-]+/)).filter((word) => word.length > 0))];
const wordName = fc.oneof(
  fc.constantFrom(...toolWords),
  fc.constantFrom('inventory', 'dead-letter', 'security', 'api', 'web', 'worker', 'default-action', 'findings', 'edges', 'name', 'arn', 'listener', 'target-group'),
  fc.constantFrom('a', 'db', 'x1', 'q'),
  fc.constantFrom('İnventory', '\u212Aelvin-jobs', 'ｗｅｂ-app', 'straße'),
);
const metaName = fc.constantFrom('a*b_c', '<b>x</b>', 'x|y', '[z](y)', '&amp;web', '`tick`', 'under_score_', '#{path}x');

const hostileSeeds = fc.tuple(accountSeeds, wordName, wordName, wordName, wordName, wordName, metaName).map(([seeds, bucket, queue, db, cluster, service, sg]) => ({
  ...seeds,
  bucket,
  queue,
  dbName: db,
  clusterName: cluster,
  services: seeds.services.map((s, i) => ({ ...s, name: i === 0 ? service : s.name, sgName: i === 0 ? sg : s.sgName })),
}));

describe('--public with hostile names', () => {
  it('no false alarm in any format, and no real name in any name field of the redacted model', async () => {
    await fc.assert(
      fc.asyncProperty(hostileSeeds, async (seeds) => {
        const inventory = buildInventory(seeds);
        const original = buildTopology(inventory, {});
        expect(unstructuredText(original)).toEqual([]);
        const redacted = redactTopology(original, { redactRegion: false, config: {}, key: TEST_KEY });
        for (const format of OUTPUT_FORMATS) expect(findLeaks(await render(redacted, format, {}), original, { format }), format).toEqual([]);
        const realNames = new Set([...inventory.services.map((s) => s.name), ...inventory.queues.map((q) => q.name), ...inventory.buckets.map((b) => b.name), ...inventory.dbInstances.map((d) => d.identifier), ...inventory.clusters.map((c) => c.name)]);
        const publicNames = [...redacted.inventory.services.map((s) => s.name), ...redacted.inventory.queues.map((q) => q.name), ...redacted.inventory.buckets.map((b) => b.name), ...redacted.inventory.dbInstances.map((d) => d.identifier), ...redacted.inventory.clusters.map((c) => c.name)];
        for (const name of publicNames) {
          if (realNames.has(name)) expect(['web', 'worker', 'cluster', 'queue', 'bucket', 'app-db', 'jobs-queue', 'jobs-dlq', 'uploads-bucket', 'service'].includes(name) || /-\d+$/.test(name), name).toBe(true);
        }
        const texts = redacted.findings.map((finding) => finding.message).join('\n');
        for (const name of [seeds.services[0]!.sgName, seeds.bucket, seeds.queue].filter((n) => /[^a-z-]/.test(n) && n.length > 2)) {
          expect(texts.includes(name), name).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
