import { ref, type Edge, type Inventory, type ListenerAction } from '../model/index.js';

/** Load balancer → listener → rule → target group, weighted forwards and defaults included. */
export function correlateLoadBalancers(inventory: Inventory): Edge[] {
  const edges: Edge[] = [];
  const lbArns = new Set(inventory.loadBalancers.map((lb) => lb.arn));
  for (const listener of inventory.listeners) {
    if (!lbArns.has(listener.loadBalancerArn)) continue;
    edges.push({
      kind: 'lb-listener',
      from: ref('load-balancer', listener.loadBalancerArn),
      to: ref('listener', listener.arn),
      evidence: [{ matchType: 'listener', matchedValue: `${listener.protocol}:${listener.port}` }],
      attributes: { protocol: listener.protocol, fromPort: listener.port, toPort: listener.port },
    });
  }
  const listenerArns = new Set(inventory.listeners.map((l) => l.arn));
  for (const rule of inventory.listenerRules) {
    if (!listenerArns.has(rule.listenerArn)) continue;
    const isDefault = rule.priority === 'default';
    edges.push({
      kind: 'listener-rule',
      from: ref('listener', rule.listenerArn),
      to: ref('listener-rule', rule.arn),
      evidence: [{ matchType: 'listener', matchedValue: isDefault ? 'default' : `priority ${rule.priority}` }],
      attributes: { isDefault },
    });
    edges.push(...ruleTargetEdges(rule.arn, rule.actions, isDefault));
  }
  return edges;
}

function ruleTargetEdges(ruleArn: string, actions: ListenerAction[], isDefault: boolean): Edge[] {
  const edges: Edge[] = [];
  for (const action of actions) {
    if (action.type !== 'forward') continue;
    const weighted = action.targetGroups.length > 1 || action.targetGroups.some((tg) => tg.weight !== undefined);
    for (const target of action.targetGroups) {
      edges.push({
        kind: 'rule-target',
        from: ref('listener-rule', ruleArn),
        to: ref('target-group', target.targetGroupArn),
        evidence: [
          {
            matchType: isDefault ? 'default-action' : 'rule-action',
            matchedValue: weighted ? `forward weight ${target.weight ?? 1}` : 'forward',
          },
        ],
        attributes: { isDefault, ...(weighted ? { weight: target.weight ?? 1 } : {}) },
      });
    }
  }
  return edges;
}
