import { ref, serviceTrafficGroups, type Edge, type Evidence, type InventoryIndex, type VpcEndpoint } from '../model/index.js';
import { inboundField, located, subnetField } from '../model/fields.js';
import { admissionsBySourceGroup, admissionsForService, type ServiceContext } from './service-context.js';

const HTTPS = 443;

/**
 * ECS service → VPC endpoint it can use.
 * Interface endpoints: an endpoint SG admits a service SG on 443 (`sg-reference`).
 * Gateway endpoints: the endpoint's route tables include a service subnet's route table (`route-table`).
 */
export function correlateEndpoints(index: InventoryIndex, services: ServiceContext[]): Edge[] {
  const endpoints = [...index.vpcEndpoints.values()];
  const bySourceGroup = admissionsBySourceGroup(
    index,
    endpoints.filter((endpoint) => endpoint.type !== 'Gateway'),
    (endpoint) => ({ securityGroupIds: endpoint.securityGroupIds, port: HTTPS }),
  );
  const gatewaysByRouteTable = new Map<string, VpcEndpoint[]>();
  for (const endpoint of endpoints.filter((e) => e.type === 'Gateway')) {
    for (const routeTableId of endpoint.routeTableIds) {
      gatewaysByRouteTable.set(routeTableId, [...(gatewaysByRouteTable.get(routeTableId) ?? []), endpoint]);
    }
  }

  const edges: Edge[] = [];
  for (const { service } of services) {
    const evidence = new Map<VpcEndpoint, Evidence[]>();
    const add = (endpoint: VpcEndpoint, item: Evidence) => evidence.set(endpoint, [...(evidence.get(endpoint) ?? []), item]);
    for (const [endpoint, admissions] of admissionsForService(bySourceGroup, serviceTrafficGroups(service))) {
      for (const admission of admissions) {
        add(endpoint, located({ matchType: 'sg-reference', matchedValue: admission.sourceGroupId }, inboundField(admission.targetGroupId, `tcp ${HTTPS}`)));
      }
    }
    const seenRouteTables = new Set<string>();
    for (const subnetId of service.subnetIds) {
      const routeTableId = index.subnets.get(subnetId)?.routeTableId;
      if (routeTableId === undefined || seenRouteTables.has(routeTableId)) continue;
      seenRouteTables.add(routeTableId);
      for (const endpoint of gatewaysByRouteTable.get(routeTableId) ?? []) {
        add(endpoint, located({ matchType: 'route-table', matchedValue: routeTableId }, subnetField(subnetId)));
      }
    }
    for (const [endpoint, found] of evidence) {
      edges.push({
        kind: 'service-endpoint',
        from: ref('ecs-service', service.arn),
        to: ref('vpc-endpoint', endpoint.id),
        evidence: found,
        attributes: endpoint.type === 'Gateway' ? {} : { protocol: 'tcp', fromPort: HTTPS, toPort: HTTPS },
      });
    }
  }
  return edges;
}
