import type { Rule, RuleMetadata } from '../rule.js';
import { albHttpForwards } from './alb/http-forwards.js';
import { albInternetNonWebPorts } from './alb/internet-non-web-ports.js';
import { albOutdatedTlsPolicy } from './alb/outdated-tls-policy.js';
import { albTargetGroupUnhealthy } from './alb/target-group-unhealthy.js';
import { albTargetGroupWithoutService } from './alb/target-group-without-service.js';
import { dynamoNoDeletionProtection } from './database/dynamodb-no-deletion-protection.js';
import { dynamoNoPointInTimeRecovery } from './database/dynamodb-no-point-in-time-recovery.js';
import { rdsCidrIngress } from './database/rds-cidr-ingress.js';
import { rdsInternetIngress } from './database/rds-internet-ingress.js';
import { rdsNoDeletionProtection } from './database/rds-no-deletion-protection.js';
import { rdsNonServiceGroup } from './database/rds-non-service-group.js';
import { rdsNotEncrypted } from './database/rds-not-encrypted.js';
import { rdsPubliclyAccessible } from './database/rds-publicly-accessible.js';
import { rdsSingleAz } from './database/rds-single-az.js';
import { danglingAlias } from './dns/dangling-alias.js';
import { broadCrossAccountGrant } from './accounts/broad-cross-account-grant.js';
import { unconditionedCrossAccountTrust } from './accounts/unconditioned-cross-account-trust.js';
import { ecsExecutionRolePermissions } from './ecs/execution-role-permissions.js';
import { ecsNoCircuitBreaker } from './ecs/no-circuit-breaker.js';
import { ecsPlaintextSecret } from './ecs/plaintext-secret.js';
import { ecsPublicIp } from './ecs/public-ip.js';
import { ecsSharedTaskRole } from './ecs/shared-task-role.js';
import { ecsTaskRoleIsExecutionRole } from './ecs/task-role-is-execution-role.js';
import { ecsTaskRoleWildcard } from './ecs/task-role-wildcard.js';
import { s3BucketNotEncrypted } from './storage/bucket-not-encrypted.js';
import { s3BucketPublicAccess } from './storage/bucket-public-access.js';
import { s3BucketNotTlsOnly } from './storage/bucket-tls-only.js';
import { sqsQueueNotEncrypted } from './messaging/queue-not-encrypted.js';
import { sqsQueueWithoutDlq } from './messaging/queue-without-dlq.js';
import { unmatchedSuppression, ruleNotEvaluated } from './meta.js';
import { privateServiceWithoutEgress } from './network/private-egress.js';
import { sgInternetNonWebPorts } from './network/sg-internet-non-web-ports.js';
import { unusedSecurityGroup } from './network/unused-security-group.js';
import { crossScopeExposure } from './network/cross-scope-exposure.js';

/** Every rule the audit runs, in the order the docs list them. */
export const RULES: readonly Rule[] = [
  rdsPubliclyAccessible,
  rdsInternetIngress,
  rdsCidrIngress,
  rdsNonServiceGroup,
  rdsNotEncrypted,
  rdsSingleAz,
  rdsNoDeletionProtection,
  dynamoNoPointInTimeRecovery,
  dynamoNoDeletionProtection,
  albHttpForwards,
  albOutdatedTlsPolicy,
  albTargetGroupWithoutService,
  albTargetGroupUnhealthy,
  albInternetNonWebPorts,
  ecsTaskRoleIsExecutionRole,
  ecsSharedTaskRole,
  ecsTaskRoleWildcard,
  ecsExecutionRolePermissions,
  ecsNoCircuitBreaker,
  ecsPublicIp,
  ecsPlaintextSecret,
  sqsQueueWithoutDlq,
  sqsQueueNotEncrypted,
  s3BucketNotEncrypted,
  s3BucketPublicAccess,
  s3BucketNotTlsOnly,
  privateServiceWithoutEgress,
  sgInternetNonWebPorts,
  unusedSecurityGroup,
  crossScopeExposure,
  danglingAlias,
  broadCrossAccountGrant,
  unconditionedCrossAccountTrust,
];

export const META_RULES: readonly RuleMetadata[] = [unmatchedSuppression, ruleNotEvaluated];

/** Metadata of every rule id a finding can carry: the checks, then the audit's own. */
export const ALL_RULES: readonly RuleMetadata[] = [...RULES, ...META_RULES];

export function ruleById(id: string): RuleMetadata | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}

export { unmatchedSuppression, ruleNotEvaluated };
