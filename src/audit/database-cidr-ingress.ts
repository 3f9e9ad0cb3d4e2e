import type { AuditContext, RuleResult } from './rule.js';
import { identifier, message, nameOf } from './message.js';
import { admitsTcpPort, ingressEvidence, isInternetRule } from './network.js';
import { ref } from '../model/index.js';
import { databases } from './databases.js';

/** Databases whose security groups admit CIDRs on the database port, the internet or not. */
export function databaseCidrIngress(context: AuditContext, internet: boolean): RuleResult[] {
  const results: RuleResult[] = [];
  for (const db of databases(context.index)) {
    const cidrs: string[] = [];
    const result: RuleResult = { message: '', resources: [db.node], evidence: [] };
    for (const groupId of db.securityGroupIds) {
      const group = context.index.securityGroups.get(groupId);
      if (group === undefined) continue;
      const rules = group.inbound.filter(
        (rule) => rule.peer.kind === 'cidr' && isInternetRule(rule) === internet && admitsTcpPort(rule, db.port),
      );
      if (rules.length > 0) result.resources.push(ref('security-group', group.id));
      for (const rule of rules) {
        if (rule.peer.kind === 'cidr' && !cidrs.includes(rule.peer.cidr)) cidrs.push(rule.peer.cidr);
        result.evidence.push(ingressEvidence(group, rule));
      }
    }
    if (cidrs.length === 0) continue;
    const port = db.port === undefined ? message`its port` : message`port ${db.port}`;
    const ranges = cidrs.map((cidr) => identifier('cidr', cidr));
    Object.assign(
      result,
      internet
        ? message`Database ${nameOf(context.index, db.node)} is reachable from the internet (${ranges}) on ${port}.`
        : message`Database ${nameOf(context.index, db.node)} is reachable on ${port} from address ranges ${ranges} instead of from security groups.`,
    );
    results.push(result);
  }
  return results;
}
