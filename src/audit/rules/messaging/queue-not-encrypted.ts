import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const sqsQueueNotEncrypted: Rule = {
  id: 'TOPO-SQS-002',
  title: 'Queue is not encrypted at rest',
  severity: 'medium',
  area: 'messaging',
  needs: ['queues'],
  rationale: 'Messages often carry identifiers and personal data; without server-side encryption they are stored in clear text.',
  remediation: 'Enable SQS-managed encryption (SqsManagedSseEnabled) or a KMS key; SSE-SQS needs no key policy or extra permission.',
  check: ({ inventory, index }) =>
    inventory.queues
      .filter((queue) => queue.encryption.kind === 'none')
      .map((queue) => ({
        ...message`Queue ${nameOf(index, ref('queue', queue.arn))} is not encrypted at rest.`,
        resources: [ref('queue', queue.arn)],
        evidence: [],
      })),
};
