import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { defaultIgnorePatterns } from '../../src/drift/ignore.js';
import { renderDrift } from '../../src/drift/render.js';
import { driftReport, hasDrift } from '../../src/drift/report.js';
import { buildTopology } from '../../src/pipeline.js';
import { readSnapshot, snapshotBody } from '../../src/snapshot/index.js';
import { loadTemplateInventory } from '../../src/sources/template/index.js';
import { referenceStackAssembly } from '../support/reference-stack.js';

const SNAPSHOT = fileURLToPath(new URL('../../snapshots/reference-stack.json', import.meta.url));

const UPDATE_COMMANDS = [
  'If the change is deliberate, update the snapshot and commit it with the change:',
  '  node bin/topology.mjs snapshot --from reference-stack --out snapshots/reference-stack.json',
  'or, showing the diff first:',
  '  node bin/topology.mjs drift --snapshot snapshots/reference-stack.json --from reference-stack --update',
].join('\n');

/**
 * The project's own drift check (run by `npm test`, hence by .ci/run): the reference stack, as
 * synthesized now, against the committed snapshot of it. A change to the stack's topology must
 * come with an updated snapshot, so that reviewers see the topology diff in the pull request.
 */
describe('snapshots/reference-stack.json', () => {
  it('is a snapshot of the reference stack', async () => {
    const snapshot = await readSnapshot(SNAPSHOT);
    expect(snapshot.header.source).toEqual({ kind: 'template', label: 'CDK app reference-stack (TopologyReference)' });
    expect(snapshot.header.public).toBe(false);
    expect(snapshot.body.inventory.services.length).toBeGreaterThanOrEqual(2);
  });

  it('matches the reference stack synthesized now', { timeout: 240_000 }, async () => {
    const committed = await readSnapshot(SNAPSHOT);
    const inventory = await loadTemplateInventory(await referenceStackAssembly(), silentProgress);
    const report = driftReport(
      {
        mode: 'snapshot',
        expected: { label: 'snapshots/reference-stack.json', createdAt: committed.header.createdAt, body: committed.body },
        current: { label: 'reference-stack synthesized now', body: snapshotBody(buildTopology(inventory, {})) },
      },
      { ignore: defaultIgnorePatterns() },
    );
    expect(hasDrift(report), `The reference stack's topology changed:\n\n${renderDrift(report, 'text')}\n${UPDATE_COMMANDS}\n`).toBe(false);
  });
});
