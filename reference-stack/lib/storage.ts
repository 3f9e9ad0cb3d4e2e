import { Duration } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Key prefixes: clients upload under `uploads/`, the worker writes under `derived/`. */
export const UPLOAD_PREFIX = 'uploads/';
export const DERIVED_PREFIX = 'derived/';

const PRIVATE_BUCKET = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  encryption: BucketEncryption.S3_MANAGED,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
} as const;

export interface StorageProps {
  /** Browser origin allowed to PUT with a presigned URL; `*` in HTTP-only mode. */
  uploadOrigin: string;
}

export class Storage extends Construct {
  /** Server access logs of the uploads bucket and the VPC flow logs. */
  readonly logBucket: Bucket;
  readonly uploadBucket: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.logBucket = new Bucket(this, 'LogBucket', {
      ...PRIVATE_BUCKET,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(90) }],
    });

    this.uploadBucket = new Bucket(this, 'UploadBucket', {
      ...PRIVATE_BUCKET,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'uploads-access/',
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: [props.uploadOrigin],
          allowedHeaders: ['content-type'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
  }
}
