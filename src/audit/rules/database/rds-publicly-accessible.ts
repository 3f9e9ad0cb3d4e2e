import { ref } from '../../../model/index.js';
import type { Rule } from '../../rule.js';
import { message, nameOf } from '../../message.js';

export const rdsPubliclyAccessible: Rule = {
  id: 'TOPO-RDS-001',
  title: 'Database instance is publicly accessible',
  severity: 'high',
  area: 'database',
  needs: ['databases'],
  rationale:
    'A publicly accessible instance gets a public DNS name and address; only its security groups stand between the database and the internet.',
  remediation: 'Set PubliclyAccessible to false and reach the database from the application services inside the VPC.',
  check: ({ index }) =>
    [...index.dbInstances.values()]
      .filter((db) => db.publiclyAccessible)
      .map((db) => ({
        ...message`Database instance ${nameOf(index, ref('db-instance', db.arn))} is publicly accessible.`,
        resources: [ref('db-instance', db.arn)],
        evidence: [],
      })),
};
