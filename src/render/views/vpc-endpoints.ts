import { ref } from '../../model/index.js';
import { securityGroupsCell, text, lines, linesOf, serviceWithEvidence } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';

export const vpcEndpointTable: TableSpec = {
  id: 'vpc-endpoints',
  title: 'VPC ENDPOINTS',
  columns: ['Endpoint ID', 'Service', 'Type', 'VPC', 'Subnets', 'Security Groups', 'Private DNS', 'State', 'Reachable From'],
  needs: ['vpcEndpoints', 'ecsServices', 'subnets', 'routeTables', 'securityGroups'],
  rows: vpcEndpointRows,
};

function vpcEndpointRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.vpcEndpoints.map((endpoint) => [
    endpoint.id,
    endpoint.serviceName,
    endpoint.type,
    endpoint.vpcId,
    lines(endpoint.subnetIds),
    securityGroupsCell(index, endpoint.securityGroupIds),
    String(endpoint.privateDnsEnabled),
    text(endpoint.state),
    linesOf(into('service-endpoint', ref('vpc-endpoint', endpoint.id)), (edge) => serviceWithEvidence(index, edge)),
  ]);
}
