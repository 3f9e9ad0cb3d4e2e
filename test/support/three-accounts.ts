/**
 * Three fake accounts whose resources link across accounts, behind one transport (aws-accounts.ts):
 * - web (the recorded demo account, 123456789012): ALB → ECS services, task roles;
 * - data (222222222222): a bucket and a queue whose resource policies let the web account's task
 *   roles in;
 * - network (333333333333): a shared VPC.
 * The caller (999999999999, the test credentials) may assume `topology-read-only` in each.
 */
import { okReply } from '../../src/sources/recorded-account/wire.js';
import { ACCOUNT as WEB_ACCOUNT, ARNS, REGION } from '../../src/sources/recorded-account/recorded/facts.js';
import { AwsAccounts, emptyAccount } from './aws-accounts.js';
import { AwsFake } from './aws-fake.js';

export { WEB_ACCOUNT };
export const DATA_ACCOUNT = '222222222222';
export const NETWORK_ACCOUNT = '333333333333';
export const READ_ONLY_ROLE = 'topology-read-only';
export const EXTERNAL_ID = 'topology-ext-7f3a';

export function roleArnIn(account: string, name: string = READ_ONLY_ROLE): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

export const DATA = {
  bucket: 'shop-exports-222222222222',
  bucketArn: 'arn:aws:s3:::shop-exports-222222222222',
  queue: 'shop-events',
  queueUrl: `https://sqs.${REGION}.amazonaws.com/${DATA_ACCOUNT}/shop-events`,
  queueArn: `arn:aws:sqs:${REGION}:${DATA_ACCOUNT}:shop-events`,
} as const;

export const NETWORK = {
  vpc: 'vpc-0333aaaabbbbcccc3',
} as const;

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function dataAccount(): AwsFake {
  const bucketPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WebReadsExports',
        Effect: 'Allow',
        Principal: { AWS: ARNS.webTaskRole },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [DATA.bucketArn, `${DATA.bucketArn}/*`],
      },
    ],
  };
  const queuePolicy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'WorkerSends', Effect: 'Allow', Principal: { AWS: ARNS.workerTaskRole }, Action: 'sqs:SendMessage', Resource: DATA.queueArn }],
  };
  const fake = emptyAccount();
  // A bucket policy is served as bare JSON (REST-XML's envelope does not apply).
  fake.route('s3', 'GetBucketPolicy', okReply('s3', JSON.stringify(bucketPolicy)));
  return fake
    .reply(
      's3',
      'ListBuckets',
      `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>owner-data</ID></Owner><Buckets><Bucket><Name>${DATA.bucket}</Name><CreationDate>2026-09-01T00:00:00.000Z</CreationDate><BucketRegion>${REGION}</BucketRegion></Bucket></Buckets></ListAllMyBucketsResult>`,
    )
    .reply(
      's3',
      'GetPublicAccessBlock',
      `<PublicAccessBlockConfiguration xmlns="${S3_NS}"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
    )
    .reply(
      's3',
      'GetBucketEncryption',
      `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`,
    )
    .reply('s3', 'GetBucketVersioning', `<VersioningConfiguration xmlns="${S3_NS}"><Status>Enabled</Status></VersioningConfiguration>`)
    .fail('s3', 'GetBucketTagging', 'NoSuchTagSet', { status: 404 })
    .reply('sqs', 'ListQueues', { QueueUrls: [DATA.queueUrl] })
    .reply('sqs', 'GetQueueAttributes', {
      Attributes: { QueueArn: DATA.queueArn, VisibilityTimeout: '30', SqsManagedSseEnabled: 'true', Policy: JSON.stringify(queuePolicy) },
    })
    .reply('sqs', 'ListQueueTags', {});
}

function networkAccount(): AwsFake {
  return emptyAccount().reply(
    'ec2',
    'DescribeVpcs',
    `<vpcSet><item><vpcId>${NETWORK.vpc}</vpcId><ownerId>${NETWORK_ACCOUNT}</ownerId><state>available</state><cidrBlock>10.50.0.0/16</cidrBlock><tagSet><item><key>Name</key><value>shared-network</value></item></tagSet><isDefault>false</isDefault></item></vpcSet>`,
  );
}

/** The three accounts, each with `topology-read-only` assumable from the caller (the data account's only with EXTERNAL_ID). */
export async function threeAccounts(): Promise<AwsAccounts> {
  const accounts = new AwsAccounts();
  accounts.account(WEB_ACCOUNT, await AwsFake.recorded());
  accounts.account(DATA_ACCOUNT, dataAccount());
  accounts.account(NETWORK_ACCOUNT, networkAccount());
  accounts.role(roleArnIn(WEB_ACCOUNT));
  accounts.role(roleArnIn(DATA_ACCOUNT), { externalId: EXTERNAL_ID });
  accounts.role(roleArnIn(NETWORK_ACCOUNT));
  return accounts;
}
