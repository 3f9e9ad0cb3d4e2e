import { describe, expect, it } from 'vitest';
import { buildDiagram, type DiagramGraph } from '../../src/render/diagram/graph.js';
import { IDS } from '../fixtures/model/shop-account.js';
import { shopTopology, shopVariant } from './diagram-support.js';

/** Edges as `from title -[kind: label]-> to title`, clusters by their labels: order-free and readable. */
function describeEdges(graph: DiagramGraph): string[] {
  const title = (id: string): string => graph.nodes.find((n) => n.id === id)?.title ?? id;
  const clusterLabel = (id: string): string => graph.clusters.find((c) => c.id === id)?.label ?? id;
  return graph.edges.map((e) => {
    const from = e.fromCluster ? `[${clusterLabel(e.fromCluster)}]` : title(e.from);
    const to = e.toCluster ? `[${clusterLabel(e.toCluster)}]` : title(e.to);
    return `${from} -[${e.kind}: ${e.label}]-> ${to}`;
  });
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

describe('buildDiagram', () => {
  const graph = buildDiagram(shopTopology());

  it('groups resources by VPC and subnet tier, endpoints at the VPC boundary, AWS services outside', () => {
    expect(clusterPath(graph, 'shop-edge-alb')).toEqual(['VPC shop-vpc · 10.0.0.0/16', 'Public subnets · 2 AZs']);
    expect(clusterPath(graph, 'shop-web')).toEqual(['VPC shop-vpc · 10.0.0.0/16', 'Private subnets · 2 AZs']);
    expect(clusterPath(graph, 'shop-worker')).toEqual(['VPC shop-vpc · 10.0.0.0/16', 'Private subnets · 2 AZs']);
    expect(clusterPath(graph, 'shop-db')).toEqual(['VPC shop-vpc · 10.0.0.0/16', 'Isolated subnets · 2 AZs']);
    expect(clusterPath(graph, 'shop-web-tg')).toEqual(['VPC shop-vpc · 10.0.0.0/16']);
    expect(clusterPath(graph, 'sqs')).toEqual(['VPC shop-vpc · 10.0.0.0/16', 'VPC endpoints']);
    expect(clusterPath(graph, 'shop-jobs')).toEqual(['AWS managed services · us-east-1']);
    expect(clusterPath(graph, 'shop-media-uploads-123456789012')).toEqual(['AWS managed services · us-east-1']);
    expect(clusterPath(graph, 'www.corp.io')).toEqual(['Route53 · corp.io']);
    expect(clusterPath(graph, 'Internet')).toEqual([]);
  });

  it('labels every arrow with protocol and port, from the edges', () => {
    expect(describeEdges(graph).sort()).toEqual(
      [
        'www.corp.io -[request: alias]-> shop-edge-alb',
        'Internet -[request: HTTP 80 · HTTPS 443]-> shop-edge-alb',
        'shop-edge-alb -[request: HTTP 80 · HTTPS 443]-> shop-web-tg',
        'shop-web-tg -[request: HTTP 3000]-> shop-web',
        'shop-web -[data: tcp 5432]-> shop-db',
        'shop-worker -[data: tcp 5432]-> shop-db',
        'shop-web -[storage: HTTPS 443]-> shop-media-uploads-123456789012',
        'shop-web -[table: HTTPS 443]-> shop-orders',
        'shop-worker -[storage: HTTPS 443]-> shop-media-uploads-123456789012',
        'shop-web -[produce: sends · HTTPS 443]-> shop-jobs',
        'shop-worker -[consume: polls · HTTPS 443]-> shop-jobs',
        'shop-jobs -[redrive: after 5 receives]-> shop-jobs-dlq',
        '10.0.0.0/16 -[network: tcp 5432]-> shop-db',
        '10.20.0.0/16 -[network: tcp 5432]-> shop-db',
        'shop-bastion-sg -[network: tcp 443]-> secretsmanager',
        'shop-bastion-sg -[network: tcp 443]-> sqs',
        'shop-bastion-sg -[network: tcp 5432]-> shop-db',
        '[Private subnets · 2 AZs] -[endpoint: tcp 443 · route table]-> [VPC endpoints]',
      ].sort(),
    );
  });

  it('draws only queues and buckets a service uses, plus their dead-letter queues', () => {
    const topology = shopVariant((inv) => {
      inv.buckets.push({ ...structuredClone(inv.buckets[0]!), name: 'unrelated-logs', arn: 'arn:aws:s3:::unrelated-logs' });
      inv.queues.push({ ...structuredClone(inv.queues[1]!), name: 'unrelated-queue', arn: inv.queues[1]!.arn.replace('shop-jobs-dlq', 'unrelated-queue') });
    });
    const titles = buildDiagram(topology).nodes.map((n) => n.title);
    expect(titles).toContain('shop-jobs-dlq');
    expect(titles).not.toContain('unrelated-logs');
    expect(titles).not.toContain('unrelated-queue');
  });

  it('keeps one arrow per service and endpoint when not every service reaches every endpoint', () => {
    const topology = shopVariant((inv) => {
      // The worker's SG loses its HTTPS rule into the endpoints' SG: it reaches only the S3 gateway.
      const endpointsSg = inv.securityGroups.find((g) => g.id === IDS.sgEndpoints)!;
      endpointsSg.inbound = endpointsSg.inbound.filter((r) => r.peer.kind !== 'security-group' || r.peer.groupId !== IDS.sgWorker);
    });
    const endpointEdges = describeEdges(buildDiagram(topology)).filter((e) => e.includes('-[endpoint'));
    expect(endpointEdges.sort()).toEqual(
      [
        'shop-web -[endpoint: tcp 443]-> secretsmanager',
        'shop-web -[endpoint: tcp 443]-> sqs',
        'shop-web -[endpoint: route table]-> s3',
        'shop-worker -[endpoint: route table]-> s3',
      ].sort(),
    );
  });

  it('draws each resource in the box its kind has in the registry, in drawing order', () => {
    expect(graph.nodes.map((n) => `${n.kind} ${n.title}`)).toEqual([
      'dns-record www.corp.io',
      'load-balancer shop-edge-alb',
      'target-group shop-web-tg',
      'ecs-service shop-web',
      'ecs-service shop-worker',
      'vpc-endpoint secretsmanager',
      'vpc-endpoint sqs',
      'vpc-endpoint s3',
      'database shop-db',
      'queue shop-jobs',
      'queue shop-jobs-dlq',
      'bucket shop-media-uploads-123456789012',
      'table shop-orders',
      'internet Internet',
      'cidr 10.0.0.0/16',
      'cidr 10.20.0.0/16',
      'security-group shop-bastion-sg',
    ]);
  });

  it('uses synthetic ids only, so no identifier reaches a syntax or the page as an id', () => {
    expect(graph.nodes.every((n) => /^n\d+$/.test(n.id))).toBe(true);
    expect(graph.clusters.every((c) => /^c\d+$/.test(c.id))).toBe(true);
  });

  it('puts a resource spanning public and private subnets in the public tier (the more exposed one)', () => {
    const topology = shopVariant((inv) => {
      inv.services[1]!.subnetIds = [IDS.subnetPrivateA, IDS.subnetPublicA];
    });
    expect(clusterPath(buildDiagram(topology), 'shop-worker')).toEqual(['VPC shop-vpc · 10.0.0.0/16', 'Public subnets · 2 AZs']);
  });
});
