import { Duration } from 'aws-cdk-lib';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Deliveries before a job message is parked in the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;
/** Long polling: the worker's ReceiveMessage waits up to this many seconds for a message. */
export const RECEIVE_WAIT_SECONDS = 20;

export class JobQueues extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // SQS-managed encryption: S3 can deliver to it without a KMS key policy, and tasks need no KMS endpoint.
    const encryption = QueueEncryption.SQS_MANAGED;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'JobQueue', {
      encryption,
      enforceSSL: true,
      receiveMessageWaitTime: Duration.seconds(RECEIVE_WAIT_SECONDS),
      visibilityTimeout: Duration.minutes(2),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }

  /** Every object created under `prefix` becomes a job message. */
  notifyOnObjectCreated(bucket: IBucket, prefix: string): void {
    bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.queue), { prefix });
  }
}
