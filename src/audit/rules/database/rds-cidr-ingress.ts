import type { Rule } from '../../rule.js';
import { databaseCidrIngress } from '../../database-cidr-ingress.js';

export const rdsCidrIngress: Rule = {
  id: 'TOPO-RDS-003',
  title: 'Database reachable from address ranges',
  severity: 'medium',
  area: 'database',
  needs: ['databases', 'securityGroups'],
  rationale:
    'A CIDR rule admits every host in the range (a whole VPC, a VPN, a peered network), now and after it changes; nobody can tell from the rule which clients it was meant for.',
  remediation:
    'Replace CIDR rules with references to the security groups of the clients that need the database; for human access use a bastion or Session Manager with its own security group.',
  check: (context) => databaseCidrIngress(context, false),
};
