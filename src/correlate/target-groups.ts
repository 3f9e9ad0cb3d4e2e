import { ref, type Edge, type Inventory } from '../model/index.js';

/** Target group → ECS service, from the service's load balancer bindings. */
export function correlateTargetGroups(inventory: Inventory): Edge[] {
  const targetGroups = new Set(inventory.targetGroups.map((tg) => tg.arn));
  const edges: Edge[] = [];
  for (const service of inventory.services) {
    for (const binding of service.loadBalancers) {
      if (binding.targetGroupArn === undefined || !targetGroups.has(binding.targetGroupArn)) continue;
      edges.push({
        kind: 'target-service',
        from: ref('target-group', binding.targetGroupArn),
        to: ref('ecs-service', service.arn),
        evidence: [{ matchType: 'lb-binding', matchedValue: `${binding.containerName}:${binding.containerPort ?? 'unknown port'}` }],
        attributes: { containerName: binding.containerName, ...(binding.containerPort === undefined ? {} : { containerPort: binding.containerPort }) },
      });
    }
  }
  return edges;
}
