import { describe, expect, it } from 'vitest';
import { s3BucketNotEncrypted } from '../../../src/audit/rules/storage/bucket-not-encrypted.js';
import { s3BucketPublicAccess } from '../../../src/audit/rules/storage/bucket-public-access.js';
import { s3BucketNotTlsOnly } from '../../../src/audit/rules/storage/bucket-tls-only.js';
import { ARNS } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

const bucketRef = { kind: 'bucket', id: ARNS.bucket } as const;

describe('TOPO-S3-001 bucket not encrypted', () => {
  it('fires when the bucket has no default encryption, not when it is unknown', () => {
    const inventory = shop();
    expect(check(s3BucketNotEncrypted, inventory)).toEqual([]);
    inventory.buckets[0]!.encryption = null;
    expect(check(s3BucketNotEncrypted, inventory)).toEqual([
      { message: 'Bucket shop-media-uploads-123456789012 has no default encryption.', resources: [bucketRef], evidence: [] },
    ]);
    delete inventory.buckets[0]!.encryption;
    expect(check(s3BucketNotEncrypted, inventory)).toEqual([]);
  });
});

describe('TOPO-S3-002 block public access', () => {
  it('fires without a configuration and names the settings turned off', () => {
    const inventory = shop();
    inventory.buckets[0]!.publicAccessBlock = null;
    expect(check(s3BucketPublicAccess, inventory).map((r) => r.message)).toEqual([
      'Bucket shop-media-uploads-123456789012 has no Block Public Access configuration.',
    ]);
    inventory.buckets[0]!.publicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false };
    expect(check(s3BucketPublicAccess, inventory).map((r) => r.message)).toEqual([
      'Bucket shop-media-uploads-123456789012 has Block Public Access settings blockPublicPolicy and restrictPublicBuckets turned off.',
    ]);
  });

  it('is silent on the shop bucket (all four on) and when the setting was not collected', () => {
    const inventory = shop();
    expect(check(s3BucketPublicAccess, inventory)).toEqual([]);
    delete inventory.buckets[0]!.publicAccessBlock;
    expect(check(s3BucketPublicAccess, inventory)).toEqual([]);
  });
});

describe('TOPO-S3-003 TLS-only policy', () => {
  it('is silent on the shop bucket, whose policy denies aws:SecureTransport false', () => {
    expect(check(s3BucketNotTlsOnly, shop())).toEqual([]);
  });

  it('accepts the condition as a boolean and in a list', () => {
    const inventory = shop();
    inventory.buckets[0]!.policy!.statements[0]!.conditions = { Bool: { 'aws:SecureTransport': [false] } };
    expect(check(s3BucketNotTlsOnly, inventory)).toEqual([]);
  });

  it('fires without a policy, and with a policy that only allows', () => {
    const inventory = shop();
    inventory.buckets[0]!.policy = null;
    expect(check(s3BucketNotTlsOnly, inventory).map((r) => r.message)).toEqual([
      'Bucket shop-media-uploads-123456789012 has no bucket policy, so it accepts requests without TLS.',
    ]);
    inventory.buckets[0]!.policy = {
      statements: [
        { effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: [`${ARNS.bucket}/*`], notResources: [], principals: [{ type: 'AWS', value: ARNS.webTaskRole }] },
      ],
    };
    expect(check(s3BucketNotTlsOnly, inventory).map((r) => r.message)).toEqual([
      'Bucket shop-media-uploads-123456789012 has a policy that does not deny requests without TLS.',
    ]);
  });

  it('does not count a deny limited to one action', () => {
    const inventory = shop();
    inventory.buckets[0]!.policy!.statements[0]!.actions = ['s3:GetObject'];
    expect(check(s3BucketNotTlsOnly, inventory)).toHaveLength(1);
  });
});
