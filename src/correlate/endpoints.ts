import { ref, type Edge, type Evidence, type InventoryIndex } from '../model/index.js';
import { sgRulesAdmitting, type ServiceContext } from './service-context.js';

const HTTPS = 443;

/**
 * ECS service → VPC endpoint it can use.
 * Interface endpoints: an endpoint SG admits a service SG on 443 (`sg-reference`).
 * Gateway endpoints: the endpoint's route tables include a service subnet's route table (`route-table`).
 */
export function correlateEndpoints(index: InventoryIndex, services: ServiceContext[]): Edge[] {
  const edges: Edge[] = [];
  for (const context of services) {
    const service = context.service;
    const routeTables = new Map<string, string>();
    for (const subnetId of service.subnetIds) {
      const routeTableId = index.subnets.get(subnetId)?.routeTableId;
      if (routeTableId && !routeTables.has(routeTableId)) routeTables.set(routeTableId, subnetId);
    }
    for (const endpoint of index.vpcEndpoints.values()) {
      const evidence: Evidence[] = [];
      if (endpoint.type === 'Gateway') {
        for (const routeTableId of endpoint.routeTableIds) {
          const subnetId = routeTables.get(routeTableId);
          if (subnetId) evidence.push({ matchType: 'route-table', matchedValue: routeTableId, field: `subnet ${subnetId}` });
        }
      } else {
        for (const match of sgRulesAdmitting(index, endpoint.securityGroupIds, service.securityGroupIds, HTTPS)) {
          evidence.push({ matchType: 'sg-reference', matchedValue: match.sourceGroupId, field: `${match.targetGroupId} inbound tcp ${HTTPS}` });
        }
      }
      if (evidence.length === 0) continue;
      edges.push({
        kind: 'service-endpoint',
        from: ref('ecs-service', service.arn),
        to: ref('vpc-endpoint', endpoint.id),
        evidence,
        attributes: endpoint.type === 'Gateway' ? {} : { protocol: 'tcp', fromPort: HTTPS, toPort: HTTPS },
      });
    }
  }
  return edges;
}
