/**
 * The facts of the recorded demo account: every id, ARN and name the wire-format recordings in
 * this folder use. The recordings were written from these values; tests assert against them.
 * aws-core records STS / EC2 / ELBv2 / Route53, aws-data records ECS / RDS / IAM / S3 / SQS.
 *
 * The ids match the hand-built model fixture `test/fixtures/model/shop-account.ts`, so the same
 * account reads the same whichever stage a test starts from.
 */

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const PARTITION = 'aws';

/** The identity `sts:GetCallerIdentity` returns for the demo caller. */
export const CALLER = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/topology-audit/demo-session`,
  userId: 'AROAEXAMPLEDEMO00001:demo-session',
} as const;

export const IDS = {
  vpc: 'vpc-0a1b2c3d4e5f60718',
  subnetPublicA: 'subnet-0aa11bb22cc33dd41',
  subnetPublicB: 'subnet-0aa11bb22cc33dd42',
  subnetPrivateA: 'subnet-0bb11cc22dd33ee51',
  subnetPrivateB: 'subnet-0bb11cc22dd33ee52',
  subnetIsolatedA: 'subnet-0cc11dd22ee33ff61',
  subnetIsolatedB: 'subnet-0cc11dd22ee33ff62',
  /** The VPC's main route table: no default route. Isolated subnets have no explicit association. */
  rtbMain: 'rtb-0main00000000000a',
  rtbPublic: 'rtb-0public000000000',
  rtbPrivate: 'rtb-0aaaabbbbccccdddd',
  igw: 'igw-0123456789abcdef0',
  natGateway: 'nat-0123456789abcdef0',
  sgAlb: 'sg-0a11a11a11a11a111',
  sgWeb: 'sg-0b22b22b22b22b222',
  sgWorker: 'sg-0c33c33c33c33c333',
  sgEndpoints: 'sg-0d44d44d44d44d444',
  sgDb: 'sg-0e55e55e55e55e555',
  vpceSecrets: 'vpce-0123456789abcdef0',
  vpceSqs: 'vpce-0123456789abcdef1',
  vpceS3: 'vpce-0123456789abcdef2',
  /** The public hosted zone `corp.io.`. */
  zone: 'Z0ABCDEF123456789XYZ',
  /** The ALB's canonical hosted zone in us-east-1 (an AWS-owned zone, the same for every account). */
  albCanonicalZone: 'Z35SXDOTRQ7X7K',
} as const;

export const ARNS = {
  alb: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shop-edge-alb/50dc6c495c0c9188`,
  listenerHttps: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/shop-edge-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  listenerHttp: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/shop-edge-alb/50dc6c495c0c9188/0467ef3c8400ae65`,
  ruleHttpsDefault: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener-rule/app/shop-edge-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`,
  ruleHttpDefault: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener-rule/app/shop-edge-alb/50dc6c495c0c9188/0467ef3c8400ae65/1c3a5e7f9b2d4c6e`,
  targetGroup: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/shop-web-tg/73e2d6bc24d8a067`,
  certificate: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/12345678-90ab-cdef-1234-567890abcdef`,
  cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/shop`,
  webService: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/shop/shop-web`,
  workerService: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/shop/shop-worker`,
  webTaskDef: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/shop-web:42`,
  workerTaskDef: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/shop-worker:17`,
  webTaskRole: `arn:aws:iam::${ACCOUNT}:role/application/shop-web-task`,
  workerTaskRole: `arn:aws:iam::${ACCOUNT}:role/application/shop-worker-task`,
  executionRole: `arn:aws:iam::${ACCOUNT}:role/application/shop-ecs-execution`,
  webPolicy: `arn:aws:iam::${ACCOUNT}:policy/application/shop-web-uploads`,
  workerPolicy: `arn:aws:iam::${ACCOUNT}:policy/application/shop-worker-media`,
  executionPolicy: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
  db: `arn:aws:rds:${REGION}:${ACCOUNT}:db:shop-db`,
  dbSecret: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:shop/db-credentials-AbCdEf`,
  bucket: 'arn:aws:s3:::shop-media-uploads-123456789012',
  queue: `arn:aws:sqs:${REGION}:${ACCOUNT}:shop-jobs`,
  ordersTable: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/shop-orders`,
  dlq: `arn:aws:sqs:${REGION}:${ACCOUNT}:shop-jobs-dlq`,
} as const;

export const NAMES = {
  vpc: 'shop-vpc',
  alb: 'shop-edge-alb',
  targetGroup: 'shop-web-tg',
  /** As ELBv2 returns it: lower case, no trailing dot. */
  albDns: 'shop-edge-alb-1234567890.us-east-1.elb.amazonaws.com',
  /** As Route53 returns the alias target: `dualstack.` prefix and trailing dot. */
  albAliasTarget: 'dualstack.shop-edge-alb-1234567890.us-east-1.elb.amazonaws.com.',
  cluster: 'shop',
  webService: 'shop-web',
  workerService: 'shop-worker',
  webTaskRole: 'shop-web-task',
  workerTaskRole: 'shop-worker-task',
  executionRole: 'shop-ecs-execution',
  rolePath: '/application/',
  db: 'shop-db',
  dbEndpoint: 'shop-db.c9akciq32.us-east-1.rds.amazonaws.com',
  bucket: 'shop-media-uploads-123456789012',
  queue: 'shop-jobs',
  dlq: 'shop-jobs-dlq',
  queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/shop-jobs`,
  dlqUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/shop-jobs-dlq`,
  /** Hosted zone and record names as Route53 returns them: fully qualified, trailing dot. */
  zone: 'corp.io.',
  record: 'www.corp.io.',
} as const;
