/**
 * The fewest calls that collect everything the output shows for an account of a given shape, per
 * operation with the reason it cannot be fewer (docs/performance.md prints this table), and the
 * walk's critical path: the longest chain of calls that must wait for each other.
 */
import type { AccountShape } from './account.js';

export interface MinimumCalls {
  operation: string;
  calls: number;
  why: string;
}

const pages = (items: number, perPage: number) => Math.max(1, Math.ceil(items / perPage));

export function minimumCalls(shape: AccountShape): MinimumCalls[] {
  const servicesPerCluster = Array.from({ length: shape.clusters }, (_, c) => Math.floor(shape.services / shape.clusters) + (c < shape.services % shape.clusters ? 1 : 0));
  const recordsPerZone = Array.from({ length: shape.zones }, (_, z) => Math.min(500, shape.dnsRecords - z * 500) + 2);
  const listeners = shape.loadBalancers * 2;
  return [
    { operation: 'sts:GetCallerIdentity', calls: 1, why: 'which account and partition the credentials belong to' },
    { operation: 'ec2:DescribeVpcs', calls: 1, why: 'VPCs, 1,000 per page' },
    { operation: 'ec2:DescribeSubnets', calls: 1, why: 'subnets, 1,000 per page' },
    { operation: 'ec2:DescribeRouteTables', calls: 1, why: 'subnet tiers (public / private / isolated), 100 per page' },
    { operation: 'ec2:DescribeSecurityGroups', calls: pages(shape.securityGroups, 1000), why: 'groups with their rules inline, 1,000 per page' },
    { operation: 'ec2:DescribeVpcEndpoints', calls: 1, why: 'endpoints, 1,000 per page' },
    { operation: 'ec2:DescribeVpcPeeringConnections', calls: 1, why: 'active peering connections (network context between VPCs), 1,000 per page' },
    { operation: 'ec2:DescribeTransitGatewayAttachments', calls: 1, why: 'VPC attachments of transit gateways (network context), 1,000 per page' },
    { operation: 'elasticloadbalancing:DescribeLoadBalancers', calls: pages(shape.loadBalancers, 400), why: '400 per page' },
    { operation: 'elasticloadbalancing:DescribeTargetGroups', calls: pages(shape.services, 400), why: '400 per page' },
    { operation: 'elasticloadbalancing:DescribeListeners', calls: shape.loadBalancers, why: 'one load balancer per call (the API takes one LoadBalancerArn)' },
    { operation: 'elasticloadbalancing:DescribeListenerCertificates', calls: shape.loadBalancers, why: 'per HTTPS listener: DescribeListeners names only the default certificate, not the SNI ones' },
    { operation: 'elasticloadbalancing:DescribeRules', calls: listeners, why: 'one listener per call (every ALB listener can hold rules)' },
    { operation: 'elasticloadbalancing:DescribeTargetHealth', calls: shape.services, why: 'one target group per call: no batch API; feeds the unhealthy-target audit' },
    { operation: 'elasticloadbalancing:DescribeTags', calls: pages(shape.loadBalancers + shape.services, 20), why: '20 ARNs per call (load balancers and target groups together)' },
    { operation: 'ecs:ListClusters', calls: pages(shape.clusters, 100), why: '100 per page' },
    { operation: 'ecs:DescribeClusters', calls: pages(shape.clusters, 100), why: '100 per call, with tags' },
    { operation: 'ecs:ListServices', calls: servicesPerCluster.reduce((sum, n) => sum + pages(n, 100), 0), why: 'per cluster, 100 per page' },
    { operation: 'ecs:DescribeServices', calls: servicesPerCluster.reduce((sum, n) => sum + pages(n, 10), 0), why: 'per cluster, 10 per call, with tags' },
    { operation: 'ecs:DescribeTaskDefinition', calls: shape.services, why: 'one per distinct task definition: no batch API' },
    { operation: 'rds:DescribeDBInstances', calls: 1, why: '100 per page' },
    { operation: 'rds:DescribeDBClusters', calls: 1, why: '100 per page' },
    { operation: 'iam:GetAccountAuthorizationDetails', calls: pages(shape.roles, 1000), why: 'every role with trust, inline and attached policies, 1,000 per page (instead of 3+ calls per role)' },
    { operation: 'route53:ListHostedZones', calls: pages(shape.zones, 100), why: '100 per page' },
    { operation: 'route53:ListResourceRecordSets', calls: recordsPerZone.reduce((sum, n) => sum + pages(n, 300), 0), why: 'per zone, 300 per page' },
    { operation: 's3:ListAllMyBuckets', calls: pages(shape.buckets, 1000), why: '1,000 per page, with each bucket’s region' },
    { operation: 's3:GetBucketPublicAccessBlock', calls: shape.buckets, why: 'per bucket: no batch API; public-access audit' },
    { operation: 's3:GetEncryptionConfiguration', calls: shape.buckets, why: 'per bucket: no batch API; encryption audit' },
    { operation: 's3:GetBucketVersioning', calls: shape.buckets, why: 'per bucket: no batch API; shown on the page' },
    { operation: 's3:GetBucketPolicy', calls: shape.buckets, why: 'per bucket: no batch API; TLS-only audit, policy resources' },
    { operation: 's3:GetBucketTagging', calls: shape.buckets, why: 'per bucket: no batch API; tags pair drift with CloudFormation' },
    { operation: 'sqs:ListQueues', calls: pages(shape.queues, 1000), why: '1,000 per page' },
    { operation: 'sqs:GetQueueAttributes', calls: shape.queues, why: 'per queue: no batch API; ARN, encryption, redrive' },
    { operation: 'sqs:ListQueueTags', calls: shape.queues, why: 'per queue: no batch API; tags pair drift with CloudFormation' },
    { operation: 'dynamodb:ListTables', calls: 1, why: 'table names, 100 per page (the account has none)' },
  ];
}

/**
 * Calls on the longest chain that cannot overlap: the credentials check, then the deepest of
 * ECS → IAM (clusters, services, descriptions, task definitions, then the role pages), the
 * security group pages, ELB (load balancers, listeners, rules) and Route53 (zones, record pages).
 */
export function criticalPathCalls(shape: AccountShape): number {
  const servicesPerCluster = Math.ceil(shape.services / shape.clusters);
  const ecsThenIam = pages(shape.clusters, 100) + pages(servicesPerCluster, 100) + 1 + 1 + pages(shape.roles, 1000);
  const elb = pages(shape.loadBalancers, 400) + 1 + 1;
  const groups = pages(shape.securityGroups, 1000);
  const dns = pages(shape.zones, 100) + pages(Math.min(500, shape.dnsRecords) + 2, 300);
  return 1 + Math.max(ecsThenIam, elb, groups, dns);
}
