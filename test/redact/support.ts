import { correlate } from '../../src/correlate/index.js';
import { fieldPartsOf } from '../../src/model/fields.js';
import { messagePartsOf } from '../../src/model/message.js';
import type { Finding, Inventory, Topology, Warning } from '../../src/model/index.js';
import { redactTopology, type RedactOptions } from '../../src/redact/index.js';
import { findLeaks } from '../../src/redact/leak-guard.js';
import { toolWords } from '../../src/redact/tool-words.js';
import { isDistinctive } from '../../src/redact/vocabulary.js';
import { OUTPUT_FORMATS, render } from '../../src/render/index.js';
import { shopInventory } from '../fixtures/model/shop-account.js';

/** Tests never read the user's key file: every redaction gets this key. */
export const TEST_KEY = 'test-redaction-key-0123456789abcdef0123456789abcdef';

/** The aliases of the reference page's account. */
export const SHOP_ALIASES = { 'shop-edge-alb': 'public-app-alb', 'www.corp.io': 'app.example.com', 'corp.io': 'example.com' };

export function topologyOf(inventory: Inventory, extra: { findings?: Finding[]; warnings?: Warning[] } = {}): Topology {
  return { inventory, edges: correlate(inventory), findings: extra.findings ?? [], warnings: extra.warnings ?? [], redacted: false };
}

export function shopTopology(extra: { findings?: Finding[]; warnings?: Warning[] } = {}): Topology {
  return topologyOf(shopInventory(), extra);
}

/** Keyed pseudonyms unless a test asks for role names: most tests here check the keyed names' properties. */
export function redact(topology: Topology, options: Partial<RedactOptions> = {}): Topology {
  return redactTopology(topology, { redactRegion: false, config: { aliases: SHOP_ALIASES }, key: TEST_KEY, publicNames: 'keyed', ...options });
}

/** Every string leaf of a value, for "nothing real survives" checks. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => [key, ...stringLeaves(child)]);
  return [];
}

/**
 * --public (role names, the test key) rendered in every output format: the leak guard's hits and the
 * logical ids that survive, one line each (empty when clean), and which ids were looked for
 * (distinctive ones that are not words the tool itself prints).
 */
export async function publicExportProblems(original: Topology, logicalIds: string[]): Promise<{ problems: string[]; checkedIds: string[] }> {
  const published = redactTopology(original, { redactRegion: false, config: {}, key: TEST_KEY });
  const words = toolWords(original);
  const checkedIds = [...new Set(logicalIds)].filter((id) => isDistinctive(id) && !words.has(id.toLowerCase()));
  const problems: string[] = [...unstructuredText(original)];
  for (const format of OUTPUT_FORMATS) {
    const output = await render(published, format, {});
    for (const leak of findLeaks(output, original, { format })) problems.push(`${format}: leak guard: ${JSON.stringify(leak)}`);
    for (const id of checkedIds) if (new RegExp(`(?<![A-Za-z0-9])${id}(?![A-Za-z0-9])`, 'i').test(output)) problems.push(`${format}: logical id ${id} survives`);
  }
  return { problems, checkedIds };
}

/**
 * Finding messages and evidence fields the pipeline wrote as plain strings instead of building them
 * from parts (`message`, `located`): --public hides them as `<redacted>` (fail closed), which is a
 * bug to fix at the producer. One line per such text, naming where it is, never its words.
 */
export function unstructuredText(original: Topology): string[] {
  const problems: string[] = [];
  original.edges.forEach((edge, i) =>
    edge.evidence.forEach((evidence, j) => {
      if (evidence.field !== undefined && fieldPartsOf(evidence) === undefined) problems.push(`edge ${i} (${edge.kind}) evidence ${j} (${evidence.matchType}): field written as text`);
    }),
  );
  original.findings.forEach((finding, i) => {
    if (messagePartsOf(finding) === undefined) problems.push(`finding ${i} (${finding.ruleId}): message written as text`);
    finding.evidence.forEach((evidence, j) => {
      if (evidence.field !== undefined && fieldPartsOf(evidence) === undefined) problems.push(`finding ${i} (${finding.ruleId}) evidence ${j} (${evidence.matchType}): field written as text`);
    });
  });
  return problems;
}
