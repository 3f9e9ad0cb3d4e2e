import type { ContinuousBackupsDescription, TableDescription } from '@aws-sdk/client-dynamodb';
import type { DynamoTable, Inventory } from '../../model/index.js';
import { listAll, type CollectContext } from './context.js';
import { sdkPackage } from './sdk-packages.js';

const {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  paginateListTables,
} = sdkPackage('@aws-sdk/client-dynamodb');
type DynamoDBClient = InstanceType<typeof DynamoDBClient>;

/**
 * DynamoDB: ListTables (pages of 100 names), then per table DescribeTable and
 * DescribeContinuousBackups (point-in-time recovery). A table whose description could not be read
 * is left out (its ARN and settings are unknown); a table whose backups could not be read keeps
 * `pointInTimeRecovery` unset, so no rule judges it. Both denied calls stay in coverage, named
 * with the table.
 */

/** ListTables' largest page. */
const LIST_TABLES_PAGE = 100;

/** A scoped walk (scoped-walk.ts) describes only the tables it is told to (by name); the listing itself is a page per 100. */
export async function collectDynamoDb(ctx: CollectContext, wanted?: (name: string) => boolean): Promise<Partial<Inventory>> {
  const client = new DynamoDBClient(ctx.clientConfig);
  const listed = await listAll(
    ctx,
    'dynamodb:ListTables',
    () => paginateListTables({ client, pageSize: LIST_TABLES_PAGE }, {}),
    (page) => page.TableNames,
  );
  if (!listed.ok) return { dynamoTables: [] };
  const tables = await Promise.all(listed.value.filter((name) => wanted === undefined || wanted(name)).map((name) => describeTable(ctx, client, name)));
  return { dynamoTables: tables.flatMap((table) => (table ? [table] : [])) };
}

async function describeTable(ctx: CollectContext, client: DynamoDBClient, name: string): Promise<DynamoTable | undefined> {
  const [description, backups] = await Promise.all([
    ctx.call('dynamodb:DescribeTable', async () => (await client.send(new DescribeTableCommand({ TableName: name }))).Table, name),
    ctx.call(
      'dynamodb:DescribeContinuousBackups',
      async () => (await client.send(new DescribeContinuousBackupsCommand({ TableName: name }))).ContinuousBackupsDescription,
      name,
    ),
  ]);
  if (!description.ok || description.value === undefined) return undefined;
  return toDynamoTable(description.value, backups.ok ? backups.value : undefined, ctx.region);
}

// ---------------------------------------------------------------- transforms

export function toDynamoTable(table: TableDescription, backups: ContinuousBackupsDescription | undefined, region: string): DynamoTable {
  const pitr = backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
  const stream = table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined;
  const replicas = (table.Replicas ?? []).map((replica) => replica.RegionName).filter((r): r is string => r !== undefined);
  return {
    name: table.TableName ?? '',
    arn: table.TableArn ?? '',
    region,
    ...(table.TableStatus === undefined ? {} : { status: table.TableStatus }),
    // A table created without a billing mode, and never switched, has no BillingModeSummary: provisioned.
    billingMode: table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    encryption: toEncryption(table),
    deletionProtection: table.DeletionProtectionEnabled ?? false,
    ...(pitr === undefined ? {} : { pointInTimeRecovery: pitr === 'ENABLED' }),
    ...(stream === undefined ? {} : { streamViewType: stream }),
    replicaRegions: [...new Set([region, ...replicas])].sort(),
  };
}

/** No SSEDescription: the key AWS owns (the default). `KMS`: the AWS-managed or a customer key. */
function toEncryption(table: TableDescription): DynamoTable['encryption'] {
  const sse = table.SSEDescription;
  if (sse === undefined || sse.Status === 'DISABLED' || sse.SSEType !== 'KMS') return { kind: 'aws-owned' };
  return { kind: 'kms', ...(sse.KMSMasterKeyArn === undefined ? {} : { kmsKeyId: sse.KMSMasterKeyArn }) };
}
