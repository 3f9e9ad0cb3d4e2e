import { type InventoryIndex, type ListenerAction } from '../../model/index.js';
import { nameIn, lines, linesOf } from './cells.js';

export function sortedActions(actions: ListenerAction[]): ListenerAction[] {
  return [...actions].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** `tg-a`, or for a weighted forward `tg-a (80%), tg-b (20%)`. */
export function forwardTargets(index: InventoryIndex, action: ListenerAction): string | undefined {
  if (action.targetGroups.length === 0) return undefined;
  if (action.targetGroups.length === 1) return nameIn(index.targetGroups, action.targetGroups[0]!.targetGroupArn);
  const weights = action.targetGroups.map((target) => target.weight ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return action.targetGroups
    .map((target, i) => {
      const percent = total === 0 ? 0 : Math.round((weights[i]! * 100) / total);
      return `${nameIn(index.targetGroups, target.targetGroupArn)} (${percent}%)`;
    })
    .join(', ');
}

/** `redirect → HTTPS:443 (HTTP_301)`; `#{...}` placeholders (keep the original) are left out. */
export function redirectTarget(action: ListenerAction): string {
  const redirect = action.redirect ?? {};
  const given = (value: string | undefined) => (value === undefined || value.startsWith('#{') ? undefined : value);
  const protocol = given(redirect.protocol) ?? 'same protocol';
  const port = given(redirect.port);
  let target = `redirect → ${protocol}${port === undefined ? '' : `:${port}`}`;
  const host = given(redirect.host);
  const path = redirect.path === undefined || redirect.path === '/#{path}' ? undefined : redirect.path;
  if (host !== undefined || path !== undefined) target += ` ${host ?? ''}${path ?? ''}`;
  if (redirect.statusCode) target += ` (${redirect.statusCode})`;
  return target;
}

/** Where an action sends a request: target groups, a redirect, or a fixed response. */
export function actionTarget(index: InventoryIndex, action: ListenerAction): string | undefined {
  switch (action.type) {
    case 'forward':
      return forwardTargets(index, action);
    case 'redirect':
      return redirectTarget(action);
    case 'fixed-response':
      return `fixed-response ${action.fixedResponse?.statusCode ?? ''}`.trim();
    default:
      return undefined;
  }
}

export function actionCells(index: InventoryIndex, actions: ListenerAction[]): [types: string, targets: string] {
  const sorted = sortedActions(actions);
  return [linesOf(sorted, (action) => action.type), linesOf(sorted, (action) => actionTarget(index, action))];
}
