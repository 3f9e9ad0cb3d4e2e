import { pushTo, ref, type Evidence, type ListenerRule, type NodeRef } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf, type Message } from '../../message.js';
import { located, settingField } from '../../../model/fields.js';
import { isInternetFacing } from '../../network.js';

export const albHttpForwards: Rule = {
  id: 'TOPO-ALB-001',
  title: 'HTTP listener forwards instead of redirecting to HTTPS',
  severity: 'medium',
  area: 'alb',
  needs: ['listenerRules'],
  rationale:
    'An internet-facing HTTP listener that forwards serves the application in clear text: sessions, cookies and form data cross the internet readable and modifiable, even when an HTTPS listener exists beside it.',
  remediation: 'Make the HTTP listener\'s default action (and its rules) a redirect to HTTPS:443 with status HTTP_301.',
  check: ({ inventory, index }) => {
    const results: RuleResult[] = [];
    // Each listener's rules and each load balancer's HTTPS listeners found once, not by reading
    // every rule (3,400 at 1,000 services) for every HTTP listener.
    const rulesByListener = new Map<string, ListenerRule[]>();
    for (const rule of inventory.listenerRules) if (rule.priority !== 'default') pushTo(rulesByListener, rule.listenerArn, rule);
    const withHttps = new Set(inventory.listeners.filter((other) => other.protocol === 'HTTPS').map((other) => other.loadBalancerArn));
    for (const listener of inventory.listeners) {
      const lb = index.loadBalancers.get(listener.loadBalancerArn);
      if (listener.protocol !== 'HTTP' || lb === undefined || !isInternetFacing(lb)) continue;
      const listenerNode = ref('listener', listener.arn);
      const evidence: Evidence[] = [];
      const targets: NodeRef[] = [];
      const addForwards = (actions: typeof listener.defaultActions, matchType: Evidence['matchType'], field: Message) => {
        for (const action of actions.filter((a) => a.type === 'forward')) {
          evidence.push(located({ matchType, matchedValue: 'forward' }, field));
          for (const tg of action.targetGroups) {
            if (!targets.some((t) => t.id === tg.targetGroupArn)) targets.push(ref('target-group', tg.targetGroupArn));
          }
        }
      };
      addForwards(listener.defaultActions, 'default-action', settingField(index, listenerNode, 'default action'));
      for (const rule of rulesByListener.get(listener.arn) ?? []) {
        addForwards(rule.actions, 'rule-action', settingField(index, listenerNode, `rule ${rule.priority}`));
      }
      if (evidence.length === 0) continue;
      const hasHttps = withHttps.has(lb.arn);
      results.push({
        ...message`Listener ${nameOf(index, ref('listener', listener.arn))} forwards plain HTTP to its targets instead of redirecting to HTTPS${hasHttps ? message`` : message` (the load balancer has no HTTPS listener)`}.`,
        resources: [ref('load-balancer', lb.arn), ref('listener', listener.arn), ...targets],
        evidence,
      });
    }
    return results;
  },
};
