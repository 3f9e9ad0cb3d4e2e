import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import type { Edge, Inventory, PolicyStatement } from '../../src/model/index.js';
import { ARNS, shopInventory } from '../fixtures/model/shop-account.js';

function tableEdges(mutate: (inventory: Inventory) => void = () => {}): Edge[] {
  const inventory = structuredClone(shopInventory());
  mutate(inventory);
  return correlate(inventory).filter((edge) => edge.kind === 'service-table');
}

const allow = (actions: string[], resources: string[]): PolicyStatement => ({ effect: 'Allow', actions, notActions: [], resources, notResources: [] });

/** The worker's task role policy gains `statement`; the web service's variable is dropped, so only IAM can link. */
function workerGrants(statement: PolicyStatement): (inventory: Inventory) => void {
  return (inventory) => {
    for (const container of inventory.taskDefinitions.flatMap((t) => t.containers)) container.environment = container.environment.filter((v) => v.name !== 'ORDERS_TABLE');
    inventory.managedPolicies.find((p) => p.arn === ARNS.workerPolicy)!.document!.statements.push(statement);
  };
}

describe('ECS → DynamoDB', () => {
  it('links web to shop-orders by the table name in ORDERS_TABLE, access unknown without IAM evidence', () => {
    expect(tableEdges()).toEqual([
      {
        kind: 'service-table',
        from: { kind: 'ecs-service', id: ARNS.webService },
        to: { kind: 'dynamodb-table', id: ARNS.ordersTable },
        evidence: [{ matchType: 'env', matchedValue: 'shop-orders', field: 'container web env ORDERS_TABLE' }],
        attributes: { access: 'unknown' },
      },
    ]);
  });

  it('links by the table ARN in a variable too', () => {
    const edges = tableEdges((inv) => {
      const web = inv.taskDefinitions[0]!.containers[0]!;
      web.environment = web.environment.map((v) => (v.name === 'ORDERS_TABLE' ? { ...v, value: ARNS.ordersTable } : v));
    });
    expect(edges.map((e) => e.evidence[0]!.matchedValue)).toEqual([ARNS.ordersTable]);
  });

  it('links the worker by a task-role statement on the table or its index, with the access its actions grant', () => {
    const edges = tableEdges(workerGrants(allow(['dynamodb:GetItem', 'dynamodb:Query'], [`${ARNS.ordersTable}/index/*`])));
    expect(edges.map((e) => [e.from.id, e.attributes.access, e.evidence.map((x) => `${x.matchType}:${x.matchedValue}:${x.field}`)])).toEqual([
      [
        ARNS.workerService,
        'read',
        [`iam-policy:${ARNS.ordersTable}/index/*:role shop-worker-task policy shop-worker-media statement 3 (dynamodb:GetItem, dynamodb:Query)`],
      ],
    ]);
    const writer = tableEdges(workerGrants(allow(['dynamodb:PutItem', 'dynamodb:GetItem'], [ARNS.ordersTable.replace('shop-orders', 'shop-*')])));
    expect(writer.map((e) => [e.from.id, e.attributes.access])).toEqual([[ARNS.workerService, 'read-write']]);
  });

  it('makes no link from a grant on every table, or on a table the account does not hold', () => {
    expect(tableEdges(workerGrants(allow(['dynamodb:*'], ['arn:aws:dynamodb:us-east-1:123456789012:table/*'])))).toEqual([]);
    expect(tableEdges(workerGrants(allow(['dynamodb:*'], ['arn:aws:dynamodb:us-east-1:123456789012:table/other-orders'])))).toEqual([]);
  });
});
