/**
 * Writes docs/rules.md from the rule metadata: `npx tsx src/audit/docs.ts [OUTPUT]`.
 * A test fails when the committed file differs from what this writes.
 */
import { writeFile } from 'node:fs/promises';
import { renderRulesDoc, RULES_DOC_PATH } from './rules-doc.js';

const output = process.argv[2] ?? RULES_DOC_PATH;
await writeFile(output, renderRulesDoc(), 'utf8');
console.log(`wrote ${output}`);
