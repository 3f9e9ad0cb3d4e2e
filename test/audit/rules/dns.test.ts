import { describe, expect, it } from 'vitest';
import { danglingAlias } from '../../../src/audit/rules/dns/dangling-alias.js';
import { dnsRecordId } from '../../../src/model/index.js';
import { IDS } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

const STALE = 'dualstack.old-shop-alb-987654321.us-east-1.elb.amazonaws.com.';

describe('TOPO-DNS-001 dangling alias', () => {
  it('is silent on the shop record, which aliases shop-edge-alb', () => {
    expect(check(danglingAlias, shop())).toEqual([]);
  });

  it('fires when the alias names a load balancer the account does not have', () => {
    const inventory = shop();
    const record = inventory.dnsRecords[0]!;
    record.aliasTarget!.dnsName = STALE;
    expect(check(danglingAlias, inventory)).toEqual([
      {
        message: 'A record www.corp.io points at old-shop-alb-987654321.us-east-1.elb.amazonaws.com, which is no load balancer in the account.',
        resources: [{ kind: 'dns-record', id: dnsRecordId(record) }],
        evidence: [{ matchType: 'alias-dns', matchedValue: STALE, field: 'A www.corp.io.' }],
      },
    ]);
  });

  it('fires on a CNAME to a missing network load balancer name', () => {
    const inventory = shop();
    inventory.dnsRecords.push({ zoneId: IDS.zone, name: 'api.corp.io.', type: 'CNAME', ttl: 300, values: ['api-nlb-0123456789abcdef.elb.us-east-1.amazonaws.com'] });
    expect(check(danglingAlias, inventory).map((r) => r.evidence[0]!.matchType)).toEqual(['cname']);
  });

  it('does not guess when the load balancer\'s region was not collected completely', () => {
    const inventory = shop();
    inventory.dnsRecords[0]!.aliasTarget!.dnsName = STALE;
    inventory.coverage = [{ service: 'elbv2', region: 'us-east-1', status: 'denied', missing: [{ action: 'elasticloadbalancing:DescribeLoadBalancers', reason: 'denied' }] }];
    expect(check(danglingAlias, inventory)).toEqual([]);
    inventory.coverage = [];
    inventory.dnsRecords[0]!.aliasTarget!.dnsName = 'old-alb-1.eu-west-1.elb.amazonaws.com.';
    expect(check(danglingAlias, inventory)).toEqual([]);
  });

  it('ignores aliases to things that are not load balancers', () => {
    const inventory = shop();
    inventory.dnsRecords[0]!.aliasTarget!.dnsName = 'd111111abcdef8.cloudfront.net.';
    expect(check(danglingAlias, inventory)).toEqual([]);
  });
});
