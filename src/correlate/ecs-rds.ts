import { ref, serviceTrafficGroups, type Edge, type Evidence, type InventoryIndex, type NodeRef } from '../model/index.js';
import { admissionsBySourceGroup, admissionsForService, type ServiceContext } from './service-context.js';
import { TokenIndex } from './token-index.js';
import { inboundField, located } from '../model/fields.js';

interface DbTarget {
  node: NodeRef;
  type: 'instance' | 'cluster';
  port: number | undefined;
  securityGroupIds: string[];
  /** Identifiers a variable may contain: endpoints and the bare identifier. */
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
  const targets = dbTargets(index);
  const bySourceGroup = admissionsBySourceGroup(index, targets, (t) => t);
  const names = new TokenIndex<DbTarget>();
  for (const target of targets) for (const name of target.names) names.add(name, target);

  const edges: Edge[] = [];
  for (const context of services) {
    const evidence = new Map<DbTarget, Evidence[]>();
    const add = (target: DbTarget, item: Evidence) => evidence.set(target, [...(evidence.get(target) ?? []), item]);
    for (const [target, admissions] of admissionsForService(bySourceGroup, serviceTrafficGroups(context.service))) {
      for (const admission of admissions) {
        add(target, located({ matchType: 'sg-reference', matchedValue: admission.sourceGroupId }, inboundField(admission.targetGroupId, `tcp ${target.port}`)));
      }
    }
    for (const variable of context.environment) {
      for (const target of names.find(variable.value)) add(target, located({ matchType: 'env', matchedValue: variable.value }, variable.field));
    }
    for (const [target, found] of evidence) {
      edges.push({
        kind: 'service-db',
        from: ref('ecs-service', context.service.arn),
        to: target.node,
        evidence: found,
        attributes: { dbTargetType: target.type, ...(target.port === undefined ? {} : { protocol: 'tcp', fromPort: target.port, toPort: target.port }) },
      });
    }
  }
  return edges;
}
