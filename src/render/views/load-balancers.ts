import { securityGroupsCell, text, lines } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';

export const loadBalancerTable: TableSpec = {
  id: 'alb',
  title: 'ALB',
  columns: ['Name', 'Type', 'Scheme', 'State', 'VPC', 'Subnets', 'Security Groups', 'DNS'],
  needs: ['loadBalancers', 'securityGroups'],
  rows: loadBalancerRows,
};

function loadBalancerRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.loadBalancers.map((lb) => [
    lb.name,
    lb.type,
    lb.scheme,
    text(lb.state),
    text(lb.vpcId),
    lines(lb.subnetIds),
    securityGroupsCell(index, lb.securityGroupIds),
    text(lb.dnsName),
  ]);
}
