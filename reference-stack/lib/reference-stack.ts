import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';
import type { ReferenceStackConfig } from './config.js';
import { Database } from './database.js';
import { Edge } from './edge.js';
import { JobQueues } from './messaging.js';
import { Network } from './network.js';
import { Services } from './services.js';
import { Storage, UPLOAD_PREFIX } from './storage.js';

export const REFERENCE_STACK_NAME = 'TopologyReference';

export interface ReferenceStackProps extends StackProps {
  config: ReferenceStackConfig;
}

/**
 * The upload pipeline the topology tool is built to audit: Route53 → ALB → web (Fargate) →
 * presigned PUT to S3 → ObjectCreated → SQS → worker (Fargate) → Postgres and S3.
 *
 * Environment-agnostic on purpose: one synthesized template deploys to any account and region,
 * and synthesis never needs credentials or lookups (the VPC takes two AZs via Fn::GetAZs).
 */
export class ReferenceStack extends Stack {
  readonly edge: Edge;
  readonly services: Services;

  constructor(scope: Construct, id: string, props: ReferenceStackProps) {
    super(scope, id, {
      description: 'topology reference stack: ALB -> ECS web -> S3/SQS -> ECS worker -> RDS PostgreSQL',
      ...props,
    });
    const { config } = props;

    const storage = new Storage(this, 'Storage', {
      uploadOrigin: config.domain ? `https://${config.domain.recordName}` : '*',
    });
    const network = new Network(this, 'Network', { natGateways: config.natGateways, logBucket: storage.logBucket });
    const database = new Database(this, 'Database', {
      vpc: network.vpc,
      multiAz: config.databaseMultiAz,
      deletionProtection: config.databaseDeletionProtection,
    });
    const queues = new JobQueues(this, 'Messaging');
    queues.notifyOnObjectCreated(storage.uploadBucket, UPLOAD_PREFIX);
    this.acknowledgeNotificationHandler();

    this.services = new Services(this, 'Services', {
      vpc: network.vpc,
      bucket: storage.uploadBucket,
      queue: queues.queue,
      database,
      webDesiredCount: config.webDesiredCount,
      workerDesiredCount: config.workerDesiredCount,
    });
    for (const [name, service] of Object.entries({ web: this.services.web, worker: this.services.worker })) {
      const [group] = service.connections.securityGroups;
      database.allowFrom(group!, `PostgreSQL from the ${name} service`);
      network.allowEndpointsFrom(group!, `HTTPS to AWS APIs from the ${name} service`);
    }

    this.edge = new Edge(this, 'Edge', { vpc: network.vpc, web: this.services.web, domain: config.domain });

    new CfnOutput(this, 'LoadBalancerDns', { value: this.edge.loadBalancer.loadBalancerDnsName });
    new CfnOutput(this, 'Url', {
      value: config.domain ? `https://${config.domain.recordName}` : `http://${this.edge.loadBalancer.loadBalancerDnsName}`,
    });
    new CfnOutput(this, 'UploadBucketName', { value: storage.uploadBucket.bucketName });
    new CfnOutput(this, 'JobQueueUrl', { value: queues.queue.queueUrl });
  }

  /** CDK's own handler that writes the bucket's notification configuration during deployment. */
  private acknowledgeNotificationHandler(): void {
    const handler = this.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
    if (!handler) throw new Error('reference stack: CDK did not create the bucket notifications handler');
    acknowledge(handler, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'CDK-provided deployment-time handler for bucket notifications; the managed policy only lets it write its own logs.',
    });
  }
}
