import { describe, expect, it } from 'vitest';
import { mermaidString, renderMermaid } from '../../src/render/mermaid.js';
import { hostileTopology, shopTopology } from './diagram-support.js';

function nodeId(mermaid: string, title: string): string {
  const line = mermaid.split('\n').find((l) => l.trim().match(/^n\d+\["/) && l.includes(`["${title}<br/>`));
  const id = line?.trim().split('[')[0];
  if (!id) throw new Error(`no node ${title}`);
  return id;
}

describe('renderMermaid', () => {
  const mermaid = renderMermaid(shopTopology());
  const lines = mermaid.split('\n').map((l) => l.trim());

  it('is a left-to-right flowchart with nested subgraphs for VPC and tiers', () => {
    expect(lines[0]).toBe('flowchart LR');
    const vpc = lines.findIndex((l) => /^subgraph c\d+\["VPC shop-vpc · 10\.0\.0\.0\/16"\]$/.test(l));
    const privateTier = lines.findIndex((l) => /^subgraph c\d+\["Private subnets · 2 AZs"\]$/.test(l));
    expect(vpc).toBeGreaterThan(0);
    expect(privateTier).toBeGreaterThan(vpc);
    expect(lines.slice(privateTier + 1, privateTier + 3)).toEqual([
      `${nodeId(mermaid, 'shop-web')}["shop-web<br/>ECS service · FARGATE × 1"]`,
      `${nodeId(mermaid, 'shop-worker')}["shop-worker<br/>ECS service · FARGATE × 1"]`,
    ]);
    expect(lines.filter((l) => l.startsWith('subgraph')).length).toBe(lines.filter((l) => l === 'end').length);
  });

  it('draws the edges with quoted labels; the consumer arrow runs from the queue to the worker', () => {
    const id = (title: string) => nodeId(mermaid, title);
    expect(lines).toContain(`${id('shop-edge-alb')} -->|"HTTP 80 · HTTPS 443"| ${id('shop-web-tg')}`);
    expect(lines).toContain(`${id('shop-web-tg')} -->|"HTTP 3000"| ${id('shop-web')}`);
    expect(lines).toContain(`${id('shop-web')} -->|"sends · HTTPS 443"| ${id('shop-jobs')}`);
    expect(lines).toContain(`${id('shop-jobs')} -->|"polls · HTTPS 443"| ${id('shop-worker')}`);
    expect(lines).toContain(`${id('shop-jobs')} -.->|"after 5 receives"| ${id('shop-jobs-dlq')}`);
    expect(lines).toContain(`${id('10.20.0.0/16')} -.->|"tcp 5432"| ${id('shop-db')}`);
    expect(lines.some((l) => /^c\d+ -\.->\|"tcp 443 · route table"\| c\d+$/.test(l))).toBe(true);
  });

  it('styles nodes by kind', () => {
    expect(lines).toContain('classDef k_ecs_service fill:#ffedd5,stroke:#c2410c,color:#0f172a');
    expect(lines).toContain(`class ${nodeId(mermaid, 'shop-web')},${nodeId(mermaid, 'shop-worker')} k_ecs_service`);
  });

  it("escapes labels with Mermaid's entity codes so they stay inside their quotes", () => {
    expect(mermaidString('a "b" <c> & #d `e` |f| %g {h}\nnext')).toBe('"a #quot;b#quot; #60;c#62; #38; #35;d #96;e#96; #124;f#124; #37;g #123;h#125; next"');
    const hostile = renderMermaid(hostileTopology());
    expect(hostile).toContain('["#60;img src=x onerror=alert(1)#62;<br/>ECS service');
    expect(hostile).toContain('["#quot;quoted#quot; \'single\' #123;#123;constructor#125;#125; #123;#123;#123;raw#125;#125;#125;<br/>ALB');
    expect(hostile).not.toMatch(/<img|<script|<svg|`/);
    // Every label opens and closes its quotes on one line: no label can break the syntax.
    for (const line of hostile.split('\n')) expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
  });
});
