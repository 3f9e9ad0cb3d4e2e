import { stat, readFile } from 'node:fs/promises';
import jsYaml from 'js-yaml';
import { InputFileError } from '../../errors.js';
import { parseJsonWithLines } from './json-lines.js';
import { isRecord, type JsonRecord } from './values.js';

/** A template file read into long-form JSON, with the line each object or list starts on. */
export interface ParsedTemplate {
  file: string;
  body: JsonRecord;
  /** 1-based line of an object or list of `body`, when the file was read with positions. */
  lineOf(node: unknown): number | undefined;
}

/**
 * Input limits. CloudFormation itself takes templates of at most 1 MB (from S3), so these only
 * stop files that would exhaust memory or time: generated templates stay far below them.
 */
export const TEMPLATE_LIMITS = {
  /** Bytes of one template file. */
  maxBytes: 256 * 1024 * 1024,
  /** Nesting of mappings and lists; real templates nest about 15 deep. */
  maxDepth: 100,
  /**
   * Nodes that YAML aliases add beyond what the file holds. The config loader's alias limit (the
   * yaml package's maxAliasCount) does the same job there; here each alias shares the anchored
   * value, and the reader walks every copy, so the copies are what is counted.
   */
  maxAliasedNodes: 100_000,
} as const;

/** Short-form tag → long-form key. `!GetAtt A.B` is the one whose scalar form needs splitting. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!ImportValue': 'Fn::ImportValue',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/**
 * The YAML 1.2 core schema (no timestamps: `2010-09-09` stays a string) plus each short form for
 * scalars, lists and mappings, built straight into its long form.
 */
const TEMPLATE_SCHEMA = jsYaml.CORE_SCHEMA.extend(
  Object.entries(SHORT_FORMS).flatMap(([tag, longForm]) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) =>
        new jsYaml.Type(tag, {
          kind,
          construct: (data: unknown) => ({ [longForm]: longForm === 'Fn::GetAtt' && typeof data === 'string' ? splitGetAtt(data) : (data ?? '') }),
        }),
    ),
  ),
);

export async function readTemplateFile(file: string): Promise<ParsedTemplate> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > TEMPLATE_LIMITS.maxBytes) throw new InputFileError(file, tooLarge(size));
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof InputFileError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a template file' : 'cannot read the file';
    throw new InputFileError(file, problem, { cause });
  }
  return parseTemplateText(file, text);
}

function tooLarge(bytes: number): string {
  const mib = (value: number) => `${Math.round(value / 1024 / 1024)} MiB`;
  return `the template is ${mib(bytes)}, more than the ${mib(TEMPLATE_LIMITS.maxBytes)} topology reads (CloudFormation itself accepts 1 MB)`;
}

export function parseTemplateText(file: string, text: string): ParsedTemplate {
  if (text.length > TEMPLATE_LIMITS.maxBytes) throw new InputFileError(file, tooLarge(text.length));
  if (text.trim() === '') throw new InputFileError(file, 'not a CloudFormation template: the file is empty');
  // A Map, not a WeakMap: the template outlives nothing it holds, and a WeakMap of a million keys
  // costs the garbage collector more than the parse itself.
  const lines = new Map<object, number>();
  let body: unknown;
  // JSON has no aliases; YAML can only alias a value it anchored.
  let anchored = false;
  if (text.trimStart().startsWith('{')) {
    checkJsonSyntax(file, text);
    body = parseJsonWithLines(file, text, lines);
  } else {
    ({ body, anchored } = loadYaml(file, text, lines));
  }
  if (!isRecord(body)) {
    throw new InputFileError(file, `not a CloudFormation template: the document is ${describe(body)}, not a mapping`, { line: 1 });
  }
  if (!isRecord(body.Resources)) {
    throw new InputFileError(file, 'not a CloudFormation template: it has no Resources mapping', {
      line: lines.get(body),
      hint: 'Pass a CloudFormation template (JSON or YAML), a cdk.out directory or a CDK app directory.',
    });
  }
  // Without anchors every object appears once, so the walk would only count the file's nodes (a
  // second of a 50 MB read, and a map as large as the template).
  if (anchored) checkAliasExpansion(file, body, lines);
  return { file, body, lineOf: (node) => (typeof node === 'object' && node !== null ? lines.get(node) : undefined) };
}

interface LoaderState {
  line: number;
  result: unknown;
  /** js-yaml's anchors so far, by name (not in its types): an alias must name one of them. */
  anchorMap?: Record<string, unknown>;
}

/**
 * Parses with js-yaml, which reads tens of MB per second (the `yaml` package's document model
 * took minutes for 50 MB), recording the line each object or list starts on: the line of its
 * key for a value that starts on the next line, as a reader points at it.
 */
function loadYaml(file: string, text: string, lines: Map<object, number>): { body: unknown; anchored: boolean } {
  const starts: number[] = [];
  let loader: LoaderState | undefined;
  const listener = (event: 'open' | 'close', state: LoaderState) => {
    if (event === 'open') {
      loader = state;
      starts.push(state.line + 1);
      return;
    }
    const line = starts.pop();
    const value = state.result;
    if (line === undefined || typeof value !== 'object' || value === null) return;
    // An alias closes with the anchored value: the anchor, which comes first, keeps its line.
    const known = lines.get(value);
    if (known === undefined || line < known) lines.set(value, line);
  };
  try {
    const body = jsYaml.load(text, { filename: file, schema: TEMPLATE_SCHEMA, maxDepth: TEMPLATE_LIMITS.maxDepth, listener } as jsYaml.LoadOptions);
    const anchors = loader?.anchorMap;
    // Should a later js-yaml keep its anchors elsewhere, every template gets the alias check.
    return { body, anchored: anchors === undefined || Object.keys(anchors).length > 0 };
  } catch (cause) {
    if (!(cause instanceof jsYaml.YAMLException)) throw cause;
    const line = cause.mark === undefined ? undefined : cause.mark.line + 1;
    throw yamlError(file, cause.reason, line, cause);
  }
}

function yamlError(file: string, reason: string, line: number | undefined, cause: unknown): InputFileError {
  const unknownTag = /^unknown tag !<(!?[^>]*)>/.exec(reason);
  if (unknownTag) {
    return new InputFileError(file, `unknown intrinsic function tag ${unknownTag[1]}`, { line, cause, hint: `Known short forms: ${Object.keys(SHORT_FORMS).join(', ')}.` });
  }
  const alias = /^unidentified alias "([^"]*)"/.exec(reason);
  if (alias) {
    return new InputFileError(file, `not valid YAML: the alias *${alias[1]} names no anchor defined before it`, { line, cause });
  }
  if (/^nesting exceeded maxDepth/.test(reason)) {
    return new InputFileError(file, `the template nests mappings and lists more than ${TEMPLATE_LIMITS.maxDepth} deep, which no CloudFormation template needs`, { line, cause });
  }
  return new InputFileError(file, `not valid YAML: ${reason}`, { line, cause });
}

/**
 * Aliases share the anchored value, so a few lines can stand for billions of nodes (an "alias
 * bomb") that every later walk of the template would visit. Counts the nodes as a walk sees them,
 * each shared value once per use, without walking the copies.
 */
function checkAliasExpansion(file: string, body: JsonRecord, lines: Map<object, number>): void {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let distinct = 0;
  const sizeOf = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    if (open.has(value)) {
      throw new InputFileError(file, 'not valid YAML: an alias inside the value anchored here refers to that value itself, an endless loop', { line: lines.get(value) });
    }
    open.add(value);
    distinct += 1;
    let size = 1;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child !== 'object' || child === null) {
        distinct += 1;
        size += 1;
      } else {
        size += sizeOf(child);
      }
    }
    open.delete(value);
    sizes.set(value, size);
    return size;
  };
  const expanded = sizeOf(body);
  if (expanded - distinct > TEMPLATE_LIMITS.maxAliasedNodes) {
    throw new InputFileError(
      file,
      `the template's YAML aliases expand it to ${expanded > 1e15 ? expanded.toExponential(1) : expanded} nodes; ` +
        `aliases may add at most ${TEMPLATE_LIMITS.maxAliasedNodes} to what the file holds (an alias bomb?)`,
      { hint: 'Write the repeated values out, or use fewer aliases inside aliased values.' },
    );
  }
}

/** JSON.parse reports JSON mistakes in JSON terms; the YAML parser would describe them as YAML. */
function checkJsonSyntax(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (cause) {
    const message = (cause as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    const problem = firstLine(message).replace(/ (?:in JSON )?at position \d+.*$/, '');
    throw new InputFileError(file, `not valid JSON: ${problem}`, { line, cause });
  }
}

/** `!GetAtt Db.Endpoint.Address` → `['Db', 'Endpoint.Address']`. */
export function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  return `a ${typeof value}`;
}
