import { arnResourceName } from '../../model/index.js';
import { lines, listenerLabel } from './cells.js';
import { type TableSpec, type ViewContext } from './context.js';
import { actionCells } from './listener-actions.js';

export const listenerRuleTable: TableSpec = {
  id: 'alb-listener-rules',
  title: 'ALB LISTENER RULES',
  columns: ['Listener', 'Rule', 'Priority', 'Conditions', 'Actions', 'Target Groups'],
  needs: ['listenerRules', 'targetGroups'],
  rows: listenerRuleRows,
};

function listenerRuleRows({ topology, index }: ViewContext): string[][] {
  return topology.inventory.listenerRules.map((rule) => {
    const conditions = rule.conditions.map((condition) => `${condition.field}: ${condition.values.join(', ')}`);
    return [
      listenerLabel(index, index.listeners.get(rule.listenerArn), rule.listenerArn),
      arnResourceName(rule.arn),
      String(rule.priority),
      conditions.length === 0 && rule.priority === 'default' ? 'default' : lines(conditions),
      ...actionCells(index, rule.actions),
    ];
  });
}
