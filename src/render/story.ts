import { readFile } from 'node:fs/promises';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { InputFileError } from '../errors.js';
import { PAGE_KINDS } from '../model/index.js';

/**
 * The optional story file (`--story FILE`): the narrative a person writes around the generated
 * page. YAML, or Markdown whose YAML front matter holds the fields and whose body is the summary.
 * Every field is optional; the page generates its own text for whatever is missing.
 */

/** The cards `render/story-facts.ts` writes by hand, before and after the registry's. */
const HAND_WRITTEN_BEFORE = ['load-balancers', 'web-services', 'worker-services', 'internal-services', 'databases', 'buckets', 'queues'] as const;
const HAND_WRITTEN_AFTER = ['vpc-endpoints', 'iam-roles'] as const;

export type HandWrittenComponentKey = (typeof HAND_WRITTEN_BEFORE)[number] | (typeof HAND_WRITTEN_AFTER)[number];

/**
 * Component cards the page generates, in page order; a story component with `for` rewrites that
 * card. The registry's kinds bring their own (`page.card.key` in model/kinds.ts: `tables`).
 */
export const COMPONENT_KEYS: readonly string[] = [...HAND_WRITTEN_BEFORE, ...PAGE_KINDS.map(({ page }) => page.card.key), ...HAND_WRITTEN_AFTER];

/** One of `COMPONENT_KEYS` (a story file's `for` is checked against them when it is read). */
export type ComponentKey = HandWrittenComponentKey | (string & {});

export interface StoryNote {
  title: string;
  body: string;
  eyebrow?: string;
}

export interface StoryComponent {
  for?: ComponentKey;
  eyebrow?: string;
  title: string;
  description: string;
}

export interface Story {
  title?: string;
  tagline?: string;
  /** Paragraphs. In Markdown story files, the body after the front matter. */
  summary?: string[];
  notes?: StoryNote[];
  paths?: { request?: string; worker?: string };
  components?: StoryComponent[];
  impact?: string[];
  readingGuide?: string[];
}

type Path = (string | number)[];

class StoryProblem extends Error {
  constructor(
    readonly path: Path,
    problem: string,
    readonly hint?: string,
    /** Point at the key itself rather than its value (unknown fields). */
    readonly atKey = false,
  ) {
    super(problem);
  }
}

function pathText(path: Path): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, path: Path): string {
  if (typeof value !== 'string') throw new StoryProblem(path, `${pathText(path)} must be text, not ${describe(value)}`);
  const trimmed = value.trim();
  if (trimmed === '') throw new StoryProblem(path, `${pathText(path)} must not be empty`);
  return trimmed;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function record(value: unknown, path: Path, known: readonly string[]): Record<string, unknown> {
  if (!isRecord(value)) throw new StoryProblem(path, `${pathText(path) || 'the story'} must be a mapping, not ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new StoryProblem([...path, key], `unknown field "${pathText([...path, key])}"`, `Known fields here: ${known.join(', ')}.`, true);
    }
  }
  return value;
}

function list<T>(value: unknown, path: Path, item: (value: unknown, path: Path) => T): T[] {
  if (!Array.isArray(value)) throw new StoryProblem(path, `${pathText(path)} must be a list, not ${describe(value)}`);
  return value.map((entry, i) => item(entry, [...path, i]));
}

/** A paragraph list: a list of strings, or one string whose blank lines separate paragraphs. */
function paragraphs(value: unknown, path: Path): string[] {
  if (typeof value === 'string') return splitParagraphs(value, path);
  return list(value, path, text);
}

export function splitParagraphs(value: string, path: Path = ['summary']): string[] {
  const result = value
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
  if (result.length === 0) throw new StoryProblem(path, `${pathText(path)} must not be empty`);
  return result;
}

function optional<T>(source: Record<string, unknown>, key: string, path: Path, read: (value: unknown, path: Path) => T): T | undefined {
  return source[key] === undefined ? undefined : read(source[key], [...path, key]);
}

function note(value: unknown, path: Path): StoryNote {
  const source = record(value, path, ['title', 'body', 'eyebrow']);
  return {
    title: text(source.title, [...path, 'title']),
    body: text(source.body, [...path, 'body']),
    eyebrow: optional(source, 'eyebrow', path, text),
  };
}

function componentKey(value: unknown, path: Path): ComponentKey {
  const key = text(value, path);
  if (!(COMPONENT_KEYS as readonly string[]).includes(key)) {
    throw new StoryProblem(path, `${pathText(path)} "${key}" is not a component the page knows`, `Use one of: ${COMPONENT_KEYS.join(', ')}.`);
  }
  return key as ComponentKey;
}

function component(value: unknown, path: Path): StoryComponent {
  const source = record(value, path, ['for', 'eyebrow', 'title', 'description']);
  return {
    for: optional(source, 'for', path, componentKey),
    eyebrow: optional(source, 'eyebrow', path, text),
    title: text(source.title, [...path, 'title']),
    description: text(source.description, [...path, 'description']),
  };
}

function storyPaths(value: unknown, path: Path): Story['paths'] {
  const source = record(value, path, ['request', 'worker']);
  return { request: optional(source, 'request', path, text), worker: optional(source, 'worker', path, text) };
}

const STORY_FIELDS = ['title', 'tagline', 'summary', 'notes', 'paths', 'components', 'impact', 'readingGuide'] as const;

/** Checks a parsed story; throws StoryProblem naming the first bad field. */
function validateStory(value: unknown): Story {
  if (value === null || value === undefined) return {};
  const source = record(value, [], STORY_FIELDS);
  const story: Story = {
    title: optional(source, 'title', [], text),
    tagline: optional(source, 'tagline', [], text),
    summary: optional(source, 'summary', [], paragraphs),
    notes: optional(source, 'notes', [], (v, p) => list(v, p, note)),
    paths: optional(source, 'paths', [], storyPaths),
    components: optional(source, 'components', [], (v, p) => list(v, p, component)),
    impact: optional(source, 'impact', [], (v, p) => list(v, p, text)),
    readingGuide: optional(source, 'readingGuide', [], paragraphs),
  };
  return Object.fromEntries(Object.entries(story).filter(([, v]) => v !== undefined)) as Story;
}

/** The 1-based line of the value (or key) at `path` in the YAML document. */
function lineOf(doc: Document, lines: LineCounter, problem: StoryProblem): number | undefined {
  const parentPath = problem.path.slice(0, -1);
  const last = problem.path[problem.path.length - 1];
  let offset: number | undefined;
  if (problem.atKey) {
    const parent = doc.getIn(parentPath, true);
    const pair = isMap(parent) ? parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === last) : undefined;
    offset = isNode(pair?.key) ? pair.key.range?.[0] : undefined;
  } else {
    const node = problem.path.length === 0 ? doc.contents : doc.getIn(problem.path, true);
    offset = isNode(node) ? node.range?.[0] : undefined;
    if (offset === undefined && last !== undefined) {
      const parent = doc.getIn(parentPath, true);
      offset = isNode(parent) ? parent.range?.[0] : undefined;
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

interface StorySource {
  yaml: string;
  /** Lines before the YAML in the file (the front matter's opening `---`). */
  lineOffset: number;
  body?: string;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

function splitMarkdown(file: string, content: string): StorySource {
  if (!content.startsWith('---')) return { yaml: '', lineOffset: 0, body: content };
  const match = FRONT_MATTER.exec(content);
  if (!match || match.index !== 0) {
    throw new InputFileError(file, 'the front matter opened with --- is never closed', { line: 1, hint: 'End the YAML front matter with a line holding only ---.' });
  }
  return { yaml: match[1] ?? '', lineOffset: 1, body: content.slice(match[0].length) };
}

/** Parses and validates story text; `file` names the source in errors. */
export function parseStory(content: string, file: string): Story {
  const markdown = /\.(md|markdown)$/i.test(file);
  const source: StorySource = markdown ? splitMarkdown(file, content) : { yaml: content, lineOffset: 0 };
  const lines = new LineCounter();
  const doc = parseDocument(source.yaml, { lineCounter: lines, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    throw new InputFileError(file, `not valid YAML: ${syntaxError.message.split('\n')[0]}`, {
      line: lines.linePos(syntaxError.pos[0]).line + source.lineOffset,
    });
  }
  let story: Story;
  try {
    story = validateStory(doc.toJS());
  } catch (error) {
    if (!(error instanceof StoryProblem)) throw error;
    const line = lineOf(doc, lines, error);
    throw new InputFileError(file, error.message, { line: line === undefined ? undefined : line + source.lineOffset, hint: error.hint });
  }
  const body = source.body?.trim();
  if (body) {
    if (story.summary) {
      throw new InputFileError(file, 'the summary is given twice: in the front matter and as the Markdown body', {
        hint: 'Keep one of them.',
      });
    }
    story.summary = splitParagraphs(body);
  }
  return story;
}

export async function loadStory(path: string): Promise<Story> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (cause) {
    throw new InputFileError(path, 'cannot read the story file', { cause, hint: 'Check the --story path.' });
  }
  return parseStory(content, path);
}

/** Accepts RenderOptions.story (typed `unknown` in the shared contract). */
export function asStory(value: unknown): Story {
  if (value === undefined || value === null) return {};
  try {
    return validateStory(value);
  } catch (error) {
    if (error instanceof StoryProblem) throw new InputFileError('story', error.message, { hint: error.hint });
    throw error;
  }
}
