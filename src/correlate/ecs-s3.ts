import { ref, type Bucket, type Edge, type Evidence, type InventoryIndex } from '../model/index.js';
import { grantedTargets } from './policy-resources.js';
import type { ServiceContext } from './service-context.js';
import { TokenIndex } from './token-index.js';
import { grantField, located } from '../model/fields.js';

/** A variable whose value is exactly `s3` selects S3 as the service's storage backend. */
const S3_MODE = /^s3$/i;

/**
 * ECS service → S3 bucket.
 * `env`: a variable value contains the bucket name (bare, in an `s3://` URI or an ARN).
 * `iam-policy`: a task-role Allow statement on S3 names the bucket (wildcards understood).
 * Plus ECS service → `service-mode` s3 when a variable selects S3 as a backend.
 */
export function correlateEcsToS3(index: InventoryIndex, services: ServiceContext[]): Edge[] {
  const names = new TokenIndex<Bucket>();
  for (const bucket of index.buckets.values()) names.add(bucket.name, bucket);

  const edges: Edge[] = [];
  for (const context of services) {
    const from = ref('ecs-service', context.service.arn);
    const evidence = new Map<Bucket, Evidence[]>();
    const add = (bucket: Bucket, item: Evidence) => evidence.set(bucket, [...(evidence.get(bucket) ?? []), item]);
    for (const variable of context.environment) {
      for (const bucket of names.find(variable.value)) add(bucket, located({ matchType: 'env', matchedValue: variable.value }, variable.field));
    }
    for (const [bucket, grants] of grantedTargets(context.taskRoleStatements, 's3', index.buckets)) {
      for (const grant of grants) {
        add(bucket, located({ matchType: 'iam-policy', matchedValue: grant.resource }, grantField(grant.field, grant.actions)));
      }
    }
    for (const [bucket, found] of evidence) edges.push({ kind: 'service-bucket', from, to: ref('bucket', bucket.arn), evidence: found, attributes: {} });

    const modeEvidence: Evidence[] = context.environment
      .filter((variable) => S3_MODE.test(variable.value.trim()))
      .map((variable) => located({ matchType: 'service-mode', matchedValue: `${variable.name}=${variable.value}` }, variable.field));
    if (modeEvidence.length > 0) {
      edges.push({ kind: 'service-bucket', from, to: ref('service-mode', 's3'), evidence: modeEvidence, attributes: {} });
    }
  }
  return edges;
}
