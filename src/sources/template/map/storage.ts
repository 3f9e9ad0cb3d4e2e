import type { Bucket, PublicAccessBlock, Queue } from '../../../model/index.js';
import type { ResourceSet } from '../resources.js';
import { asBoolean, asNumber, asRecord, asRecords, asString, asStrings, type JsonRecord } from '../values.js';
import { policyDocumentOf } from './iam.js';

export interface StorageInventory {
  buckets: Bucket[];
  queues: Queue[];
}

export function mapStorage(set: ResourceSet): StorageInventory {
  return { buckets: mapBuckets(set), queues: mapQueues(set) };
}

/**
 * Since April 2023 S3 blocks all public access on new buckets unless told otherwise; inside a
 * configuration, a flag left out is false.
 */
function publicAccessBlockOf(raw: JsonRecord | undefined): PublicAccessBlock {
  if (raw === undefined) return { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
  return {
    blockPublicAcls: asBoolean(raw.BlockPublicAcls) ?? false,
    ignorePublicAcls: asBoolean(raw.IgnorePublicAcls) ?? false,
    blockPublicPolicy: asBoolean(raw.BlockPublicPolicy) ?? false,
    restrictPublicBuckets: asBoolean(raw.RestrictPublicBuckets) ?? false,
  };
}

/** Since January 2023 every bucket is encrypted with SSE-S3 (AES256) unless configured otherwise. */
function encryptionOf(raw: JsonRecord | undefined): NonNullable<Bucket['encryption']> {
  const rule = asRecords(raw?.ServerSideEncryptionConfiguration)[0];
  const byDefault = asRecord(rule?.ServerSideEncryptionByDefault);
  const algorithm = asString(byDefault?.SSEAlgorithm) ?? 'AES256';
  const kmsKeyId = asString(byDefault?.KMSMasterKeyID);
  return { algorithm, ...(kmsKeyId === undefined ? {} : { kmsKeyId }) };
}

function mapBuckets(set: ResourceSet): Bucket[] {
  const policies = set.ofType('AWS::S3::BucketPolicy');
  return set.ofType('AWS::S3::Bucket').map((bucket) => {
    const policy = policies.find((candidate) => candidate.properties.Bucket === bucket.id);
    const versioning = asString(asRecord(bucket.properties.VersioningConfiguration)?.Status);
    return {
      name: bucket.id,
      arn: asString(bucket.attribute('Arn')) ?? `arn:${bucket.env.partition}:s3:::${bucket.id}`,
      region: bucket.env.region,
      publicAccessBlock: publicAccessBlockOf(asRecord(bucket.properties.PublicAccessBlockConfiguration)),
      encryption: encryptionOf(asRecord(bucket.properties.BucketEncryption)),
      versioning: versioning === 'Enabled' || versioning === 'Suspended' ? versioning : 'Disabled',
      policy: policy === undefined ? null : policyDocumentOf(policy, 'PolicyDocument', policy.properties.PolicyDocument),
      tags: bucket.tags,
    };
  });
}

/** `RedrivePolicy` is JSON: a mapping, or (in older templates) a string holding one. */
function redriveOf(raw: unknown): Queue['redrive'] {
  let policy: unknown = raw;
  if (typeof raw === 'string') {
    try {
      policy = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const record = asRecord(policy);
  const deadLetterTargetArn = asString(record?.deadLetterTargetArn);
  if (deadLetterTargetArn === undefined) return undefined;
  return { deadLetterTargetArn, maxReceiveCount: asNumber(record?.maxReceiveCount) ?? 0 };
}

/** New queues get SSE-SQS unless it is switched off or a KMS key is named. */
function queueEncryptionOf(properties: JsonRecord): Queue['encryption'] {
  const kmsKeyId = asString(properties.KmsMasterKeyId);
  if (kmsKeyId !== undefined) return { kind: 'kms', kmsKeyId };
  return asBoolean(properties.SqsManagedSseEnabled) === false ? { kind: 'none' } : { kind: 'sse-sqs' };
}

function mapQueues(set: ResourceSet): Queue[] {
  const policies = set.ofType('AWS::SQS::QueuePolicy');
  return set.ofType('AWS::SQS::Queue').map((queue) => {
    const p = queue.properties;
    const policy = policies.find((candidate) => asStrings(candidate.properties.Queues).includes(queue.id));
    const redrive = redriveOf(p.RedrivePolicy);
    const visibilityTimeoutSeconds = asNumber(p.VisibilityTimeout);
    const receiveWaitTimeSeconds = asNumber(p.ReceiveMessageWaitTimeSeconds);
    const messageRetentionSeconds = asNumber(p.MessageRetentionPeriod);
    return {
      url: queue.id,
      arn: asString(queue.attribute('Arn')) ?? queue.id,
      name: asString(queue.properties.QueueName) ?? (asBoolean(p.FifoQueue) ? `${queue.displayName}.fifo` : queue.displayName),
      region: queue.env.region,
      fifo: asBoolean(p.FifoQueue) ?? false,
      ...(redrive === undefined ? {} : { redrive }),
      encryption: queueEncryptionOf(p),
      ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
      ...(receiveWaitTimeSeconds === undefined ? {} : { receiveWaitTimeSeconds }),
      ...(messageRetentionSeconds === undefined ? {} : { messageRetentionSeconds }),
      policy: policy === undefined ? null : policyDocumentOf(policy, 'PolicyDocument', policy.properties.PolicyDocument),
      tags: queue.tags,
    };
  });
}
