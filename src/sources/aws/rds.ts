import type { DBCluster as SdkDbCluster, DBInstance as SdkDbInstance, VpcSecurityGroupMembership } from '@aws-sdk/client-rds';
import type { DbCluster, DbInstance, Inventory } from '../../model/index.js';
import { listAll, tagMap, type CollectContext } from './context.js';
import { sdkPackage } from './sdk-packages.js';

const { paginateDescribeDBClusters, paginateDescribeDBInstances, RDSClient } = sdkPackage('@aws-sdk/client-rds');

/** RDS: DB instances (including Aurora members) and DB clusters, two paginated walks. */

const MAX_RECORDS = 100;

export async function collectRds(ctx: CollectContext): Promise<Partial<Inventory>> {
  const client = new RDSClient(ctx.clientConfig);
  const [instances, clusters] = await Promise.all([
    listAll(ctx, 'rds:DescribeDBInstances', () => paginateDescribeDBInstances({ client, pageSize: MAX_RECORDS }, {}), (p) => p.DBInstances),
    listAll(ctx, 'rds:DescribeDBClusters', () => paginateDescribeDBClusters({ client, pageSize: MAX_RECORDS }, {}), (p) => p.DBClusters),
  ]);
  return {
    dbInstances: instances.ok ? instances.value.map((i) => toDbInstance(i, ctx.region)) : [],
    dbClusters: clusters.ok ? clusters.value.map((c) => toDbCluster(c, ctx.region)) : [],
  };
}

// ---------------------------------------------------------------- transforms

export function toDbInstance(instance: SdkDbInstance, region: string): DbInstance {
  const endpoint =
    instance.Endpoint?.Address !== undefined
      ? { address: instance.Endpoint.Address, port: instance.Endpoint.Port ?? 0 }
      : undefined;
  // DbInstancePort is 0 for instances that are not Aurora members; the endpoint knows the port.
  const port = instance.Endpoint?.Port ?? (instance.DbInstancePort ? instance.DbInstancePort : undefined);
  return {
    arn: instance.DBInstanceArn ?? '',
    identifier: instance.DBInstanceIdentifier ?? '',
    region,
    engine: instance.Engine ?? '',
    engineVersion: instance.EngineVersion,
    instanceClass: instance.DBInstanceClass,
    status: instance.DBInstanceStatus,
    endpoint,
    port,
    vpcId: instance.DBSubnetGroup?.VpcId,
    subnetIds: (instance.DBSubnetGroup?.Subnets ?? []).flatMap((s) => (s.SubnetIdentifier ? [s.SubnetIdentifier] : [])),
    securityGroupIds: securityGroupIds(instance.VpcSecurityGroups),
    publiclyAccessible: instance.PubliclyAccessible ?? false,
    multiAz: instance.MultiAZ ?? false,
    storageEncrypted: instance.StorageEncrypted ?? false,
    deletionProtection: instance.DeletionProtection ?? false,
    clusterIdentifier: instance.DBClusterIdentifier,
    tags: tagMap(instance.TagList),
  };
}

export function toDbCluster(cluster: SdkDbCluster, region: string): DbCluster {
  return {
    arn: cluster.DBClusterArn ?? '',
    identifier: cluster.DBClusterIdentifier ?? '',
    region,
    engine: cluster.Engine ?? '',
    engineVersion: cluster.EngineVersion,
    status: cluster.Status,
    endpoint: cluster.Endpoint,
    readerEndpoint: cluster.ReaderEndpoint,
    port: cluster.Port,
    securityGroupIds: securityGroupIds(cluster.VpcSecurityGroups),
    multiAz: cluster.MultiAZ ?? false,
    storageEncrypted: cluster.StorageEncrypted ?? false,
    deletionProtection: cluster.DeletionProtection ?? false,
    memberInstanceIds: (cluster.DBClusterMembers ?? []).flatMap((m) => (m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [])),
    tags: tagMap(cluster.TagList),
  };
}

function securityGroupIds(memberships: VpcSecurityGroupMembership[] | undefined): string[] {
  return (memberships ?? []).flatMap((m) => (m.VpcSecurityGroupId ? [m.VpcSecurityGroupId] : []));
}

