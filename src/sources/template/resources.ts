import type { Tags } from '../../model/index.js';
import type { StackEnvironment } from './environment.js';
import type { TemplateStack } from './stack.js';
import { asRecord, asRecords, asString, isRecord, textOf, type JsonRecord } from './values.js';

/** A declared resource with everything resolved: what the per-service mappers read. */
export interface TemplateResource {
  logicalId: string;
  /** The logical ID, qualified by the stack when another stack of the input declares it too. */
  physicalId: string;
  /**
   * What people call it: the CDK construct path (`Services/WebService`) when CDK wrote the
   * template, the logical ID otherwise.
   */
  displayName: string;
  type: string;
  env: StackEnvironment;
  properties: JsonRecord;
  /** What `Ref` returns for it, as text (an ARN, an id, a name or a URL depending on the type). */
  id: string;
  attribute(name: string): unknown;
  /** Its `Tags` plus the `aws:cloudformation:*` tags CloudFormation puts on deployed resources. */
  tags: Tags;
  /** Records something about the resource this reader could not understand: a warning, not an abort. */
  note(problem: string): void;
  /** For messages about the resource: `file: Resources.LogicalId`. */
  file: string;
  line?: number;
}

/** The resources of every stack of one input, conditions applied, in template order. */
export class ResourceSet {
  readonly all: TemplateResource[];
  private readonly byTypeCache = new Map<string, TemplateResource[]>();

  constructor(stacks: TemplateStack[]) {
    this.all = stacks.flatMap((stack) =>
      [...stack.resources.values()]
        .filter((declared) => stack.includes(declared.logicalId))
        .map((declared) => resolveResource(stack, declared.logicalId, declared.type)),
    );
  }

  ofType(type: string): TemplateResource[] {
    let list = this.byTypeCache.get(type);
    if (list === undefined) {
      list = this.all.filter((resource) => resource.type === type);
      this.byTypeCache.set(type, list);
    }
    return list;
  }

  /** Resources of `type` keyed by what their `Ref` returns. */
  byId(type: string): Map<string, TemplateResource> {
    return new Map(this.ofType(type).map((resource) => [resource.id, resource]));
  }
}

function resolveResource(stack: TemplateStack, logicalId: string, type: string): TemplateResource {
  const properties = stack.properties(logicalId);
  const line = stack.lineOf(stack.resources.get(logicalId)?.node);
  return {
    logicalId,
    physicalId: stack.physicalId(logicalId),
    displayName: constructPathName(stack.resources.get(logicalId)?.node, stack.env.stackName, type) ?? logicalId,
    type,
    env: stack.env,
    properties,
    id: textOf(stack.ref(logicalId)),
    attribute: (name) => stack.attribute(logicalId, name),
    note: (problem) => stack.note(`Resources.${logicalId}: ${problem}`, line),
    tags: {
      ...tagsOf(properties.Tags),
      'aws:cloudformation:logical-id': logicalId,
      'aws:cloudformation:stack-name': stack.env.stackName,
    },
    file: stack.file,
    ...(line === undefined ? {} : { line }),
  };
}

/** Children CDK gives the one CloudFormation resource of a construct: not part of its name. */
const DEFAULT_CHILD_IDS = new Set(['Resource', 'Default']);

/**
 * `OrdersApp/Services/WebService/Service` (an `AWS::ECS::Service`) → `Services/WebService`: the
 * path without the stack and without the default child that holds the CloudFormation resource.
 */
export function constructPathName(declaration: JsonRecord | undefined, stackName: string, type: string): string | undefined {
  const path = asString(asRecord(declaration?.Metadata)?.['aws:cdk:path']);
  if (path === undefined) return undefined;
  const segments = path.split('/').filter((segment) => segment !== '');
  // The first segment is the stack's construct id, which is not always its deployed name.
  if (segments.length > 1) segments.shift();
  const typeName = type.split('::').pop();
  const last = segments[segments.length - 1]!;
  if (segments.length > 1 && (DEFAULT_CHILD_IDS.has(last) || last === typeName)) segments.pop();
  const name = segments.join('/');
  return name === '' || name === stackName ? undefined : name;
}

/** `[{Key, Value}]` (most types) or `{key: value}` (a few, e.g. SSM parameters). */
export function tagsOf(raw: unknown): Tags {
  const tags: Tags = {};
  if (Array.isArray(raw)) {
    for (const tag of asRecords(raw)) {
      const key = asString(tag.Key);
      const value = asString(tag.Value);
      if (key !== undefined && value !== undefined) tags[key] = value;
    }
  } else if (isRecord(raw)) {
    for (const [key, value] of Object.entries(asRecord(raw) ?? {})) {
      const text = asString(value);
      if (text !== undefined) tags[key] = text;
    }
  }
  return tags;
}
