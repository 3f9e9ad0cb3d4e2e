import type { Rule } from '../../rule.js';
import { message } from '../../message.js';
import { databasesWhere } from '../../database-settings.js';

export const rdsNoDeletionProtection: Rule = {
  id: 'TOPO-RDS-007',
  title: 'Database has no deletion protection',
  severity: 'low',
  area: 'database',
  needs: ['databases'],
  rationale: 'Without deletion protection one API call, console click or stack deletion removes the database.',
  remediation: 'Enable DeletionProtection; turn it off deliberately when the database is really to be removed.',
  check: (context) =>
    databasesWhere(context, (db) => db.deletionProtection, (name) => message`Database ${name} can be deleted without first turning off deletion protection.`),
};
