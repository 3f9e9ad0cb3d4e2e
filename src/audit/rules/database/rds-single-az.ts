import type { Rule } from '../../rule.js';
import { message } from '../../message.js';
import { databasesWhere } from '../../database-settings.js';

export const rdsSingleAz: Rule = {
  id: 'TOPO-RDS-006',
  title: 'Database is not Multi-AZ',
  severity: 'low',
  area: 'database',
  needs: ['databases'],
  rationale: 'A single-AZ database is down for the whole of an Availability Zone outage, a host failure or maintenance that needs a restart.',
  remediation: 'Enable Multi-AZ (a standby in another zone, or Aurora replicas in several zones) for databases that production depends on.',
  check: (context) => databasesWhere(context, (db) => db.multiAz, (name) => message`Database ${name} runs in a single Availability Zone.`),
};
