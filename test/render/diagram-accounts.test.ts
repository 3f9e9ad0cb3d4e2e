import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import { emptyInventory, mergeAccountInventories, type Inventory, type Topology } from '../../src/model/index.js';
import { buildDiagram, type DiagramGraph } from '../../src/render/diagram/graph.js';
import { renderMermaid } from '../../src/render/mermaid.js';
import { ACCOUNT, ARNS, REGION, shopInventory } from '../fixtures/model/shop-account.js';

/** A topology of two accounts: the shop account (web) and a data account holding one bucket. */
function twoAccounts(): Topology {
  const data: Inventory = { ...emptyInventory({ kind: 'aws', label: 'data' }), accountId: '222222222222', regions: [REGION] };
  data.buckets = [{ name: 'data-exports', arn: 'arn:aws:s3:::data-exports', region: REGION, tags: {}, encryption: null }];
  // The web task role's policy names the data bucket: the web service uses it across accounts.
  const web = shopInventory();
  web.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements.push({ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: ['arn:aws:s3:::data-exports/*'], notResources: [] });
  const inventory = mergeAccountInventories([web, data], { kind: 'aws', label: 'two accounts' });
  return { inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false };
}

function clusterPath(graph: DiagramGraph, title: string): string[] {
  const node = graph.nodes.find((n) => n.title === title);
  if (!node) throw new Error(`no node ${title}`);
  const path: string[] = [];
  for (let id = node.clusterId; id; ) {
    const cluster = graph.clusters.find((c) => c.id === id);
    path.unshift(cluster?.label ?? id);
    id = cluster?.parentId;
  }
  return path;
}

describe('the diagram of several accounts', () => {
  it('groups each account’s VPCs, zones and the boxes outside any VPC under the account', () => {
    const graph = buildDiagram(twoAccounts());
    expect(graph.clusters.filter((c) => c.kind === 'account').map((c) => c.label).sort()).toEqual([`Account ${ACCOUNT}`, 'Account 222222222222']);
    expect(clusterPath(graph, 'data-exports')).toEqual(['Account 222222222222', `AWS managed services · ${REGION}`]);
    expect(clusterPath(graph, 'shop-jobs')).toEqual([`Account ${ACCOUNT}`, `AWS managed services · ${REGION}`]);
    expect(new Set(graph.clusters.map((c) => c.id)).size).toBe(graph.clusters.length);
    // No group of managed services is left outside the accounts, empty.
    expect(graph.clusters.filter((c) => c.kind === 'regional' && c.parentId === undefined)).toEqual([]);
    expect(clusterPath(graph, 'shop-web')[0]).toBe(`Account ${ACCOUNT}`);
    expect(clusterPath(graph, 'shop-web')[1]).toMatch(/^VPC /);
    expect(graph.nodes.find((n) => n.kind === 'internet')?.clusterId).toBeUndefined();
    // The web service's arrow to the bucket crosses from one account group into the other.
    const web = graph.nodes.find((n) => n.title === 'shop-web')!;
    const bucket = graph.nodes.find((n) => n.title === 'data-exports')!;
    expect(graph.edges.some((e) => e.from === web.id && e.to === bucket.id)).toBe(true);
    expect(renderMermaid(twoAccounts())).toContain('Account 222222222222');
  });

  it('draws one account as before: no account groups', () => {
    const inventory = shopInventory();
    const graph = buildDiagram({ inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false });
    expect(graph.clusters.some((c) => c.kind === 'account')).toBe(false);
  });
});
