import type { KindName } from './kinds.js';

/**
 * The public names of the kinds whose descriptors say them (`redaction.name` in `model/kinds.ts`),
 * shared by each descriptor and the copies that name the kind (a service's load balancer, a role's
 * attached policies): the same pseudonym namespace and prefix wherever the name appears.
 */

/** ECS clusters' public names, in their ARNs (`cluster/<name>`) and their services' and tasks' too. */
export const ECS_CLUSTER_NAME: KindName = { namespace: 'cluster', prefix: 'cluster' };

/** Task definitions' public names: their family's (`public-taskdef-k3f9`, `web-task`), in their ARNs (`task-definition/<family>:<revision>`) too. */
export const TASK_FAMILY_NAME: KindName = { namespace: 'task-family', prefix: 'public-taskdef' };

/** RDS instances' public names (`db-instance-k3f9`, `app-db`), in their ARNs (`db:<name>`) too. */
export const DB_INSTANCE_NAME: KindName = { namespace: 'db-instance', prefix: 'db-instance' };

/** Aurora clusters' public names, in their ARNs (`cluster:<name>`) too. */
export const DB_CLUSTER_NAME: KindName = { namespace: 'db-cluster', prefix: 'db-cluster' };

/** S3 buckets' public names (`bucket-k3f9`, `uploads-bucket`), in their ARNs (`<bucket>/<key…>`) too. */
export const BUCKET_NAME: KindName = { namespace: 'bucket', prefix: 'bucket' };

/** Queues' public names (`queue-k3f9.fifo`, `jobs-queue`), in their ARNs (`<name>`) and URLs too. */
export const QUEUE_NAME: KindName = { namespace: 'queue', prefix: 'queue', suffix: '.fifo' };

/** Customer managed policies' public names (AWS's keep theirs), in their ARNs (`policy/<path><name>`) and roles' attachments too. */
export const MANAGED_POLICY_NAME: KindName = { namespace: 'managed-policy', prefix: 'managed-policy' };

/** Load balancers' public names, prefixed by their type (`alb-k3f9`, `nlb-k3f9`, `public-alb`), in their ARNs, their listeners' and rules' ARNs and their DNS names too. */
export const LOAD_BALANCER_NAME: KindName = {
  namespace: 'load-balancer',
  prefix: 'lb',
  byType: { field: 'type', prefixes: { application: 'alb', network: 'nlb', gateway: 'gwlb', app: 'alb', net: 'nlb', gwy: 'gwlb' } },
};

/** Target groups' public names (`target-group-k3f9`, `web-tg`), in their ARNs (`targetgroup/<name>/<id>`) too. */
export const TARGET_GROUP_NAME: KindName = { namespace: 'target-group', prefix: 'target-group' };
