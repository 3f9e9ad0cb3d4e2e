import { describe, expect, it } from 'vitest';
import { pathsJson, renderPaths, wrapProse } from '../../src/render/paths.js';
import { emptyInventory } from '../../src/model/index.js';
import { shopInventory } from '../fixtures/model/shop-account.js';
import { topologyOf } from './tables-fixtures.js';

describe('topology paths (renderPaths)', () => {
  const text = renderPaths(topologyOf(shopInventory()), { width: 80 });
  const lines = text.split('\n');

  it('prints the request path as a chain, one hop further in per step, each with its evidence under it', () => {
    const start = lines.indexOf('www.corp.io -> shop-web');
    expect(start).toBeGreaterThan(0);
    const hops = lines.slice(start).filter((line) => /^ *(-> )?[A-Z][A-Za-z0-9 ]+: /.test(line));
    expect(hops.slice(0, 8)).toEqual([
      'Route53 record: www.corp.io',
      '  -> ALB: shop-edge-alb',
      '    -> Listeners: HTTP 80 · HTTPS 443',
      '      -> Target group: shop-web-tg',
      '        -> ECS service: shop-web',
      '          -> RDS instance: shop-db',
      '          -> S3 bucket: shop-media-uploads-123456789012',
      '          -> SQS queue: shop-jobs',
    ]);
    expect(lines[start + 2]).toBe('  Route53 resolves www.corp.io to shop-edge-alb (alias A record).');
    expect(text).toContain('               shop-web reaches postgres shop-db on tcp 5432 (found by\n               security-group rule and environment variable).');
  });

  it('prints the worker path from the producer through the queue to the worker and its stores', () => {
    const start = lines.indexOf('shop-jobs -> shop-worker');
    expect(lines.indexOf('WORKER PATHS')).toBeLessThan(start);
    expect(lines.slice(start + 1, start + 4)).toEqual([
      'Producer: shop-web',
      '  shop-web sends messages to shop-jobs (found by environment variable and IAM',
      '  policy).',
    ]);
    expect(text).toContain('  -> SQS queue: shop-jobs\n       shop-jobs holds the work (standard, SSE-SQS encrypted,');
    expect(text).toMatch(/ {4}-> ECS service: shop-worker\n {9}shop-worker polls shop-jobs \(found by environment variable and IAM\n {9}policy\); no load balancer reaches it/);
  });

  it('keeps every line within the width', () => {
    for (const width of [60, 80, 120]) {
      const longest = Math.max(...renderPaths(topologyOf(shopInventory()), { width }).split('\n').map((line) => line.length));
      expect(longest, `width ${width}`).toBeLessThanOrEqual(width);
    }
  });

  it('says so when there is no path', () => {
    expect(renderPaths(topologyOf(emptyInventory({ kind: 'aws', label: 'empty' })))).toBe(
      'REQUEST PATHS\n\n(none: no load balancer forwards to an ECS service)\n\nWORKER PATHS\n\n(none: no ECS service consumes a queue)\n',
    );
  });

  it('gives the same paths as JSON, evidence as plain text', () => {
    const json = JSON.parse(pathsJson(topologyOf(shopInventory())));
    expect(json.requestPaths.map((p: { title: string }) => p.title)).toEqual(['www.corp.io → shop-web']);
    expect(json.workerPaths[0].steps[0]).toEqual({ kind: 'Producer', name: 'shop-web', evidence: 'shop-web sends messages to shop-jobs (found by environment variable and IAM policy).' });
  });
});

describe('wrapProse', () => {
  it('wraps at spaces, and a word wider than the line at its own separators', () => {
    expect(wrapProse('found by security-group rule', 18)).toEqual(['found by', 'security-group', 'rule']);
    expect(wrapProse('in arn:aws:iam::123456789012:role/web now', 20)).toEqual(['in', 'arn:aws:iam::', '123456789012:role/', 'web now']);
  });
});
