import type { Inventory, Queue, Tags } from '../../model/index.js';
import { listAll, type CollectContext } from './context.js';
import { parsePolicyDocument } from '../policy-document.js';
import { sdkPackage } from './sdk-packages.js';

const { GetQueueAttributesCommand, ListQueueTagsCommand, paginateListQueues, SQSClient } = sdkPackage('@aws-sdk/client-sqs');
type SQSClient = InstanceType<typeof SQSClient>;

/**
 * SQS: ListQueues, then per queue GetQueueAttributes (All) and ListQueueTags. A queue whose
 * attributes could not be read is left out (its ARN and encryption are unknown) and the denied
 * call, named with the queue URL, stays in coverage.
 */

/** ListQueues returns a NextToken only when MaxResults is set. */
const LIST_QUEUES_PAGE = 1000;

/**
 * A scoped walk (scoped-walk.ts) describes only the queues it is told to (by name), and the
 * dead-letter queues those name; the listing itself is one call.
 */
export async function collectSqs(ctx: CollectContext, wanted?: (name: string) => boolean): Promise<Partial<Inventory>> {
  const client = new SQSClient(ctx.clientConfig);
  const listed = await listAll(
    ctx,
    'sqs:ListQueues',
    () => paginateListQueues({ client, pageSize: LIST_QUEUES_PAGE }, {}),
    (page) => page.QueueUrls,
  );
  if (!listed.ok) return { queues: [] };
  const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const described = async (urls: string[]) => (await Promise.all(urls.map((url) => describeQueue(ctx, client, url)))).flatMap((queue) => (queue ? [queue] : []));
  if (wanted === undefined) return { queues: await described(listed.value) };
  const first = await described(listed.value.filter((url) => wanted(nameOf(url))));
  const deadLetterNames = new Set(first.flatMap((queue) => (queue.redrive?.deadLetterTargetArn ? [queue.redrive.deadLetterTargetArn.slice(queue.redrive.deadLetterTargetArn.lastIndexOf(':') + 1)] : [])));
  const read = new Set(first.map((queue) => queue.url));
  return { queues: [...first, ...(await described(listed.value.filter((url) => !read.has(url) && deadLetterNames.has(nameOf(url)))))] };
}

async function describeQueue(ctx: CollectContext, client: SQSClient, url: string): Promise<Queue | undefined> {
  const [attributes, tags] = await Promise.all([
    ctx.call(
      'sqs:GetQueueAttributes',
      async () => {
        const output = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
        return output.Attributes ?? {};
      },
      url,
    ),
    ctx.call(
      'sqs:ListQueueTags',
      async () => (await client.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags ?? {},
      url,
    ),
  ]);
  if (!attributes.ok) return undefined;
  return toQueue(url, attributes.value, tags.ok ? tags.value : {}, ctx.region);
}

// ---------------------------------------------------------------- transforms

export function toQueue(url: string, attributes: Record<string, string>, tags: Tags, region: string): Queue {
  const name = url.slice(url.lastIndexOf('/') + 1);
  return {
    url,
    arn: attributes.QueueArn ?? '',
    name,
    region,
    fifo: attributes.FifoQueue === 'true',
    redrive: toRedrive(attributes.RedrivePolicy),
    encryption: toEncryption(attributes),
    visibilityTimeoutSeconds: toSeconds(attributes.VisibilityTimeout),
    receiveWaitTimeSeconds: toSeconds(attributes.ReceiveMessageWaitTimeSeconds),
    messageRetentionSeconds: toSeconds(attributes.MessageRetentionPeriod),
    policy: attributes.Policy ? parsePolicyDocument(attributes.Policy) : null,
    tags,
  };
}

/** `{"deadLetterTargetArn":"arn:...","maxReceiveCount":5}`; the count arrives as number or string. */
function toRedrive(redrivePolicy: string | undefined): Queue['redrive'] {
  if (!redrivePolicy) return undefined;
  const parsed = JSON.parse(redrivePolicy) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  if (typeof parsed.deadLetterTargetArn !== 'string') return undefined;
  return { deadLetterTargetArn: parsed.deadLetterTargetArn, maxReceiveCount: Number(parsed.maxReceiveCount) };
}

function toEncryption(attributes: Record<string, string>): Queue['encryption'] {
  if (attributes.KmsMasterKeyId) return { kind: 'kms', kmsKeyId: attributes.KmsMasterKeyId };
  if (attributes.SqsManagedSseEnabled === 'true') return { kind: 'sse-sqs' };
  return { kind: 'none' };
}

function toSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}
