import { ref, type InventoryIndex, type NodeRef } from '../model/index.js';

/** A standalone RDS instance or an Aurora cluster: the unit whose settings a reviewer judges. */
export interface Database {
  node: NodeRef;
  name: string;
  port: number | undefined;
  securityGroupIds: string[];
  storageEncrypted: boolean;
  multiAz: boolean;
  deletionProtection: boolean;
}

/** Aurora member instances are judged through their cluster, which holds these settings. */
export function databases(index: InventoryIndex): Database[] {
  const clusterIds = new Set([...index.dbClusters.values()].map((cluster) => cluster.identifier));
  const standalone = [...index.dbInstances.values()].filter(
    (db) => db.clusterIdentifier === undefined || !clusterIds.has(db.clusterIdentifier),
  );
  return [
    ...standalone.map((db) => ({
      node: ref('db-instance', db.arn),
      name: db.identifier,
      port: db.endpoint?.port ?? db.port,
      securityGroupIds: db.securityGroupIds,
      storageEncrypted: db.storageEncrypted,
      multiAz: db.multiAz,
      deletionProtection: db.deletionProtection,
    })),
    ...[...index.dbClusters.values()].map((cluster) => ({
      node: ref('db-cluster', cluster.arn),
      name: cluster.identifier,
      port: cluster.port,
      securityGroupIds: cluster.securityGroupIds,
      storageEncrypted: cluster.storageEncrypted,
      multiAz: cluster.multiAz,
      deletionProtection: cluster.deletionProtection,
    })),
  ];
}
