import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionMatches, containsToken, globMatches, normalizeDnsName, portInRange } from '../../src/correlate/match.js';
import { TokenIndex } from '../../src/correlate/token-index.js';

describe('matching helpers', () => {
  it('normalizes DNS names for comparison', () => {
    expect(normalizeDnsName('dualstack.My-ALB-1.us-east-1.ELB.amazonaws.com.')).toBe('my-alb-1.us-east-1.elb.amazonaws.com');
    // One trailing dot and one leading `dualstack.` go, as the regular expressions /\.$/ and /^dualstack\./ take them.
    expect(normalizeDnsName(' web.example.com.. ')).toBe('web.example.com.');
    expect(normalizeDnsName('dualstack.dualstack.x.')).toBe('dualstack.x');
    expect(normalizeDnsName('a.dualstack.x')).toBe('a.dualstack.x');
    expect(normalizeDnsName('DUALSTACK.')).toBe('dualstack');
    expect(normalizeDnsName('.')).toBe('');
  });

  it('finds identifiers only as whole tokens', () => {
    expect(containsToken('postgres://u@shop-db.abc.rds.amazonaws.com:5432/x', 'shop-db.abc.rds.amazonaws.com')).toBe(true);
    expect(containsToken('shop-db-replica', 'shop-db')).toBe(false);
    expect(containsToken('xshop-db', 'shop-db')).toBe(false);
    expect(containsToken('arn:aws:s3:::media/key', 'media')).toBe(true);
    expect(containsToken('MEDIA', 'media')).toBe(true);
    expect(containsToken('anything', '')).toBe(false);
  });

  it('takes ASCII letters, digits, _ and - as name characters, as /[a-z0-9_-]/i does, and nothing else', () => {
    const nameChar = /[a-z0-9_-]/i;
    const reference = (text: string, token: string): boolean => {
      const haystack = text.toLowerCase();
      const needle = token.toLowerCase();
      for (let at = haystack.indexOf(needle); needle !== '' && at >= 0; at = haystack.indexOf(needle, at + 1)) {
        if (!nameChar.test(haystack[at - 1] ?? '') && !nameChar.test(haystack[at + needle.length] ?? '')) return true;
      }
      return false;
    };
    const chars = fc.constantFrom('a', 'b', 'Z', '0', '_', '-', '.', '/', ':', ' ', 'é', 'ſ', '\u212a', '@', '[', '`', '{');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 14 }).map((c) => c.join('')), fc.array(chars, { minLength: 1, maxLength: 3 }).map((c) => c.join('')), (text, token) => {
        expect(containsToken(text, token)).toBe(reference(text, token));
        const index = new TokenIndex<string>();
        index.add(token, 'target');
        const wholeToken = token.split('').every((ch) => nameChar.test(ch));
        if (wholeToken) expect(index.find(text)).toEqual(reference(text, token) ? ['target'] : []);
      }),
      { numRuns: 2000 },
    );
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
