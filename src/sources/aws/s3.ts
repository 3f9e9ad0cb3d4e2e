import type { PublicAccessBlockConfiguration, ServerSideEncryptionConfiguration } from '@aws-sdk/client-s3';
import type { Bucket, Inventory, PolicyDocument, PublicAccessBlock, Tags } from '../../model/index.js';
import { listAll, tagMap, type CollectContext } from './context.js';
import { parsePolicyDocument } from '../policy-document.js';
import { sdkPackage } from './sdk-packages.js';

const {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  S3Client,
} = sdkPackage('@aws-sdk/client-s3');
type S3Client = InstanceType<typeof S3Client>;

/**
 * S3: buckets are global, so this collector runs once per collection, not once per region.
 * ListBuckets (with MaxBuckets, so that each bucket's BucketRegion comes back) lists every bucket
 * of the account in one walk; only those whose BucketRegion is one of the scanned `regions` are
 * kept and described (the others are dropped before any per-bucket call), each through a client
 * of its own region.
 */

const LIST_BUCKETS_PAGE = 1000;

/** Errors S3 answers with when a setting was never configured: "none", not "unknown". */
const NOT_CONFIGURED = {
  publicAccessBlock: 'NoSuchPublicAccessBlockConfiguration',
  encryption: 'ServerSideEncryptionConfigurationNotFoundError',
  policy: 'NoSuchBucketPolicy',
  tags: 'NoSuchTagSet',
} as const;

/** A scoped walk (scoped-walk.ts) reads only the buckets it is told to (by name); the listing itself is one call. */
export async function collectS3(ctx: CollectContext, regions: string[] = [ctx.region], wanted?: (name: string) => boolean): Promise<Partial<Inventory>> {
  const listClient = new S3Client(ctx.clientConfig);
  const listed = await listAll(
    ctx,
    's3:ListAllMyBuckets',
    () => paginateListBuckets({ client: listClient, pageSize: LIST_BUCKETS_PAGE }, {}),
    (page) => page.Buckets,
  );
  if (!listed.ok) return { buckets: [] };
  const scanned = new Set(regions);
  const clients = new Map<string, S3Client>();
  const clientFor = (region: string): S3Client => {
    let client = clients.get(region);
    if (!client) {
      client = new S3Client({ ...ctx.clientConfig, region });
      clients.set(region, client);
    }
    return client;
  };
  const inScope = listed.value.flatMap((bucket) => {
    // Endpoints that omit BucketRegion (LocalStack, moto) only know the region they were asked in.
    const region = bucket.BucketRegion ?? ctx.region;
    return bucket.Name && scanned.has(region) && (wanted === undefined || wanted(bucket.Name)) ? [{ name: bucket.Name, region }] : [];
  });
  const buckets = await Promise.all(
    inScope.map(({ name, region }) => describeBucket(ctx, clientFor(region), name, region)),
  );
  return { buckets };
}

// ---------------------------------------------------------------- getters

async function describeBucket(ctx: CollectContext, client: S3Client, name: string, region: string): Promise<Bucket> {
  const Bucket = name;
  /** One per-bucket Get under the concurrency bound; its "never configured" error, if any, reads as null. */
  const get = <T>(action: string, notConfiguredCode: string | undefined, fetch: () => Promise<T>) =>
    ctx.call(action, () => orNotConfigured(notConfiguredCode, fetch), name);
  const [publicAccessBlock, encryption, versioning, policy, tagSet] = await Promise.all([
    get('s3:GetBucketPublicAccessBlock', NOT_CONFIGURED.publicAccessBlock, async () =>
      (await client.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration ?? null,
    ),
    get('s3:GetEncryptionConfiguration', NOT_CONFIGURED.encryption, async () =>
      (await client.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration ?? null,
    ),
    get('s3:GetBucketVersioning', undefined, async () => (await client.send(new GetBucketVersioningCommand({ Bucket }))).Status ?? null),
    get('s3:GetBucketPolicy', NOT_CONFIGURED.policy, async () => (await client.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? null),
    get('s3:GetBucketTagging', NOT_CONFIGURED.tags, async () => (await client.send(new GetBucketTaggingCommand({ Bucket }))).TagSet ?? []),
  ]);
  return toBucket({
    name,
    region,
    partition: ctx.partition,
    publicAccessBlock: publicAccessBlock.ok ? publicAccessBlock.value : undefined,
    encryption: encryption.ok ? encryption.value : undefined,
    versioningStatus: versioning.ok ? versioning.value : undefined,
    policy: policy.ok ? policy.value : undefined,
    tags: tagSet.ok ? tagMap(tagSet.value ?? []) : {},
  });
}

/** Runs an S3 Get and turns its "never configured" error into `null`; other errors propagate. */
async function orNotConfigured<T>(notConfiguredCode: string | undefined, fetch: () => Promise<T>): Promise<T | null> {
  try {
    return await fetch();
  } catch (error) {
    if (notConfiguredCode !== undefined && (error as { name?: unknown }).name === notConfiguredCode) return null;
    throw error;
  }
}

// ---------------------------------------------------------------- transforms

/** What the per-bucket calls returned: `null` = configured as none, `undefined` = not known. */
export interface BucketSettings {
  name: string;
  region: string;
  partition: string;
  publicAccessBlock: PublicAccessBlockConfiguration | null | undefined;
  encryption: ServerSideEncryptionConfiguration | null | undefined;
  /** GetBucketVersioning's Status; `null` when the bucket never had versioning. */
  versioningStatus: string | null | undefined;
  policy: string | null | undefined;
  tags: Tags;
}

export function toBucket(settings: BucketSettings): Bucket {
  return {
    name: settings.name,
    arn: `arn:${settings.partition}:s3:::${settings.name}`,
    region: settings.region,
    publicAccessBlock: mapDefined(settings.publicAccessBlock, toPublicAccessBlock),
    encryption: mapDefined(settings.encryption, toEncryption),
    versioning: toVersioning(settings.versioningStatus),
    policy: mapDefined(settings.policy, (text): PolicyDocument => parsePolicyDocument(text)),
    tags: settings.tags,
  };
}

function toPublicAccessBlock(config: PublicAccessBlockConfiguration): PublicAccessBlock {
  return {
    blockPublicAcls: config.BlockPublicAcls ?? false,
    ignorePublicAcls: config.IgnorePublicAcls ?? false,
    blockPublicPolicy: config.BlockPublicPolicy ?? false,
    restrictPublicBuckets: config.RestrictPublicBuckets ?? false,
  };
}

function toEncryption(config: ServerSideEncryptionConfiguration): Bucket['encryption'] {
  const byDefault = config.Rules?.find((rule) => rule.ApplyServerSideEncryptionByDefault)?.ApplyServerSideEncryptionByDefault;
  if (!byDefault?.SSEAlgorithm) return null;
  return byDefault.KMSMasterKeyID
    ? { algorithm: byDefault.SSEAlgorithm, kmsKeyId: byDefault.KMSMasterKeyID }
    : { algorithm: byDefault.SSEAlgorithm };
}

function toVersioning(status: string | null | undefined): Bucket['versioning'] {
  if (status === undefined) return undefined;
  if (status === 'Enabled' || status === 'Suspended') return status;
  return 'Disabled';
}

/** Applies `map` to a value, keeping `null` (configured as none) and `undefined` (not known). */
function mapDefined<T, U>(value: T | null | undefined, map: (value: T) => U): U | null | undefined {
  if (value === null) return null;
  return value === undefined ? undefined : map(value);
}
