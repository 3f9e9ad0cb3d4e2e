import { describe, expect, it } from 'vitest';
import { actionMatches, containsToken, globMatches, normalizeDnsName, portInRange } from '../../src/correlate/match.js';

describe('matching helpers', () => {
  it('normalizes DNS names for comparison', () => {
    expect(normalizeDnsName('dualstack.My-ALB-1.us-east-1.ELB.amazonaws.com.')).toBe('my-alb-1.us-east-1.elb.amazonaws.com');
  });

  it('finds identifiers only as whole tokens', () => {
    expect(containsToken('postgres://u@shop-db.abc.rds.amazonaws.com:5432/x', 'shop-db.abc.rds.amazonaws.com')).toBe(true);
    expect(containsToken('shop-db-replica', 'shop-db')).toBe(false);
    expect(containsToken('xshop-db', 'shop-db')).toBe(false);
    expect(containsToken('arn:aws:s3:::media/key', 'media')).toBe(true);
    expect(containsToken('MEDIA', 'media')).toBe(true);
    expect(containsToken('anything', '')).toBe(false);
  });

  it('matches IAM globs with * and ? and escapes regex characters', () => {
    expect(globMatches('arn:aws:s3:::shop-*', 'arn:aws:s3:::shop-media')).toBe(true);
    expect(globMatches('arn:aws:s3:::shop-?', 'arn:aws:s3:::shop-ab')).toBe(false);
    expect(globMatches('arn:aws:s3:::a.b', 'arn:aws:s3:::axb')).toBe(false);
    expect(actionMatches('SQS:Send*', 'sqs:SendMessage')).toBe(true);
    expect(actionMatches('sqs:Receive*', 'sqs:SendMessage')).toBe(false);
  });

  it('treats missing or -1 port ranges as all ports', () => {
    expect(portInRange(5432, undefined, undefined)).toBe(true);
    expect(portInRange(5432, -1, -1)).toBe(true);
    expect(portInRange(5432, 5000, 6000)).toBe(true);
    expect(portInRange(443, 5000, 6000)).toBe(false);
  });
});
