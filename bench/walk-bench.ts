/**
 * The live walk at several sizes of the synthetic account (account.ts), each against its own AWS
 * server process (aws-server.ts: per-call latency, AWS's token buckets, real throttling errors)
 * and measured in its own process (walk.ts). Per size: calls by operation, throttled and missing
 * calls, wall time against the physical lower bound, calls against the minimum (minimum.ts),
 * peak memory, and the in-memory stages on the collected inventory.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AwsServiceName } from '../src/model/index.js';
import { RATE_BUCKETS } from '../src/sources/aws/pacing.js';
import { accountShape } from './account.js';
import type { ServerStats } from './aws-server.js';
import { describeHost, describeLoad, measureHost } from './host.js';
import { criticalPathCalls, minimumCalls } from './minimum.js';
import type { WalkResult } from './walk.js';

/** 1×, 4× and 16× (the ~1,000-service account of the issue). */
const DEFAULT_SIZES = [62, 250, 1000];
/** A renderer slower than this at one size is not run at the larger ones (reported as a miss). */
const RENDER_SKIP_MS = 15_000;
export const GOALS = { throttledShare: 0.02, wallOverLowerBound: 1.25, callsOverMinimum: 1.2, rssMiB: 1024, pipelineMs: 2000, growthFactor: 1.5 };

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const TSX = ['--import', 'tsx'];

/** The IAM action of a wire operation, for comparing calls made with the minimum. */
const PREFIX: Record<AwsServiceName, string> = { sts: 'sts', ec2: 'ec2', elbv2: 'elasticloadbalancing', rds: 'rds', iam: 'iam', ecs: 'ecs', sqs: 'sqs', route53: 'route53', s3: 's3', organizations: 'organizations', dynamodb: 'dynamodb', tagging: 'tag', cloudformation: 'cloudformation' };
const S3_ACTIONS: Record<string, string> = { ListBuckets: 's3:ListAllMyBuckets', GetBucketEncryption: 's3:GetEncryptionConfiguration', GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock' };
function actionOf(key: string): string {
  const [service, operation] = key.split(':') as [AwsServiceName, string];
  return (service === 's3' && S3_ACTIONS[operation]) || `${PREFIX[service]}:${operation}`;
}

function once<T>(child: ChildProcess, pick: (message: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const value = pick(message);
      if (value !== undefined) {
        child.off('message', onMessage);
        resolve(value);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited (${code}) before answering`)));
  });
}

interface SizeResult {
  services: number;
  walk: WalkResult;
  calls: number;
  throttled: number;
  minimum: number;
  lowerBoundMs: number;
  byAction: Map<string, number>;
}

/**
 * `CPU 2086 ms (main thread 1377 ms, system 89 ms)`: every thread's CPU, then the main thread's
 * part, what the run waits for (thread-cpu.ts); the rest ran beside it on the second core.
 */
function describePipelineCpu(walk: WalkResult): string {
  const main = walk.pipelineMainThreadCpuMs === undefined ? '' : `main thread ${walk.pipelineMainThreadCpuMs.toFixed(0)} ms, `;
  return `CPU ${walk.pipelineCpuMs.toFixed(0)} ms (${main}system ${walk.pipelineSystemMs.toFixed(0)} ms)`;
}

async function measure(services: number, latencyMs: number, skipFormats: string[]): Promise<SizeResult> {
  const server = fork(here('./aws-server.ts'), [String(services), String(latencyMs)], { execArgv: TSX, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const url = await once(server, (m) => (m as { ready?: string }).ready);
    const walker = fork(here('./walk.ts'), [url, skipFormats.join(',')], { execArgv: TSX, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const walk = await once(walker, (m) => ((m as WalkResult).wallMs === undefined ? undefined : (m as WalkResult)));
    walker.kill();
    server.send({ stats: true });
    const stats = await once(server, (m) => (m as { stats?: ServerStats }).stats);
    const shape = accountShape(services);
    const byAction = new Map<string, number>();
    const byService = new Map<AwsServiceName, number>();
    let calls = 0;
    let throttled = 0;
    for (const [key, counted] of Object.entries(stats)) {
      byAction.set(actionOf(key), (byAction.get(actionOf(key)) ?? 0) + counted.requests);
      const service = key.split(':')[0] as AwsServiceName;
      byService.set(service, (byService.get(service) ?? 0) + counted.requests);
      calls += counted.requests;
      throttled += counted.throttled;
    }
    const rateBoundMs = Math.max(...[...byService].map(([service, n]) => (Math.max(0, n - RATE_BUCKETS[service].burst) / RATE_BUCKETS[service].refillPerSecond) * 1000));
    const lowerBoundMs = Math.max(criticalPathCalls(shape) * latencyMs, rateBoundMs);
    const minimum = minimumCalls(shape).reduce((sum, m) => sum + m.calls, 0);
    return { services, walk, calls, throttled, minimum, lowerBoundMs, byAction };
  } finally {
    server.kill();
  }
}

export async function runWalkBenchmarks(): Promise<boolean> {
  const sizes = (process.env.BENCH_WALK_SIZES ?? DEFAULT_SIZES.join(',')).split(',').filter((s) => s.trim() !== '').map(Number);
  if (sizes.length === 0) return false;
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 30);
  process.stdout.write(`\nlive walk: synthetic account over loopback HTTP, ${latencyMs} ms per call, AWS's token buckets\n`);
  let failed = false;
  const check = (ok: boolean, text: string) => {
    failed ||= !ok;
    process.stdout.write(`  ${ok ? 'ok  ' : 'MISS'} ${text}\n`);
  };
  const results: SizeResult[] = [];
  const tooSlow = new Set<string>();
  for (const services of sizes) {
    const r = await measure(services, latencyMs, [...tooSlow]);
    for (const [format, ms] of Object.entries(r.walk.renderMs)) if (ms > RENDER_SKIP_MS) tooSlow.add(format);
    results.push(r);
    const shape = accountShape(services);
    process.stdout.write(
      `\n${services} ECS services (${shape.clusters} clusters, ${shape.loadBalancers} ALBs, ${shape.securityGroups} SGs with ${shape.securityGroups * shape.rulesPerGroup} rules, ${shape.roles} roles, ${shape.queues} queues, ${shape.buckets} buckets, ${shape.dnsRecords} DNS records)\n`,
    );
    const minimum = new Map(minimumCalls(shape).map((m) => [m.operation, m.calls]));
    const rows = [...r.byAction].sort(([a], [b]) => a.localeCompare(b)).map(([action, n]) => `${action} ${n}${minimum.get(action) === n ? '' : ` (min ${minimum.get(action) ?? 0})`}`);
    process.stdout.write(`  calls by operation: ${rows.join(', ')}\n`);
    check(r.walk.missing.length === 0, `missing calls: ${r.walk.missing.length}${r.walk.missing.length ? ` (${r.walk.missing.slice(0, 3).join('; ')})` : ''}`);
    check(r.throttled <= r.calls * GOALS.throttledShare, `throttled: ${r.throttled} of ${r.calls} calls (${((r.throttled / r.calls) * 100).toFixed(2)} %, goal ≤ 2 %)`);
    check(r.calls <= r.minimum * GOALS.callsOverMinimum, `calls ÷ minimum: ${r.calls} ÷ ${r.minimum} = ${(r.calls / r.minimum).toFixed(3)} (goal ≤ ${GOALS.callsOverMinimum})`);
    check(
      r.walk.wallMs <= r.lowerBoundMs * GOALS.wallOverLowerBound,
      `wall ÷ lower bound: ${(r.walk.wallMs / 1000).toFixed(2)} s ÷ ${(r.lowerBoundMs / 1000).toFixed(2)} s = ${(r.walk.wallMs / r.lowerBoundMs).toFixed(2)} (goal ≤ ${GOALS.wallOverLowerBound})`,
    );
    check(r.walk.maxRssMiB < GOALS.rssMiB, `peak RSS of the walk and the pipeline: ${r.walk.maxRssMiB.toFixed(0)} MiB (goal < ${GOALS.rssMiB} MiB)`);
    const renders = Object.entries(r.walk.renderMs).map(([format, ms]) => `${format} ${ms.toFixed(0)}`).join(', ');
    process.stdout.write(`  correlate + audit + every render: ${r.walk.pipelineMs.toFixed(0)} ms, ${describePipelineCpu(r.walk)} (renders, ms: ${renders})\n`);
    if (r.walk.skippedFormats.length > 0) check(false, `not rendered (over ${RENDER_SKIP_MS / 1000} s at a smaller size): ${r.walk.skippedFormats.join(', ')}`);
  }
  const largest = results.at(-1)!;
  const partialRender = largest.walk.skippedFormats.length > 0 ? ` without ${largest.walk.skippedFormats.join(', ')}` : '';
  // The host's speed beside the figure: the same code's CPU follows it (host.ts).
  const host = describeHost(measureHost());
  const { walk } = largest;
  check(
    walk.pipelineMs < GOALS.pipelineMs && partialRender === '',
    `correlate + audit + every render at ${largest.services} services: ${walk.pipelineMs.toFixed(0)} ms${partialRender} (goal < ${GOALS.pipelineMs} ms); ${describePipelineCpu(walk)}; ${host}; ${describeLoad()}`,
  );
  if (results.length >= 3) {
    const [first, , third] = results as [SizeResult, SizeResult, SizeResult];
    const scale = third.services / first.services;
    const growth = third.walk.pipelineCpuMs / first.walk.pipelineCpuMs / scale;
    check(growth <= GOALS.growthFactor, `growth ${first.services} → ${third.services} services (${scale.toFixed(1)}×): pipeline CPU ${(third.walk.pipelineCpuMs / first.walk.pipelineCpuMs).toFixed(1)}×, walk ${(third.walk.wallMs / first.walk.wallMs).toFixed(1)}× (pipeline ÷ size ${growth.toFixed(2)}, goal ≤ ${GOALS.growthFactor})`);
  }
  return failed;
}
