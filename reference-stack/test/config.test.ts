import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { readReferenceStackConfig } from '../lib/config.js';

const read = (context: Record<string, unknown>) => readReferenceStackConfig((key) => context[key]);

describe('reference stack context', () => {
  it('defaults to HTTP-only with one NAT gateway, two web tasks and one worker', () => {
    expect(read({})).toEqual({
      natGateways: 1,
      webDesiredCount: 2,
      workerDesiredCount: 1,
      databaseMultiAz: false,
      databaseDeletionProtection: false,
    });
  });

  it('reads -c strings and cdk.json values alike', () => {
    expect(read({ natGateways: '0', databaseMultiAz: 'true' })).toMatchObject({ natGateways: 0, databaseMultiAz: true });
    expect(read({ natGateways: 2, databaseMultiAz: true })).toMatchObject({ natGateways: 2, databaseMultiAz: true });
  });

  it('puts the alias record at app.<zone> unless recordName says otherwise', () => {
    const zone = { domainName: 'example.com.', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
    expect(read(zone).domain).toEqual({ zoneName: 'example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', recordName: 'app.example.com' });
    expect(read({ ...zone, recordName: 'uploads' }).domain?.recordName).toBe('uploads.example.com');
    expect(read({ ...zone, recordName: 'media.example.com' }).domain?.recordName).toBe('media.example.com');
  });

  it.each([
    [{ natGateways: '-1' }, "context 'natGateways' is \"-1\", expected an integer from 0 to 2"],
    [{ natGateways: 'one' }, "context 'natGateways' is \"one\", expected an integer from 0 to 2"],
    [{ databaseMultiAz: 'yes' }, "context 'databaseMultiAz' is \"yes\", expected true or false"],
    [{ domainName: 'example.com' }, "context 'hostedZoneId' is undefined, expected the hosted zone id when domainName is set"],
    [{ hostedZoneId: 'Z0123456789ABCDEFGHIJ' }, "context 'domainName' is undefined, expected the hosted zone name when hostedZoneId is set"],
    [{ domainName: 'example.com', hostedZoneId: 'zone-1' }, "context 'hostedZoneId' is \"zone-1\", expected a Route53 zone id"],
    [{ domainName: 'not a domain', hostedZoneId: 'Z0123456789ABCDEFGHIJ' }, "context 'domainName' is \"not a domain\", expected a DNS name"],
  ])('rejects %j', (context, message) => {
    expect(() => read(context)).toThrow(UsageError);
    expect(() => read(context)).toThrow(message);
  });
});
