import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  type IConnectable,
  InterfaceVpcEndpointAwsService,
  IpAddresses,
  Port,
  SecurityGroup,
  type SubnetSelection,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Subnet tiers: the ALB in `Public`, the ECS tasks and endpoints in `App`, the database in `Data`. */
export const SUBNETS = {
  public: { subnetGroupName: 'Public' },
  app: { subnetGroupName: 'App' },
  data: { subnetGroupName: 'Data' },
} as const satisfies Record<string, SubnetSelection>;

/**
 * The AWS APIs the tasks call, reached through interface endpoints so they keep working with no
 * NAT gateway: image pulls (ECR api + dkr, layers via the S3 gateway), logs, the database secret
 * at task start, and the job queue.
 */
const INTERFACE_ENDPOINTS = {
  EcrApi: InterfaceVpcEndpointAwsService.ECR,
  EcrDocker: InterfaceVpcEndpointAwsService.ECR_DOCKER,
  Logs: InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  SecretsManager: InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  Sqs: InterfaceVpcEndpointAwsService.SQS,
} as const;

export interface NetworkProps {
  natGateways: number;
  /** Receives the VPC flow logs. */
  logBucket: IBucket;
}

export class Network extends Construct {
  readonly vpc: Vpc;
  /** Shared by every interface endpoint; admits HTTPS only from the groups given to `allowEndpointsFrom`. */
  readonly endpointSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.40.0.0/16'),
      maxAzs: 2,
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: SUBNETS.public.subnetGroupName, subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: SUBNETS.app.subnetGroupName, subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: SUBNETS.data.subnetGroupName, subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toS3(props.logBucket, 'vpc-flow-logs/'),
      trafficType: FlowLogTrafficType.ALL,
    });

    this.vpc.addGatewayEndpoint('S3', { service: GatewayVpcEndpointAwsService.S3, subnets: [SUBNETS.app] });
    this.endpointSecurityGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface VPC endpoints: HTTPS from the ECS services only',
      allowAllOutbound: false,
    });
    for (const [name, service] of Object.entries(INTERFACE_ENDPOINTS)) {
      this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: SUBNETS.app,
        securityGroups: [this.endpointSecurityGroup],
        privateDnsEnabled: true,
        open: false,
      });
    }
  }

  allowEndpointsFrom(peer: IConnectable, description: string): void {
    this.endpointSecurityGroup.connections.allowFrom(peer, Port.tcp(443), description);
  }
}
