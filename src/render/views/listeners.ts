import { type Listener } from '../../model/index.js';
import { lines, listenerLabel } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';
import { actionCells } from './listener-actions.js';

export const listenerTable: TableSpec = {
  id: 'alb-listeners',
  title: 'ALB LISTENERS',
  columns: ['Listener', 'Protocol', 'Port', 'Certificates', 'Action Types', 'Target Groups'],
  needs: ['listenerCertificates', 'targetGroups'],
  rows: listenerRows,
};

function listenerRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.listeners.map((listener) => [
    listenerLabel(index, listener, listener.arn),
    listener.protocol,
    String(listener.port),
    lines(listener.certificateArns),
    ...actionCells(index, listener.defaultActions),
  ]);
}
