import { ref, type PublicAccessBlock } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf, shared } from '../../message.js';

const SETTINGS: (keyof PublicAccessBlock)[] = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'];

export const s3BucketPublicAccess: Rule = {
  id: 'TOPO-S3-002',
  title: 'Bucket does not block public access',
  severity: 'high',
  area: 'storage',
  needs: ['bucketPublicAccess'],
  rationale:
    'Block Public Access is the guard against a public ACL or bucket policy added later by mistake; with any of its four settings off, one change can publish the bucket\'s objects.',
  remediation: 'Turn on all four Block Public Access settings on the bucket (and at the account level); serve public content through CloudFront with origin access control instead.',
  check: ({ inventory, index }) =>
    inventory.buckets.flatMap((bucket) => {
      if (bucket.publicAccessBlock === undefined) return [];
      const off = SETTINGS.filter((setting) => bucket.publicAccessBlock?.[setting] !== true);
      if (off.length === 0) return [];
      return [
        {
          ...(bucket.publicAccessBlock === null
            ? message`Bucket ${nameOf(index, ref('bucket', bucket.arn))} has no Block Public Access configuration.`
            : message`Bucket ${nameOf(index, ref('bucket', bucket.arn))} has Block Public Access settings ${off.map(shared)} turned off.`),
          resources: [ref('bucket', bucket.arn)],
          evidence: [],
        },
      ];
    }),
};
