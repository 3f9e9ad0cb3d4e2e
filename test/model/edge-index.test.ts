import { describe, expect, it } from 'vitest';
import { edgesFrom, edgesTo, indexEdges, nodeKey, type Edge, type EdgeKind, type NodeRef } from '../../src/model/index.js';
import { resourceLookup, resourcesWithSecurityGroup } from '../../src/render/diagram/resources.js';
import { IDS } from '../fixtures/model/shop-account.js';
import { shopTopology, shopVariant } from '../render/diagram-support.js';

const EDGE_KINDS: (EdgeKind | undefined)[] = [undefined, 'dns-alias', 'lb-listener', 'listener-rule', 'rule-target', 'target-service', 'sg-ingress', 'service-db', 'service-bucket', 'service-queue', 'service-endpoint', 'service-role'];

function edge(kind: EdgeKind, from: NodeRef, to: NodeRef): Edge {
  return { kind, from, to, evidence: [], attributes: {} } as unknown as Edge;
}

describe('indexEdges', () => {
  it('answers exactly what scanning every edge answers, for every node and kind of the shop account', () => {
    const { edges } = shopTopology();
    const index = indexEdges(edges);
    const nodes = new Map(edges.flatMap((e) => [e.from, e.to]).map((n) => [nodeKey(n), n]));
    expect(nodes.size).toBeGreaterThan(20);
    for (const node of nodes.values()) {
      for (const kind of EDGE_KINDS) {
        expect(index.from(node, kind)).toEqual(edgesFrom(edges, node, kind));
        expect(index.to(node, kind)).toEqual(edgesTo(edges, node, kind));
      }
    }
  });

  it('keeps the edges in their order, tells kinds and nodes apart, and knows no edges of an unknown node', () => {
    const a: NodeRef = { kind: 'queue', id: 'a' };
    const b: NodeRef = { kind: 'ecs-service', id: 'b' };
    const sameIdOtherKind: NodeRef = { kind: 'bucket', id: 'a' };
    const first = edge('service-queue', b, a);
    const second = edge('service-bucket', b, sameIdOtherKind);
    const third = edge('service-queue', b, a);
    const index = indexEdges([first, second, third]);
    expect(index.from(b)).toEqual([first, second, third]);
    expect(index.from(b, 'service-queue')).toEqual([first, third]);
    expect(index.to(a)).toEqual([first, third]);
    expect(index.to(sameIdOtherKind)).toEqual([second]);
    expect(index.to(b)).toEqual([]);
    expect(index.from({ kind: 'queue', id: 'missing' }, 'service-queue')).toEqual([]);
  });

  it('hands out copies: a caller changing an answer does not change the next one', () => {
    const a: NodeRef = { kind: 'queue', id: 'a' };
    const b: NodeRef = { kind: 'ecs-service', id: 'b' };
    const index = indexEdges([edge('service-queue', b, a)]);
    index.from(b).pop();
    expect(index.from(b)).toHaveLength(1);
  });
});

describe('resourcesWithSecurityGroup', () => {
  /** The scan the lookup's map replaced, kept here as the reference. */
  function scanned(topology: ReturnType<typeof shopTopology>, groupId: string): NodeRef[] {
    const inv = topology.inventory;
    return [
      ...inv.loadBalancers.filter((x) => x.securityGroupIds.includes(groupId)).map((x) => ({ kind: 'load-balancer' as const, id: x.arn })),
      ...inv.services.filter((x) => x.securityGroupIds.includes(groupId)).map((x) => ({ kind: 'ecs-service' as const, id: x.arn })),
      ...inv.dbClusters.filter((x) => x.securityGroupIds.includes(groupId)).map((x) => ({ kind: 'db-cluster' as const, id: x.arn })),
      ...inv.dbInstances.filter((x) => x.securityGroupIds.includes(groupId) && x.clusterIdentifier === undefined).map((x) => ({ kind: 'db-instance' as const, id: x.arn })),
      ...inv.vpcEndpoints.filter((x) => x.securityGroupIds.includes(groupId)).map((x) => ({ kind: 'vpc-endpoint' as const, id: x.id })),
    ];
  }

  it('lists the same resources in the same order as scanning the inventory, for every group', () => {
    // Two services share the web group, listed twice on one of them: each resource appears once.
    const topology = shopVariant((inv) => {
      inv.services[1]!.securityGroupIds.push(IDS.sgWeb, IDS.sgWeb);
    });
    const lookup = resourceLookup(topology.inventory, topology.edges);
    for (const group of topology.inventory.securityGroups) {
      expect(resourcesWithSecurityGroup(lookup, group.id)).toEqual(scanned(topology, group.id));
    }
    expect(resourcesWithSecurityGroup(lookup, IDS.sgWeb).map((r) => r.kind)).toEqual(['ecs-service', 'ecs-service']);
    expect(resourcesWithSecurityGroup(lookup, 'sg-unknown')).toEqual([]);
  });
});
