import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const sqsQueueWithoutDlq: Rule = {
  id: 'TOPO-SQS-001',
  title: 'Queue has no dead-letter queue',
  severity: 'medium',
  area: 'messaging',
  needs: ['queues'],
  rationale:
    'Without a redrive policy a message the consumer cannot process is received again and again until its retention period ends, then silently deleted: poison messages block work and failures leave no trace.',
  remediation: 'Add a redrive policy to a dead-letter queue with a sensible maxReceiveCount, and alarm on the dead-letter queue\'s depth.',
  check: ({ inventory, index }) => {
    const deadLetterQueues = new Set(inventory.queues.flatMap((queue) => (queue.redrive ? [queue.redrive.deadLetterTargetArn] : [])));
    return inventory.queues
      .filter((queue) => queue.redrive === undefined && !deadLetterQueues.has(queue.arn))
      .map((queue) => ({
        ...message`Queue ${nameOf(index, ref('queue', queue.arn))} has no dead-letter queue.`,
        resources: [ref('queue', queue.arn)],
        evidence: [],
      }));
  },
};
