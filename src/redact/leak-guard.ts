import { LeakError } from '../errors.js';
import { getOrMake, type Topology } from '../model/index.js';
import { genericPatterns, patternMatches } from './patterns.js';
import { NeedleScanner, decodedReadings, escapedForms, fold, unwrappedReadings, type Needle } from './scan.js';
import { inventoryStrings, type SensitiveValue } from './sensitive.js';
import { textTokens, toolWords } from './tool-words.js';
import { PSEUDONYM_WORDS, isDistinctive } from './vocabulary.js';

/**
 * The fail-closed check run on every rendered --public output before anything is written.
 *
 * It looks for (1) every sensitive string the ORIGINAL inventory held, as a whole token,
 * case-insensitively, also in escaped forms and across wrapped lines; and (2) generic AWS shapes
 * (account ids, ARNs with an account, access keys, non-public AWS host names, private IPv4
 * addresses, EC2 ids). A hit throws LeakError (exit 3) naming the category and the field, never
 * the value.
 *
 * Not looked for, because they would match legitimate output: values shorter than 4 characters,
 * plain numbers under 12 digits, public words (`true`, `default`, `FARGATE`...), the words
 * pseudonyms are made of (`cluster`, `example`...), values equal to a public field of the same
 * inventory (an engine, a protocol, an action), and the originals the user allowed.
 */
export interface LeakGuardOptions {
  format: string;
  /** Originals allowed to appear (the config's `keep`). Merged with what redaction of `original` kept. */
  allowed?: string[];
  /** Regions are sensitive too (--redact-region). Defaults to what redaction of `original` did. */
  redactRegion?: boolean;
}

export interface LeakHit {
  category: string;
  field: string;
}

/** What redaction of a topology deliberately left in place; the guard must not flag it. */
interface RedactionAllowances {
  allowed: string[];
  redactRegion: boolean;
  /** What the user supplied besides the inventory (alias originals, suppression targets and reasons): looked for too. */
  supplied: SensitiveValue[];
}

const allowancesByOriginal = new WeakMap<Topology, RedactionAllowances>();

/** Called by redactTopology, so that the guard knows what the user allowed for this topology. */
export function recordAllowances(original: Topology, allowances: RedactionAllowances): void {
  allowancesByOriginal.set(original, allowances);
}

export function assertNoLeak(rendered: string, original: Topology, options: LeakGuardOptions): void {
  const hits = findLeaks(rendered, original, options);
  if (hits.length > 0) throw new LeakError(hits);
}

export function findLeaks(rendered: string, original: Topology, options: LeakGuardOptions): LeakHit[] {
  const recorded = allowancesByOriginal.get(original);
  const redactRegion = options.redactRegion ?? recorded?.redactRegion ?? false;
  const allowed = [...(options.allowed ?? []), ...(recorded?.allowed ?? [])];
  const scanner = sensitiveScanner(original, redactRegion, allowed, recorded?.supplied ?? []);
  // The known values found, then the generic shapes, each in the order of the readings, once each.
  const valueHits = new Map<string, LeakHit>();
  const shapeHits = new Map<string, LeakHit>();
  const add = (hits: Map<string, LeakHit>, hit: LeakHit) => hits.set(`${hit.category}\u0000${hit.field}`, hit);
  const scan = (text: string, reading: number) => {
    // Only where and what kind: the value itself never leaves the guard.
    for (const { tag } of scanner.find(text)) add(valueHits, { category: tag.category, field: tag.field });
    for (const hit of genericHits(text, options.format, reading > 0)) add(shapeHits, hit);
  };
  // Each reading is as large as the output (40 MB of JSON at 1,000 services): the decoded ones are
  // made, scanned and let go one unwrapped reading at a time, not all held at once.
  const unwrapped = [rendered, ...unwrappedReadings(rendered)];
  unwrapped.forEach((text, reading) => scan(text, reading));
  let reading = unwrapped.length;
  for (const text of unwrapped) for (const decoded of decodedReadings(text)) scan(decoded, reading++);
  const hits = new Map(valueHits);
  for (const [key, hit] of shapeHits) hits.set(key, hit);
  return [...hits.values()];
}

/** The needles for one original topology: its sensitive values minus everything allowed to show. */
export function sensitiveScanner(original: Topology, redactRegion: boolean, allowed: string[], supplied: SensitiveValue[] = []): NeedleScanner<SensitiveValue> {
  const strings = inventoryStrings(original.inventory, { redactRegion });
  const skip = new Set([...strings.kept, ...allowed, ...PSEUDONYM_WORDS, ...toolWords(original)].map(fold));
  // One needle per text; a value's own field names it better than an ARN it is part of.
  const needles = new Map<string, Needle<SensitiveValue>>();
  // The texts looked for of each value, made once per value: 34,000 values occur 158,000 times at 1,000 services.
  const textsByValue = new Map<string, string[]>();
  const textsOf = (value: string): string[] =>
    getOrMake(textsByValue, value, () =>
      valueForms(value).flatMap((form) => {
        const text = fold(form);
        return !isDistinctive(form) || skip.has(text) || isPhraseOfSkippedWords(text, skip) ? [] : [text];
      }),
    );
  for (const sensitive of [...strings.sensitive, ...supplied]) {
    for (const text of textsOf(sensitive.value)) {
      const existing = needles.get(text);
      if (existing === undefined || (existing.tag.category === 'ARN part' && sensitive.category !== 'ARN part')) needles.set(text, { text, tag: sensitive });
    }
  }
  return new NeedleScanner(needles.values());
}

/**
 * A description such as `Interface endpoints` or `Security group for the web service`: every word of
 * it is a word the tool's own text uses, so finding the phrase in a rule's rationale proves nothing.
 * Words of one or two letters (`of`, `to`) do not make a phrase distinctive either.
 */
function isPhraseOfSkippedWords(folded: string, skip: Set<string>): boolean {
  const words = textTokens(folded);
  return words.length > 1 && words.every((word) => word.length <= 2 || skip.has(word));
}

/** The value, its DNS-normalized forms, and their escaped forms. */
function valueForms(value: string): string[] {
  const trimmed = value.trim();
  const bare = trimmed.replace(/\.$/, '');
  const forms = new Set([trimmed, bare, bare.replace(/^dualstack\./i, '')]);
  return [...forms].flatMap(escapedForms);
}

function genericHits(text: string, format: string, unwrapped: boolean): LeakHit[] {
  const hits: LeakHit[] = [];
  for (const pattern of genericPatterns()) {
    // Lines counted on from the previous match, not from the start for each (an output that leaks
    // every ARN has tens of thousands of matches).
    let line = 1;
    let counted = 0;
    for (const match of patternMatches(pattern, text)) {
      if (pattern.allows?.(match.value)) continue;
      for (let at = text.indexOf('\n', counted); at !== -1 && at < match.index; at = text.indexOf('\n', at + 1)) line++;
      counted = match.index;
      hits.push({ category: pattern.category, field: unwrapped ? `${format} output (wrapped text)` : `${format} output line ${line}` });
    }
  }
  return hits;
}
