import type { DnsRecord, HostedZone } from '../../../model/index.js';
import type { ResourceSet } from '../resources.js';
import { asBoolean, asNumber, asRecord, asRecords, asString, asStrings, unresolved, withTrailingDot, type JsonRecord } from '../values.js';

export interface Route53Inventory {
  hostedZones: HostedZone[];
  dnsRecords: DnsRecord[];
}

export function mapRoute53(set: ResourceSet): Route53Inventory {
  const hostedZones = set.ofType('AWS::Route53::HostedZone').map(
    (zone): HostedZone => ({
      id: zone.id,
      name: withTrailingDot(asString(zone.properties.Name) ?? zone.logicalId),
      private: asRecords(zone.properties.VPCs).length > 0,
    }),
  );
  const zoneIdByName = new Map(hostedZones.map((zone) => [zone.name.toLowerCase(), zone.id]));
  /** Records name their zone by id or by name; a name not declared here stays a placeholder. */
  const zoneIdOf = (owner: JsonRecord): string => {
    const id = asString(owner.HostedZoneId);
    if (id !== undefined) return id.replace(/^\/hostedzone\//, '');
    const name = withTrailingDot(asString(owner.HostedZoneName) ?? '');
    return zoneIdByName.get(name.toLowerCase()) ?? unresolved('HostedZone', name);
  };
  const dnsRecords = [
    ...set.ofType('AWS::Route53::RecordSet').map((record) => recordOf(record.properties, zoneIdOf(record.properties))),
    ...set
      .ofType('AWS::Route53::RecordSetGroup')
      .flatMap((group) =>
        asRecords(group.properties.RecordSets).map((record) =>
          recordOf(record, zoneIdOf(record.HostedZoneId !== undefined || record.HostedZoneName !== undefined ? record : group.properties)),
        ),
      ),
  ];
  return { hostedZones, dnsRecords };
}

function recordOf(raw: JsonRecord, zoneId: string): DnsRecord {
  const alias = asRecord(raw.AliasTarget);
  const ttl = asNumber(raw.TTL);
  const setIdentifier = asString(raw.SetIdentifier);
  return {
    zoneId,
    name: withTrailingDot(asString(raw.Name) ?? ''),
    type: asString(raw.Type) ?? '',
    ...(ttl === undefined ? {} : { ttl }),
    ...(setIdentifier === undefined ? {} : { setIdentifier }),
    ...(alias === undefined
      ? {}
      : {
          aliasTarget: {
            dnsName: withTrailingDot(asString(alias.DNSName) ?? ''),
            hostedZoneId: asString(alias.HostedZoneId) ?? '',
            evaluateTargetHealth: asBoolean(alias.EvaluateTargetHealth) ?? false,
          },
        }),
    values: asStrings(raw.ResourceRecords),
  };
}
