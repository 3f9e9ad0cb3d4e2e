import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InputFileError } from '../../errors.js';
import type { Inventory, SourceInfo } from '../../model/index.js';
import type { Progress } from '../../cli/progress.js';
import { synthesizeCdkApp } from './cdk-app.js';
import { readCloudAssembly, type AssemblyStack } from './cloud-assembly.js';
import { DEFAULT_REGION, PLACEHOLDER_ACCOUNT, partitionOf } from './environment.js';
import { inventoryFromStacks } from './inventory.js';
import { readTemplateFile } from './parse.js';
import { TemplateStack } from './stack.js';

export interface TemplateInputOptions {
  /** Region for stacks that do not name one (default us-east-1). */
  region?: string;
  /** Account for stacks that do not name one (default 000000000000). */
  accountId?: string;
}

/**
 * `--from PATH`: a CloudFormation template (JSON or YAML), a `cdk.out` directory, or a CDK app
 * directory (synthesized in this process). Every stack found is read into one inventory.
 */
export async function loadTemplateInventory(path: string, progress: Progress, options: TemplateInputOptions = {}): Promise<Inventory> {
  const kind = await inputKind(path);
  if (kind === 'template') {
    const stack: AssemblyStack = { file: path, stackName: basename(path, extname(path)) };
    return loadStacks([stack], { kind: 'template', label: `template ${path}` }, progress, options);
  }
  if (kind === 'cloud-assembly') {
    const stacks = await readCloudAssembly(path);
    return loadStacks(stacks, { kind: 'template', label: `cdk.out ${path} (${stacks.map((s) => s.stackName).join(', ')})` }, progress, options);
  }
  const synthesized = await synthesizeCdkApp(path, progress);
  // Until template warnings have a place in the inventory, CDK's notices go where warnings go on a terminal.
  for (const notice of synthesized.notices) process.stderr.write(`topology: notice: ${notice}\n`);
  try {
    const stacks = (await Promise.all(synthesized.assemblies.map(readCloudAssembly))).flat();
    return await loadStacks(stacks, { kind: 'template', label: `CDK app ${path} (${stacks.map((s) => s.stackName).join(', ')})` }, progress, options);
  } finally {
    await synthesized.cleanup();
  }
}

type InputKind = 'template' | 'cloud-assembly' | 'cdk-app';

async function inputKind(path: string): Promise<InputKind> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (cause) {
    throw new InputFileError(path, 'no such file or directory', { cause, hint: 'Pass a CloudFormation template, a cdk.out directory or a CDK app directory.' });
  }
  if (!isDirectory) return 'template';
  if (existsSync(join(path, 'manifest.json'))) return 'cloud-assembly';
  if (existsSync(join(path, 'cdk.json'))) return 'cdk-app';
  throw new InputFileError(path, 'this directory is neither a cdk.out (no manifest.json) nor a CDK app (no cdk.json)');
}

async function loadStacks(assembly: AssemblyStack[], source: SourceInfo, progress: Progress, options: TemplateInputOptions): Promise<Inventory> {
  const templates = await Promise.all(
    assembly.map(async (entry) => {
      progress.step(`reading ${entry.file}`);
      return { entry, template: await readTemplateFile(entry.file) };
    }),
  );
  const stacks: TemplateStack[] = [];
  const lookupExport = exportLookup(stacks);
  for (const { entry, template } of templates) {
    const region = entry.region ?? options.region ?? DEFAULT_REGION;
    const env = {
      stackName: entry.stackName,
      region,
      accountId: entry.accountId ?? options.accountId ?? PLACEHOLDER_ACCOUNT,
      partition: partitionOf(region),
    };
    stacks.push(new TemplateStack(template, env, lookupExport));
  }
  progress.step(`resolving ${stacks.reduce((sum, stack) => sum + stack.resources.size, 0)} resources in ${stacks.length} stack(s)`);
  return inventoryFromStacks(stacks, source);
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
        exporters = new Map(stacks.flatMap((stack) => stack.exportNames().map(({ name: exported, outputId }) => [exported, { stack, outputId }] as const)));
      } finally {
        indexing = false;
      }
    }
    const exporter = exporters.get(name);
    return exporter === undefined ? undefined : exporter.stack.outputValue(exporter.outputId);
  };
}
