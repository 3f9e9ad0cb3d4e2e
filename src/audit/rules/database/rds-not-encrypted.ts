import type { Rule } from '../../rule.js';
import { message } from '../../message.js';
import { databasesWhere } from '../../database-settings.js';

export const rdsNotEncrypted: Rule = {
  id: 'TOPO-RDS-005',
  title: 'Database storage is not encrypted',
  severity: 'high',
  area: 'database',
  needs: ['databases'],
  rationale: 'Unencrypted storage leaves the data, its automated backups and snapshots readable to anyone who obtains a copy of the volume or snapshot.',
  remediation: 'Encryption can only be set at creation: restore an encrypted copy of a snapshot and switch the application over.',
  check: (context) => databasesWhere(context, (db) => db.storageEncrypted, (name) => message`Database ${name} does not encrypt its storage.`),
};
