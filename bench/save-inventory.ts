/**
 * Saves the synthetic account's inventory (account.ts) without the timed HTTP walk: the real
 * `collectAwsInventory` (real SDK clients, serializers, paginators, parsers) answered in-process by
 * the same synthetic account, with the pacing on a virtual clock (no waiting for AWS's refill
 * rates). What it writes is what `BENCH_SAVE_INVENTORY` keeps after a walk, in seconds instead of
 * minutes, for profiling the in-memory stages (stages.ts).
 *
 *   node --import tsx bench/save-inventory.ts 1000 /tmp/inv/inventory-1000.json
 *   node --import tsx bench/save-inventory.ts 1000 /tmp/inv/snapshot-1000.json snapshot
 *
 * With `snapshot`, it writes a snapshot of the account's topology instead, which the CLI reads:
 * `topology --from /tmp/inv/snapshot-1000.json --public --format json` times a whole --public run
 * (redaction and the leak guard included) at that size.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AwsServiceName } from '../src/model/index.js';
import { silentProgress } from '../src/cli/progress.js';
import { collectAwsInventory } from '../src/sources/aws/index.js';
import type { Clock } from '../src/sources/aws/pacing.js';
import { RecordedTransport } from '../src/sources/recorded-account/transport.js';
import { errorReply, okReply } from '../src/sources/recorded-account/wire.js';
import { buildTopology } from '../src/pipeline.js';
import { createSnapshot, serializeSnapshot } from '../src/snapshot/file.js';
import { accountShape, SyntheticAccount } from './account.js';

const services = Number(process.argv[2] ?? 1000);
const file = process.argv[3] ?? `/tmp/inv/inventory-${services}.json`;
const asSnapshot = process.argv[4] === 'snapshot';
const account = new SyntheticAccount(accountShape(services));

/** Time passes only when the pacing sleeps, and at once. */
let now = 0;
const virtualClock: Clock = {
  now: () => now,
  sleep: async (ms) => {
    now += ms;
  },
};

const transport = new RecordedTransport();
const SERVICES: AwsServiceName[] = ['sts', 'ec2', 'elbv2', 'ecs', 'rds', 'iam', 'route53', 's3', 'sqs', 'organizations', 'dynamodb'];
for (const service of SERVICES) {
  transport.route(service, '*', (served) => {
    const answer = account.answer(served);
    return answer.errorCode ? errorReply(served.service, answer.errorCode, answer.errorCode, answer.status) : okReply(served.service, answer.body, answer.status);
  });
}

const inventory = await collectAwsInventory({
  regions: ['us-east-1'],
  credentials: { accessKeyId: 'BENCHACCESSKEY000000', secretAccessKey: 'bench' },
  progress: silentProgress,
  requestHandler: transport,
  pacing: { clock: virtualClock },
});
await mkdir(dirname(file), { recursive: true });
await writeFile(file, asSnapshot ? serializeSnapshot(createSnapshot(buildTopology(inventory, {}))) : JSON.stringify(inventory));
const missing = inventory.coverage.flatMap((c) => c.missing.filter((m) => m.recoveredBy === undefined));
process.stderr.write(`${file}: ${inventory.services.length} services, ${transport.served.length} calls, ${missing.length} missing\n`);
