import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const dynamoNoPointInTimeRecovery: Rule = {
  id: 'TOPO-DDB-001',
  title: 'DynamoDB table has no point-in-time recovery',
  severity: 'medium',
  area: 'database',
  needs: ['tableBackups'],
  rationale:
    'Without point-in-time recovery a bad deployment, a runaway script or a deleted item cannot be undone: the table can only be restored from on-demand backups, if anyone took one.',
  remediation: 'Enable point-in-time recovery (PointInTimeRecoverySpecification) on tables that hold data the application cannot rebuild.',
  check: ({ inventory, index }) =>
    inventory.dynamoTables
      // Unknown (DescribeContinuousBackups denied) is not judged.
      .filter((table) => table.pointInTimeRecovery === false)
      .map((table) => ({
        ...message`DynamoDB table ${nameOf(index, ref('dynamodb-table', table.arn))} has point-in-time recovery off.`,
        resources: [ref('dynamodb-table', table.arn)],
        evidence: [],
      })),
};
