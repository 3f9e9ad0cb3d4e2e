import { describe, expect, it } from 'vitest';
import { collectS3 } from '../../../src/sources/aws/s3.js';
import { ARNS, NAMES, REGION } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';
import { shopInventory } from '../../fixtures/model/shop-account.js';

const EU_BUCKET = 'shop-logs-eu-123456789012';

async function collect(fake: AwsFake, regions?: string[]) {
  const { ctx, recorder } = contextFor(fake, 's3', { coverageRegion: 'global' });
  return { inventory: await collectS3(ctx, regions), coverage: recorder.result() };
}

function listBucketsXml(buckets: { name: string; region: string }[], continuationToken?: string): string {
  const items = buckets
    .map((b) => `<Bucket><Name>${b.name}</Name><CreationDate>2026-09-14T08:29:12.000Z</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`)
    .join('');
  const token = continuationToken ? `<ContinuationToken>${continuationToken}</ContinuationToken>` : '';
  return `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>7c1f2e3d</ID></Owner><Buckets>${items}</Buckets>${token}</ListAllMyBucketsResult>`;
}

describe('collectS3 over the recorded account', () => {
  it('maps the media bucket: public access block, SSE, versioning, policy, and no tag set as {}', async () => {
    const fake = await AwsFake.recorded();
    const { inventory, coverage } = await collect(fake);
    // The hand-built model of the account, plus the statement id the recorded policy carries.
    const [modelBucket] = shopInventory().buckets;
    const [modelStatement] = modelBucket?.policy?.statements ?? [];
    expect(inventory.buckets).toEqual([{ ...modelBucket, policy: { statements: [{ ...modelStatement, sid: 'DenyInsecureTransport' }] } }]);
    expect(inventory.buckets?.[0]?.policy?.statements[0]?.conditions).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    expect(inventory.buckets?.[0]?.tags).toEqual({});
    expect(coverage).toEqual({ service: 's3', region: 'global', status: 'ok', missing: [] });
  });

  it('lists with MaxBuckets and describes only buckets in the scanned regions', async () => {
    const fake = await AwsFake.recorded();
    await collect(fake);
    expect(fake.calls('s3', 'ListBuckets').map((r) => r.params['max-buckets'])).toEqual(['1000']);
    const described = fake.calls('s3').filter((r) => r.operation !== 'ListBuckets');
    expect(new Set(described.map((r) => r.params.Bucket))).toEqual(new Set([NAMES.bucket]));
    expect(described.map((r) => r.operation).sort()).toEqual(
      ['GetBucketEncryption', 'GetBucketPolicy', 'GetBucketTagging', 'GetBucketVersioning', 'GetPublicAccessBlock'],
    );
  });

  it('describes a bucket of another scanned region through a client of that region', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('s3', 'GetBucketPolicy', 'NoSuchBucketPolicy', { match: { params: { Bucket: EU_BUCKET } } });
    const { inventory } = await collect(fake, [REGION, 'eu-west-1']);
    expect(inventory.buckets?.map((b) => [b.name, b.region])).toEqual([
      [EU_BUCKET, 'eu-west-1'],
      [NAMES.bucket, REGION],
    ]);
    const euRegions = fake.calls('s3').filter((r) => r.params.Bucket === EU_BUCKET).map((r) => r.region);
    expect(new Set(euRegions)).toEqual(new Set(['eu-west-1']));
    expect(inventory.buckets?.[0]?.policy).toBeNull();
  });

  it('follows the ContinuationToken across ListBuckets pages', async () => {
    const fake = await AwsFake.recorded();
    fake.reply('s3', 'ListBuckets', listBucketsXml([{ name: 'shop-assets-123456789012', region: REGION }], 'page-2'));
    fake.reply('s3', 'ListBuckets', listBucketsXml([{ name: NAMES.bucket, region: REGION }]), { match: { params: { 'continuation-token': 'page-2' } } });
    const { inventory } = await collect(fake);
    expect(fake.calls('s3', 'ListBuckets').map((r) => r.params['continuation-token'])).toEqual([undefined, 'page-2']);
    expect(inventory.buckets?.map((b) => b.name)).toEqual(['shop-assets-123456789012', NAMES.bucket]);
  });
});

describe('collectS3 "not configured" versus "not known"', () => {
  it('turns the not-configured errors into null (none) and a missing versioning status into Disabled', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('s3', 'GetPublicAccessBlock', 'NoSuchPublicAccessBlockConfiguration');
    fake.fail('s3', 'GetBucketEncryption', 'ServerSideEncryptionConfigurationNotFoundError');
    fake.fail('s3', 'GetBucketPolicy', 'NoSuchBucketPolicy');
    fake.reply('s3', 'GetBucketVersioning', '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>');
    const { inventory, coverage } = await collect(fake);
    const [bucket] = inventory.buckets ?? [];
    expect(bucket).toMatchObject({ name: NAMES.bucket, versioning: 'Disabled', tags: {} });
    expect([bucket?.publicAccessBlock, bucket?.encryption, bucket?.policy]).toEqual([null, null, null]);
    expect(coverage.status).toBe('ok');
  });

  it('leaves a denied setting undefined (not null) and records the action with the bucket', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('s3', 'GetBucketPolicy', 'AccessDenied');
    fake.fail('s3', 'GetPublicAccessBlock', 'AccessDenied');
    const { inventory, coverage } = await collect(fake);
    const [bucket] = inventory.buckets ?? [];
    expect(bucket).toHaveProperty('policy', undefined);
    expect(bucket).toHaveProperty('publicAccessBlock', undefined);
    expect(bucket?.encryption).toEqual({ algorithm: 'AES256' });
    expect(coverage).toEqual({
      service: 's3',
      region: 'global',
      status: 'denied',
      missing: [
        { action: 's3:GetBucketPolicy', reason: 'denied', code: 'AccessDenied', resource: NAMES.bucket },
        { action: 's3:GetBucketPublicAccessBlock', reason: 'denied', code: 'AccessDenied', resource: NAMES.bucket },
      ],
    });
  });

  it('maps SSE-KMS with its key and reads tags', async () => {
    const fake = await AwsFake.recorded();
    const key = 'arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    fake.reply(
      's3',
      'GetBucketEncryption',
      `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>${key}</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
    );
    fake.reply(
      's3',
      'GetBucketTagging',
      '<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>team</Key><Value>shop</Value></Tag><Tag><Key>data-class</Key><Value>user-content</Value></Tag></TagSet></Tagging>',
    );
    const { inventory } = await collect(fake);
    expect(inventory.buckets?.[0]?.encryption).toEqual({ algorithm: 'aws:kms', kmsKeyId: key });
    expect(inventory.buckets?.[0]?.tags).toEqual({ team: 'shop', 'data-class': 'user-content' });
  });

  it('returns no buckets and a denied entry when ListBuckets is denied', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('s3', 'ListBuckets', 'AccessDenied');
    const { inventory, coverage } = await collect(fake);
    expect(inventory.buckets).toEqual([]);
    expect(coverage.missing).toEqual([{ action: 's3:ListAllMyBuckets', reason: 'denied', code: 'AccessDenied' }]);
  });
});
