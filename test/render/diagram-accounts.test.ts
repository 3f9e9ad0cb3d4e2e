import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import { emptyInventory, mergeAccountInventories, type Inventory, type Topology } from '../../src/model/index.js';
import { buildDiagram, type DiagramGraph } from '../../src/render/diagram/graph.js';
import { renderMermaid } from '../../src/render/mermaid.js';
import { pageContent } from '../../src/render/story-page.js';
import { ACCOUNT, ARNS, IDS, REGION, shopInventory } from '../fixtures/model/shop-account.js';

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

  it('draws a peering as an arrow between VPC groups, and gives a VPC holding nothing drawn its group', () => {
    const network: Inventory = { ...emptyInventory({ kind: 'aws', label: 'network' }), accountId: '333333333333', regions: [REGION] };
    const peering = 'pcx-0123aaaabbbbcccc3';
    network.vpcs = [
      { id: 'vpc-0333aaaabbbbcccc3', name: 'shared-network', region: REGION, cidrBlocks: ['10.50.0.0/16'], isDefault: false, tags: {}, peerRoutes: [{ routeTableId: 'rtb-0333', destination: '10.0.0.0/16', targetKind: 'vpc-peering', targetId: peering }] },
    ];
    network.vpcPeerings = [
      { id: peering, region: REGION, requester: { vpcId: IDS.vpc, accountId: ACCOUNT, cidrBlocks: ['10.0.0.0/16'] }, accepter: { vpcId: 'vpc-0333aaaabbbbcccc3', accountId: '333333333333', cidrBlocks: ['10.50.0.0/16'] } },
    ];
    const inventory = mergeAccountInventories([shopInventory(), network], { kind: 'aws', label: 'two accounts' });
    const graph = buildDiagram({ inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false });
    // The network account's VPC holds nothing drawn: its group stands around its address range.
    expect(clusterPath(graph, '10.50.0.0/16')).toEqual(['Account 333333333333', 'VPC shared-network · 10.50.0.0/16 · peered with shop-vpc']);
    const links = graph.edges.filter((e) => e.kind === 'vpc-link');
    const label = (id: string | undefined) => graph.clusters.find((c) => c.id === id)?.label;
    expect(links.map((e) => [label(e.fromCluster), label(e.toCluster), e.label])).toEqual([
      ['VPC shop-vpc · 10.0.0.0/16 · peered with shared-network', 'VPC shared-network · 10.50.0.0/16 · peered with shop-vpc', `peering ${peering} · 1 route`],
    ]);
    // The arrow leaves from a box inside the shop VPC (any depth) and ends at the network VPC's range.
    expect(clusterPath(graph, graph.nodes.find((n) => n.id === links[0]!.from)!.title)[1]).toMatch(/^VPC shop-vpc/);
    expect(graph.nodes.find((n) => n.id === links[0]!.to)?.title).toBe('10.50.0.0/16');
    expect(renderMermaid({ inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false })).toMatch(/c\d+ -\.->\|"peering pcx-0123aaaabbbbcccc3 · 1 route"\| c\d+/);
  });

  it('draws one account as before: no account groups', () => {
    const inventory = shopInventory();
    const graph = buildDiagram({ inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false });
    expect(graph.clusters.some((c) => c.kind === 'account')).toBe(false);
  });
});

describe('the page of several accounts', () => {
  it('says how many accounts it was generated from and counts them first', () => {
    const page = pageContent(twoAccounts());
    expect(page.provenance).toBe('Generated by topology from 2 live AWS accounts.');
    expect(page.stats[0]).toEqual({ label: 'Accounts', value: '2', numeric: true });
    const saved = twoAccounts();
    saved.inventory.source = { kind: 'snapshot', label: 'merge' };
    expect(pageContent(saved).provenance).toBe('Generated by topology from a saved snapshot of 2 AWS accounts.');
    const single = { ...twoAccounts(), inventory: { ...shopInventory(), accountId: ACCOUNT } };
    expect(pageContent(single).provenance).toBe('Generated by topology from the bundled demo account.');
    expect(pageContent(single).stats.map((s) => s.label)).not.toContain('Accounts');
  });
});
