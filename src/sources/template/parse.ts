import { readFile } from 'node:fs/promises';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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
 * The yaml package resolves a tag by node kind, so each short form is declared for scalars, lists
 * and mappings. The tags keep the node as it is: conversion to long form happens in `toJson`,
 * where the line is known.
 */
const CUSTOM_TAGS = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
]);

export async function readTemplateFile(file: string): Promise<ParsedTemplate> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a template file' : 'cannot read the file';
    throw new InputFileError(file, problem, { cause });
  }
  return parseTemplateText(file, text);
}

export function parseTemplateText(file: string, text: string): ParsedTemplate {
  if (text.trim() === '') throw new InputFileError(file, 'not a CloudFormation template: the file is empty');
  const lines = new WeakMap<object, number>();
  let body: unknown;
  if (text.trimStart().startsWith('{')) {
    checkJsonSyntax(file, text);
    body = parseJsonWithLines(file, text, lines);
  } else {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { customTags: CUSTOM_TAGS, lineCounter, uniqueKeys: true });
    const error = document.errors[0];
    if (error !== undefined) {
      const problem = firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '');
      throw new InputFileError(file, `not valid YAML: ${problem}`, { line: error.linePos?.[0].line, cause: error });
    }
    body = new YamlConverter(file, document, lineCounter, lines).toJson(document.contents, undefined);
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
  return { file, body, lineOf: (node) => (typeof node === 'object' && node !== null ? lines.get(node) : undefined) };
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

class YamlConverter {
  constructor(
    private readonly file: string,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    private readonly lines: WeakMap<object, number>,
  ) {}

  /** `keyLine`: the line of the mapping key holding this value; a tagged list starts on it. */
  toJson(node: unknown, keyLine: number | undefined): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.toJson(node.resolve(this.document), keyLine);
    const yamlNode = node as Node;
    const line = keyLine ?? this.lineAt(yamlNode);
    const value = this.plainValue(yamlNode, line);
    const tag = yamlNode.tag;
    if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return value;
    const longForm = SHORT_FORMS[tag];
    if (longForm === undefined) {
      throw new InputFileError(this.file, `unknown intrinsic function tag ${tag}`, {
        line: this.lineAt(yamlNode),
        hint: `Known short forms: ${Object.keys(SHORT_FORMS).join(', ')}.`,
      });
    }
    const argument = longForm === 'Fn::GetAtt' && typeof value === 'string' ? splitGetAtt(value) : value;
    return this.remember({ [longForm]: argument }, line);
  }

  private plainValue(node: Node, line: number | undefined): unknown {
    if (isScalar(node)) return node.value;
    if (isMap(node)) {
      const result: JsonRecord = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(this.toJson(pair.key, undefined));
        const pairLine = isScalar(pair.key) ? this.lineAt(pair.key) : undefined;
        result[key] = this.toJson(pair.value, pairLine);
      }
      return this.remember(result, line);
    }
    if (isSeq(node)) {
      return this.remember(
        node.items.map((item) => this.toJson(item, undefined)),
        line,
      );
    }
    return null;
  }

  private remember<T extends object>(value: T, line: number | undefined): T {
    if (line !== undefined) this.lines.set(value, line);
    return value;
  }

  private lineAt(node: Node): number | undefined {
    const offset = node.range?.[0];
    return offset === undefined ? undefined : this.lineCounter.linePos(offset).line;
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
  if (value === null) return 'empty';
  return `a ${typeof value}`;
}
