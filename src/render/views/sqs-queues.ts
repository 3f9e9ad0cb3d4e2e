import { pushTo, ref } from '../../model/index.js';
import { nameIn, lines, linesOf, serviceWithEvidence } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';

export const sqsQueueTable: TableSpec = {
  id: 'sqs-queues',
  title: 'SQS QUEUES',
  columns: ['Name', 'URL', 'Type', 'DLQ / Redrive', 'Encryption', 'Producers', 'Consumers', 'Direction Unknown'],
  needs: ['queues', 'taskDefinitions', 'roles'],
  rows: sqsQueueRows,
};

const QUEUE_ENCRYPTION: Record<'sse-sqs' | 'kms' | 'none', string> = { 'sse-sqs': 'SSE-SQS', kms: 'SSE-KMS', none: 'none' };

function sqsQueueRows({ topology, index, into }: ViewContext): string[][] {
  const queues = topology.inventory.queues;
  // The queues redriving to each dead-letter queue, in queue order: found once, not by a scan of every queue per queue.
  const deadLetterSources = new Map<string, string[]>();
  for (const other of queues) if (other.redrive) pushTo(deadLetterSources, other.redrive.deadLetterTargetArn, `DLQ of ${other.name}`);
  return queues.map((queue) => {
    const users = into('service-queue', ref('queue', queue.arn));
    const usersWith = (...directions: string[]) =>
      linesOf(users, (edge) => (directions.includes(edge.attributes.direction ?? 'unknown') ? serviceWithEvidence(index, edge) : undefined));
    const sources = deadLetterSources.get(queue.arn) ?? [];
    const redrive = queue.redrive
      ? `DLQ ${nameIn(index.queues, queue.redrive.deadLetterTargetArn)} after ${queue.redrive.maxReceiveCount} receives`
      : undefined;
    return [
      queue.name,
      queue.url,
      queue.fifo ? 'FIFO' : 'standard',
      lines([redrive, ...sources]),
      lines([QUEUE_ENCRYPTION[queue.encryption.kind], queue.encryption.kmsKeyId]),
      usersWith('producer', 'producer-consumer'),
      usersWith('consumer', 'producer-consumer'),
      usersWith('unknown'),
    ];
  });
}
