import type { HostedZone as SdkHostedZone, ListResourceRecordSetsCommandInput, ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { DnsRecord, HostedZone, Inventory } from '../../model/index.js';
import { listAll, type CollectContext } from './context.js';
import { PaginationLoopError } from './errors.js';
import { sdkPackage } from './sdk-packages.js';

const { ListResourceRecordSetsCommand, paginateListHostedZones, Route53Client } = sdkPackage('@aws-sdk/client-route-53');
type Route53Client = InstanceType<typeof Route53Client>;

/**
 * Route53 (global): hosted zones, public and private, and the record sets that can point at a
 * load balancer or another name — aliases, CNAME, A and AAAA. Other types (NS, SOA, MX, TXT...)
 * are dropped.
 */

const ZONES_PAGE_SIZE = 100;
const RECORDS_PAGE_SIZE = 300;
const KEPT_TYPES = new Set(['A', 'AAAA', 'CNAME']);

type RecordStart = Pick<ListResourceRecordSetsCommandInput, 'StartRecordName' | 'StartRecordType' | 'StartRecordIdentifier'>;

export async function collectRoute53(ctx: CollectContext): Promise<Partial<Inventory>> {
  const client = new Route53Client(ctx.clientConfig);
  const zones = await listAll(ctx, 'route53:ListHostedZones', () => paginateListHostedZones({ client, pageSize: ZONES_PAGE_SIZE }, {}), (p) => p.HostedZones);
  if (!zones.ok) return { hostedZones: [], dnsRecords: [] };
  const hostedZones = zones.value.map(toHostedZone);
  const records = await Promise.all(
    hostedZones.map(async (zone) => {
      const found = await ctx.call('route53:ListResourceRecordSets', () => listRecordSets(client, zone.id), zone.id);
      return found.ok ? found.value.filter(isKept).map((r) => toDnsRecord(r, zone.id)) : [];
    }),
  );
  return { hostedZones, dnsRecords: records.flat() };
}

/**
 * Every record set of a zone. The SDK has no paginator for this API: its continuation is three
 * fields (name, type, set identifier) that go back as the next request's start.
 */
export async function listRecordSets(client: Route53Client, zoneId: string): Promise<ResourceRecordSet[]> {
  const records: ResourceRecordSet[] = [];
  let start: RecordStart = {};
  const seen = new Set<string>();
  for (;;) {
    const page = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: RECORDS_PAGE_SIZE, ...start }));
    records.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated || page.NextRecordName === undefined) return records;
    start = {
      StartRecordName: page.NextRecordName,
      ...(page.NextRecordType === undefined ? {} : { StartRecordType: page.NextRecordType }),
      ...(page.NextRecordIdentifier === undefined ? {} : { StartRecordIdentifier: page.NextRecordIdentifier }),
    };
    const token = JSON.stringify(start);
    if (seen.has(token)) throw new PaginationLoopError('route53:ListResourceRecordSets', zoneId, token);
    seen.add(token);
  }
}

// ---------------------------------------------------------------- transforms

/** Route53 escapes some characters in names as `\ooo` octal (`\052` is `*`). */
export function decodeDnsName(name: string): string {
  return name.replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function bareZoneId(id: string): string {
  return id.replace(/^\/hostedzone\//, '');
}

export function toHostedZone(zone: SdkHostedZone): HostedZone {
  return {
    id: bareZoneId(zone.Id ?? ''),
    name: decodeDnsName(zone.Name ?? ''),
    private: zone.Config?.PrivateZone ?? false,
    ...(zone.ResourceRecordSetCount === undefined ? {} : { recordCount: zone.ResourceRecordSetCount }),
  };
}

export function isKept(record: ResourceRecordSet): boolean {
  return record.AliasTarget !== undefined || KEPT_TYPES.has(record.Type ?? '');
}

export function toDnsRecord(record: ResourceRecordSet, zoneId: string): DnsRecord {
  const alias = record.AliasTarget;
  return {
    zoneId,
    name: decodeDnsName(record.Name ?? ''),
    type: record.Type ?? '',
    ...(record.TTL === undefined ? {} : { ttl: record.TTL }),
    ...(record.SetIdentifier === undefined ? {} : { setIdentifier: record.SetIdentifier }),
    ...(alias
      ? { aliasTarget: { dnsName: alias.DNSName ?? '', hostedZoneId: alias.HostedZoneId ?? '', evaluateTargetHealth: alias.EvaluateTargetHealth ?? false } }
      : {}),
    values: (record.ResourceRecords ?? []).flatMap((r) => (r.Value === undefined ? [] : [r.Value])),
  };
}
