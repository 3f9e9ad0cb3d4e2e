import { dnsRecordId, ref, stripTrailingDot, type LoadBalancer } from '../../model/index.js';
import { lines, linesOf } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';

export const route53Table: TableSpec = {
  id: 'route53',
  title: 'ROUTE53',
  columns: ['Hosted Zone', 'Record', 'Type', 'Target', 'ALB Name', 'ALB DNS', 'Region'],
  needs: ['dnsRecords', 'loadBalancers'],
  rows: route53Rows,
};

/** Why a table is empty, when the service that fills it was not (fully) collected. */
function route53Rows({ topology, index, outOf }: ViewContext): string[][] {
  const zones = new Map(topology.inventory.hostedZones.map((zone) => [zone.id, zone]));
  return topology.inventory.dnsRecords
    .filter((record) => record.aliasTarget !== undefined || record.type === 'CNAME')
    .map((record) => {
      const zone = zones.get(record.zoneId);
      const zoneName = zone ? `${stripTrailingDot(zone.name)}${zone.private ? ' (private)' : ''}` : record.zoneId;
      const loadBalancers: LoadBalancer[] = [];
      for (const edge of outOf('dns-alias', ref('dns-record', dnsRecordId(record)))) {
        const loadBalancer = index.loadBalancers.get(edge.to.id);
        if (loadBalancer !== undefined) loadBalancers.push(loadBalancer);
      }
      return [
        zoneName,
        stripTrailingDot(record.name),
        record.type,
        lines(record.aliasTarget ? [record.aliasTarget.dnsName] : record.values),
        linesOf(loadBalancers, (lb) => lb.name),
        linesOf(loadBalancers, (lb) => lb.dnsName),
        linesOf(loadBalancers, (lb) => lb.region),
      ];
    });
}
