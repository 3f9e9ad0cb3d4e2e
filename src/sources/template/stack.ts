import { InputFileError } from '../../errors.js';
import type { StackEnvironment } from './environment.js';
import { attributeValue, refValue, type IdentitySubject } from './identity.js';
import { splitGetAtt, type ParsedTemplate } from './parse.js';
import {
  asNumber,
  asRecord,
  asString,
  containsUnresolved,
  isRecord,
  textOf,
  unresolved,
  type JsonRecord,
} from './values.js';

/** `Ref: AWS::NoValue`: the property or list item it stands in is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Availability zones `Fn::GetAZs` lists: the region name plus a letter, as most regions spell them. */
const AZ_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

export interface ResourceDeclaration {
  logicalId: string;
  type: string;
  condition?: string;
  /** The declaration as written, for line numbers. */
  node: JsonRecord;
}

/** The value another stack of the same input exports under `name`; undefined when none does. */
export type ExportLookup = (name: string) => unknown;

/** Something in the template this reader could not understand; the value became a placeholder. */
export interface TemplateProblem {
  file: string;
  line?: number;
  /** `Resources.Queue.Properties.QueueName: unknown intrinsic function Fn::Concat`. */
  message: string;
}

export interface StackOptions {
  /** A value given for a parameter (`--parameter`, a parameters file, a parent stack); undefined when none was. */
  parameterValue?: (name: string) => unknown;
  /**
   * The name the deployed resource stands in under: the logical ID, qualified by the stack when
   * another stack of the same input declares the same logical ID.
   */
  physicalIdOf?: (logicalId: string) => string;
}

/** Where in the template a value sits: a path for the message, the nearest object with a line. */
interface At {
  where: string;
  node: unknown;
}

/** Marks a cached value being computed: meeting it again is a reference cycle. */
const IN_PROGRESS = Symbol('in progress');

/** Tri-state: `undefined` when the condition depends on a value only a deployment would know. */
type ConditionValue = boolean | undefined;

/**
 * One stack's template with its intrinsic functions resolved on demand. Properties are resolved
 * one at a time and cached, so a resource's identity (which may depend on its name property) never
 * needs the rest of its properties, and only genuine reference cycles are reported as such.
 */
export class TemplateStack {
  readonly resources = new Map<string, ResourceDeclaration>();
  private readonly parameters: JsonRecord;
  private readonly conditions: JsonRecord;
  private readonly mappings: JsonRecord;
  private readonly outputs: JsonRecord;
  /** Outputs, conditions and whole `Properties` resolved, by `Outputs.X`, `Conditions.X`, `Resources.X.Properties`. */
  private readonly cache = new Map<string, unknown>();
  /**
   * Properties resolved, by logical ID then name: a template of 67,000 resources has half a million,
   * and one long key each cost more to hash than resolving most of them.
   */
  private readonly propertyCache = new Map<string, Map<string, unknown>>();
  private readonly subjects = new Map<string, IdentitySubject>();
  private readonly children = new Map<string, TemplateStack>();
  private readonly problemMessages = new Set<string>();
  /** What could not be understood, each once, in the order met. */
  readonly problems: TemplateProblem[] = [];

  constructor(
    readonly template: ParsedTemplate,
    readonly env: StackEnvironment,
    private readonly importValue: ExportLookup = () => undefined,
    private readonly options: StackOptions = {},
  ) {
    const body = template.body;
    this.parameters = asRecord(body.Parameters) ?? {};
    this.conditions = asRecord(body.Conditions) ?? {};
    this.mappings = asRecord(body.Mappings) ?? {};
    this.outputs = asRecord(body.Outputs) ?? {};
    for (const [logicalId, declaration] of Object.entries(asRecord(body.Resources) ?? {})) {
      if (!isRecord(declaration) || typeof declaration.Type !== 'string') {
        this.record(this.fail(`resource ${logicalId} has no Type; it is left out`, { where: `Resources.${logicalId}`, node: declaration }));
        continue;
      }
      const condition = asString(declaration.Condition);
      this.resources.set(logicalId, { logicalId, type: declaration.Type, node: declaration, ...(condition ? { condition } : {}) });
    }
  }

  get file(): string {
    return this.template.file;
  }

  lineOf(node: unknown): number | undefined {
    return this.template.lineOf(node);
  }

  /** False only when the resource's condition is known to be false. */
  includes(logicalId: string): boolean {
    const declared = this.declarationOf(logicalId);
    if (declared.condition === undefined) return true;
    const where = `Resources.${logicalId}.Condition`;
    return this.tolerant(where, () => this.condition(declared.condition!, { where, node: declared.node })) !== false;
  }

  /** The logical ID qualified as `physicalIdOf` says: what stand-in identifiers are built from. */
  physicalId(logicalId: string): string {
    return this.options.physicalIdOf?.(logicalId) ?? logicalId;
  }

  /** The stack an `AWS::CloudFormation::Stack` resource creates, once the loader has read it. */
  attachChild(logicalId: string, child: TemplateStack): void {
    this.children.set(logicalId, child);
  }

  childOf(logicalId: string): TemplateStack | undefined {
    return this.children.get(logicalId);
  }

  /**
   * One property of a resource, resolved; undefined when absent or `AWS::NoValue`. A part this
   * reader cannot understand becomes a `${Error:...}` placeholder and a problem, never an abort.
   */
  property(logicalId: string, name: string): unknown {
    const properties = this.declarationOf(logicalId).node.Properties;
    if (isIntrinsic(properties)) return this.wholeProperties(logicalId)[name];
    const raw = asRecord(properties)?.[name];
    if (raw === undefined) return undefined;
    const at = { where: `Resources.${logicalId}.Properties`, node: properties };
    const key = `Resources.${logicalId}.Properties.${name}`;
    let resolved = this.propertyCache.get(logicalId);
    if (resolved === undefined) {
      resolved = new Map();
      this.propertyCache.set(logicalId, resolved);
    }
    const values = resolved;
    const value = this.tolerant(key, () => this.cached(values, name, key, at, () => this.resolve(raw, this.child(at, `.${name}`, raw))));
    return value === NO_VALUE ? undefined : value;
  }

  /** Runs `compute`; a template mistake it meets is recorded and stands as a placeholder. */
  private tolerant(where: string, compute: () => unknown): unknown {
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof TemplateMistake)) throw error;
      this.record(error, `; ${where} is shown as ${unresolved('Error', where)}`);
      return unresolved('Error', where);
    }
  }

  /** A problem a mapper met in a resolved value (a policy document it cannot read). */
  note(problem: string, line?: number): void {
    this.record(new TemplateMistake(this.file, problem, line));
  }

  private record(mistake: TemplateMistake, consequence = ''): void {
    const key = `${mistake.line ?? ''}:${mistake.problem}`;
    if (this.problemMessages.has(key)) return;
    this.problemMessages.add(key);
    this.problems.push({ file: this.file, ...(mistake.line === undefined ? {} : { line: mistake.line }), message: `${mistake.problem}${consequence}` });
  }

  /** Every property of a resource, resolved. */
  properties(logicalId: string): JsonRecord {
    const properties = this.declarationOf(logicalId).node.Properties;
    const names = Object.keys(isIntrinsic(properties) ? this.wholeProperties(logicalId) : (asRecord(properties) ?? {}));
    const result: JsonRecord = {};
    for (const name of names) {
      const value = this.property(logicalId, name);
      if (value !== undefined) result[name] = value;
    }
    return result;
  }

  ref(logicalId: string): unknown {
    const child = this.children.get(logicalId);
    if (child !== undefined) return child.stackId;
    return refValue(this.subject(logicalId));
  }

  /** `!GetAtt Child.Outputs.X` of a nested stack is the child's output X. */
  attribute(logicalId: string, attribute: string): unknown {
    const child = this.children.get(logicalId);
    if (child !== undefined && attribute.startsWith('Outputs.')) {
      const outputId = attribute.slice('Outputs.'.length);
      return child.hasOutput(outputId) ? child.outputValue(outputId) : unresolved('Output', `${child.env.stackName}.${outputId}`);
    }
    return attributeValue(this.subject(logicalId), attribute);
  }

  get stackId(): string {
    const { partition, region, accountId, stackName } = this.env;
    return `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/${stackName}`;
  }

  hasOutput(outputId: string): boolean {
    return Object.hasOwn(this.outputs, outputId);
  }

  /** Export names of this stack's outputs, with the output that carries each. */
  exportNames(): { name: string; outputId: string }[] {
    const names: { name: string; outputId: string }[] = [];
    for (const [outputId, output] of Object.entries(this.outputs)) {
      const declaration = asRecord(output);
      const exportName = asRecord(declaration?.Export)?.Name;
      if (exportName === undefined) continue;
      const at = { where: `Outputs.${outputId}.Export.Name`, node: declaration };
      if (declaration?.Condition !== undefined && this.tolerant(`Outputs.${outputId}.Condition`, () => this.condition(textOf(declaration.Condition), at)) === false) continue;
      names.push({ name: textOf(this.tolerant(at.where, () => this.resolve(exportName, at))), outputId });
    }
    return names;
  }

  outputValue(outputId: string): unknown {
    const declaration = asRecord(this.outputs[outputId]) ?? {};
    const at = { where: `Outputs.${outputId}.Value`, node: declaration };
    return this.tolerant(at.where, () => this.cached(this.cache, `Outputs.${outputId}`, `Outputs.${outputId}`, at, () => this.resolve(declaration.Value, at)));
  }

  /** `Properties: !If [...]`: the whole mapping is resolved at once. */
  private wholeProperties(logicalId: string): JsonRecord {
    const properties = this.declarationOf(logicalId).node.Properties;
    const at = { where: `Resources.${logicalId}.Properties`, node: properties };
    return asRecord(this.tolerant(at.where, () => this.cached(this.cache, `Resources.${logicalId}.Properties`, `Resources.${logicalId}.Properties`, at, () => this.resolve(properties, at)))) ?? {};
  }

  private declarationOf(logicalId: string): ResourceDeclaration {
    const declared = this.resources.get(logicalId);
    if (declared === undefined) throw new InputFileError(this.file, `no resource ${logicalId}`);
    return declared;
  }

  private subject(logicalId: string): IdentitySubject {
    let subject = this.subjects.get(logicalId);
    if (subject === undefined) {
      const declared = this.declarationOf(logicalId);
      subject = { logicalId, physicalId: this.physicalId(logicalId), type: declared.type, env: this.env, property: (name) => this.property(logicalId, name) };
      this.subjects.set(logicalId, subject);
    }
    return subject;
  }

  /**
   * Computes `values[name]` once; a name met again while it is being computed is a reference
   * cycle, reported as through `key` (the name's full path).
   */
  private cached(values: Map<string, unknown>, name: string, key: string, at: At, compute: () => unknown): unknown {
    const known = values.get(name);
    if (known === IN_PROGRESS) throw this.fail(`circular reference through ${key}`, at);
    if (known !== undefined || values.has(name)) return known;
    values.set(name, IN_PROGRESS);
    try {
      const value = compute();
      values.set(name, value);
      return value;
    } catch (error) {
      values.delete(name);
      throw error;
    }
  }

  private child(at: At, suffix: string, value: unknown): At {
    return { where: `${at.where}${suffix}`, node: this.lineOf(value) === undefined ? at.node : value };
  }

  private fail(problem: string, at: At): TemplateMistake {
    return new TemplateMistake(this.file, `${at.where}: ${problem}`, this.lineOf(at.node));
  }

  private resolve(value: unknown, at: At): unknown {
    if (Array.isArray(value)) {
      return value.map((item, i) => this.resolve(item, this.child(at, `[${i}]`, item))).filter((item) => item !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    if (isIntrinsic(value)) {
      const [name] = Object.keys(value) as [string];
      return this.intrinsic(name, value[name], this.child(at, '', value));
    }
    const result: JsonRecord = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.resolve(item, this.child(at, `.${key}`, item));
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }

  private intrinsic(name: string, argument: unknown, at: At): unknown {
    switch (name) {
      case 'Ref':
        return this.resolveRef(this.stringArgument(name, this.resolve(argument, at), at), at);
      case 'Fn::GetAtt':
        return this.getAtt(argument, at);
      case 'Fn::Sub':
        return this.sub(argument, at);
      case 'Fn::Join': {
        const [delimiter, list] = this.listArgument(name, argument, [2], at);
        const items = this.resolve(list, at);
        return Array.isArray(items) ? items.map(textOf).join(textOf(this.resolve(delimiter, at))) : textOf(items);
      }
      case 'Fn::Select':
        return this.select(argument, at);
      case 'Fn::Split': {
        const [delimiter, source] = this.listArgument(name, argument, [2], at);
        return textOf(this.resolve(source, at)).split(textOf(this.resolve(delimiter, at)));
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.listArgument(name, argument, [3], at);
        // Unknown conditions take the true branch, as resources with unknown conditions are kept.
        const holds = this.condition(this.stringArgument(name, condition, at), at);
        return this.resolve(holds === false ? whenFalse : whenTrue, at);
      }
      case 'Fn::ImportValue': {
        const exportName = textOf(this.resolve(argument, at));
        return this.importValue(exportName) ?? unresolved('Import', exportName);
      }
      case 'Fn::FindInMap':
        return this.findInMap(argument, at);
      case 'Fn::GetAZs': {
        const region = textOf(this.resolve(argument, at)) || this.env.region;
        return AZ_LETTERS.map((letter) => `${region}${letter}`);
      }
      case 'Fn::Base64':
        return Buffer.from(textOf(this.resolve(argument, at))).toString('base64');
      case 'Fn::Cidr':
        return this.cidr(argument, at);
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
        return this.evaluate({ [name]: argument }, at) ?? unresolved('Condition', at.where);
      case 'Fn::Length': {
        const list = this.resolve(argument, at);
        return Array.isArray(list) ? list.length : unresolved('Length', textOf(list));
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(argument, at));
      case 'Fn::Transform':
        return unresolved('Transform', textOf(asRecord(argument)?.Name));
      default:
        throw this.fail(`unknown intrinsic function ${name}`, at);
    }
  }

  private resolveRef(name: string, at: At): unknown {
    const pseudo = this.pseudoParameter(name);
    if (pseudo !== undefined) return pseudo;
    if (Object.hasOwn(this.parameters, name)) return this.parameterValue(name);
    if (this.resources.has(name)) return this.ref(name);
    throw this.fail(`Ref to "${name}", which is neither a parameter, a resource nor a pseudo parameter`, at);
  }

  private pseudoParameter(name: string): unknown {
    const { partition, region, accountId, stackName } = this.env;
    switch (name) {
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::Region':
        return region;
      case 'AWS::Partition':
        return partition;
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        return `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/${stackName}`;
      case 'AWS::URLSuffix':
        return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  /** Parameter names this template declares. */
  parameterNames(): string[] {
    return Object.keys(this.parameters);
  }

  /**
   * The value given for it (or, failing that, its default); a `${Param:Name}` placeholder otherwise
   * (a one-item list for list types).
   */
  private parameterValue(name: string): unknown {
    const declaration = asRecord(this.parameters[name]) ?? {};
    const type = asString(declaration.Type) ?? 'String';
    const isList = /^List<|^CommaDelimitedList$|<List<|<CommaDelimitedList>/.test(type);
    const given = this.options.parameterValue?.(name);
    if (given !== undefined && !type.startsWith('AWS::SSM::Parameter::Value<')) {
      if (!isList) return given;
      return Array.isArray(given) ? given.map(textOf) : textOf(given).split(',').map((item) => item.trim());
    }
    const fallback = given ?? declaration.Default;
    let value: unknown;
    if (type.startsWith('AWS::SSM::Parameter::Value<')) value = unresolved('SSM', fallback === undefined ? name : textOf(fallback));
    else if (fallback === undefined) value = unresolved('Param', name);
    else if (isList) return Array.isArray(fallback) ? fallback.map(textOf) : textOf(fallback).split(',').map((item) => item.trim());
    else return fallback;
    return isList ? [value] : value;
  }

  private getAtt(argument: unknown, at: At): unknown {
    const parts = typeof argument === 'string' ? splitGetAtt(argument) : argument;
    if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string') {
      throw this.fail('Fn::GetAtt needs [LogicalId, Attribute] or "LogicalId.Attribute"', at);
    }
    return this.attributeOf(parts[0], textOf(this.resolve(parts[1], at)), at);
  }

  private attributeOf(logicalId: string, attribute: string, at: At): unknown {
    if (!this.resources.has(logicalId)) throw this.fail(`Fn::GetAtt names "${logicalId}", which is not a resource of this template`, at);
    return this.attribute(logicalId, attribute);
  }

  private sub(argument: unknown, at: At): string {
    const [template, variables = {}] = typeof argument === 'string' ? [argument] : Array.isArray(argument) ? argument : [];
    if (typeof template !== 'string' || !isRecord(variables)) {
      throw this.fail('Fn::Sub needs a string or [string, {variables}]', at);
    }
    return template.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (Object.hasOwn(variables, name)) return textOf(this.resolve(variables[name], at));
      const dot = name.indexOf('.');
      if (dot > 0) return textOf(this.attributeOf(name.slice(0, dot), name.slice(dot + 1), at));
      return textOf(this.resolveRef(name, at));
    });
  }

  private select(argument: unknown, at: At): unknown {
    const [rawIndex, rawList] = this.listArgument('Fn::Select', argument, [2], at);
    const index = asNumber(this.resolve(rawIndex, at));
    const list = this.resolve(rawList, at);
    if (index === undefined || index < 0 || !Number.isInteger(index)) throw this.fail('Fn::Select needs a non-negative integer index', at);
    if (Array.isArray(list) && index < list.length) return list[index];
    if (!Array.isArray(list) || containsUnresolved(list)) return unresolved('Select', `${index} of ${textOf(list)}`);
    throw this.fail(`Fn::Select index ${index} is out of range for a list of ${list.length}`, at);
  }

  private findInMap(argument: unknown, at: At): unknown {
    const [mapName, topKey, secondKey, options] = this.listArgument('Fn::FindInMap', argument, [3, 4], at);
    const keys = [mapName, topKey, secondKey].map((key) => textOf(this.resolve(key, at)));
    const fallback = asRecord(options)?.DefaultValue;
    const found = keys.some(containsUnresolved) ? undefined : asRecord(asRecord(this.mappings[keys[0]!])?.[keys[1]!])?.[keys[2]!];
    if (found !== undefined) return this.resolve(found, at);
    if (fallback !== undefined) return this.resolve(fallback, at);
    if (keys.some(containsUnresolved)) return unresolved('FindInMap', keys.join('.'));
    throw this.fail(`Fn::FindInMap: Mappings has no ${keys.join('.')}`, at);
  }

  /** IPv4 blocks are split as CloudFormation does; other blocks give placeholders. */
  private cidr(argument: unknown, at: At): string[] {
    const [rawBlock, rawCount, rawBits] = this.listArgument('Fn::Cidr', argument, [3], at);
    const block = textOf(this.resolve(rawBlock, at));
    const count = asNumber(this.resolve(rawCount, at)) ?? 1;
    const hostBits = asNumber(this.resolve(rawBits, at));
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
    if (!match || hostBits === undefined || containsUnresolved(block)) {
      return Array.from({ length: count }, (_, i) => unresolved('Cidr', `${block}#${i}`));
    }
    const [a, b, c, d, prefix] = match.slice(1).map(Number) as [number, number, number, number, number];
    const base = ((((a << 24) | (b << 16) | (c << 8) | d) >>> 0) & (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0)) >>> 0;
    const size = 2 ** hostBits;
    return Array.from({ length: count }, (_, i) => {
      const address = base + i * size;
      return `${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')}/${32 - hostBits}`;
    });
  }

  private condition(name: string, at: At): ConditionValue {
    if (!Object.hasOwn(this.conditions, name)) throw this.fail(`condition "${name}" is not declared in Conditions`, at);
    const expression = this.conditions[name];
    const where = { where: `Conditions.${name}`, node: this.lineOf(expression) === undefined ? at.node : expression };
    return this.cached(this.cache, `Conditions.${name}`, `Conditions.${name}`, at, () => this.evaluate(expression, where)) as ConditionValue;
  }

  private evaluate(expression: unknown, at: At): ConditionValue {
    if (typeof expression === 'boolean') return expression;
    if (!isRecord(expression) || Object.keys(expression).length !== 1) {
      throw this.fail('a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition', at);
    }
    const [name] = Object.keys(expression) as [string];
    const argument = expression[name];
    const inner = this.child(at, '', expression);
    switch (name) {
      case 'Condition':
        return this.condition(this.stringArgument(name, argument, inner), inner);
      case 'Fn::Equals': {
        const [left, right] = this.listArgument(name, argument, [2], inner).map((side) => this.resolve(side, inner));
        if (containsUnresolved(left) || containsUnresolved(right)) return undefined;
        return comparable(left) === comparable(right);
      }
      case 'Fn::Not': {
        const [operand] = this.listArgument(name, argument, [1], inner);
        const value = this.evaluate(operand, inner);
        return value === undefined ? undefined : !value;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const operands = this.listArgument(name, argument, [2, 3, 4, 5, 6, 7, 8, 9, 10], inner).map((operand) => this.evaluate(operand, inner));
        const decisive = name === 'Fn::And' ? false : true;
        if (operands.includes(decisive)) return decisive;
        return operands.includes(undefined) ? undefined : !decisive;
      }
      default:
        throw this.fail(`${name} is not a condition function`, inner);
    }
  }

  private listArgument(name: string, argument: unknown, lengths: number[], at: At): unknown[] {
    if (!Array.isArray(argument) || !lengths.includes(argument.length)) {
      const expected = lengths.length === 1 ? `${lengths[0]}` : `${lengths[0]} to ${lengths[lengths.length - 1]}`;
      throw this.fail(`${name} needs a list of ${expected} arguments`, at);
    }
    return argument;
  }

  private stringArgument(name: string, argument: unknown, at: At): string {
    if (typeof argument !== 'string') throw this.fail(`${name} needs a name (a string)`, at);
    return argument;
  }
}

/** A template mistake met while resolving: caught where a property is read and kept as a problem. */
class TemplateMistake extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line: number | undefined,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
  }
}

/** A one-key mapping whose key is `Ref` or `Fn::*`. */
function isIntrinsic(value: unknown): value is JsonRecord {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** CloudFormation compares values as strings: `!Equals [!Ref Count, 2]` holds for "2". */
function comparable(value: unknown): string {
  return Array.isArray(value) || isRecord(value) ? JSON.stringify(value) : textOf(value);
}
