import { describe, expect, it } from 'vitest';
import { toDynamoTable } from '../../../src/sources/aws/dynamodb.js';
import { ARNS, shopInventory } from '../../fixtures/model/shop-account.js';
import { AwsFake, collect } from '../../support/aws-fake.js';

describe('collectDynamoDb over the recorded account', () => {
  it('reads the tables as the shop fixture has them', async () => {
    const inventory = await collect(await AwsFake.recorded());
    expect(inventory.dynamoTables).toEqual(shopInventory().dynamoTables);
  });

  it('keeps a table whose backups are denied, point-in-time recovery unknown, and names the table in coverage', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('dynamodb', 'DescribeContinuousBackups', 'AccessDeniedException');
    const inventory = await collect(fake);
    expect(inventory.dynamoTables.map((t) => [t.name, t.pointInTimeRecovery])).toEqual([['shop-orders', undefined]]);
    expect(inventory.coverage.find((c) => c.service === 'dynamodb')?.missing).toEqual([
      { action: 'dynamodb:DescribeContinuousBackups', reason: 'denied', code: 'AccessDeniedException', resource: 'shop-orders' },
    ]);
  });

  it('leaves out a table it could not describe', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('dynamodb', 'DescribeTable', 'AccessDeniedException');
    expect((await collect(fake)).dynamoTables).toEqual([]);
  });
});

describe('toDynamoTable', () => {
  it('reads a KMS key, a stream and the replicas of a global table; no billing summary is provisioned', () => {
    expect(
      toDynamoTable(
        {
          TableName: 'orders',
          TableArn: ARNS.ordersTable,
          SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k1' },
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
          Replicas: [{ RegionName: 'eu-west-1' }, { RegionName: 'us-east-1' }],
        },
        undefined,
        'us-east-1',
      ),
    ).toEqual({
      name: 'orders',
      arn: ARNS.ordersTable,
      region: 'us-east-1',
      billingMode: 'PROVISIONED',
      encryption: { kind: 'kms', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1' },
      deletionProtection: false,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      replicaRegions: ['eu-west-1', 'us-east-1'],
    });
  });
});
