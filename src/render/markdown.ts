import type { Topology } from '../model/index.js';
import type { RenderOptions } from './index.js';
import { diagramToMermaid } from './mermaid.js';
import { asStory } from './story.js';
import { pageContent, type PageContent } from './story-page.js';
import type { ArchitecturePath } from './story-paths.js';
import { formatCount, type Phrase } from './story-text.js';
import type { PageTable } from './page-summary.js';

/**
 * The page's content as GitHub Markdown (`--format markdown`), for review documents and pull-request
 * comments: the diagram as a ```mermaid block, GitHub tables, the paths, the security model and
 * the findings. Text runs are escaped for Markdown and HTML; identifiers go in code spans.
 */

/** Inline text: HTML-significant characters as entities, Markdown punctuation backslash-escaped. */
export function markdownText(value: string): string {
  return value.replace(MARKDOWN_SPECIAL, (match) => MARKDOWN_ESCAPES[match] ?? `\\${match}`);
}

/** Everything `markdownText` rewrites, matched in one pass over the text. */
const MARKDOWN_SPECIAL = /\r?\n|[&<>\\`*_[\]~|]/g;
const MARKDOWN_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\n': ' ', '\r\n': ' ' };

/** A code span that survives backticks in the value (CommonMark: a longer fence, padded). */
export function markdownCode(value: string): string {
  const text = value.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A paragraph: text that would open a block (heading, list, quote) at line start is escaped too. */
function paragraph(value: Phrase): string {
  const text = phraseMarkdown(value);
  return text.replace(/^(#|[-+=]|\d+[.)])/, '\\$1');
}

export function phraseMarkdown(value: Phrase): string {
  return value.map((part) => (typeof part === 'string' ? markdownText(part) : markdownCode(part.code))).join('');
}

/** A GitHub table cell: `|` escaped, one value per line as `<br>`. */
export function markdownCell(value: string): string {
  return value
    .split('\n')
    .map((line) => markdownText(line))
    .join('<br>');
}

export function markdownTable(columns: string[], rows: string[][]): string[] {
  return [
    `| ${columns.map(markdownCell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ];
}

function pathLines(path: ArchitecturePath): string[] {
  return [`### ${markdownText(path.title)}`, '', ...path.steps.map((step, i) => `${i + 1}. **${markdownText(step.kind)}**: ${phraseMarkdown(step.text)}`), ''];
}

function pathSection(title: string, section: PageContent['request'], empty: string): string[] {
  const lines = [`## ${title}`, '', `_${phraseMarkdown(section.caption)}_`, ''];
  if (section.notCollected !== undefined && section.paths.length === 0) return [...lines, `${markdownText(section.notCollected)}; see WARNINGS.`, ''];
  if (section.paths.length === 0) return [...lines, empty, ''];
  const note = section.notCollected === undefined ? [] : [`_Incomplete: ${markdownText(section.notCollected)}; see WARNINGS._`, ''];
  return [...lines, ...note, ...summaryLines(section.summary), ...section.paths.flatMap(pathLines)];
}

/** A summarised page's note on cut paths: the sentence, then one line per shape. */
function summaryLines(summary: Phrase[] | undefined): string[] {
  if (summary === undefined || summary.length === 0) return [];
  const [sentence, ...shapes] = summary;
  return [`_${phraseMarkdown(sentence!)}_`, '', ...shapes.map((shape) => `- ${phraseMarkdown(shape)}`), ''];
}

function tableSection(table: PageTable): string[] {
  const heading = `### ${markdownText(table.title)}`;
  if (table.rows.length === 0) return [heading, '', markdownText(table.emptyMessage ?? 'None in this topology.'), ''];
  return [
    heading,
    '',
    ...(table.note ? [`_${markdownText(table.note)}_`, ''] : []),
    ...(table.cut ? [`_${phraseMarkdown(table.cut)}_`, ''] : []),
    ...markdownTable(table.columns, table.rows),
    '',
  ];
}

function findingLines(content: PageContent): string[] {
  const lines = ['## Findings and warnings', ''];
  if (content.findingRules !== undefined && content.findingRules.length > 0) {
    lines.push(...markdownTable(['Severity', 'Rule', 'Finding', 'Count'], content.findingRules.map((r) => [r.severity, r.ruleId, r.title, formatCount(r.count)])), '');
  }
  if (content.findingsCut !== undefined) lines.push(`_${phraseMarkdown(content.findingsCut)}_`, '');
  if (content.findings.length === 0) {
    lines.push('The audit reported no findings.', '');
  } else {
    lines.push(...markdownTable(['Severity', 'Rule', 'Finding', 'Details'], content.findings.map((f) => [f.severity, f.ruleId, f.title, f.message])), '');
  }
  if (content.suppressedFindings.length > 0) {
    lines.push(`<details><summary>${content.suppressedFindings.length} suppressed finding(s)</summary>`, '');
    lines.push(...markdownTable(['Severity', 'Rule', 'Finding', 'Reason'], content.suppressedFindings.map((f) => [f.severity, f.ruleId, f.message, f.suppressedReason ?? ''])), '', '</details>', '');
  }
  if (content.warnings.length > 0) lines.push('### Collection warnings', '', ...content.warnings.map((w) => `- ${markdownText(w)}`), '');
  return lines;
}

export function contentToMarkdown(content: PageContent): string {
  const lines: string[] = [`# ${markdownText(content.title)}`, '', `**${markdownText(content.tagline)}**`, ''];
  for (const p of content.summary) lines.push(paragraph(p), '');
  lines.push(`_${markdownText(content.provenance)}_`, '');
  lines.push(...markdownTable(content.stats.map((s) => s.label), [content.stats.map((s) => s.value)]), '');

  if (content.notes.length > 0) {
    lines.push('## Design notes', '');
    for (const note of content.notes) lines.push(`### ${markdownText(note.title)}`, '', paragraph(note.body), '');
  }

  lines.push('## Architecture diagram', '', '```mermaid', diagramToMermaid(content.diagram).trimEnd(), '```', '');
  if (content.diagramCompacted) lines.push(`_${markdownText(content.diagramCompacted)}._`, '');
  if (content.diagramNotCollected) lines.push(`_${markdownText(content.diagramNotCollected)}; see WARNINGS._`, '');
  lines.push(...pathSection('Request path', content.request, 'No load balancer forwards to an ECS service in this topology.'));
  lines.push(...pathSection('Worker path', content.worker, 'No ECS service consumes an SQS queue in this topology.'));

  lines.push('## Security model', '');
  for (const section of content.security) lines.push(`### ${markdownText(section.title)}`, '', ...section.items.map((item) => `- ${phraseMarkdown(item)}`), '');

  lines.push('## Component roles', '');
  for (const card of content.components) lines.push(`### ${markdownText(card.title)} (${markdownText(card.eyebrow)})`, '', paragraph(card.description), '');

  lines.push(...findingLines(content));

  if (content.impact.length > 0) lines.push('## Engineering highlights', '', ...content.impact.map((item) => `- ${phraseMarkdown(item)}`), '');
  lines.push('## How to read this document', '', ...content.readingGuide.flatMap((p) => [paragraph(p), '']));
  lines.push('## Topology tables', '', ...content.tables.flatMap(tableSection));
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderMarkdown(topology: Topology, options: RenderOptions = {}): string {
  return contentToMarkdown(pageContent(topology, asStory(options.story), options.shared));
}
