import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const s3BucketNotEncrypted: Rule = {
  id: 'TOPO-S3-001',
  title: 'Bucket has no default encryption',
  severity: 'medium',
  area: 'storage',
  needs: ['bucketEncryption'],
  rationale: 'A bucket with no default encryption configuration stores objects as uploaded unless every writer asks for encryption.',
  remediation: 'Set a default encryption configuration (SSE-S3 or SSE-KMS) on the bucket.',
  check: ({ inventory, index }) =>
    inventory.buckets
      // undefined: not collected (denied, or a template that does not say): no finding.
      .filter((bucket) => bucket.encryption === null)
      .map((bucket) => ({
        ...message`Bucket ${nameOf(index, ref('bucket', bucket.arn))} has no default encryption.`,
        resources: [ref('bucket', bucket.arn)],
        evidence: [],
      })),
};
