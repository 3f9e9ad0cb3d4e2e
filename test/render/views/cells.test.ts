import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lines, linesOf } from '../../../src/render/views/cells.js';
import { EMPTY_CELL } from '../../../src/render/views/context.js';

describe('multi-value cells', () => {
  it('lines: present values once each, in order, one per line, or the empty cell', () => {
    expect(lines(['b', undefined, 'a', '', 'b'])).toBe('b\na');
    expect(lines(['only'])).toBe('only');
    expect(lines([''])).toBe(EMPTY_CELL);
    expect(lines([undefined, ''])).toBe(EMPTY_CELL);
    expect(lines([])).toBe(EMPTY_CELL);
  });

  it('linesOf(items, f) is lines(items.map(f)) for any list, hostile values included', () => {
    const value = fc.oneof(fc.constantFrom(undefined, '', '-', '|', 'Name', 'not collected', '<b>&</b>', 'é'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 12 }), (items) => {
        expect(linesOf(items, (item) => item)).toBe(lines(items));
        expect(linesOf(items, (item) => (item === undefined ? undefined : `${item}!`))).toBe(lines(items.map((item) => (item === undefined ? undefined : `${item}!`))));
      }),
    );
  });
});
