import { type DbCluster, type DbInstance } from '../../model/index.js';
import { securityGroupsCell, text, lines } from './cells.js';
import { EMPTY_CELL, type TableSpec, type ViewContext } from './context.js';

export const rdsTable: TableSpec = {
  id: 'rds',
  title: 'RDS',
  columns: ['Identifier', 'Kind', 'Engine', 'Status', 'Endpoint', 'Port', 'VPC', 'Security Groups', 'Public', 'Multi-AZ', 'Encrypted'],
  needs: ['databases', 'securityGroups'],
  rows: rdsRows,
};

function engineLabel(db: DbInstance | DbCluster): string {
  return db.engineVersion ? `${db.engine} ${db.engineVersion}` : db.engine;
}

function rdsRows({ topology, index }: ViewContext): string[][] {
  const instances = topology.inventory.dbInstances.map((db) => [
    db.identifier,
    db.clusterIdentifier ? `instance (cluster ${db.clusterIdentifier})` : 'instance',
    engineLabel(db),
    text(db.status),
    text(db.endpoint?.address),
    text(db.endpoint?.port ?? db.port),
    text(db.vpcId),
    securityGroupsCell(index, db.securityGroupIds),
    String(db.publiclyAccessible),
    String(db.multiAz),
    String(db.storageEncrypted),
  ]);
  const clusters = topology.inventory.dbClusters.map((cluster) => [
    cluster.identifier,
    'cluster',
    engineLabel(cluster),
    text(cluster.status),
    lines([cluster.endpoint, cluster.readerEndpoint === undefined ? undefined : `reader ${cluster.readerEndpoint}`]),
    text(cluster.port),
    EMPTY_CELL,
    securityGroupsCell(index, cluster.securityGroupIds),
    EMPTY_CELL,
    String(cluster.multiAz),
    String(cluster.storageEncrypted),
  ]);
  return [...instances, ...clusters];
}
