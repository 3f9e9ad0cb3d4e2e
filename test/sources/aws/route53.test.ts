import { describe, expect, it } from 'vitest';
import { collectRoute53, decodeDnsName } from '../../../src/sources/aws/route53.js';
import { IDS, NAMES } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';

async function collect(fake: AwsFake) {
  const { ctx, recorder } = contextFor(fake, 'route53', { coverageRegion: 'global' });
  return { inventory: await collectRoute53(ctx), coverage: recorder.result() };
}

const PRIVATE_ZONE = 'Z09PRIVATE00000000001';

function recordSetsXml(sets: string[], next?: { name: string; type: string; identifier?: string }): string {
  const continuation = next
    ? `<IsTruncated>true</IsTruncated><NextRecordName>${next.name}</NextRecordName><NextRecordType>${next.type}</NextRecordType>${
        next.identifier ? `<NextRecordIdentifier>${next.identifier}</NextRecordIdentifier>` : ''
      }`
    : '<IsTruncated>false</IsTruncated>';
  return `<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ResourceRecordSets>${sets.join('')}</ResourceRecordSets>${continuation}<MaxItems>300</MaxItems></ListResourceRecordSetsResponse>`;
}

const cname = (name: string, value: string, identifier?: string, weight?: number) =>
  `<ResourceRecordSet><Name>${name}</Name><Type>CNAME</Type>${identifier ? `<SetIdentifier>${identifier}</SetIdentifier><Weight>${weight}</Weight>` : ''}<TTL>60</TTL><ResourceRecords><ResourceRecord><Value>${value}</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`;

describe('collectRoute53 over the recorded account', () => {
  it('keeps the public zone and the alias to the ALB exactly as Route53 returns it', async () => {
    const fake = await AwsFake.recorded();
    const { inventory, coverage } = await collect(fake);
    expect(inventory.hostedZones).toEqual([{ id: IDS.zone, name: NAMES.zone, private: false, recordCount: 4 }]);
    expect(inventory.dnsRecords).toEqual([
      {
        zoneId: IDS.zone,
        name: NAMES.record,
        type: 'A',
        aliasTarget: { dnsName: NAMES.albAliasTarget, hostedZoneId: IDS.albCanonicalZone, evaluateTargetHealth: true },
        values: [],
      },
    ]);
    expect(coverage).toEqual({ service: 'route53', region: 'global', status: 'ok', missing: [] });
    expect(fake.calls('route53').map((r) => [r.operation, r.path, r.params.maxitems])).toEqual([
      ['ListHostedZones', '/2013-04-01/hostedzone', '100'],
      ['ListResourceRecordSets', `/2013-04-01/hostedzone/${IDS.zone}/rrset`, '300'],
    ]);
  });
});

describe('collectRoute53 record paging', () => {
  it('follows the three-part continuation (name, type, identifier) by hand', async () => {
    const fake = await AwsFake.recorded();
    fake.reply(
      'route53',
      'ListHostedZones',
      `<ListHostedZonesResponse><HostedZones>
        <HostedZone><Id>/hostedzone/${IDS.zone}</Id><Name>corp.io.</Name><CallerReference>a</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>4</ResourceRecordSetCount></HostedZone>
        <HostedZone><Id>/hostedzone/${PRIVATE_ZONE}</Id><Name>shop.internal.</Name><CallerReference>b</CallerReference><Config><PrivateZone>true</PrivateZone></Config><ResourceRecordSetCount>6</ResourceRecordSetCount></HostedZone>
      </HostedZones><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`,
    );
    const zone = { params: { Id: PRIVATE_ZONE } };
    fake.reply('route53', 'ListResourceRecordSets', recordSetsXml([cname('api.shop.internal.', 'api-blue.shop.internal.', 'blue', 90)], { name: 'api.shop.internal.', type: 'CNAME', identifier: 'green' }), {
      match: zone,
    });
    fake.reply(
      'route53',
      'ListResourceRecordSets',
      recordSetsXml([cname('api.shop.internal.', 'api-green.shop.internal.', 'green', 10)], { name: 'db.shop.internal.', type: 'CNAME' }),
      { match: { params: { Id: PRIVATE_ZONE, name: 'api.shop.internal.', type: 'CNAME', identifier: 'green' } } },
    );
    fake.reply(
      'route53',
      'ListResourceRecordSets',
      recordSetsXml([cname('db.shop.internal.', NAMES.dbEndpoint), cname('\\052.shop.internal.', 'www.corp.io.')]),
      { match: { params: { Id: PRIVATE_ZONE, name: 'db.shop.internal.', type: 'CNAME' } } },
    );
    const { inventory } = await collect(fake);
    expect(inventory.hostedZones?.find((z) => z.id === PRIVATE_ZONE)).toEqual({ id: PRIVATE_ZONE, name: 'shop.internal.', private: true, recordCount: 6 });
    expect(inventory.dnsRecords?.filter((r) => r.zoneId === PRIVATE_ZONE)).toEqual([
      { zoneId: PRIVATE_ZONE, name: 'api.shop.internal.', type: 'CNAME', ttl: 60, setIdentifier: 'blue', values: ['api-blue.shop.internal.'] },
      { zoneId: PRIVATE_ZONE, name: 'api.shop.internal.', type: 'CNAME', ttl: 60, setIdentifier: 'green', values: ['api-green.shop.internal.'] },
      { zoneId: PRIVATE_ZONE, name: 'db.shop.internal.', type: 'CNAME', ttl: 60, values: [NAMES.dbEndpoint] },
      { zoneId: PRIVATE_ZONE, name: '*.shop.internal.', type: 'CNAME', ttl: 60, values: ['www.corp.io.'] },
    ]);
    const starts = fake.calls('route53', 'ListResourceRecordSets').filter((r) => r.params.Id === PRIVATE_ZONE).map((r) => [r.params.name, r.params.type, r.params.identifier]);
    expect(starts).toEqual([
      [undefined, undefined, undefined],
      ['api.shop.internal.', 'CNAME', 'green'],
      ['db.shop.internal.', 'CNAME', undefined],
    ]);
  });

  it('records a zone whose records are denied and keeps the others', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('route53', 'ListResourceRecordSets', 'AccessDenied', { match: { params: { Id: IDS.zone } } });
    const { inventory, coverage } = await collect(fake);
    expect(inventory.hostedZones).toHaveLength(1);
    expect(inventory.dnsRecords).toEqual([]);
    expect(coverage.missing).toEqual([{ action: 'route53:ListResourceRecordSets', reason: 'denied', code: 'AccessDenied', resource: IDS.zone }]);
  });
});

describe('decodeDnsName', () => {
  it('decodes octal escapes and leaves the rest', () => {
    expect(decodeDnsName('\\052.corp.io.')).toBe('*.corp.io.');
    expect(decodeDnsName('www.corp.io.')).toBe('www.corp.io.');
  });
});
