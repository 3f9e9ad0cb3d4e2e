import { ref } from '../../model/index.js';
import { nodeName, text, lines } from './cells.js';
import { EMPTY_CELL, type TableSpec, type ViewContext } from './context.js';

export const targetGroupTable: TableSpec = {
  id: 'target-groups',
  title: 'TARGET GROUPS',
  columns: ['Name', 'Protocol', 'Port', 'Target Type', 'Health Check', 'Healthy/Total', 'ECS Services'],
  needs: ['targetHealth', 'ecsServices'],
  rows: targetGroupRows,
};

function targetGroupRows(context: ViewContext): string[][] {
  const { topology, index, outOf } = context;
  return topology.inventory.targetGroups.map((tg) => {
    const check = tg.healthCheck;
    const thresholds =
      check.healthyThresholdCount === undefined ? undefined : `healthy ${check.healthyThresholdCount}, unhealthy ${check.unhealthyThresholdCount ?? '?'}`;
    const services = outOf('target-service', ref('target-group', tg.arn)).map(
      (edge) => `${nodeName(index, edge.to)} (${edge.attributes.containerName}:${edge.attributes.containerPort ?? 'unknown port'})`,
    );
    return [
      tg.name,
      text(tg.protocol),
      text(tg.port),
      tg.targetType,
      lines([
        [check.protocol, check.path, check.port === undefined ? undefined : `port ${check.port}`].filter(Boolean).join(' '),
        check.matcher === undefined ? undefined : `matcher ${check.matcher}`,
        check.intervalSeconds === undefined ? undefined : `every ${check.intervalSeconds}s`,
        thresholds,
      ]),
      tg.targetHealth ? `${tg.targetHealth.healthy}/${tg.targetHealth.total}` : EMPTY_CELL,
      lines(services),
    ];
  });
}
