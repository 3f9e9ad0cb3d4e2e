import type { Rule } from '../../rule.js';
import { databaseCidrIngress } from '../../database-cidr-ingress.js';

export const rdsInternetIngress: Rule = {
  id: 'TOPO-RDS-002',
  title: 'Database reachable from 0.0.0.0/0',
  severity: 'critical',
  area: 'database',
  needs: ['databases', 'securityGroups'],
  rationale:
    'A database security group that admits 0.0.0.0/0 or ::/0 on the database port lets any address that can route to the database try to log in.',
  remediation: 'Remove the rule; admit the security groups of the application services that use the database instead.',
  check: (context) => databaseCidrIngress(context, true),
};
