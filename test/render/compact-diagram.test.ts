import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/index.js';
import { COMPACT_DIAGRAM_ABOVE, compactDiagram } from '../../src/render/diagram/compact.js';
import { buildDiagram, type DiagramGraph } from '../../src/render/diagram/graph.js';
import { diagramToDot } from '../../src/render/dot.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { pageContent, pageDiagram } from '../../src/render/story-page.js';
import { shopTopology, shopVariant } from './diagram-support.js';

/** The shop account with `extra` more copies of its web service (same cluster, same target group). */
function crowdedShop(extra: number) {
  return shopVariant((inventory: Inventory) => {
    const web = inventory.services.find((s) => s.name === 'shop-web');
    if (!web) throw new Error('fixture lost shop-web');
    for (let i = 0; i < extra; i++) {
      inventory.services.push({ ...structuredClone(web), arn: `${web.arn}-copy${i}`, name: `shop-web-copy${i}` });
    }
  });
}

function byTitle(graph: DiagramGraph, title: string) {
  const node = graph.nodes.find((n) => n.title === title);
  if (!node) throw new Error(`no box ${title}: ${graph.nodes.map((n) => n.title).join(', ')}`);
  return node;
}

function arrows(graph: DiagramGraph): string[] {
  const title = (id: string) => graph.nodes.find((n) => n.id === id)?.title ?? `missing ${id}`;
  return graph.edges.map((e) => `${title(e.from)} -[${e.kind}: ${e.label}]-> ${title(e.to)}`);
}

describe('compactDiagram', () => {
  it('returns a diagram of at most the threshold of boxes unchanged', () => {
    const graph = buildDiagram(shopTopology());
    expect(graph.nodes.length).toBeLessThanOrEqual(COMPACT_DIAGRAM_ABOVE);
    expect(compactDiagram(graph)).toBe(graph);
  });

  it('draws the services of one ECS cluster and role as one box with their count, and keeps single boxes as they were', () => {
    const full = buildDiagram(crowdedShop(150));
    expect(full.nodes.length).toBeGreaterThan(COMPACT_DIAGRAM_ABOVE);
    const compact = compactDiagram(full);

    const web = byTitle(compact, 'shop · web');
    expect(web).toMatchObject({ kind: 'ecs-service', count: 151, subtitle: '151 ECS services' });
    expect(web.clusterId).toBe(byTitle(full, 'shop-web').clusterId);
    // The worker is the only service of its role: its box keeps its own name and subtitle.
    expect(byTitle(compact, 'shop-worker')).toEqual({ ...byTitle(full, 'shop-worker'), id: byTitle(compact, 'shop-worker').id });
    expect(byTitle(compact, 'shop-worker').count).toBeUndefined();
    expect(compact.nodes.filter((n) => n.kind === 'ecs-service')).toHaveLength(2);
    // Groups of up to three keep their boxes: the two CIDR ranges and the three endpoints.
    expect(compact.nodes.map((n) => `${n.title} (${n.subtitle})`).sort()).toEqual([
      '10.0.0.0/16 (CIDR range)',
      '10.20.0.0/16 (CIDR range)',
      'Internet (clients)',
      'shop · web (151 ECS services)',
      'shop-bastion-sg (Security group · nothing collected uses it)',
      'shop-db (RDS · postgres)',
      'shop-edge-alb (ALB · internet-facing)',
      'shop-jobs (SQS queue)',
      'shop-jobs-dlq (SQS dead-letter queue)',
      'shop-media-uploads-123456789012 (S3 bucket)',
      'shop-orders (DynamoDB table)',
      'shop-web-tg (Target group · HTTP 3000)',
      'shop-worker (ECS service · FARGATE × 1)',
      'www.corp.io (A alias)',
      's3 (Gateway endpoint)',
      'secretsmanager (Interface endpoint)',
      'sqs (Interface endpoint)',
    ].sort());
  });

  it('joins the compacted boxes with one arrow per pair and kind, labels merged', () => {
    const compact = compactDiagram(buildDiagram(crowdedShop(150)));
    const drawn = arrows(compact);
    expect(drawn).toContain('shop-web-tg -[request: HTTP 3000]-> shop · web');
    expect(drawn).toContain('shop · web -[data: tcp 5432]-> shop-db');
    expect(drawn).toContain('shop · web -[produce: sends · HTTPS 443]-> shop-jobs');
    expect(drawn.filter((a) => a.includes('-> shop · web'))).toHaveLength(new Set(drawn.filter((a) => a.includes('-> shop · web'))).size);
    expect(drawn.filter((a) => a.startsWith('shop-web-tg -[request'))).toHaveLength(1);
    expect(drawn.some((a) => a.includes('missing'))).toBe(false);
    expect(compact.nodes.map((n) => n.id)).toEqual(compact.nodes.map((_, i) => `n${i + 1}`));
  });

  it('groups other kinds by their group and subtitle, titled with the count', () => {
    const graph: DiagramGraph = {
      clusters: [{ id: 'c1', kind: 'regional', label: 'AWS managed services · us-east-1' }],
      nodes: [
        ...Array.from({ length: 4 }, (_, i) => ({ id: `n${i + 1}`, kind: 'queue' as const, title: `q${i}`, subtitle: 'SQS queue', clusterId: 'c1' })),
        ...Array.from({ length: 4 }, (_, i) => ({ id: `n${i + 5}`, kind: 'queue' as const, title: `dlq${i}`, subtitle: 'SQS dead-letter queue', clusterId: 'c1' })),
        { id: 'n9', kind: 'bucket', title: 'b1', subtitle: 'S3 bucket', clusterId: 'c1' },
      ],
      edges: [
        { from: 'n1', to: 'n5', kind: 'redrive', label: 'after 5 receives' },
        { from: 'n2', to: 'n6', kind: 'redrive', label: 'after 3 receives' },
        { from: 'n3', to: 'n4', kind: 'redrive', label: 'after 1 receives' },
      ],
    };
    const compact = compactDiagram(graph, 3);
    expect(compact.nodes).toEqual([
      { id: 'n1', kind: 'queue', title: '4 SQS queues', subtitle: 'SQS queue', clusterId: 'c1', count: 4 },
      { id: 'n2', kind: 'queue', title: '4 SQS queues', subtitle: 'SQS dead-letter queue', clusterId: 'c1', count: 4 },
      { id: 'n3', kind: 'bucket', title: 'b1', subtitle: 'S3 bucket', clusterId: 'c1' },
    ]);
    // Arrows within one box are dropped; the others merge their labels.
    expect(compact.edges).toEqual([{ from: 'n1', to: 'n2', kind: 'redrive', label: 'after 5 receives · after 3 receives' }]);
  });
});

describe('the page of a large account', () => {
  it('says the diagram is compacted, in the page content and the Markdown, and stacks counted boxes in DOT', () => {
    const topology = crowdedShop(150);
    const content = pageContent(topology);
    expect(content.diagram.nodes.length).toBeLessThanOrEqual(COMPACT_DIAGRAM_ABOVE);
    expect(content.diagramCompacted).toBe(
      `${buildDiagram(topology).nodes.length} boxes drawn as ${content.diagram.nodes.length}: ECS services grouped by cluster and role, other resources by kind and group, each with its count; the tables list every resource`,
    );
    expect(renderMarkdown(topology)).toContain(`_${content.diagramCompacted}._`);
    const dot = diagramToDot(content.diagram);
    expect(dot).toMatch(/label=<<B>shop · web<\/B>.*peripheries=2/);
    expect(pageContent(shopTopology()).diagramCompacted).toBeUndefined();
  });
});

describe('pageDiagram (what the SVG and draw.io exports take from the page)', () => {
  it('has the title, diagram, description and compaction note of the full page content, compacted or not', () => {
    for (const topology of [crowdedShop(150), shopTopology()]) {
      const content = pageContent(topology);
      const expected = {
        title: content.title,
        diagram: content.diagram,
        diagramDescription: content.diagramDescription,
        ...(content.diagramCompacted === undefined ? {} : { diagramCompacted: content.diagramCompacted }),
      };
      expect(pageDiagram(topology)).toEqual(expected);
    }
    expect(pageDiagram(crowdedShop(150)).diagramCompacted).toMatch(/ boxes drawn as \d+: ECS services grouped by cluster and role/);
    expect(pageDiagram(shopTopology(), { title: 'Shop' }).title).toBe('Shop');
  });
});
