import { dnsRecordId, ref, type Edge, type Inventory } from '../model/index.js';
import { located, recordField } from '../model/fields.js';
import { normalizeDnsName } from './match.js';

/** Route53 record → load balancer, by alias target or CNAME value equal to the LB's DNS name. */
export function correlateDnsRecords(inventory: Inventory): Edge[] {
  const byDns = new Map<string, string>();
  for (const lb of inventory.loadBalancers) {
    if (lb.dnsName) byDns.set(normalizeDnsName(lb.dnsName), lb.arn);
  }
  const edges: Edge[] = [];
  for (const record of inventory.dnsRecords) {
    const candidates: { value: string; matchType: 'alias-dns' | 'cname' }[] = [];
    if (record.aliasTarget) candidates.push({ value: record.aliasTarget.dnsName, matchType: 'alias-dns' });
    if (record.type === 'CNAME') candidates.push(...record.values.map((value) => ({ value, matchType: 'cname' as const })));
    for (const candidate of candidates) {
      const lbArn = byDns.get(normalizeDnsName(candidate.value));
      if (lbArn === undefined) continue;
      edges.push({
        kind: 'dns-alias',
        from: ref('dns-record', dnsRecordId(record)),
        to: ref('load-balancer', lbArn),
        evidence: [located({ matchType: candidate.matchType, matchedValue: candidate.value }, recordField(record.type, record.name))],
        attributes: {},
      });
    }
  }
  return edges;
}
