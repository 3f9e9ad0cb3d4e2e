import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const dynamoNoDeletionProtection: Rule = {
  id: 'TOPO-DDB-002',
  title: 'DynamoDB table has no deletion protection',
  severity: 'low',
  area: 'database',
  needs: ['dynamoTables'],
  rationale: 'Without deletion protection one DeleteTable call, console click or stack deletion removes the table and every item in it.',
  remediation: 'Enable DeletionProtectionEnabled; turn it off deliberately when the table is really to be removed.',
  check: ({ inventory, index }) =>
    inventory.dynamoTables
      .filter((table) => !table.deletionProtection)
      .map((table) => ({
        ...message`DynamoDB table ${nameOf(index, ref('dynamodb-table', table.arn))} can be deleted without first turning off deletion protection.`,
        resources: [ref('dynamodb-table', table.arn)],
        evidence: [],
      })),
};
