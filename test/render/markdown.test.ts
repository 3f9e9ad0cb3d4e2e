import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownCell, markdownCode, markdownTable, markdownText, renderMarkdown } from '../../src/render/markdown.js';
import { HOSTILE, hostileTopology, SAMPLE_FINDING, shopTopology } from './diagram-support.js';

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(shopTopology([SAMPLE_FINDING]));

  it('opens with the title, tagline and the stats as a GitHub table', () => {
    expect(markdown.startsWith('# Architecture overview: shop\n\n**2 ECS services behind 1 internet-facing load balancer, with SQS, RDS, S3 and DynamoDB in us-east-1.**\n')).toBe(true);
    expect(markdown).toContain(
      '| Region | ECS services | Target groups | IAM roles | Security groups | VPC endpoints | Databases | Queues | Buckets |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n| us-east-1 | 2 | 1 | 3 | 6 | 3 | 1 | 2 | 1 |',
    );
  });

  it('embeds the diagram as a mermaid block', () => {
    const diagram = section(markdown, 'Architecture diagram');
    expect(diagram).toContain('\n```mermaid\nflowchart LR\n');
    expect(diagram.trimEnd().endsWith('```')).toBe(true);
  });

  it('lists the request and worker paths as numbered steps with identifiers in code spans', () => {
    const request = section(markdown, 'Request path');
    expect(request).toContain('### www.corp.io → shop-web');
    expect(request).toContain('1. **Route53 record**: Route53 resolves `www.corp.io` to `shop-edge-alb` (alias A record).');
    expect(request).toContain('5. **ECS service**: `shop-web` serves the request (1 task, FARGATE, private subnets, no public IP).');
    const worker = section(markdown, 'Worker path');
    expect(worker).toContain('### shop-jobs → shop-worker');
    expect(worker).toContain('3. **ECS service**: `shop-worker` polls `shop-jobs`');
  });

  it('states the security model from the SG edges and the role slots', () => {
    const security = section(markdown, 'Security model');
    expect(security).toContain('- `shop-alb-sg` (on `shop-edge-alb`) admits tcp 443 from the internet (0.0.0.0/0, ::/0).');
    expect(security).toContain('- `shop-db-sg` (on `shop-db`) admits tcp 5432 from `10.0.0.0/16`, `10.20.0.0/16`, `shop-web-sg`, `shop-worker-sg` and `shop-bastion-sg`.');
    expect(security).toContain('- `shop-ecs-execution` is the shared execution role of `shop-web` and `shop-worker`');
    expect(security).toContain('- The 3 service roles trust `Service: ecs-tasks.amazonaws.com`.');
  });

  it('renders findings and the topology tables as GitHub tables, pipes escaped', () => {
    expect(section(markdown, 'Findings and warnings')).toContain(
      '| medium | alb-http-forwards | HTTP listener forwards instead of redirecting to HTTPS | shop-edge-alb HTTP 80 forwards to shop-web-tg \\| plain text on the wire |',
    );
    const tables = section(markdown, 'Topology tables');
    expect(tables).toContain('### TARGET GROUPS');
    expect(tables).toMatch(/\| shop-web-tg \| HTTP \| 3000 \| ip \| HTTP \/health port traffic-port<br>matcher 200<br>every 30s<br>healthy 2, unhealthy 3 \|/);
  });

  it('escapes text for Markdown and HTML, and fences code spans around backticks', () => {
    expect(markdownText('a|b *c* <d> & [e](f) `g`\nh')).toBe('a\\|b \\*c\\* &lt;d&gt; &amp; \\[e\\](f) \\`g\\` h');
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b')).toBe('`` a`b ``');
    expect(markdownCell('one|two\nthree')).toBe('one\\|two<br>three');
    expect(markdownTable(['A|B'], [['x']])).toEqual(['| A\\|B |', '| --- |', '| x |']);
  });

  it('escapes in one pass exactly as the chain of replacements it replaced', () => {
    const chained = (value: string): string =>
      value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]~|])/g, '\\$1')
        .replace(/\r?\n/g, ' ');
    const alphabet = fc.constantFrom(...'&<>\\`*_[]~|\r\n a1&amp;'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')), (text) => markdownText(text) === chained(text)), { numRuns: 2000 });
    expect(markdownText('a\r\nb\rc\\d')).toBe('a b\rc\\\\d');
  });

  it('shows hostile names as text: in code spans or escaped, never as markup', () => {
    const hostile = renderMarkdown(hostileTopology());
    expect(hostile).toContain(`\`${HOSTILE.service}\``);
    expect(hostile).toContain('| &lt;img src=x onerror=alert(1)&gt; |');
    expect(hostile).toContain('`` `tick` |pipe| #hash; %% end ``');
    // Outside code spans and the mermaid block, no raw tag survives.
    const prose = hostile.replace(/```mermaid[\s\S]*?```/g, '').replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(prose).not.toMatch(/<(img|script|svg)|<\/title/i);
    expect(hostile.match(/^```/gm)).toHaveLength(2);
  });
});

describe('network boundaries in the security model', () => {
  it('groups sg-ingress edges by target and port, in the order each pair was first seen, each source once', () => {
    const topology = shopTopology([]);
    const toDb = topology.edges.filter((edge) => edge.kind === 'sg-ingress' && edge.to.id === topology.edges.find((e) => e.kind === 'sg-ingress' && e.attributes.fromPort === 5432)!.to.id);
    const fromWeb = toDb.find((edge) => edge.from.kind === 'security-group' && topology.inventory.securityGroups.find((g) => g.id === edge.from.id)?.name === 'shop-web-sg')!;
    const redis = { ...fromWeb, attributes: { ...fromWeb.attributes, fromPort: 6379, toPort: 6379 } };
    const markdown = renderMarkdown({ ...topology, edges: [...topology.edges, redis, redis, fromWeb] });
    const security = section(markdown, 'Security model');
    const postgres = '- `shop-db-sg` (on `shop-db`) admits tcp 5432 from `10.0.0.0/16`, `10.20.0.0/16`, `shop-web-sg`, `shop-worker-sg` and `shop-bastion-sg`.';
    const redisLine = '- `shop-db-sg` (on `shop-db`) admits tcp 6379 from `shop-web-sg`.';
    expect(security).toContain(postgres);
    expect(security).toContain(redisLine);
    expect(security.indexOf(postgres)).toBeLessThan(security.indexOf(redisLine));
  });
});
