import { describe, expect, it } from 'vitest';
import { collectRds } from '../../../src/sources/aws/rds.js';
import { ARNS, IDS, NAMES, REGION } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';
import { shopInventory } from '../../fixtures/model/shop-account.js';
import { AURORA, DESCRIBE_DB_CLUSTERS_AURORA, DESCRIBE_DB_INSTANCES_AURORA } from '../../fixtures/aws/rds-aurora.js';

async function collect(fake: AwsFake) {
  const { ctx, recorder } = contextFor(fake, 'rds');
  return { inventory: await collectRds(ctx), coverage: recorder.result() };
}

describe('collectRds over the recorded account', () => {
  it('maps shop-db: endpoint, subnets from its subnet group, SG, encryption, single-AZ', async () => {
    const fake = await AwsFake.recorded();
    const { inventory, coverage } = await collect(fake);
    expect(inventory.dbInstances).toEqual(shopInventory().dbInstances);
    expect(inventory.dbInstances?.map((d) => [d.arn, d.endpoint?.address, d.port, d.securityGroupIds, d.subnetIds, d.multiAz, d.storageEncrypted])).toEqual([
      [ARNS.db, NAMES.dbEndpoint, 5432, [IDS.sgDb], [IDS.subnetIsolatedA, IDS.subnetIsolatedB], false, true],
    ]);
    expect(inventory.dbClusters).toEqual([]);
    expect(coverage.status).toBe('ok');
    expect(fake.calls('rds').map((r) => [r.operation, r.params.MaxRecords])).toEqual(
      expect.arrayContaining([
        ['DescribeDBInstances', '100'],
        ['DescribeDBClusters', '100'],
      ]),
    );
  });
});

describe('collectRds with an Aurora cluster', () => {
  it('maps the cluster with its endpoints, members and tags, and links each instance to it', async () => {
    const fake = new AwsFake();
    fake.reply('rds', 'DescribeDBClusters', DESCRIBE_DB_CLUSTERS_AURORA);
    fake.reply('rds', 'DescribeDBInstances', DESCRIBE_DB_INSTANCES_AURORA);
    const { inventory } = await collect(fake);
    expect(inventory.dbClusters).toEqual([
      {
        arn: AURORA.clusterArn,
        identifier: 'orders-aurora',
        region: REGION,
        engine: 'aurora-postgresql',
        engineVersion: '16.4',
        status: 'available',
        endpoint: AURORA.endpoint,
        readerEndpoint: AURORA.readerEndpoint,
        port: 5432,
        securityGroupIds: [AURORA.securityGroup],
        multiAz: true,
        storageEncrypted: true,
        deletionProtection: true,
        memberInstanceIds: ['orders-aurora-1', 'orders-aurora-2'],
        tags: { team: 'orders', 'cost-center': 'cc-4410' },
      },
    ]);
    expect(inventory.dbInstances?.map((i) => [i.identifier, i.clusterIdentifier, i.endpoint?.address, i.port, i.instanceClass])).toEqual([
      ['orders-aurora-1', 'orders-aurora', AURORA.writerEndpoint, 5432, 'db.r7g.large'],
      ['orders-aurora-2', 'orders-aurora', AURORA.readerInstanceEndpoint, 5432, 'db.r7g.large'],
    ]);
    expect(inventory.dbInstances?.[1]?.subnetIds).toEqual([...AURORA.subnets]);
  });

  it('follows the Marker across DescribeDBInstances pages', async () => {
    const fake = new AwsFake();
    fake.reply('rds', 'DescribeDBClusters', DESCRIBE_DB_CLUSTERS_AURORA);
    const [first, second] = DESCRIBE_DB_INSTANCES_AURORA.split('</DBInstance>');
    fake.reply('rds', 'DescribeDBInstances', `${first}</DBInstance></DBInstances><Marker>bWFya2VyLTI=</Marker>`);
    fake.reply('rds', 'DescribeDBInstances', `<DBInstances>${second}</DBInstance></DBInstances>`, { match: { params: { Marker: 'bWFya2VyLTI=' } } });
    const { inventory } = await collect(fake);
    expect(fake.calls('rds', 'DescribeDBInstances').map((r) => r.params.Marker)).toEqual([undefined, 'bWFya2VyLTI=']);
    expect(inventory.dbInstances?.map((i) => i.arn)).toEqual([AURORA.writerArn, AURORA.readerArn]);
  });

  it('keeps the instances when DescribeDBClusters is denied, and records the gap', async () => {
    const fake = new AwsFake();
    fake.fail('rds', 'DescribeDBClusters', 'AccessDenied');
    fake.reply('rds', 'DescribeDBInstances', DESCRIBE_DB_INSTANCES_AURORA);
    const { inventory, coverage } = await collect(fake);
    expect(inventory.dbInstances).toHaveLength(2);
    expect(inventory.dbClusters).toEqual([]);
    expect(coverage).toEqual({
      service: 'rds',
      region: REGION,
      status: 'denied',
      missing: [{ action: 'rds:DescribeDBClusters', reason: 'denied', code: 'AccessDenied' }],
    });
  });
});
