/**
 * Several accounts walked at once against aws-server.ts serving them (each with its own token
 * buckets, as AWS throttles per account): the same synthetic account as 1, then N accounts, each
 * reached by STS AssumeRole from the caller's credentials. Prints wall time, calls and throttling,
 * so that walking N accounts can be compared with walking one.
 *
 *   npx tsx bench/accounts-bench.ts [services=50] [latencyMs=30] [accounts=3]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collectAccounts } from '../src/sources/aws/accounts.js';
import { silentProgress } from '../src/model/progress.js';
import { isPartial } from '../src/model/coverage.js';
import type { ServerStats } from './aws-server.js';
import { memberAccount } from './account.js';

const services = Number(process.argv[2] ?? 50);
const latencyMs = Number(process.argv[3] ?? 30);
const accounts = Number(process.argv[4] ?? 3);

function once<T>(child: ChildProcess, pick: (message: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const value = pick(message);
      if (value !== undefined) {
        child.off('message', onMessage);
        resolve(value);
      }
    };
    child.on('message', onMessage);
  });
}

async function walk(count: number): Promise<void> {
  const server = fork(fileURLToPath(new URL('./aws-server.ts', import.meta.url)), [String(services), String(latencyMs), String(count)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const url = await once(server, (m) => (m as { ready?: string }).ready);
    const started = performance.now();
    const inventory = await collectAccounts({
      targets: Array.from({ length: count }, (_, i) => ({ kind: 'role' as const, roleArn: `arn:aws:iam::${memberAccount(i)}:role/topology-read-only` })),
      regions: ['us-east-1'],
      endpointUrl: url,
      credentials: { accessKeyId: 'AKIDBENCHCALLER00000', secretAccessKey: 'bench' },
      progress: silentProgress,
    });
    const wallMs = performance.now() - started;
    server.send({ stats: true });
    const stats = await once(server, (m) => (m as { stats?: ServerStats }).stats);
    const calls = Object.values(stats).reduce((sum, s) => sum + s.requests, 0);
    const throttled = Object.values(stats).reduce((sum, s) => sum + s.throttled, 0);
    process.stdout.write(
      `${count} account(s) × ${services} services, ${latencyMs} ms a call: ${(wallMs / 1000).toFixed(2)} s, ${calls} calls (${throttled} throttled), ` +
        `${inventory.services.length} services collected, ${inventory.accounts?.length ?? 1} account(s), partial: ${isPartial(inventory.coverage)}\n`,
    );
  } finally {
    server.kill();
  }
}

await walk(1);
await walk(accounts);
