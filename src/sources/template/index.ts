import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InputFileError, UsageError } from '../../errors.js';
import type { Inventory, SourceInfo, Warning } from '../../model/index.js';
import type { Progress } from '../../model/progress.js';
import { synthesizeCdkApp } from './cdk-app.js';
import { readCloudAssembly, type AssemblyStack } from './cloud-assembly.js';
import { DEFAULT_REGION, PLACEHOLDER_ACCOUNT, partitionOf, type StackEnvironment } from './environment.js';
import { inventoryFromStacks } from './inventory.js';
import { locateNestedTemplate, nestedStackName, templateFilesUnder } from './nested.js';
import { parameterValuesFor, parseParameterFlag, readParametersFile, type GivenParameter } from './parameters.js';
import { readTemplateFile, type ParsedTemplate } from './parse.js';
import { TemplateStack } from './stack.js';
import { asRecord, isRecord, textOf } from './values.js';

export interface TemplateInputOptions {
  /** Region for stacks that do not name one (default us-east-1). */
  region?: string;
  /** Account for stacks that do not name one (default 000000000000). */
  accountId?: string;
  /** `--parameter Key=Value` / `Stack.Key=Value`, as given. */
  parameters?: string[];
  /** `--parameters FILE`: CloudFormation CLI or CodePipeline format. */
  parameterFiles?: string[];
  /** `--stack-name`: the name of the one template read (default: from its file name). */
  stackName?: string;
}

/** One stack to read: a top-level template, or a nested stack found through its parent. */
interface StackNode {
  file: string;
  template: ParsedTemplate;
  env: StackEnvironment;
  /** Parameter values given on the command line (top-level stacks only). */
  given: Map<string, string>;
  parent?: { node: StackNode; logicalId: string };
  /** The top-level stack this one was found under (itself for top-level stacks). */
  root?: StackNode;
}

const TEMPLATE_HINT = 'Pass a CloudFormation template, a directory of templates, a cdk.out directory or a CDK app directory.';

/**
 * `--from PATH` (repeatable): CloudFormation templates (JSON or YAML), directories of them,
 * `cdk.out` directories and CDK app directories (synthesized in this process). Every stack found,
 * nested stacks included, is read into one inventory.
 */
export async function loadTemplateInventory(paths: string | string[], progress: Progress, options: TemplateInputOptions = {}): Promise<Inventory> {
  const inputs = [paths].flat();
  if (inputs.length === 0) throw new UsageError('--from needs a path.', { hint: TEMPLATE_HINT });
  const warnings: Warning[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const collected: { entries: AssemblyStack[]; label: string }[] = [];
    for (const path of inputs) collected.push(await entriesOf(path, progress, warnings, cleanups));
    const entries = collected.flatMap((input) => input.entries);
    applyStackName(entries, collected, options.stackName);
    makeStackNamesUnique(entries, warnings);
    const templates = await Promise.all(
      entries.map(async (entry) => {
        progress.step(`reading ${entry.file}`);
        return readTemplateFile(entry.file);
      }),
    );
    const given = await givenParameters(options);
    const topLevel = entries.map((entry, i): StackNode => {
      const region = entry.region ?? options.region ?? DEFAULT_REGION;
      const env = { stackName: entry.stackName, region, accountId: entry.accountId ?? options.accountId ?? PLACEHOLDER_ACCOUNT, partition: partitionOf(region) };
      return { file: entry.file, template: templates[i]!, env, given: new Map() };
    });
    assignParameters(given, topLevel, warnings);
    const nodes = await withNestedStacks(topLevel, warnings);
    const stacks = buildStacks(nodes);
    warnings.push(...duplicateExportWarnings(stacks));
    progress.step(`resolving ${stacks.reduce((sum, stack) => sum + stack.resources.size, 0)} resources in ${stacks.length} stack(s)`);
    const source: SourceInfo = { kind: 'template', label: collected.map((input) => input.label).join(' + ') };
    return inventoryFromStacks(stacks, source, warnings);
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

type InputKind = 'template' | 'cloud-assembly' | 'cdk-app' | 'template-directory';

async function inputKind(path: string): Promise<InputKind> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (cause) {
    throw new InputFileError(path, 'no such file or directory', { cause, hint: TEMPLATE_HINT });
  }
  if (!isDirectory) return 'template';
  if (existsSync(join(path, 'manifest.json'))) return 'cloud-assembly';
  if (existsSync(join(path, 'cdk.json'))) return 'cdk-app';
  return 'template-directory';
}

async function entriesOf(path: string, progress: Progress, warnings: Warning[], cleanups: (() => Promise<void>)[]): Promise<{ entries: AssemblyStack[]; label: string }> {
  const kind = await inputKind(path);
  if (kind === 'template') return { entries: [{ file: path, stackName: defaultStackName(path) }], label: `template ${path}` };
  if (kind === 'cloud-assembly') {
    const entries = await readCloudAssembly(path);
    return { entries, label: `cdk.out ${path} (${entries.map((s) => s.stackName).join(', ')})` };
  }
  if (kind === 'template-directory') {
    const entries = await templatesInDirectory(path, warnings);
    return { entries, label: `templates in ${path} (${entries.length})` };
  }
  const synthesized = await synthesizeCdkApp(path, progress);
  cleanups.push(synthesized.cleanup);
  for (const notice of synthesized.notices) warnings.push({ code: 'info', message: notice });
  const entries = (await Promise.all(synthesized.assemblies.map(readCloudAssembly))).flat();
  return { entries, label: `CDK app ${path} (${entries.map((s) => s.stackName).join(', ')})` };
}

/** Every file under the directory that reads as a CloudFormation template; the others are named in one notice. */
async function templatesInDirectory(directory: string, warnings: Warning[]): Promise<AssemblyStack[]> {
  const files = await templateFilesUnder(directory);
  const entries: AssemblyStack[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    try {
      await readTemplateFile(file);
      entries.push({ file, stackName: defaultStackName(file) });
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      skipped.push(basename(file));
    }
  }
  if (entries.length === 0) {
    throw new InputFileError(directory, 'this directory holds no CloudFormation template, cdk.out (manifest.json) or CDK app (cdk.json)', { hint: TEMPLATE_HINT });
  }
  if (skipped.length > 0) {
    warnings.push({ code: 'info', message: `${directory}: ${skipped.length} file(s) are not CloudFormation templates and were not read: ${skipped.join(', ')}.` });
  }
  return entries;
}

/**
 * A valid stack name from a file name: `fargate.cfn.yml` → `fargate-cfn`. Stack names are letters,
 * digits and hyphens, start with a letter and run to at most 128 characters.
 */
export function defaultStackName(file: string): string {
  const name = basename(file).replace(/\.(ya?ml|json|template|cfn)$/i, '');
  const cleaned = name.replace(/\.template$/i, '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  const named = /^[A-Za-z]/.test(cleaned) ? cleaned : `stack-${cleaned}`.replace(/-$/, '');
  return named.slice(0, 128);
}

function applyStackName(entries: AssemblyStack[], collected: { entries: AssemblyStack[] }[], stackName: string | undefined): void {
  if (stackName === undefined) return;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new UsageError(`--stack-name "${stackName}" is not a valid stack name.`, { hint: 'A stack name starts with a letter and holds only letters, digits and hyphens (at most 128).' });
  }
  if (collected.length !== 1 || entries.length !== 1) {
    throw new UsageError('--stack-name names the one template read, but several stacks are read.', {
      hint: 'Stacks read from several templates are named after their files; qualify parameters as Stack.Key=Value.',
    });
  }
  entries[0]!.stackName = stackName;
}

/** CloudFormation refuses two stacks of one name in a region; same-named files get `-2`, `-3`. */
function makeStackNamesUnique(entries: AssemblyStack[], warnings: Warning[]): void {
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const key = `${entry.region ?? ''}/${entry.stackName}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) {
      const renamed = `${entry.stackName}-${count}`;
      warnings.push({ code: 'info', message: `${entry.file}: another stack read is also named ${entry.stackName}; this one is read as ${renamed}.` });
      entry.stackName = renamed;
    }
  }
}

async function givenParameters(options: TemplateInputOptions): Promise<GivenParameter[]> {
  const fromFiles = (await Promise.all((options.parameterFiles ?? []).map(readParametersFile))).flat();
  return [...fromFiles, ...(options.parameters ?? []).map(parseParameterFlag)];
}

/** A `--parameter` no stack declares is a typo: an error. A file's extra keys (files are shared) are a notice. */
function assignParameters(given: GivenParameter[], topLevel: StackNode[], warnings: Warning[]): void {
  if (given.length === 0) return;
  const { values, unmatched } = parameterValuesFor(
    given,
    topLevel.map((node) => ({ stackName: node.env.stackName, parameterNames: Object.keys(asRecord(node.template.body.Parameters) ?? {}) })),
  );
  for (const node of topLevel) node.given = values.get(node.env.stackName) ?? new Map();
  const flags = unmatched.filter((parameter) => parameter.origin.startsWith('--parameter'));
  if (flags.length > 0) {
    throw new UsageError(`${flags[0]!.origin}: no stack read declares a parameter "${flags[0]!.key}".`, {
      hint: `Stacks read: ${topLevel.map((node) => node.env.stackName).join(', ')}.`,
    });
  }
  for (const parameter of unmatched) {
    warnings.push({ code: 'info', message: `${parameter.origin}: no stack read declares parameter ${parameter.key}; it was not used.` });
  }
}

/**
 * The top-level stacks plus every nested stack found under them. A template that is another
 * stack's nested template is read only as that child, not again as a stack of its own.
 */
async function withNestedStacks(topLevel: StackNode[], warnings: Warning[]): Promise<StackNode[]> {
  const found: StackNode[] = [];
  const childFiles = new Set<string>();
  const listings = new Map<string, Promise<string[]>>();
  const filesUnder = (root: string): Promise<string[]> => {
    let listing = listings.get(root);
    if (listing === undefined) {
      listing = templateFilesUnder(root);
      listings.set(root, listing);
    }
    return listing;
  };
  for (const root of topLevel) {
    root.root = root;
    const queue = [root];
    while (queue.length > 0) {
      const node = queue.shift()!;
      found.push(node);
      const stack = provisionalStack(node);
      for (const [logicalId, declared] of stack.resources) {
        if (declared.type !== 'AWS::CloudFormation::Stack' || !stack.includes(logicalId)) continue;
        const lookup = await locateNestedTemplate(node.file, declared.node, stack.property(logicalId, 'TemplateURL'), filesUnder);
        const where = `${node.file}: nested stack ${logicalId}`;
        if (lookup.file === undefined) {
          warnings.push({ code: 'unresolved', message: `${where} was not read: its template ${textOf(stack.property(logicalId, 'TemplateURL')) || '(no TemplateURL)'} was not found (tried ${lookup.tried.join('; ')}).` });
          continue;
        }
        if (ancestorsOf(node).some((ancestor) => resolve(ancestor.file) === resolve(lookup.file!))) {
          warnings.push({ code: 'unresolved', message: `${where} names its own ancestor ${lookup.file}; it was not read again.` });
          continue;
        }
        childFiles.add(resolve(lookup.file));
        const template = await readTemplateFile(lookup.file);
        const env = { ...node.env, stackName: nestedStackName(node.env.stackName, logicalId) };
        queue.push({ file: lookup.file, template, env, given: new Map(), parent: { node, logicalId }, root });
      }
    }
  }
  const nestedRoots = new Set(topLevel.filter((node) => childFiles.has(resolve(node.file))));
  return found.filter((node) => !nestedRoots.has(node.root!));
}

function ancestorsOf(node: StackNode): StackNode[] {
  const chain: StackNode[] = [];
  for (let current: StackNode | undefined = node; current !== undefined; current = current.parent?.node) chain.push(current);
  return chain;
}

/** Discovery needs a parent's conditions and TemplateURLs before every stack is known. */
function provisionalStack(node: StackNode): TemplateStack {
  const parent = node.parent === undefined ? undefined : provisionalStack(node.parent.node);
  return new TemplateStack(node.template, node.env, () => undefined, { parameterValue: parameterSource(node, parent) });
}

function parameterSource(node: StackNode, parent: TemplateStack | undefined): (name: string) => unknown {
  if (node.parent === undefined || parent === undefined) return (name) => node.given.get(name);
  const logicalId = node.parent.logicalId;
  return (name) => {
    const passed = parent.property(logicalId, 'Parameters');
    return isRecord(passed) ? passed[name] : undefined;
  };
}

/**
 * The final stacks: a logical ID declared by more than one stack is qualified by its stack in
 * every identifier built from it, so two stacks' `LoadBalancerBE9EEC3A` stay two load balancers.
 */
function buildStacks(nodes: StackNode[]): TemplateStack[] {
  const declaredBy = new Map<string, number>();
  for (const node of nodes) {
    for (const logicalId of Object.keys(asRecord(node.template.body.Resources) ?? {})) declaredBy.set(logicalId, (declaredBy.get(logicalId) ?? 0) + 1);
  }
  const stacks: TemplateStack[] = [];
  const byNode = new Map<StackNode, TemplateStack>();
  const lookupExport = exportLookup(stacks);
  for (const node of nodes) {
    const parent = node.parent === undefined ? undefined : byNode.get(node.parent.node);
    const stack = new TemplateStack(node.template, node.env, lookupExport, {
      parameterValue: parameterSource(node, parent),
      physicalIdOf: (logicalId) => ((declaredBy.get(logicalId) ?? 0) > 1 ? `${node.env.stackName}-${logicalId}` : logicalId),
    });
    if (node.parent !== undefined) parent?.attachChild(node.parent.logicalId, stack);
    byNode.set(node, stack);
    stacks.push(stack);
  }
  return stacks;
}

/** CloudFormation refuses a second export of a name in a region; imports take the first stack read. */
function duplicateExportWarnings(stacks: TemplateStack[]): Warning[] {
  const exporter = new Map<string, string>();
  const warnings: Warning[] = [];
  for (const stack of stacks) {
    for (const { name } of stack.exportNames()) {
      const first = exporter.get(name);
      if (first === undefined) exporter.set(name, stack.env.stackName);
      else warnings.push({ code: 'info', message: `Stacks ${first} and ${stack.env.stackName} both export "${name}"; imports of it read ${first}'s.` });
    }
  }
  return warnings;
}

/** `Fn::ImportValue` of a name another stack of the same input exports resolves to that output. */
function exportLookup(stacks: TemplateStack[]): (name: string) => unknown {
  let exporters: Map<string, { stack: TemplateStack; outputId: string }> | undefined;
  let indexing = false;
  return (name) => {
    // An export name that itself imports cannot be satisfied from the stacks being indexed.
    if (indexing) return undefined;
    if (exporters === undefined) {
      indexing = true;
      try {
        exporters = new Map();
        for (const stack of stacks) {
          for (const { name: exported, outputId } of stack.exportNames()) if (!exporters.has(exported)) exporters.set(exported, { stack, outputId });
        }
      } finally {
        indexing = false;
      }
    }
    const exporter = exporters.get(name);
    return exporter === undefined ? undefined : exporter.stack.outputValue(exporter.outputId);
  };
}
