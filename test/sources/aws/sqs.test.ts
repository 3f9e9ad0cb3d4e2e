import { describe, expect, it } from 'vitest';
import { collectSqs, toQueue } from '../../../src/sources/aws/sqs.js';
import { ACCOUNT, ARNS, NAMES, REGION } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';
import { shopInventory } from '../../fixtures/model/shop-account.js';

async function collect(fake: AwsFake) {
  const { ctx, recorder } = contextFor(fake, 'sqs');
  return { inventory: await collectSqs(ctx), coverage: recorder.result() };
}

const queueUrl = (name: string) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;

describe('collectSqs over the recorded account', () => {
  it('maps the jobs queue with its redrive to the DLQ, SSE-SQS and timings, and the DLQ', async () => {
    const fake = await AwsFake.recorded();
    const { inventory, coverage } = await collect(fake);
    // The hand-built model of the account; a queue without a policy reads as `null` (collected: none).
    expect(inventory.queues).toEqual(shopInventory().queues.map((q) => ({ ...q, policy: null })));
    expect(inventory.queues?.[0]?.redrive).toEqual({ deadLetterTargetArn: ARNS.dlq, maxReceiveCount: 5 });
    expect(inventory.queues?.map((q) => q.encryption.kind)).toEqual(['sse-sqs', 'sse-sqs']);
    expect(coverage.status).toBe('ok');
    expect(fake.calls('sqs', 'ListQueues').map((r) => r.params.MaxResults)).toEqual(['1000']);
    expect(fake.calls('sqs', 'GetQueueAttributes').map((r) => [r.params.QueueUrl, r.params['AttributeNames.0']])).toEqual([
      [NAMES.queueUrl, 'All'],
      [NAMES.dlqUrl, 'All'],
    ]);
  });

  it('follows NextToken across ListQueues pages', async () => {
    const fake = await AwsFake.recorded();
    fake.reply('sqs', 'ListQueues', { QueueUrls: [NAMES.queueUrl], NextToken: 'cXVldWVzLTI=' });
    fake.reply('sqs', 'ListQueues', { QueueUrls: [NAMES.dlqUrl] }, { match: { params: { NextToken: 'cXVldWVzLTI=' } } });
    const { inventory } = await collect(fake);
    expect(fake.calls('sqs', 'ListQueues').map((r) => r.params.NextToken)).toEqual([undefined, 'cXVldWVzLTI=']);
    expect(inventory.queues?.map((q) => q.name)).toEqual([NAMES.queue, NAMES.dlq]);
  });

  it('leaves out a queue whose attributes are denied, names it in coverage, and keeps the others', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('sqs', 'GetQueueAttributes', 'AccessDenied', { match: { params: { QueueUrl: NAMES.dlqUrl } } });
    fake.fail('sqs', 'ListQueueTags', 'AccessDenied', { match: { params: { QueueUrl: NAMES.queueUrl } } });
    const { inventory, coverage } = await collect(fake);
    expect(inventory.queues?.map((q) => [q.name, q.tags])).toEqual([[NAMES.queue, {}]]);
    expect(coverage).toEqual({
      service: 'sqs',
      region: REGION,
      status: 'denied',
      missing: [
        { action: 'sqs:GetQueueAttributes', reason: 'denied', code: 'AccessDenied', resource: NAMES.dlqUrl },
        { action: 'sqs:ListQueueTags', reason: 'denied', code: 'AccessDenied', resource: NAMES.queueUrl },
      ],
    });
  });

  it('maps a FIFO queue encrypted with KMS, with a queue policy and tags', async () => {
    const fake = new AwsFake();
    const url = queueUrl('orders.fifo');
    const arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders.fifo`;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn }],
    });
    fake.reply('sqs', 'ListQueues', { QueueUrls: [url] });
    fake.reply('sqs', 'GetQueueAttributes', {
      Attributes: {
        QueueArn: arn,
        FifoQueue: 'true',
        ContentBasedDeduplication: 'true',
        KmsMasterKeyId: 'alias/orders',
        KmsDataKeyReusePeriodSeconds: '300',
        SqsManagedSseEnabled: 'false',
        VisibilityTimeout: '60',
        MessageRetentionPeriod: '86400',
        ReceiveMessageWaitTimeSeconds: '10',
        RedrivePolicy: `{"deadLetterTargetArn":"arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq.fifo","maxReceiveCount":"3"}`,
        Policy: policy,
      },
    });
    fake.reply('sqs', 'ListQueueTags', { Tags: { team: 'orders' } });
    const { inventory } = await collect(fake);
    const [queue] = inventory.queues ?? [];
    expect(queue).toMatchObject({
      name: 'orders.fifo',
      fifo: true,
      encryption: { kind: 'kms', kmsKeyId: 'alias/orders' },
      redrive: { deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq.fifo`, maxReceiveCount: 3 },
      visibilityTimeoutSeconds: 60,
      receiveWaitTimeSeconds: 10,
      messageRetentionSeconds: 86400,
      tags: { team: 'orders' },
    });
    expect(queue?.policy?.statements[0]?.principals).toEqual([{ type: 'Service', value: 'sns.amazonaws.com' }]);
  });
});

describe('toQueue', () => {
  it('reports no encryption when neither SSE-SQS nor a KMS key is set', () => {
    const queue = toQueue(queueUrl('plain'), { QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:plain`, SqsManagedSseEnabled: 'false' }, {}, REGION);
    expect(queue.encryption).toEqual({ kind: 'none' });
    expect(queue.visibilityTimeoutSeconds).toBeUndefined();
  });
});
