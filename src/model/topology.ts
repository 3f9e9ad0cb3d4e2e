import type { Inventory } from './inventory.js';
import type { TopologyScope } from './scope.js';

/**
 * The correlated topology: the inventory plus the edges correlation derived from it.
 * Every edge carries the evidence that made it, so a reviewer can see why two boxes connect.
 */

export type NodeKind =
  | 'dns-record'
  | 'load-balancer'
  | 'listener'
  | 'listener-rule'
  | 'target-group'
  | 'ecs-service'
  | 'security-group'
  | 'cidr'
  | 'prefix-list'
  | 'vpc-endpoint'
  | 'db-instance'
  | 'db-cluster'
  | 'bucket'
  | 'queue'
  | 'dynamodb-table'
  | 'iam-role'
  | 'vpc'
  /** A variable that selects a storage mode (`STORAGE_BACKEND=s3`): target id is the mode (`s3`). */
  | 'service-mode';

export interface NodeRef {
  kind: NodeKind;
  /**
   * The node's key in the inventory: ARN for ELBv2/ECS/RDS/IAM/S3/SQS, EC2 id for SGs and
   * endpoints, `zoneId|name|type|setIdentifier` for DNS records, the CIDR itself for CIDRs.
   */
  id: string;
}

export type MatchType =
  /** Route53 alias target equals the load balancer DNS name (normalized). */
  | 'alias-dns'
  /** Route53 CNAME value equals the load balancer DNS name (normalized). */
  | 'cname'
  | 'listener'
  | 'default-action'
  | 'rule-action'
  /** ECS service `loadBalancers[]` binding to a target group. */
  | 'lb-binding'
  /** A security group rule names another group (or a CIDR / prefix list) as source. */
  | 'sg-rule'
  /** A service's SG may reach the target's SG on its port. */
  | 'sg-reference'
  /** An environment variable value contains the target's identifier. */
  | 'env'
  /** A `secrets` entry references the target. */
  | 'secret'
  /** A task-role policy statement's resource matches the target ARN. */
  | 'iam-policy'
  /** An environment variable selects a backend mode (`STORAGE=s3`). */
  | 'service-mode'
  /** A gateway endpoint's route tables include the route table of a service subnet. */
  | 'route-table'
  | 'task-role'
  | 'execution-role'
  /** A bucket's or queue's resource policy names the principal (cross-account access). */
  | 'resource-policy'
  /** A role's trust policy names the principal (cross-account role chaining). */
  | 'trust-policy'
  /** An active VPC peering connection joins the two VPCs (value: its `pcx-…` id). */
  | 'vpc-peering'
  /** Both VPCs are attached to one transit gateway (value: its `tgw-…` id). */
  | 'transit-gateway'
  /** A route of a VPC's route table sends the destination (the value) to the peering or transit gateway. */
  | 'route';

export interface Evidence {
  matchType: MatchType;
  /** The value that matched (DNS name, env value, policy resource, SG id...). */
  matchedValue: string;
  /** Where the value was found, e.g. `container web env DATABASE_URL`, `policy app inline statement 1`. */
  field?: string;
}

export type EdgeKind =
  | 'dns-alias'
  | 'lb-listener'
  | 'listener-rule'
  | 'rule-target'
  | 'target-service'
  | 'sg-ingress'
  | 'service-db'
  | 'service-bucket'
  | 'service-queue'
  | 'service-table'
  | 'service-endpoint'
  | 'service-role'
  /** IAM role → bucket / queue of another account whose resource policy lets it in. */
  | 'cross-account-access'
  /** IAM role → IAM role of another account whose trust policy names it. */
  | 'cross-account-trust'
  /** VPC (requester) → VPC (accepter) joined by an active peering connection: network context. */
  | 'vpc-peering'
  /** VPC → VPC attached to the same transit gateway: network context (its own route tables are not read). */
  | 'vpc-transit-gateway';

export type TableAccess = 'read' | 'write' | 'read-write' | 'unknown';

export type QueueDirection = 'producer' | 'consumer' | 'producer-consumer' | 'unknown';

export interface EdgeAttributes {
  /** rule-target: forward weight (weighted forwards only). */
  weight?: number;
  /** rule-target: true when the rule is the listener default. */
  isDefault?: boolean;
  /** target-service: the container receiving traffic. */
  containerName?: string;
  containerPort?: number;
  /** sg-ingress and sg-reference links: protocol and port range. */
  protocol?: string;
  fromPort?: number;
  toPort?: number;
  /** service-table: what the task role may do with the table's items (`unknown`: no IAM evidence). */
  access?: TableAccess;
  /** service-queue: who sends, who receives. */
  direction?: QueueDirection;
  /** service-role: which role slot of the task definition. */
  roleSlot?: 'task' | 'execution';
  /** service-db: `instance` or `cluster` (Aurora). */
  dbTargetType?: 'instance' | 'cluster';
}

export interface Edge {
  kind: EdgeKind;
  from: NodeRef;
  to: NodeRef;
  evidence: Evidence[];
  attributes: EdgeAttributes;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  /** One sentence naming the resources; never an env value or secret. */
  message: string;
  resources: NodeRef[];
  evidence: Evidence[];
  suppressed?: { reason: string };
}

/** A problem with the collection or the tool's own operation (denied calls, unresolved refs...). */
export interface Warning {
  code: 'access-denied' | 'throttled' | 'collection-error' | 'unresolved' | 'public-mode' | 'info';
  message: string;
}

export interface Topology {
  inventory: Inventory;
  edges: Edge[];
  findings: Finding[];
  warnings: Warning[];
  /** True once redaction has run: renderers and the leak guard may rely on it. */
  redacted: boolean;
  /** Set when selectors narrowed the account to one application (docs/scoping.md): the inventory and edges are its. */
  scope?: TopologyScope;
}
