import { normalizeDnsName } from '../../../correlate/match.js';
import { dnsRecordId, ref, type DnsRecord, type Inventory } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { located, recordField } from '../../../model/fields.js';
import { identifier, message, nameOf, shared } from '../../message.js';

const ELB_DNS_NAME = /\.elb\.amazonaws\.com(\.cn)?$|\.elb\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const REGION_LABEL = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

/** Values of the record that name a load balancer: its alias target, or a CNAME's value. */
function elbTargets(record: DnsRecord): { value: string; matchType: 'alias-dns' | 'cname' }[] {
  const values = [
    ...(record.aliasTarget ? [{ value: record.aliasTarget.dnsName, matchType: 'alias-dns' as const }] : []),
    ...(record.type === 'CNAME' ? record.values.map((value) => ({ value, matchType: 'cname' as const })) : []),
  ];
  return values.filter((candidate) => ELB_DNS_NAME.test(normalizeDnsName(candidate.value)));
}

/** Was the load balancer's region collected completely? Otherwise its absence proves nothing. */
function regionCollected(inventory: Inventory, dnsName: string): boolean {
  const region = normalizeDnsName(dnsName).split('.').find((label) => REGION_LABEL.test(label));
  if (region === undefined) return true;
  if (inventory.regions.length > 0 && !inventory.regions.includes(region)) return false;
  return !inventory.coverage.some((entry) => entry.service === 'elbv2' && entry.region === region && entry.status !== 'ok');
}

export const danglingAlias: Rule = {
  id: 'TOPO-DNS-001',
  title: 'DNS record points at a load balancer that does not exist',
  severity: 'high',
  area: 'dns',
  needs: ['dnsRecords', 'loadBalancers'],
  rationale:
    'A record aliasing (or CNAME-ing) an ELB name that no load balancer in the account has is dangling. Whoever creates a load balancer that gets that name receives the traffic for your domain: a subdomain takeover.',
  remediation: 'Delete the record or point it at an existing load balancer. If the load balancer lives in another account, suppress this finding naming that account\'s owner.',
  check: ({ inventory, index, outgoing }) => {
    const results: RuleResult[] = [];
    for (const record of inventory.dnsRecords) {
      const node = ref('dns-record', dnsRecordId(record));
      if (outgoing(node, 'dns-alias').length > 0) continue;
      const targets = elbTargets(record).filter((target) => regionCollected(inventory, target.value));
      if (targets.length === 0) continue;
      results.push({
        ...message`${shared(record.type)} record ${nameOf(index, node)} points at ${identifier('dns-name', normalizeDnsName(targets[0]!.value))}, which is no load balancer in the account.`,
        resources: [node],
        evidence: targets.map((target) => located({ matchType: target.matchType, matchedValue: target.value }, recordField(record.type, record.name))),
      });
    }
    return results;
  },
};
