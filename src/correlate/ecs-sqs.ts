import { ref, type Edge, type Evidence, type InventoryIndex, type QueueDirection } from '../model/index.js';
import { containsToken } from './match.js';
import { grantsAction, grantsOn } from './policy-resources.js';
import type { ServiceContext } from './service-context.js';

const PRODUCER_ACTIONS = ['sqs:SendMessage', 'sqs:SendMessageBatch'];
const CONSUMER_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch'];

function direction(grantedActions: string[]): QueueDirection {
  const produces = PRODUCER_ACTIONS.some((action) => grantsAction(grantedActions, action));
  const consumes = CONSUMER_ACTIONS.some((action) => grantsAction(grantedActions, action));
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
  const edges: Edge[] = [];
  for (const context of services) {
    for (const queue of index.queues.values()) {
      const evidence: Evidence[] = [];
      for (const variable of context.environment) {
        if (containsToken(variable.value, queue.url) || containsToken(variable.value, queue.arn) || containsToken(variable.value, queue.name)) {
          evidence.push({ matchType: 'env', matchedValue: variable.value, field: variable.field });
        }
      }
      const grants = grantsOn(context.taskRoleStatements, 'sqs', queue.arn);
      for (const grant of grants) {
        evidence.push({ matchType: 'iam-policy', matchedValue: grant.resource, field: `${grant.field} (${grant.actions.join(', ')})` });
      }
      if (evidence.length === 0) continue;
      edges.push({
        kind: 'service-queue',
        from: ref('ecs-service', context.service.arn),
        to: ref('queue', queue.arn),
        evidence,
        attributes: { direction: direction(grants.flatMap((grant) => grant.actions)) },
      });
    }
  }
  return edges;
}
