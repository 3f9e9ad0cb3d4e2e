import { describe, expect, it } from 'vitest';
import { driftReport } from '../../src/drift/report.js';
import { renderDriftText } from '../../src/drift/render.js';
import { emptyInventory, mergeAccountInventories, type Inventory } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { snapshotBody } from '../../src/snapshot/index.js';
import { ACCOUNT, ARNS, REGION, shopInventory } from '../fixtures/model/shop-account.js';

/** Drift of a topology of two accounts: the report is split by account. */
const DATA = '222222222222';

function twoAccounts(change: (web: Inventory, data: Inventory) => void = () => undefined) {
  const web = shopInventory();
  const data: Inventory = { ...emptyInventory({ kind: 'aws', label: 'data' }), accountId: DATA, regions: [REGION] };
  data.buckets = [{ name: 'data-exports', arn: 'arn:aws:s3:::data-exports', region: REGION, tags: {}, versioning: 'Enabled' }];
  change(web, data);
  const inventory = mergeAccountInventories([web, data], { kind: 'aws', label: 'two accounts' });
  return snapshotBody(buildTopology(inventory, {}));
}

describe('drift of several accounts', () => {
  it('groups each change under its account', () => {
    const expected = twoAccounts();
    const current = twoAccounts((web, data) => {
      web.services.find((s) => s.arn === ARNS.webService)!.desiredCount = 5;
      data.buckets[0]!.versioning = 'Suspended';
    });
    const report = driftReport({ mode: 'snapshot', expected: { label: 'before', body: expected }, current: { label: 'now', body: current } });
    expect(report.changes.map((c) => [c.account, c.kind, c.name])).toEqual([
      [ACCOUNT, 'ecs-service', 'shop-web'],
      [DATA, 'bucket', 'data-exports'],
    ]);
    const text = renderDriftText(report);
    expect(text).toMatch(new RegExp(`\\nAccount ${ACCOUNT} · [^\\n]+\\n  ~ [^\\n]*shop-web`));
    expect(text).toMatch(new RegExp(`\\nAccount ${DATA} · [^\\n]+\\n  ~ [^\\n]*data-exports`));
  });

  it('reports an account that joined the walk', () => {
    const web = shopInventory();
    const before = snapshotBody(buildTopology(mergeAccountInventories([web, { ...emptyInventory({ kind: 'aws', label: 'x' }), accountId: '333333333333', regions: [REGION] }], { kind: 'aws', label: 'a' }), {}));
    const report = driftReport({ mode: 'snapshot', expected: { label: 'before', body: before }, current: { label: 'now', body: twoAccounts() } });
    const account = report.changes.find((c) => c.kind === 'account');
    expect(account?.fields.map((f) => f.path.join('.'))).toEqual(['accounts']);
  });
});
