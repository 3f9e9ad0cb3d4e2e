import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { SecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import {
  Cluster,
  ContainerImage,
  ContainerInsights,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
  Secret as EcsSecret,
} from 'aws-cdk-lib/aws-ecs';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';
import { DATABASE_NAME, type Database } from './database.js';
import { RECEIVE_WAIT_SECONDS } from './messaging.js';
import { SUBNETS } from './network.js';
import { DERIVED_PREFIX, UPLOAD_PREFIX } from './storage.js';

export const WEB_PORT = 3000;
export const HEALTH_CHECK_PATH = '/health';
export const UPLOAD_URL_TTL_SECONDS = 300;

const WORKLOAD_NAMES = ['web', 'worker'] as const;
/** One build context and Dockerfile for both images (`SERVICE` build arg); each excludes the other's folder. */
const IMAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'images');

export interface ServicesProps {
  vpc: IVpc;
  bucket: IBucket;
  queue: IQueue;
  database: Database;
  webDesiredCount: number;
  workerDesiredCount: number;
}

interface Grant {
  sid: string;
  actions: string[];
}

interface WorkloadSpec {
  /** Construct id prefix, container name and image directory. */
  name: (typeof WORKLOAD_NAMES)[number];
  description: string;
  /** Task-role access to the job queue. */
  queueAccess: Grant;
  /** Task-role access to objects of the upload bucket, one key prefix per statement. */
  objectAccess: (Grant & { prefix: string })[];
  environment: Record<string, string>;
  desiredCount: number;
  portMappings: { containerPort: number; name: string }[];
}

const ecsTasks = (): ServicePrincipal => new ServicePrincipal('ecs-tasks.amazonaws.com');

/**
 * The ECS cluster and its two Fargate services. Each service has its own task role and security
 * group; both share one execution role (image pull, logs, the database secret at task start).
 */
export class Services extends Construct {
  readonly cluster: Cluster;
  readonly executionRole: Role;
  readonly web: FargateService;
  readonly worker: FargateService;
  readonly webTaskRole: Role;
  readonly workerTaskRole: Role;

  constructor(scope: Construct, id: string, private readonly props: ServicesProps) {
    super(scope, id);
    this.cluster = new Cluster(this, 'Cluster', { vpc: props.vpc, containerInsightsV2: ContainerInsights.ENABLED });
    this.executionRole = new Role(this, 'ExecutionRole', {
      assumedBy: ecsTasks(),
      description: 'ECS agent: pulls the images, writes the logs, reads the database secret at task start',
    });

    const { bucket, queue } = props;
    const sharedEnvironment = {
      STORAGE_BACKEND: 's3',
      UPLOAD_BUCKET: bucket.bucketName,
      JOB_QUEUE_URL: queue.queueUrl,
      DB_HOST: props.database.instance.dbInstanceEndpointAddress,
      DB_PORT: props.database.instance.dbInstanceEndpointPort,
      DB_NAME: DATABASE_NAME,
    };

    ({ service: this.web, taskRole: this.webTaskRole } = this.workload({
      name: 'web',
      description: 'web service: presigns uploads to S3 and enqueues jobs',
      queueAccess: { sid: 'EnqueueJobs', actions: ['sqs:SendMessage'] },
      objectAccess: [{ sid: 'PresignUploads', actions: ['s3:PutObject'], prefix: UPLOAD_PREFIX }],
      environment: { ...sharedEnvironment, PORT: String(WEB_PORT), UPLOAD_URL_TTL_SECONDS: String(UPLOAD_URL_TTL_SECONDS) },
      desiredCount: props.webDesiredCount,
      portMappings: [{ containerPort: WEB_PORT, name: 'http' }],
    }));
    ({ service: this.worker, taskRole: this.workerTaskRole } = this.workload({
      name: 'worker',
      description: 'worker service: consumes upload jobs, records them in Postgres, writes results to S3',
      queueAccess: { sid: 'ConsumeJobs', actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'] },
      objectAccess: [
        { sid: 'ReadUploads', actions: ['s3:GetObject'], prefix: UPLOAD_PREFIX },
        { sid: 'WriteResults', actions: ['s3:PutObject'], prefix: DERIVED_PREFIX },
      ],
      environment: { ...sharedEnvironment, RESULT_PREFIX: DERIVED_PREFIX, RECEIVE_WAIT_SECONDS: String(RECEIVE_WAIT_SECONDS) },
      desiredCount: props.workerDesiredCount,
      portMappings: [],
    }));

    acknowledge(this.executionRole, {
      'AwsSolutions-IAM5[Resource::*]':
        'ecr:GetAuthorizationToken has no resource-level permissions; every other execution-role action is scoped by CDK to the repository, log groups and secret.',
    });
  }

  private workload(spec: WorkloadSpec): { service: FargateService; taskRole: Role } {
    const { name } = spec;
    const taskRole = this.taskRole(spec);

    const taskDefinition = new FargateTaskDefinition(this, `${title(name)}TaskDefinition`, {
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64, operatingSystemFamily: OperatingSystemFamily.LINUX },
      taskRole,
      executionRole: this.executionRole,
    });
    const logGroup = new LogGroup(this, `${title(name)}Logs`, { retention: RetentionDays.ONE_MONTH });
    const { secret } = this.props.database;
    taskDefinition.addContainer(name, {
      containerName: name,
      image: ContainerImage.fromAsset(IMAGES_DIR, {
        buildArgs: { SERVICE: name },
        exclude: WORKLOAD_NAMES.filter((other) => other !== name),
        platform: Platform.LINUX_AMD64,
      }),
      essential: true,
      readonlyRootFilesystem: true,
      environment: spec.environment,
      secrets: {
        DB_USER: EcsSecret.fromSecretsManager(secret, 'username'),
        DB_PASSWORD: EcsSecret.fromSecretsManager(secret, 'password'),
      },
      portMappings: spec.portMappings,
      logging: LogDrivers.awsLogs({ logGroup, streamPrefix: name }),
    });
    acknowledge(taskDefinition, {
      'AwsSolutions-ECS2':
        'The environment holds only resource names (bucket, queue URL, DB host) that the topology tool correlates; credentials come from Secrets Manager as ECS secrets.',
    });

    const securityGroup = new SecurityGroup(this, `${title(name)}SecurityGroup`, {
      vpc: this.props.vpc,
      description: `ECS ${spec.description}`,
      allowAllOutbound: true,
    });
    const service = new FargateService(this, `${title(name)}Service`, {
      cluster: this.cluster,
      taskDefinition,
      desiredCount: spec.desiredCount,
      assignPublicIp: false,
      vpcSubnets: SUBNETS.app,
      securityGroups: [securityGroup],
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
    });
    return { service, taskRole };
  }

  /** One inline policy with exactly the actions the service's code calls. */
  private taskRole(spec: WorkloadSpec): Role {
    const { bucket, queue } = this.props;
    const statements = [
      new PolicyStatement({ ...spec.queueAccess, resources: [queue.queueArn] }),
      ...spec.objectAccess.map(({ prefix, ...grant }) => new PolicyStatement({ ...grant, resources: [bucket.arnForObjects(`${prefix}*`)] })),
    ];
    const role = new Role(this, `${title(spec.name)}TaskRole`, {
      assumedBy: ecsTasks(),
      description: `Task role of the ${spec.description}`,
      inlinePolicies: { [`${spec.name}-runtime`]: new PolicyDocument({ statements }) },
    });
    // cdk-nag names each wildcard finding after the resource as written in the template.
    const bucketLogicalId = Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement);
    const reason = 'Object actions need an object ARN pattern; this one is limited to one key prefix of the upload bucket.';
    acknowledge(
      role,
      Object.fromEntries(spec.objectAccess.map(({ prefix }) => [`AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`, reason])),
    );
    return role;
  }
}

function title(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
