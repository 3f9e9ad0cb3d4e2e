import { ref, type Edge, type Evidence, type InventoryIndex, type NodeRef } from '../model/index.js';
import { containsToken } from './match.js';
import { sgRulesAdmitting, type ServiceContext } from './service-context.js';

interface DbTarget {
  node: NodeRef;
  type: 'instance' | 'cluster';
  port: number | undefined;
  securityGroupIds: string[];
  /** Identifiers a variable may contain, most specific first (endpoints before the bare identifier). */
  names: string[];
}

function dbTargets(index: InventoryIndex): DbTarget[] {
  const targets: DbTarget[] = [];
  for (const db of index.dbInstances.values()) {
    targets.push({
      node: ref('db-instance', db.arn),
      type: 'instance',
      port: db.endpoint?.port ?? db.port,
      securityGroupIds: db.securityGroupIds,
      names: [db.endpoint?.address, db.identifier].filter((x): x is string => !!x),
    });
  }
  for (const cluster of index.dbClusters.values()) {
    targets.push({
      node: ref('db-cluster', cluster.arn),
      type: 'cluster',
      port: cluster.port,
      securityGroupIds: cluster.securityGroupIds,
      names: [cluster.endpoint, cluster.readerEndpoint, cluster.identifier].filter((x): x is string => !!x),
    });
  }
  return targets;
}

/**
 * ECS service → RDS instance or Aurora cluster.
 * `sg-reference`: a service SG is admitted by a DB SG on the DB port.
 * `env`: a variable value contains the endpoint, reader endpoint or identifier (also inside URLs).
 */
export function correlateEcsToRds(index: InventoryIndex, services: ServiceContext[]): Edge[] {
  const edges: Edge[] = [];
  const targets = dbTargets(index);
  for (const context of services) {
    for (const target of targets) {
      const evidence: Evidence[] = [];
      if (target.port !== undefined) {
        for (const match of sgRulesAdmitting(index, target.securityGroupIds, context.service.securityGroupIds, target.port)) {
          evidence.push({
            matchType: 'sg-reference',
            matchedValue: match.sourceGroupId,
            field: `${match.targetGroupId} inbound tcp ${target.port}`,
          });
        }
      }
      for (const variable of context.environment) {
        const name = target.names.find((candidate) => containsToken(variable.value, candidate));
        if (name !== undefined) evidence.push({ matchType: 'env', matchedValue: variable.value, field: variable.field });
      }
      if (evidence.length === 0) continue;
      edges.push({
        kind: 'service-db',
        from: ref('ecs-service', context.service.arn),
        to: target.node,
        evidence,
        attributes: { dbTargetType: target.type, ...(target.port === undefined ? {} : { protocol: 'tcp', fromPort: target.port, toPort: target.port }) },
      });
    }
  }
  return edges;
}
