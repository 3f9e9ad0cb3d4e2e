import { ref, type Edge, type Evidence, type InventoryIndex, type Queue, type QueueDirection } from '../model/index.js';
import { grantedTargets, grantsAction, type PolicyGrant } from './policy-resources.js';
import type { ServiceContext } from './service-context.js';
import { TokenIndex } from './token-index.js';
import { grantField, located } from '../model/fields.js';

const PRODUCER_ACTIONS = ['sqs:SendMessage', 'sqs:SendMessageBatch'];
const CONSUMER_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch'];

function direction(grants: PolicyGrant[]): QueueDirection {
  const granted = grants.flatMap((grant) => grant.actions);
  const produces = PRODUCER_ACTIONS.some((action) => grantsAction(granted, action));
  const consumes = CONSUMER_ACTIONS.some((action) => grantsAction(granted, action));
  if (produces && consumes) return 'producer-consumer';
  if (produces) return 'producer';
  if (consumes) return 'consumer';
  return 'unknown';
}

/**
 * ECS service → SQS queue.
 * `env`: a variable value contains the queue URL, ARN or name. `iam-policy`: a task-role Allow
 * statement on SQS names the queue. Direction comes from the granted actions: SendMessage makes a
 * producer, ReceiveMessage / DeleteMessage a consumer; without IAM evidence it is `unknown`.
 */
export function correlateEcsToSqs(index: InventoryIndex, services: ServiceContext[]): Edge[] {
  const names = new TokenIndex<Queue>();
  for (const queue of index.queues.values()) {
    names.add(queue.url, queue);
    names.add(queue.arn, queue);
    names.add(queue.name, queue);
  }

  const edges: Edge[] = [];
  for (const context of services) {
    const evidence = new Map<Queue, Evidence[]>();
    const add = (queue: Queue, item: Evidence) => evidence.set(queue, [...(evidence.get(queue) ?? []), item]);
    for (const variable of context.environment) {
      for (const queue of names.find(variable.value)) add(queue, located({ matchType: 'env', matchedValue: variable.value }, variable.field));
    }
    const grantsByQueue = grantedTargets(context.taskRoleStatements, 'sqs', index.queues);
    for (const [queue, grants] of grantsByQueue) {
      for (const grant of grants) {
        add(queue, located({ matchType: 'iam-policy', matchedValue: grant.resource }, grantField(grant.field, grant.actions)));
      }
    }
    for (const [queue, found] of evidence) {
      edges.push({
        kind: 'service-queue',
        from: ref('ecs-service', context.service.arn),
        to: ref('queue', queue.arn),
        evidence: found,
        attributes: { direction: direction(grantsByQueue.get(queue) ?? []) },
      });
    }
  }
  return edges;
}
