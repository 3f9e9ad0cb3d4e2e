import { ref, type DynamoTable, type Edge, type Evidence, type InventoryIndex, type TableAccess } from '../model/index.js';
import { grantField, located } from '../model/fields.js';
import { DYNAMODB_TABLES, grantedTargets, grantsAction, type PolicyGrant } from './policy-resources.js';
import type { ServiceContext } from './service-context.js';
import { TokenIndex } from './token-index.js';

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'];

/** `read`, `write`, `read-write` from the granted item actions; `unknown` without IAM evidence. */
function access(grants: PolicyGrant[]): TableAccess {
  const granted = grants.flatMap((grant) => grant.actions);
  const reads = READ_ACTIONS.some((action) => grantsAction(granted, action));
  const writes = WRITE_ACTIONS.some((action) => grantsAction(granted, action));
  if (reads && writes) return 'read-write';
  if (reads) return 'read';
  if (writes) return 'write';
  return 'unknown';
}

/**
 * ECS service → DynamoDB table.
 * `env`: a variable value contains the table's name or ARN. `iam-policy`: a task-role Allow
 * statement on DynamoDB names the table (or an index or stream of it). What the service does
 * with it comes from the granted item actions (GetItem / Query read, PutItem / UpdateItem write).
 */
export function correlateEcsToDynamoDb(index: InventoryIndex, services: ServiceContext[]): Edge[] {
  const names = new TokenIndex<DynamoTable>();
  for (const table of index.dynamoTables.values()) {
    names.add(table.arn, table);
    names.add(table.name, table);
  }

  const edges: Edge[] = [];
  for (const context of services) {
    const evidence = new Map<DynamoTable, Evidence[]>();
    const add = (table: DynamoTable, item: Evidence) => evidence.set(table, [...(evidence.get(table) ?? []), item]);
    for (const variable of context.environment) {
      for (const table of names.find(variable.value)) add(table, located({ matchType: 'env', matchedValue: variable.value }, variable.field));
    }
    const grantsByTable = grantedTargets(context.taskRoleStatements, 'dynamodb', index.dynamoTables, DYNAMODB_TABLES);
    for (const [table, grants] of grantsByTable) {
      for (const grant of grants) {
        add(table, located({ matchType: 'iam-policy', matchedValue: grant.resource }, grantField(grant.field, grant.actions)));
      }
    }
    for (const [table, found] of evidence) {
      edges.push({
        kind: 'service-table',
        from: ref('ecs-service', context.service.arn),
        to: ref('dynamodb-table', table.arn),
        evidence: found,
        attributes: { access: access(grantsByTable.get(table) ?? []) },
      });
    }
  }
  return edges;
}
