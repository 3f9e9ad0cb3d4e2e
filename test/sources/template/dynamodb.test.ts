import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { silentProgress } from '../../../src/cli/progress.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const FILE = fileURLToPath(new URL('../../fixtures/templates/dynamodb.yaml', import.meta.url));

describe('AWS::DynamoDB::Table and GlobalTable from a template', () => {
  it('maps each table with what the template says and CloudFormation defaults for the rest', async () => {
    const inventory = await loadTemplateInventory(FILE, silentProgress);
    const byName = new Map(inventory.dynamoTables.map((table) => [table.name, table]));
    const region = inventory.regions[0]!;
    expect(byName.get('orders')).toEqual({
      name: 'orders',
      arn: expect.stringMatching(new RegExp(`^arn:aws:dynamodb:${region}:[^:]+:table/orders$`)),
      region,
      billingMode: 'PAY_PER_REQUEST',
      encryption: { kind: 'kms', kmsKeyId: 'alias/aws/dynamodb' },
      deletionProtection: false,
      pointInTimeRecovery: false,
      streamViewType: 'NEW_IMAGE',
      replicaRegions: [region],
    });
    const sessions = byName.get('sessions')!;
    expect([sessions.replicaRegions, sessions.deletionProtection, sessions.pointInTimeRecovery, sessions.encryption]).toEqual([
      [...new Set(['eu-west-1', 'us-east-1', region])].sort(),
      region === 'us-east-1',
      region === 'us-east-1',
      { kind: 'aws-owned' },
    ]);
    const generated = inventory.dynamoTables.find((table) => !['orders', 'sessions'].includes(table.name))!;
    expect([generated.billingMode, generated.encryption.kind, generated.deletionProtection]).toEqual(['PROVISIONED', 'aws-owned', false]);
  });
});
