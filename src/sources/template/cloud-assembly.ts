import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputFileError } from '../../errors.js';
import { parseCdkEnvironment } from './environment.js';
import { asRecord, asString, isRecord } from './values.js';

/** One stack of a cloud assembly: its template file and where CDK says it deploys. */
export interface AssemblyStack {
  file: string;
  stackName: string;
  region?: string;
  accountId?: string;
}

/**
 * The stacks a `cdk.out` directory holds, in manifest order, nested assemblies (CDK stages)
 * included.
 */
export async function readCloudAssembly(directory: string): Promise<AssemblyStack[]> {
  const stacks = await readAssembly(directory);
  if (stacks.length === 0) {
    throw new InputFileError(join(directory, 'manifest.json'), 'the cloud assembly holds no CloudFormation stack');
  }
  return stacks;
}

async function readAssembly(directory: string): Promise<AssemblyStack[]> {
  const manifestFile = join(directory, 'manifest.json');
  const manifest = await readManifest(manifestFile);
  const stacks: AssemblyStack[] = [];
  for (const [artifactId, artifact] of Object.entries(asRecord(manifest.artifacts) ?? {})) {
    if (!isRecord(artifact)) continue;
    const properties = asRecord(artifact.properties) ?? {};
    if (artifact.type === 'aws:cloudformation:stack') {
      const templateFile = asString(properties.templateFile);
      if (templateFile === undefined) throw new InputFileError(manifestFile, `stack artifact ${artifactId} names no templateFile`);
      stacks.push({
        file: join(directory, templateFile),
        stackName: asString(properties.stackName) ?? artifactId,
        ...parseCdkEnvironment(artifact.environment),
      });
    } else if (artifact.type === 'cdk:cloud-assembly') {
      const nested = asString(properties.directoryName);
      if (nested !== undefined) stacks.push(...(await readAssembly(join(directory, nested))));
    }
  }
  return stacks;
}

async function readManifest(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InputFileError(file, 'cannot read the cloud assembly manifest', { cause });
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (cause) {
    throw new InputFileError(file, `the cloud assembly manifest is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (!isRecord(manifest)) throw new InputFileError(file, 'the cloud assembly manifest is not a JSON object');
  return manifest;
}
