import { ref } from '../../model/index.js';
import { lines, linesOf, serviceWithEvidence } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';

export const s3BucketTable: TableSpec = {
  id: 's3-buckets',
  title: 'S3 BUCKETS',
  columns: ['Name', 'Region', 'Public Access Block', 'Encryption', 'Used By'],
  needs: ['bucketSettings', 'taskDefinitions', 'roles'],
  rows: s3BucketRows,
};

const PUBLIC_ACCESS_FLAGS = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;

function s3BucketRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.buckets.map((bucket) => {
    const block = bucket.publicAccessBlock;
    const blockCell =
      block === undefined
        ? 'unknown'
        : block === null
          ? 'none configured'
          : PUBLIC_ACCESS_FLAGS.every((flag) => block[flag])
            ? 'all blocked'
            : PUBLIC_ACCESS_FLAGS.map((flag) => `${flag}: ${block[flag]}`).join('\n');
    const encryption =
      bucket.encryption === undefined ? 'unknown' : bucket.encryption === null ? 'none' : lines([bucket.encryption.algorithm, bucket.encryption.kmsKeyId]);
    return [
      bucket.name,
      bucket.region,
      blockCell,
      encryption,
      linesOf(into('service-bucket', ref('bucket', bucket.arn)), (edge) => serviceWithEvidence(index, edge)),
    ];
  });
}
