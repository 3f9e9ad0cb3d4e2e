import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeedleScanner, fold, tableCells, type Needle } from '../../src/redact/scan.js';

/**
 * What `NeedleScanner.find` must answer, written plainly: at each position of the folded text, in
 * order, every needle (folded, at least four characters before and after folding) that starts
 * there as a whole token, in the order the needles were given, each needle once.
 */
function reference<T>(needles: Needle<T>[], text: string): Needle<T>[] {
  const haystack = fold(text);
  const folded = needles.filter((needle) => needle.text.length >= 4).map((needle) => ({ needle, text: fold(needle.text) }));
  const nameChar = (ch: string | undefined) => ch !== undefined && /[a-z0-9_-]/.test(ch);
  const found: Needle<T>[] = [];
  for (let i = 0; i + 4 <= haystack.length; i++) {
    for (const { needle, text: foldedText } of folded) {
      if (foldedText.length < 4 || found.includes(needle) || !haystack.startsWith(foldedText, i)) continue;
      const before = nameChar(foldedText[0]) && nameChar(haystack[i - 1]);
      const after = nameChar(foldedText[foldedText.length - 1]) && nameChar(haystack[i + foldedText.length]);
      if (!before && !after) found.push(needle);
    }
  }
  return found;
}

// Needles that share their first characters (as thousands of `sg-0…` ids do), differ in case,
// accents and compatibility forms, and contain the separators that end tokens.
const part = fc.constantFrom('sg-0', 'sg-00', 'arn:', 'aws', 'Shop', 'shop', 'ſhop', 'ß', 'é', 'e\u0301', 'K', '\u212a', '-', '_', '.', ':', '/', ' ', '0', '1', 'web', 'x');
const needleText = fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const haystackText = fc.array(fc.oneof(part, needleText, fc.constantFrom('\n', '|', '"', '<', 'a')), { maxLength: 60 }).map((parts) => parts.join(''));

describe('NeedleScanner', () => {
  it('finds what the plain scan finds, in the same order, for needles that share their start', () => {
    fc.assert(
      fc.property(fc.array(needleText, { maxLength: 25 }), haystackText, (texts, text) => {
        const needles = texts.map((needle, i) => ({ text: needle, tag: i }));
        // Tags, not objects: the scanner keeps folded copies of the needles it is given.
        expect(new NeedleScanner(needles).find(text).map((needle) => needle.tag)).toEqual(reference(needles, text).map((needle) => needle.tag));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a needle among thousands with the same start, as a whole token only', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `sg-0${String(i).padStart(16, '0')}`);
    const scanner = new NeedleScanner(ids.map((text, i) => ({ text, tag: i })));
    const text = `rule from ${ids[4321]!.toUpperCase()}; not ${ids[17]}x, nor x${ids[18]}; ${ids[3]}.`;
    expect(scanner.find(text).map((needle) => needle.tag)).toEqual([4321, 3]);
  });
});

describe('fold', () => {
  it('is compatibility decomposition, marks dropped, lower case, ß as ss, recomposed: for ASCII and any text', () => {
    const full = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').normalize('NFKC');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), haystackText), (text) => {
        expect(fold(text)).toBe(full(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tableCells', () => {
  it('joins each cell of a bordered table across its wrapped lines', () => {
    const table = ['+------+-----+', '| sg-0 | web |', '| 0001 | api |', '+------+-----+'].join('\n');
    expect(tableCells(table)).toEqual(['sg-00001', 'sg-0 0001', 'webapi', 'web api']);
  });
});
