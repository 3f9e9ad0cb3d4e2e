import { actionMatches } from '../../../correlate/match.js';
import { ref, type PolicyStatement } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

function isFalse(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isFalse);
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}

/** `"Condition": { "Bool": { "aws:SecureTransport": "false" } }`, keys compared case-insensitively. */
function deniesInsecureTransport(conditions: Record<string, unknown> | undefined): boolean {
  for (const [operator, block] of Object.entries(conditions ?? {})) {
    if (operator.toLowerCase() !== 'bool' || typeof block !== 'object' || block === null) continue;
    for (const [key, value] of Object.entries(block)) {
      if (key.toLowerCase() === 'aws:securetransport' && isFalse(value)) return true;
    }
  }
  return false;
}

/** A Deny for everyone, on every S3 action, when the request does not use TLS. */
export function isTlsOnlyStatement(statement: PolicyStatement): boolean {
  return (
    statement.effect === 'Deny' &&
    statement.actions.some((action) => actionMatches(action, 's3:GetObject') && actionMatches(action, 's3:PutObject')) &&
    (statement.principals ?? []).some((principal) => principal.value === '*') &&
    deniesInsecureTransport(statement.conditions)
  );
}

export const s3BucketNotTlsOnly: Rule = {
  id: 'TOPO-S3-003',
  title: 'Bucket policy does not require TLS',
  severity: 'medium',
  area: 'storage',
  needs: ['bucketPolicy'],
  rationale: 'S3 accepts plain HTTP requests unless the bucket policy denies them; objects and presigned URLs can then travel unencrypted.',
  remediation: 'Add a bucket policy statement denying s3:* to principal * when aws:SecureTransport is false (CDK: enforceSSL: true).',
  check: ({ inventory, index }) =>
    inventory.buckets
      // undefined: the policy was not collected; null: collected, and the bucket has none.
      .filter((bucket) => bucket.policy !== undefined && !(bucket.policy?.statements ?? []).some(isTlsOnlyStatement))
      .map((bucket) => ({
        ...(bucket.policy === null
          ? message`Bucket ${nameOf(index, ref('bucket', bucket.arn))} has no bucket policy, so it accepts requests without TLS.`
          : message`Bucket ${nameOf(index, ref('bucket', bucket.arn))} has a policy that does not deny requests without TLS.`),
        resources: [ref('bucket', bucket.arn)],
        evidence: [],
      })),
};
