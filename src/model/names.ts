import { arnResourceName, type InventoryIndex, type NodeRef } from './index.js';

/** The name a reviewer knows a node by, for finding messages (ids stay in `resources`). */
export function nodeName(index: InventoryIndex, node: NodeRef): string {
  switch (node.kind) {
    case 'dns-record':
      return (node.id.split('|')[1] ?? node.id).replace(/\.$/, '');
    case 'load-balancer':
      return index.loadBalancers.get(node.id)?.name ?? arnResourceName(node.id);
    case 'listener':
      return listenerName(index, node.id);
    case 'listener-rule': {
      const rule = index.listenerRules.get(node.id);
      return rule ? `${listenerName(index, rule.listenerArn)} rule ${rule.priority}` : arnResourceName(node.id);
    }
    case 'target-group':
      return index.targetGroups.get(node.id)?.name ?? arnResourceName(node.id);
    case 'ecs-service':
      return index.services.get(node.id)?.name ?? arnResourceName(node.id);
    case 'security-group':
      return index.securityGroups.get(node.id)?.name ?? node.id;
    case 'vpc-endpoint':
      return index.vpcEndpoints.get(node.id)?.serviceName ?? node.id;
    case 'db-instance':
      return index.dbInstances.get(node.id)?.identifier ?? arnResourceName(node.id);
    case 'db-cluster':
      return index.dbClusters.get(node.id)?.identifier ?? arnResourceName(node.id);
    case 'bucket':
      return index.buckets.get(node.id)?.name ?? arnResourceName(node.id);
    case 'queue':
      return index.queues.get(node.id)?.name ?? arnResourceName(node.id);
    case 'iam-role':
      return index.roles.get(node.id)?.name ?? arnResourceName(node.id);
    case 'cidr':
    case 'prefix-list':
    case 'service-mode':
      return node.id;
  }
}

/** `shop-edge-alb HTTP:80` */
export function listenerName(index: InventoryIndex, listenerArn: string): string {
  const listener = index.listeners.get(listenerArn);
  if (listener === undefined) return arnResourceName(listenerArn);
  const lb = index.loadBalancers.get(listener.loadBalancerArn);
  return `${lb?.name ?? arnResourceName(listener.loadBalancerArn)} ${listener.protocol}:${listener.port}`;
}

/** `a`, `a and b`, `a, b and c` */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
