import { Duration } from 'aws-cdk-lib';
import { InstanceClass, InstanceSize, InstanceType, Port, SecurityGroup, type ISecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  CaCertificate,
  Credentials,
  DatabaseInstance,
  DatabaseInstanceEngine,
  PostgresEngineVersion,
  StorageType,
} from 'aws-cdk-lib/aws-rds';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';
import { SUBNETS } from './network.js';

export const DATABASE_NAME = 'uploads';
export const DATABASE_PORT = 5432;

export interface DatabaseProps {
  vpc: IVpc;
  multiAz: boolean;
  deletionProtection: boolean;
}

export class Database extends Construct {
  readonly instance: DatabaseInstance;
  readonly securityGroup: SecurityGroup;
  /** Generated credentials (`username`, `password`, `host`...), injected into the tasks as ECS secrets. */
  readonly secret: ISecret;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'PostgreSQL: 5432 from the web and worker services only',
      allowAllOutbound: false,
    });
    this.instance = new DatabaseInstance(this, 'Instance', {
      engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_17 }),
      instanceType: InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO),
      vpc: props.vpc,
      vpcSubnets: SUBNETS.data,
      securityGroups: [this.securityGroup],
      port: DATABASE_PORT,
      databaseName: DATABASE_NAME,
      credentials: Credentials.fromGeneratedSecret('uploads_app'),
      storageEncrypted: true,
      storageType: StorageType.GP3,
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      caCertificate: CaCertificate.RDS_CA_RSA2048_G1,
      publiclyAccessible: false,
      multiAz: props.multiAz,
      deletionProtection: props.deletionProtection,
      backupRetention: Duration.days(7),
      autoMinorVersionUpgrade: true,
    });
    this.secret = this.instance.secret!;
    acknowledge(this.instance, {
      'AwsSolutions-RDS11':
        'The standard port is kept on purpose: the security group, not the port number, is the boundary (5432 from the two service groups only).',
    });
    if (!props.multiAz) {
      acknowledge(this.instance, {
        'AwsSolutions-RDS3': 'Single-AZ by default to keep the reference stack cheap; set context databaseMultiAz=true for production.',
      });
    }
    if (!props.deletionProtection) {
      acknowledge(this.instance, {
        'AwsSolutions-RDS10':
          'Off by default so `cdk destroy` removes the reference stack (a final snapshot is still taken); set context databaseDeletionProtection=true to keep it.',
      });
    }
    // `instance.secret` is the attachment; the secret itself sits under the instance.
    acknowledge(this.instance, {
      'AwsSolutions-SMG4':
        'ECS injects the password once at task start; rotating it would break the running tasks until they are replaced. Rotation is left to the operator (see README).',
    });
  }

  allowFrom(group: ISecurityGroup, description: string): void {
    this.securityGroup.addIngressRule(group, Port.tcp(DATABASE_PORT), description);
  }
}
