import { describe, expect, it } from 'vitest';
import { dynamoNoDeletionProtection } from '../../../src/audit/rules/database/dynamodb-no-deletion-protection.js';
import { dynamoNoPointInTimeRecovery } from '../../../src/audit/rules/database/dynamodb-no-point-in-time-recovery.js';
import { ARNS } from '../../fixtures/model/shop-account.js';
import { audit, check, shop } from '../support.js';

describe('TOPO-DDB-001 point-in-time recovery off', () => {
  it('fires on a table with recovery off, is silent when on or not collected', () => {
    const inventory = shop();
    expect(check(dynamoNoPointInTimeRecovery, inventory)).toEqual([]);
    inventory.dynamoTables[0]!.pointInTimeRecovery = false;
    expect(check(dynamoNoPointInTimeRecovery, inventory)).toEqual([
      { message: 'DynamoDB table shop-orders has point-in-time recovery off.', resources: [{ kind: 'dynamodb-table', id: ARNS.ordersTable }], evidence: [] },
    ]);
    delete inventory.dynamoTables[0]!.pointInTimeRecovery;
    expect(check(dynamoNoPointInTimeRecovery, inventory)).toEqual([]);
  });

  it('is not checked when DescribeContinuousBackups was denied', () => {
    const inventory = shop();
    inventory.coverage = [{ service: 'dynamodb', region: 'us-east-1', status: 'partial', missing: [{ action: 'dynamodb:DescribeContinuousBackups', reason: 'denied', resource: 'shop-orders' }] }];
    const notChecked = audit(inventory).filter((f) => f.ruleId === 'TOPO-META-002').map((f) => f.message.split(' ')[0]);
    expect(notChecked).toEqual(['TOPO-DDB-001']);
  });
});

describe('TOPO-DDB-002 deletion protection off', () => {
  it('fires on a table without deletion protection', () => {
    const inventory = shop();
    expect(check(dynamoNoDeletionProtection, inventory)).toEqual([]);
    inventory.dynamoTables[0]!.deletionProtection = false;
    expect(check(dynamoNoDeletionProtection, inventory).map((r) => r.message)).toEqual([
      'DynamoDB table shop-orders can be deleted without first turning off deletion protection.',
    ]);
  });
});
