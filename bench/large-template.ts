/**
 * The 50 MB template of issue 11: 67,000 queues in one YAML template, read by `--from` in a child
 * process whose peak memory (maxRSS) and time are measured. The template is generated, not kept.
 *
 *   npx tsx bench/large-template.ts            # the measurement alone
 *   LARGE_TEMPLATE_QUEUES=20000 npx tsx bench/large-template.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LargeTemplateMeasurement {
  name: string;
  value: number;
  unit: string;
  goal: number;
}

/** The tags every queue of the team carries, as YAML under `Properties`. */
const TEAM_TAGS = `      Tags:
        - Key: team
          Value: fulfilment
        - Key: cost-center
          Value: cc-4711-order-processing
        - Key: data-classification
          Value: internal-customer-order-events
        - Key: owner
          Value: fulfilment-platform-oncall@example.com
        - Key: repository
          Value: https://git.example.com/fulfilment/order-queues
`;

/** One queue and its dead-letter queue as a hand-written CloudFormation template has them. */
function queuePair(index: number): string {
  const id = String(index).padStart(5, '0');
  return `  OrdersQueue${id}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-orders-${id}'
      VisibilityTimeout: 120
      DelaySeconds: 0
      MaximumMessageSize: 262144
      MessageRetentionPeriod: 1209600
      ReceiveMessageWaitTimeSeconds: 20
      KmsMasterKeyId: alias/aws/sqs
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDeadLetters${id}.Arn
        maxReceiveCount: 5
${TEAM_TAGS}        - Key: service
          Value: order-intake-router
        - Key: shard
          Value: '${id}'
  OrdersDeadLetters${id}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-orders-${id}-dlq'
      MessageRetentionPeriod: 1209600
      KmsMasterKeyId: alias/aws/sqs
${TEAM_TAGS}`;
}

/** A YAML template of `queues` queues (half of them dead-letter queues of the other half). */
export function largeTemplateText(queues: number): string {
  const parts = ["AWSTemplateFormatVersion: '2010-09-09'\nDescription: Sharded order queues\nResources:\n"];
  for (let index = 0; index < queues / 2; index += 1) parts.push(queuePair(index));
  return parts.join('');
}

/** Generates the template, reads it in a fresh process, and returns time and peak memory. */
export function measureLargeTemplate(queues = Number(process.env.LARGE_TEMPLATE_QUEUES ?? 67_000)): LargeTemplateMeasurement[] {
  const directory = mkdtempSync(join(tmpdir(), 'topology-bench-'));
  try {
    const file = join(directory, 'sharded-queues.yaml');
    writeFileSync(file, largeTemplateText(queues));
    const megabytes = statSync(file).size / 1e6;
    const reader = fileURLToPath(new URL('./read-template.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', reader, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
    if (child.status !== 0) throw new Error(`reading the large template failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout) as { ms: number; cpuMs: number; maxRssMiB: number; queues: number };
    if (result.queues !== queues) throw new Error(`the large template read ${result.queues} queues, expected ${queues}`);
    const label = `${megabytes.toFixed(0)} MB template, ${queues} queues`;
    return [
      { name: `read ${label}`, value: result.ms, unit: 'ms', goal: 20_000 },
      // On a shared machine the wall time counts the waits for a core; CPU time does not.
      { name: `CPU time reading the ${label}`, value: result.cpuMs, unit: 'ms', goal: 20_000 },
      { name: `peak memory reading the ${label} (maxRSS)`, value: result.maxRssMiB, unit: 'MiB', goal: 1_024 },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const measurement of measureLargeTemplate()) {
    const ok = measurement.value <= measurement.goal;
    process.stdout.write(`${ok ? 'ok  ' : 'MISS'} ${measurement.name}: ${measurement.value.toFixed(0)} ${measurement.unit} (goal ≤ ${measurement.goal} ${measurement.unit})\n`);
    if (!ok) process.exitCode = 1;
  }
}
