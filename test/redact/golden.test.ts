import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../../src/redact/leak-guard.js';
import { renderTables } from '../../src/render/table.js';
import { redact, shopTopology } from './support.js';

/**
 * The redacted tables of the reference page's account (shared/seeds/architecture-demo-page.txt),
 * with its aliases and the default role names (`web`, `worker`, `app-db`...; docs/redaction.md).
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/redact/golden.test.ts`
 * and read the diff.
 */
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'shop-public-tables.txt');

describe('golden: the shop account with --public', () => {
  const original = shopTopology();
  const output = renderTables(redact(original, { publicNames: 'roles' }));

  it('matches the committed tables', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, output);
    expect(output).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('passes the leak guard', () => {
    expect(findLeaks(output, original, { format: 'table' })).toEqual([]);
  });

  it('has the reference page rows that carry the story', () => {
    const row = (...cells: string[]) => new RegExp(`\\|\\s*${cells.map((cell) => cell.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('\\s*\\|\\s*')}\\s*\\|`);
    expect(output).toMatch(row('example.com', 'app.example.com', 'A'));
    expect(output).toMatch(row('public-app-alb', 'application', 'internet-facing', 'active'));
    expect(output).toMatch(/\| HTTPS\s+\| 443\s+\| arn:aws:acm:us-east-1:account:\s+\|/);
    expect(output).toMatch(/\| HTTP\s+\| 80\s+\| -\s+\| forward/);
    expect(output).toMatch(/Service: ecs-tasks\.amazonaws\.com/);
    expect(output).toMatch(/AmazonECSTaskExecutionRolePolicy/);
    expect(output).toMatch(/com\.amazonaws\.us-east-1\.secretsmanager/);
    expect(output).toMatch(/\nIdentifier: +app-db\nKind: +instance\nEngine: +postgres 16\.4\nStatus: +available\nEndpoint: +writer\.app-db\.example\.internal\n/);
    expect(output.match(/\| (?:web|worker)\s+\| (?:instance|bucket|service-mode|queue)/g)?.length).toBe(13);
    expect(output).toMatch(row('jobs-queue', 'https://sqs.', 'standard', 'DLQ jobs-dlq', 'SSE-SQS', 'web (env,', 'worker (env,', '-'));
    expect(output).toMatch(row('web-tg', 'HTTP', '3000', 'ip', 'HTTP /health port traffic-port', '1/1', 'web (web-container:3000)'));
    expect(output).not.toMatch(/service-(?!mode)[a-z2-9]{4}/);
    expect(output).toMatch(/Public mode enabled/);
  });
});
