import { describe, expect, it } from 'vitest';
import { edgesFrom, edgesTo, type EdgeKind, type NodeRef } from '../../../src/model/index.js';
import { resourceLookup } from '../../../src/render/diagram/resources.js';
import { viewContext } from '../../../src/render/views/context.js';
import { topologyTables } from '../../../src/render/views.js';
import { shopInventory } from '../../fixtures/model/shop-account.js';
import { topologyOf } from '../tables-fixtures.js';

const shop = () => topologyOf(shopInventory());

describe('viewContext', () => {
  it('answers outOf and into with the edges a scan of every edge finds, in edge order', () => {
    const topology = shop();
    const context = viewContext(topology);
    const kinds = [...new Set(topology.edges.map((edge) => edge.kind))] as EdgeKind[];
    const nodes: NodeRef[] = topology.edges.flatMap((edge) => [edge.from, edge.to]);
    expect(kinds.length).toBeGreaterThan(5);
    let nonEmpty = 0;
    for (const node of nodes) {
      for (const kind of kinds) {
        const out = context.outOf(kind, node);
        expect(out).toEqual(edgesFrom(topology.edges, node, kind));
        expect(context.into(kind, node)).toEqual(edgesTo(topology.edges, node, kind));
        if (out.length > 0) nonEmpty += 1;
      }
    }
    expect(nonEmpty).toBeGreaterThan(0);
    expect(context.outOf('sg-ingress', { kind: 'security-group', id: 'sg-not-in-the-account' })).toEqual([]);
  });

  it('gives the same tables from the page\'s shared lookup as from its own', () => {
    const topology = shop();
    const own = topologyTables(topology);
    const shared = topologyTables(topology, resourceLookup(topology.inventory, topology.edges));
    expect(shared).toEqual(own);
    expect(own.reduce((rows, table) => rows + table.rows.length, 0)).toBeGreaterThan(20);
  });
});
