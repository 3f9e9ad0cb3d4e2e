import { securityGroupLabel, text, linesOf, ruleLine } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';

export const securityGroupTable: TableSpec = {
  id: 'security-groups',
  title: 'SECURITY GROUPS',
  columns: ['Name', 'ID', 'VPC', 'Description', 'Inbound Security Groups', 'Inbound Rules', 'Outbound Rules'],
  needs: ['securityGroups'],
  rows: securityGroupRows,
};

function securityGroupRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.securityGroups.map((group) => [
    group.name,
    group.id,
    text(group.vpcId),
    text(group.description),
    linesOf(group.inbound, (rule) => (rule.peer.kind === 'security-group' ? securityGroupLabel(index, rule.peer.groupId) : undefined)),
    linesOf(group.inbound, (rule) => ruleLine(index, rule)),
    linesOf(group.outbound, (rule) => ruleLine(index, rule)),
  ]);
}
