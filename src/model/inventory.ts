/**
 * The typed inventory: what a source (live AWS account, CloudFormation template, snapshot) found.
 * It knows nothing of SDK shapes. Identifiers are kept as the provider spells them (ARNs, EC2 IDs)
 * so that correlation can match them; redaction replaces them later, on this same model.
 *
 * Fields marked "volatile" change without a change of design (running counts, health, states);
 * snapshots leave them out of the compared body.
 */

import type { AccountInfo } from './accounts.js';
import type { Warning } from './topology.js';

export type Tags = Record<string, string>;

export type AwsServiceName = 'sts' | 'ec2' | 'ecs' | 'elbv2' | 'rds' | 'iam' | 'route53' | 's3' | 'sqs' | 'organizations' | 'dynamodb' | 'tagging' | 'cloudformation';

export type SourceKind = 'aws' | 'template' | 'snapshot' | 'demo';

export interface SourceInfo {
  kind: SourceKind;
  /** Human label: "aws profile prod", "template reference-stack/cdk.out/Stack.template.json". */
  label: string;
}

// ---------------------------------------------------------------- Route53

export interface HostedZone {
  /** Bare zone id without the `/hostedzone/` prefix, e.g. `Z0123456789ABCDEFGHIJ`. */
  id: string;
  /** Fully qualified, with the trailing dot as Route53 returns it (`example.com.`). */
  name: string;
  private: boolean;
  /** Number of record sets Route53 reports for the zone. */
  recordCount?: number;
}

export interface AliasTarget {
  dnsName: string;
  hostedZoneId: string;
  evaluateTargetHealth: boolean;
}

export interface DnsRecord {
  zoneId: string;
  /** Fully qualified, trailing dot kept. */
  name: string;
  type: string;
  ttl?: number;
  setIdentifier?: string;
  aliasTarget?: AliasTarget;
  /** Plain record values (CNAME target, A addresses...), empty for alias records. */
  values: string[];
}

// ---------------------------------------------------------------- ELBv2

export interface LoadBalancer {
  arn: string;
  name: string;
  region: string;
  type: 'application' | 'network' | 'gateway' | string;
  scheme: 'internet-facing' | 'internal' | string;
  /** volatile */
  state?: string;
  vpcId?: string;
  subnetIds: string[];
  securityGroupIds: string[];
  dnsName?: string;
  canonicalHostedZoneId?: string;
  ipAddressType?: string;
  tags: Tags;
}

export interface WeightedTargetGroup {
  targetGroupArn: string;
  /** Present for weighted forwards (ForwardConfig); absent for a plain single forward. */
  weight?: number;
}

export interface RedirectAction {
  protocol?: string;
  port?: string;
  host?: string;
  path?: string;
  query?: string;
  statusCode?: string;
}

export interface FixedResponseAction {
  statusCode?: string;
  contentType?: string;
}

export interface ListenerAction {
  type: 'forward' | 'redirect' | 'fixed-response' | 'authenticate-oidc' | 'authenticate-cognito' | string;
  order?: number;
  /** For `forward`: every target group with its weight (one entry for a plain forward). */
  targetGroups: WeightedTargetGroup[];
  redirect?: RedirectAction;
  fixedResponse?: FixedResponseAction;
}

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  region: string;
  protocol: string;
  port: number;
  certificateArns: string[];
  sslPolicy?: string;
  defaultActions: ListenerAction[];
}

export interface RuleCondition {
  field: string;
  values: string[];
}

export interface ListenerRule {
  arn: string;
  listenerArn: string;
  region: string;
  /** `default` for the listener's default rule, otherwise the numeric priority. */
  priority: number | 'default';
  conditions: RuleCondition[];
  actions: ListenerAction[];
}

export interface HealthCheck {
  protocol?: string;
  port?: string;
  path?: string;
  intervalSeconds?: number;
  timeoutSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  matcher?: string;
}

export interface TargetHealthSummary {
  total: number;
  healthy: number;
  unhealthy: number;
}

export interface TargetGroup {
  arn: string;
  name: string;
  region: string;
  protocol?: string;
  port?: number;
  targetType: 'ip' | 'instance' | 'lambda' | 'alb' | string;
  vpcId?: string;
  loadBalancerArns: string[];
  healthCheck: HealthCheck;
  /** volatile; absent when not collected (templates) */
  targetHealth?: TargetHealthSummary;
  tags: Tags;
  /** Template sources: resources outside the model that register into it (`auto-scaling group WebAsg`). */
  usedBy?: string[];
}

// ---------------------------------------------------------------- ECS

export interface EcsCluster {
  arn: string;
  name: string;
  region: string;
  tags: Tags;
}

export interface ServiceLoadBalancerBinding {
  targetGroupArn?: string;
  /** Classic ELB name, when a service uses one. */
  loadBalancerName?: string;
  containerName: string;
  /** Absent when a template leaves it unresolved (a parameter without a value): unknown, never 0. */
  containerPort?: number;
}

export interface DeploymentConfiguration {
  circuitBreaker?: { enable: boolean; rollback: boolean };
  minimumHealthyPercent?: number;
  maximumPercent?: number;
}

export interface EcsService {
  arn: string;
  name: string;
  clusterArn: string;
  region: string;
  desiredCount: number;
  /** volatile */
  runningCount?: number;
  /** volatile */
  status?: string;
  launchType?: string;
  capacityProviders: string[];
  taskDefinitionArn: string;
  subnetIds: string[];
  securityGroupIds: string[];
  assignPublicIp: boolean;
  /**
   * EC2 launch type with bridge or host networking: the container instances' security groups,
   * through which the tasks' traffic passes (the service itself has none). Template sources only.
   */
  hostSecurityGroupIds?: string[];
  loadBalancers: ServiceLoadBalancerBinding[];
  deployment: DeploymentConfiguration;
  tags: Tags;
}

/** The groups a service's traffic passes through: its own (awsvpc) or its container instances' (bridge, host). */
export function serviceTrafficGroups(service: Pick<EcsService, 'securityGroupIds' | 'hostSecurityGroupIds'>): string[] {
  return service.securityGroupIds.length > 0 ? service.securityGroupIds : (service.hostSecurityGroupIds ?? []);
}

export interface PortMapping {
  /** Absent when a template leaves it unresolved: unknown, never 0. */
  containerPort?: number;
  hostPort?: number;
  protocol: string;
}

export interface EnvironmentVariable {
  name: string;
  value: string;
}

export interface SecretReference {
  name: string;
  /** Secrets Manager or SSM parameter ARN/name. */
  valueFrom: string;
}

export interface ContainerDefinition {
  name: string;
  image: string;
  essential: boolean;
  portMappings: PortMapping[];
  environment: EnvironmentVariable[];
  secrets: SecretReference[];
  logDriver?: string;
}

export interface TaskDefinition {
  arn: string;
  family: string;
  revision: number;
  region: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  networkMode?: string;
  cpu?: string;
  memory?: string;
  requiresCompatibilities: string[];
  containers: ContainerDefinition[];
}

// ---------------------------------------------------------------- EC2

export interface Vpc {
  id: string;
  name?: string;
  region: string;
  cidrBlocks: string[];
  isDefault: boolean;
  tags: Tags;
  /**
   * The routes of the VPC's route tables that lead to another network: to a VPC peering connection
   * or a transit gateway (the evidence of a VPC link). Absent when there are none or the route
   * tables were not read.
   */
  peerRoutes?: VpcRoute[];
}

/** A route of a VPC's route table that sends a destination to a peering connection or a transit gateway. */
export interface VpcRoute {
  routeTableId: string;
  /** The destination: an IPv4 or IPv6 CIDR, or a prefix list id. */
  destination: string;
  targetKind: 'vpc-peering' | 'transit-gateway';
  /** `pcx-…` or `tgw-…`. */
  targetId: string;
}

/** One end of a VPC peering connection: the VPC, its owner account and region as the connection reports them. */
export interface PeeringSide {
  vpcId: string;
  accountId?: string;
  region?: string;
  cidrBlocks: string[];
}

/** An active VPC peering connection (`pcx-…`): network context between two VPCs, maybe of two accounts or regions. */
export interface VpcPeering {
  id: string;
  /** The region it was described in (one side's). */
  region: string;
  requester: PeeringSide;
  accepter: PeeringSide;
}

/** A VPC attachment of a transit gateway (`tgw-attach-…`): the VPC and the transit gateway, each with its owner. */
export interface TransitGatewayAttachment {
  id: string;
  transitGatewayId: string;
  transitGatewayOwnerId?: string;
  vpcId: string;
  /** The account that owns the VPC (`ResourceOwnerId`). */
  vpcOwnerId?: string;
  region: string;
  /** volatile: `available`, `pending`… */
  state?: string;
}

export type SubnetTier = 'public' | 'private' | 'isolated';

export interface DefaultRoute {
  /** What 0.0.0.0/0 (or ::/0) points at. */
  targetKind: 'internet-gateway' | 'nat-gateway' | 'egress-only-internet-gateway' | 'transit-gateway' | 'instance' | 'network-interface' | 'vpc-peering' | 'other';
  targetId: string;
}

export interface Subnet {
  id: string;
  name?: string;
  vpcId: string;
  region: string;
  availabilityZone?: string;
  cidrBlock?: string;
  /** public: default route to an internet gateway; private: default route elsewhere (NAT...); isolated: none. */
  tier: SubnetTier;
  routeTableId?: string;
  defaultRoute?: DefaultRoute;
  mapPublicIpOnLaunch: boolean;
  tags: Tags;
}

export type SgPeer =
  | { kind: 'security-group'; groupId: string; ownerId?: string }
  | { kind: 'cidr'; cidr: string }
  | { kind: 'prefix-list'; prefixListId: string };

export interface SecurityGroupRule {
  /** `tcp`, `udp`, `icmp`, `icmpv6` or `all` (-1). */
  protocol: string;
  /** Absent (with toPort) for all ports. */
  fromPort?: number;
  toPort?: number;
  peer: SgPeer;
  description?: string;
}

export interface SecurityGroup {
  id: string;
  name: string;
  description: string;
  vpcId?: string;
  region: string;
  inbound: SecurityGroupRule[];
  outbound: SecurityGroupRule[];
  tags: Tags;
  /** Template sources: resources outside the model that use it (`launch template ContainerInstances`). */
  usedBy?: string[];
}

export interface VpcEndpoint {
  id: string;
  vpcId: string;
  region: string;
  /** e.g. `com.amazonaws.us-east-1.sqs` */
  serviceName: string;
  type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | string;
  subnetIds: string[];
  securityGroupIds: string[];
  routeTableIds: string[];
  privateDnsEnabled: boolean;
  /** volatile */
  state?: string;
  dnsNames: string[];
  tags: Tags;
}

// ---------------------------------------------------------------- RDS

export interface DbEndpoint {
  address: string;
  port: number;
}

export interface DbInstance {
  arn: string;
  identifier: string;
  region: string;
  engine: string;
  engineVersion?: string;
  instanceClass?: string;
  /** volatile */
  status?: string;
  endpoint?: DbEndpoint;
  port?: number;
  vpcId?: string;
  subnetIds: string[];
  securityGroupIds: string[];
  publiclyAccessible: boolean;
  multiAz: boolean;
  storageEncrypted: boolean;
  deletionProtection: boolean;
  /** Aurora cluster this instance belongs to. */
  clusterIdentifier?: string;
  tags: Tags;
}

export interface DbCluster {
  arn: string;
  identifier: string;
  region: string;
  engine: string;
  engineVersion?: string;
  /** volatile */
  status?: string;
  endpoint?: string;
  readerEndpoint?: string;
  port?: number;
  securityGroupIds: string[];
  multiAz: boolean;
  storageEncrypted: boolean;
  deletionProtection: boolean;
  memberInstanceIds: string[];
  tags: Tags;
}

// ---------------------------------------------------------------- IAM

export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** Kept as parsed JSON: condition keys are free-form. */
  conditions?: Record<string, unknown>;
  /** For resource policies (bucket, queue): principals as `Type: value`. */
  principals?: TrustPrincipal[];
}

export interface PolicyDocument {
  statements: PolicyStatement[];
}

export interface TrustPrincipal {
  type: 'Service' | 'AWS' | 'Federated' | 'CanonicalUser' | '*';
  value: string;
  /**
   * Trust policies, `AWS` principals: the condition keys of the statement that allows it
   * (`sts:ExternalId`, `aws:PrincipalOrgID`); absent when that statement has none.
   */
  conditionKeys?: string[];
}

export interface AttachedPolicy {
  arn: string;
  name: string;
  /** True for `arn:<partition>:iam::aws:policy/...`. */
  awsManaged: boolean;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface IamRole {
  arn: string;
  name: string;
  path: string;
  trustPrincipals: TrustPrincipal[];
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn?: string;
  tags: Tags;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  path: string;
  awsManaged: boolean;
  /** Default version's document. AWS-managed policies may be known by name only. */
  document?: PolicyDocument;
}

// ---------------------------------------------------------------- S3 / SQS

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface Bucket {
  name: string;
  arn: string;
  region: string;
  /** `null`: collected and none configured. `undefined`: not known (not collected / denied). */
  publicAccessBlock?: PublicAccessBlock | null;
  encryption?: { algorithm: string; kmsKeyId?: string } | null;
  versioning?: 'Enabled' | 'Suspended' | 'Disabled';
  policy?: PolicyDocument | null;
  tags: Tags;
}

export interface Queue {
  url: string;
  arn: string;
  name: string;
  region: string;
  fifo: boolean;
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  encryption: { kind: 'sse-sqs' | 'kms' | 'none'; kmsKeyId?: string };
  visibilityTimeoutSeconds?: number;
  receiveWaitTimeSeconds?: number;
  messageRetentionSeconds?: number;
  policy?: PolicyDocument | null;
  tags: Tags;
}

/** A DynamoDB table (DescribeTable; point-in-time recovery from DescribeContinuousBackups). */
export interface DynamoTable {
  name: string;
  arn: string;
  region: string;
  /** `ACTIVE`, `CREATING`, … (templates: absent). Volatile. */
  status?: string;
  /** On-demand (`PAY_PER_REQUEST`) or provisioned capacity. */
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  /** Every table is encrypted at rest: with a key AWS owns, or a KMS key (AWS-managed `aws/dynamodb` or the customer's). */
  encryption: { kind: 'aws-owned' | 'kms'; kmsKeyId?: string };
  deletionProtection: boolean;
  /** Point-in-time recovery (continuous backups); undefined when it could not be read. */
  pointInTimeRecovery?: boolean;
  /** A stream of item changes is on (its view type: `NEW_AND_OLD_IMAGES`, …). */
  streamViewType?: string;
  /** Global table (version 2019.11.21): the regions of its replicas, this one included. */
  replicaRegions: string[];
}

// ---------------------------------------------------------------- Coverage

export type CoverageStatus = 'ok' | 'partial' | 'denied' | 'throttled' | 'error';

export interface MissingCall {
  /** IAM-style action, e.g. `ecs:DescribeServices`. */
  action: string;
  reason: 'denied' | 'throttled' | 'error';
  /** Error code as AWS returned it (AccessDenied, Throttling...), never a stack. */
  code?: string;
  /** Which resource the call was about, when it was about one. */
  resource?: string;
  /**
   * Set when other calls collected the same data (e.g. per-role IAM calls after a denied
   * GetAccountAuthorizationDetails): the permission is still missing, the data is not.
   */
  recoveredBy?: string;
}

export interface ServiceCoverage {
  service: AwsServiceName;
  region: string;
  /** The account visited, in a walk of several accounts (absent for a walk of one). */
  account?: string;
  status: CoverageStatus;
  missing: MissingCall[];
}

// ---------------------------------------------------------------- Inventory

export interface Inventory {
  source: SourceInfo;
  partition: string;
  accountId?: string;
  regions: string[];
  /** Several accounts (model/accounts.ts): each with its regions. Absent for one account. */
  accounts?: AccountInfo[];
  /** Several accounts: the account of every resource, by its id. Absent for one account. */
  resourceAccounts?: Record<string, string>;
  hostedZones: HostedZone[];
  dnsRecords: DnsRecord[];
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  listenerRules: ListenerRule[];
  targetGroups: TargetGroup[];
  clusters: EcsCluster[];
  services: EcsService[];
  taskDefinitions: TaskDefinition[];
  vpcs: Vpc[];
  subnets: Subnet[];
  securityGroups: SecurityGroup[];
  vpcEndpoints: VpcEndpoint[];
  vpcPeerings: VpcPeering[];
  transitGatewayAttachments: TransitGatewayAttachment[];
  dbInstances: DbInstance[];
  dbClusters: DbCluster[];
  roles: IamRole[];
  managedPolicies: ManagedPolicy[];
  buckets: Bucket[];
  queues: Queue[];
  dynamoTables: DynamoTable[];
  /** One entry per (service, region) a live collection visited. Empty for templates. */
  coverage: ServiceCoverage[];
  /** What a template source could not read or resolve (nested stacks not found, unresolved values). */
  sourceWarnings?: Warning[];
}

export function emptyInventory(source: SourceInfo, partition = 'aws'): Inventory {
  return {
    source,
    partition,
    regions: [],
    hostedZones: [],
    dnsRecords: [],
    loadBalancers: [],
    listeners: [],
    listenerRules: [],
    targetGroups: [],
    clusters: [],
    services: [],
    taskDefinitions: [],
    vpcs: [],
    subnets: [],
    securityGroups: [],
    vpcEndpoints: [],
    vpcPeerings: [],
    transitGatewayAttachments: [],
    dbInstances: [],
    dbClusters: [],
    roles: [],
    managedPolicies: [],
    buckets: [],
    queues: [],
    dynamoTables: [],
    coverage: [],
  };
}
