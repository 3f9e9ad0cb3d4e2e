import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeedleScanner, fold, joinIndentedBreaks, tableCells, type Needle } from '../../src/redact/scan.js';

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

  it('tells apart needles whose first four characters make the same lookup number', () => {
    // `a`·31 + `z` = `b`·31 + `[`: the two starts share a bucket, and only the whole text decides.
    const scanner = new NeedleScanner([
      { text: 'az12-one', tag: 'one' },
      { text: 'b[12-two', tag: 'two' },
      { text: 'az12-two', tag: 'three' },
    ]);
    expect(scanner.find('x b[12-two, AZ12-ONE and b[12-one').map((needle) => needle.tag)).toEqual(['two', 'one']);
    expect(scanner.find('az12-two b[12-on').map((needle) => needle.tag)).toEqual(['three']);
  });

  it('finds what the plain scan finds in ASCII text of any case (and characters folding leaves alone), for needles in any script', () => {
    const asciiPart = fc.constantFrom('SG-0', 'sg-0', 'Sg-00', 'ARN:', 'arn:', 'AWS', 'Shop', 'SHOP', 'shop', 'Web', 'x', 'X', '-', '_', '.', ':', '/', ' ', '0', '1', '"', '\n', '|', '→', '✓', '─');
    const needlePart = fc.oneof(asciiPart, fc.constantFrom('ſhop', 'é', 'K', '\u212a', 'ß'));
    const text = fc.array(asciiPart, { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.array(needlePart, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')), { maxLength: 20 }), text, (texts, haystack) => {
        const needles = texts.map((needle, i) => ({ text: needle, tag: i }));
        expect(new NeedleScanner(needles).find(haystack).map((needle) => needle.tag)).toEqual(reference(needles, haystack).map((needle) => needle.tag));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds what the plain scan finds among astral characters, surrogate halves and line terminators', () => {
    const rare = fc.constantFrom('😀', '\ud83d', '\ude00', '\r', '\u2028', 'az', 'b[', '12', 'Ǆ', 'ǆ');
    const text = fc.array(fc.oneof(rare, part), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(rare, part), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')), { maxLength: 15 }), text, (texts, haystack) => {
        const needles = texts.map((needle, i) => ({ text: needle, tag: i }));
        expect(new NeedleScanner(needles).find(haystack).map((needle) => needle.tag)).toEqual(reference(needles, haystack).map((needle) => needle.tag));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fold', () => {
  it('folds text with few characters outside ASCII exactly as the full steps do, whichever those characters are', () => {
    const full = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').normalize('NFKC');
    // Characters folding leaves alone (arrows, box drawing, dots, ticks) beside ones it changes or
    // joins: case (final sigma, dotted I), marks, compatibility forms, Hangul jamo, surrogates.
    const tricky = fc.constantFrom('→', '·', '…', '✓', '¦', '×', '─', '│', 'Σ', 'σ', 'ς', 'İ', 'ı', 'ß', 'ẞ', '\u212a', '\u2126', '\u212b', 'ﬁ', 'ｆ', '\u0301', '\u0338', '≮', '\u1100', '\u1161', '\u11a8', '가', '\u0b47', '\u0b3e', '\u0cbf', '\u0cd5', '\u0345', '😀', '\ud83d', '\ude00', '\u00a0', '\u2028');
    const ascii = fc.constantFrom('A', 'a', 'Z', 'e', 'I', 'i', 'S', 's', '<', '-', ' ', '\n', '0', 'SG-0', 'Arn:');
    fc.assert(
      fc.property(fc.array(fc.oneof({ arbitrary: ascii, weight: 4 }, { arbitrary: tricky, weight: 1 }), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(fold(text)).toBe(full(text));
      }),
      { numRuns: 5000 },
    );
  });

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

/** The reading tableCells makes when some line is a border line, written plainly (characters as code points). */
function tableCellsReference(text: string): string[] {
  const cells: string[] = [];
  let columns: number[] | undefined;
  let rows: string[] = [];
  const flush = () => {
    if (columns !== undefined && rows.length > 1) {
      for (let c = 0; c + 1 < columns.length; c++) {
        const parts = rows.map((line) => [...line].slice(columns![c]! + 1, columns![c + 1]).join('').trim()).filter((part) => part !== '');
        if (parts.length > 1) cells.push(parts.join(''), parts.join(' '));
      }
    }
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s*[+┌├└╔╠╚╭╰][-─═━+┬┼┴┐┤┘╤╪╧╗╣╝╮╯]+\s*$/.test(line)) {
      flush();
      columns = [...line].flatMap((ch, i) => (/[+┌├└╔╠╚╭╰┬┼┴┐┤┘╤╪╧╗╣╝╮╯]/.test(ch) ? [i] : []));
    } else if (/^\s*[|│║┃]/.test(line) && columns !== undefined) rows.push(line);
    else {
      flush();
      columns = undefined;
    }
  }
  flush();
  return cells;
}

describe('tableCells', () => {
  it('joins each cell of a bordered table across its wrapped lines', () => {
    const table = ['+------+-----+', '| sg-0 | web |', '| 0001 | api |', '+------+-----+'].join('\n');
    expect(tableCells(table)).toEqual(['sg-00001', 'sg-0 0001', 'webapi', 'web api']);
  });

  it('finds the same cells as a line-by-line reading, for texts with and without border lines', () => {
    // Astral characters and lone surrogate halves: columns count code points, not code units.
    const piece = fc.constantFrom('+----+---+', '+', '-', '|', ' ', '\n', '\r', '\u2028', 'sg-0', '0001', 'web', '├──┼──┤', '│', 'x', '😀', '\ud83d', '\ude00', '𝔰𝔤');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        expect(tableCells(text)).toEqual(tableCellsReference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads wrapped rows whose cells hold astral characters and surrogate halves as the code-point reading does, in every border style', () => {
    const cellText = fc.array(fc.constantFrom('a', 'sg', '-', ' ', '😀', '𝔰', '\ud83d', '\ude00', '│'), { maxLength: 6 }).map((parts) => parts.join(''));
    // A border style: its left end, line, junction and right end (cli-table3 ASCII, box drawing, double lines, rounded).
    const style = fc.constantFrom('+-++', '┌─┬┐', '├─┼┤', '└─┴┘', '╔═╤╗', '╠═╪╣', '╚═╧╝', '╭─┬╮', '╰─┴╯');
    const table = fc
      .record({ style, widths: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), rows: fc.array(fc.array(cellText, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 }) })
      .map(({ style, widths, rows }) => {
        const [left, line, junction, right] = [...style] as [string, string, string, string];
        const border = `${left}${widths.map((w) => line.repeat(w)).join(junction)}${right}`;
        return [border, ...rows.map((cells) => `|${cells.join('|')}|`), border].join('\n');
      });
    fc.assert(
      fc.property(table, (text) => {
        expect(tableCells(text)).toEqual(tableCellsReference(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('joinIndentedBreaks', () => {
  it('replaces each line break and the spaces and tabs around it as the regular expression does', () => {
    const piece = fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u2028', 'a', 'sg-0', '|', '😀', '\ud83d');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), fc.constantFrom('', ' ', '--'), (text, joiner) => {
        expect(joinIndentedBreaks(text, joiner)).toBe(text.replace(/[ \t]*\n[ \t]*/g, joiner));
      }),
      { numRuns: 3000 },
    );
  });

  it('joins a value continued on indented lines', () => {
    expect(joinIndentedBreaks('Role:   shop-\n        web-task \n\n  end', '')).toBe('Role:   shop-web-taskend');
    expect(joinIndentedBreaks('Role:   shop-\n        web-task \n\n  end', ' ')).toBe('Role:   shop- web-task  end');
    expect(joinIndentedBreaks('no break here', ' ')).toBe('no break here');
  });
});
