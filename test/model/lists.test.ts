import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushTo, unique } from '../../src/model/lists.js';

describe('unique', () => {
  it('keeps the first of each value in order, short lists (compared) and long ones (a Set) alike', () => {
    expect(unique(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
    const long = Array.from({ length: 40 }, (_, i) => `v${i % 7}`);
    expect(unique(long)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(unique(new Set(['x', 'y']))).toEqual(['x', 'y']);
    expect(unique([NaN, 0, -0, NaN, undefined, undefined])).toEqual([NaN, 0, undefined]);
  });

  it('equals the Set of the items for any list', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b', '', NaN, undefined)), { maxLength: 40 }), (items) => {
        expect(unique(items)).toEqual([...new Set(items)]);
      }),
    );
  });
});

describe('pushTo', () => {
  it('adds to the list of a key in place, making it when missing', () => {
    const lists = new Map<string, number[]>();
    pushTo(lists, 'a', 1);
    const first = lists.get('a');
    pushTo(lists, 'a', 2);
    pushTo(lists, 'b', 3);
    expect([...lists]).toEqual([['a', [1, 2]], ['b', [3]]]);
    expect(lists.get('a')).toBe(first);
  });
});
