import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genericPatterns, patternMatches } from '../../src/redact/patterns.js';

// Texts made of the pieces host names and e-mail addresses are made of, and of what ends them.
const piece = fc.constantFrom(
  'db', 'X', 'a-b', '-', '*', '.', '..', '@', '@@', '%', '+', '_', ' ', '\n', ':', '/', '"', '0', '9',
  'amazonaws', 'amazonaws.com', 'AmazonAWS.COM', 'amazonaws.com.cn', '.amazonaws.eu', 'api.aws', 'c2s.ic.gov', 'sc2s.sgov.gov',
  'rds.', 'eu-west-1.', 'ops@corp.example', '.com', '.io', 'user.name+tag', 'é',
);
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('patternMatches', () => {
  it('finds what matchAll over the whole text finds, at the same places, for every generic pattern', () => {
    fc.assert(
      fc.property(text, (sample) => {
        for (const pattern of genericPatterns()) {
          const whole = [...sample.matchAll(pattern.regex)].map((match) => ({ value: match[0], index: match.index }));
          expect([...patternMatches(pattern, sample)]).toEqual(whole);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds host names and addresses inside long text', () => {
    const [host] = genericPatterns().filter((pattern) => pattern.category === 'AWS host name');
    const sample = `${'word '.repeat(1000)}at db-1.abcdefgh.eu-west-1.rds.amazonaws.com, and *.api.aws too`;
    expect([...patternMatches(host!, sample)].map((match) => match.value)).toEqual(['db-1.abcdefgh.eu-west-1.rds.amazonaws.com', '*.api.aws']);
  });
});
