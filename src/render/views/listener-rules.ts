import { arnResourceName } from '../../model/index.js';
import { linesOf, listenerLabel } from './cells.js';
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
    return [
      listenerLabel(index, index.listeners.get(rule.listenerArn), rule.listenerArn),
      arnResourceName(rule.arn),
      String(rule.priority),
      rule.conditions.length === 0 && rule.priority === 'default' ? 'default' : linesOf(rule.conditions, (condition) => `${condition.field}: ${condition.values.join(', ')}`),
      ...actionCells(index, rule.actions),
    ];
  });
}
