import type { DbCluster, DbInstance } from '../../../model/index.js';
import { databasePort } from '../identity.js';
import type { ResourceSet, TemplateResource } from '../resources.js';
import { asBoolean, asString, asStrings } from '../values.js';
import { vpcOfSubnets } from './network.js';

export interface RdsInventory {
  dbInstances: DbInstance[];
  dbClusters: DbCluster[];
}

/** `databasePort` reads properties through an identity subject; resolved properties serve as one. */
function portOf(resource: TemplateResource): number | undefined {
  return databasePort({ ...resource, property: (name) => resource.properties[name] });
}

/** What a read replica takes from its source DB instance. */
const REPLICA_INHERITS = ['Engine', 'EngineVersion', 'Port', 'StorageEncrypted', 'KmsKeyId', 'DBSubnetGroupName', 'VPCSecurityGroups'];

function inherited(source: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(REPLICA_INHERITS.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
}

export function mapRds(set: ResourceSet): RdsInventory {
  const clusters = set.ofType('AWS::RDS::DBCluster');
  const instances = set.ofType('AWS::RDS::DBInstance');
  const clusterById = new Map(clusters.map((cluster) => [cluster.id, cluster]));
  const subnetsOfGroup = new Map(set.ofType('AWS::RDS::DBSubnetGroup').map((group) => [group.id, asStrings(group.properties.SubnetIds)]));
  const vpcOf = vpcOfSubnets(set);

  const instanceById = new Map(instances.map((instance) => [instance.id, instance]));
  /** A read replica's source, named by identifier or ARN. */
  const sourceOf = (instance: TemplateResource): TemplateResource | undefined => {
    const named = asString(instance.properties.SourceDBInstanceIdentifier)?.toLowerCase();
    if (named === undefined) return undefined;
    return instanceById.get(named) ?? instanceById.get(named.slice(named.lastIndexOf(':db:') + ':db:'.length));
  };
  /** A read replica inherits engine, version, port and encryption from its source (up a chain of replicas) unless it sets them. */
  const effective = (instance: TemplateResource, seen = new Set<TemplateResource>()): Record<string, unknown> => {
    const source = sourceOf(instance);
    if (source === undefined || seen.has(instance)) return instance.properties;
    seen.add(instance);
    return { ...inherited(effective(source, seen)), ...instance.properties };
  };

  const dbInstances = instances.map((instance): DbInstance => {
    const p = effective(instance);
    const clusterIdentifier = asString(p.DBClusterIdentifier)?.toLowerCase();
    // Aurora members take their network and encryption settings from the cluster.
    const clusterResource = clusterIdentifier === undefined ? undefined : clusterById.get(clusterIdentifier);
    const cluster = clusterResource?.properties;
    const subnetIds = subnetsOfGroup.get((asString(p.DBSubnetGroupName ?? cluster?.DBSubnetGroupName) ?? '').toLowerCase()) ?? [];
    const vpcId = vpcOf(subnetIds);
    const address = asString(instance.attribute('Endpoint.Address'));
    const port = portOf({ ...instance, properties: p }) ?? (clusterResource === undefined ? undefined : portOf(clusterResource));
    const engineVersion = asString(p.EngineVersion ?? cluster?.EngineVersion);
    const instanceClass = asString(p.DBInstanceClass);
    return {
      arn: asString(instance.attribute('DBInstanceArn')) ?? instance.id,
      identifier: instance.id,
      region: instance.env.region,
      engine: (asString(p.Engine ?? cluster?.Engine) ?? '').toLowerCase(),
      ...(engineVersion === undefined ? {} : { engineVersion }),
      ...(instanceClass === undefined ? {} : { instanceClass }),
      ...(address === undefined || port === undefined ? {} : { endpoint: { address, port } }),
      ...(port === undefined ? {} : { port }),
      ...(vpcId === undefined ? {} : { vpcId }),
      subnetIds,
      securityGroupIds: asStrings(p.VPCSecurityGroups ?? cluster?.VpcSecurityGroupIds),
      publiclyAccessible: asBoolean(p.PubliclyAccessible) ?? false,
      multiAz: asBoolean(p.MultiAZ) ?? false,
      storageEncrypted: asBoolean(p.StorageEncrypted ?? cluster?.StorageEncrypted) ?? false,
      deletionProtection: asBoolean(p.DeletionProtection) ?? false,
      ...(clusterIdentifier === undefined ? {} : { clusterIdentifier }),
      tags: instance.tags,
    };
  });

  const dbClusters = clusters.map((cluster): DbCluster => {
    const p = cluster.properties;
    const memberInstanceIds = dbInstances.filter((instance) => instance.clusterIdentifier === cluster.id).map((instance) => instance.identifier);
    const port = portOf(cluster);
    const engineVersion = asString(p.EngineVersion);
    return {
      arn: asString(cluster.attribute('DBClusterArn')) ?? cluster.id,
      identifier: cluster.id,
      region: cluster.env.region,
      engine: (asString(p.Engine) ?? '').toLowerCase(),
      ...(engineVersion === undefined ? {} : { engineVersion }),
      endpoint: asString(cluster.attribute('Endpoint.Address')),
      readerEndpoint: asString(cluster.attribute('ReadEndpoint.Address')),
      ...(port === undefined ? {} : { port }),
      securityGroupIds: asStrings(p.VpcSecurityGroupIds),
      // RDS reports a cluster as Multi-AZ when its members span more than one instance.
      multiAz: memberInstanceIds.length > 1,
      storageEncrypted: asBoolean(p.StorageEncrypted) ?? false,
      deletionProtection: asBoolean(p.DeletionProtection) ?? false,
      memberInstanceIds,
      tags: cluster.tags,
    };
  });

  return { dbInstances, dbClusters };
}
