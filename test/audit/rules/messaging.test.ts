import { describe, expect, it } from 'vitest';
import { sqsQueueNotEncrypted } from '../../../src/audit/rules/messaging/queue-not-encrypted.js';
import { sqsQueueWithoutDlq } from '../../../src/audit/rules/messaging/queue-without-dlq.js';
import { ARNS } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

describe('TOPO-SQS-001 queue without DLQ', () => {
  it('fires on a queue that lost its redrive policy, and on its former DLQ, now a queue like any other', () => {
    const inventory = shop();
    delete inventory.queues[0]!.redrive;
    expect(check(sqsQueueWithoutDlq, inventory)).toEqual([
      { message: 'Queue shop-jobs has no dead-letter queue.', resources: [{ kind: 'queue', id: ARNS.queue }], evidence: [] },
      { message: 'Queue shop-jobs-dlq has no dead-letter queue.', resources: [{ kind: 'queue', id: ARNS.dlq }], evidence: [] },
    ]);
  });

  it('is silent on the shop queues: shop-jobs redrives, and its DLQ needs none', () => {
    expect(check(sqsQueueWithoutDlq, shop())).toEqual([]);
  });
});

describe('TOPO-SQS-002 queue not encrypted', () => {
  it('fires on a queue without SSE and is silent on SSE-SQS and KMS', () => {
    const inventory = shop();
    expect(check(sqsQueueNotEncrypted, inventory)).toEqual([]);
    inventory.queues[1]!.encryption = { kind: 'none' };
    inventory.queues[0]!.encryption = { kind: 'kms', kmsKeyId: 'alias/aws/sqs' };
    expect(check(sqsQueueNotEncrypted, inventory).map((r) => r.message)).toEqual(['Queue shop-jobs-dlq is not encrypted at rest.']);
  });
});
