import type { DynamoTable } from '../../../model/index.js';
import type { ResourceSet, TemplateResource } from '../resources.js';
import { asBoolean, asRecord, asRecords, asString, type JsonRecord } from '../values.js';

/**
 * `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` (one table in the stack's region; its
 * replicas' regions listed). What a template leaves out is what CloudFormation defaults to:
 * provisioned capacity, a key AWS owns, no deletion protection, no point-in-time recovery.
 */
export function mapDynamoDb(set: ResourceSet): { dynamoTables: DynamoTable[] } {
  const tables = set.ofType('AWS::DynamoDB::Table').map((table) => tableOf(table, table.properties, [table.env.region]));
  const globals = set.ofType('AWS::DynamoDB::GlobalTable').map((table) => {
    const replicas = asRecords(table.properties.Replicas);
    const here = replicas.find((replica) => asString(replica.Region) === table.env.region) ?? replicas[0] ?? {};
    const regions = replicas.map((replica) => asString(replica.Region)).filter((region): region is string => region !== undefined);
    return tableOf(table, { ...table.properties, ...here }, regions.length === 0 ? [table.env.region] : regions);
  });
  return { dynamoTables: [...tables, ...globals] };
}

function tableOf(table: TemplateResource, p: JsonRecord, replicaRegions: string[]): DynamoTable {
  const name = asString(p.TableName) ?? table.displayName;
  const streamViewType = asString(asRecord(p.StreamSpecification)?.StreamViewType);
  return {
    name,
    arn: asString(table.attribute('Arn')) ?? `arn:${table.env.partition}:dynamodb:${table.env.region}:${table.env.accountId}:table/${name}`,
    region: table.env.region,
    billingMode: asString(p.BillingMode) === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    encryption: encryptionOf(asRecord(p.SSESpecification)),
    deletionProtection: asBoolean(p.DeletionProtectionEnabled) ?? false,
    pointInTimeRecovery: asBoolean(asRecord(p.PointInTimeRecoverySpecification)?.PointInTimeRecoveryEnabled) ?? false,
    ...(streamViewType === undefined ? {} : { streamViewType }),
    replicaRegions: [...new Set([table.env.region, ...replicaRegions])].sort(),
  };
}

/** `SSEEnabled: true` without a key: the AWS-managed key `alias/aws/dynamodb`. A global table's replica names its key in `ReplicaSSESpecification`. */
function encryptionOf(sse: JsonRecord | undefined): DynamoTable['encryption'] {
  if (asBoolean(sse?.SSEEnabled) !== true) return { kind: 'aws-owned' };
  const kmsKeyId = asString(sse?.KMSMasterKeyId);
  return { kind: 'kms', kmsKeyId: kmsKeyId ?? 'alias/aws/dynamodb' };
}
