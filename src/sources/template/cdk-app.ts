import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputFileError } from '../../errors.js';
import type { Progress } from '../../cli/progress.js';
import { asRecord, asString, isRecord } from './values.js';

/** A synthesized app: the cloud assembly directories and how to remove what synthesis wrote. */
export interface SynthesizedApp {
  assemblies: string[];
  cleanup(): Promise<void>;
}

/** aws-cdk-lib calls `globalThis[this symbol](app)` at the end of every `App` constructor. */
const APP_INIT_HOOK = Symbol.for('@aws-cdk/core.App#initHook');

/** Modules a CDK app directory may offer to synthesize itself in-process (reference-stack/synth.ts). */
const SYNTH_MODULES = ['synth.ts', 'synth.mts', 'synth.js', 'synth.mjs'];

interface SynthesizableApp {
  node: { setContext(key: string, value: unknown): void };
  synth(): { directory: string };
}

/**
 * Synthesizes the CDK app in `directory` (the folder holding `cdk.json`) in this process: through
 * its synth module when it has one, else by importing the entry `cdk.json`'s `app` command runs,
 * with cdk.json's context, and synthesizing every `App` it creates.
 */
export async function synthesizeCdkApp(directory: string, progress: Progress): Promise<SynthesizedApp> {
  const cdkJsonFile = join(directory, 'cdk.json');
  const cdkJson = await readCdkJson(cdkJsonFile);
  const synthModule = SYNTH_MODULES.map((name) => join(directory, name)).find((file) => existsSync(file));
  if (synthModule !== undefined) {
    progress.step(`synthesizing the CDK app in ${directory} through ${basename(synthModule)}`);
    return synthesizeWithModule(synthModule);
  }
  const entry = entryOf(cdkJsonFile, cdkJson, directory);
  progress.step(`synthesizing the CDK app ${relative(process.cwd(), entry) || entry}`);
  const context = { ...(asRecord(cdkJson.context) ?? {}), ...(await readOptionalJson(join(directory, 'cdk.context.json'))) };
  return synthesizeEntry(entry, directory, context);
}

async function readCdkJson(file: string): Promise<Record<string, unknown>> {
  const parsed = await readOptionalJson(file);
  if (parsed === undefined) throw new InputFileError(file, 'cannot read cdk.json');
  return parsed;
}

async function readOptionalJson(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) throw new Error('not a JSON object');
    return parsed;
  } catch (cause) {
    throw new InputFileError(file, `not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

/** `npx tsx bin/app.ts`, `npx ts-node --prefer-ts-exts bin/app.ts`, `node app.js` → the script. */
function entryOf(cdkJsonFile: string, cdkJson: Record<string, unknown>, directory: string): string {
  const command = asString(cdkJson.app);
  const script = command?.split(/\s+/).find((token) => /\.(?:[cm]?[jt]s|tsx)$/.test(token));
  if (script === undefined) {
    throw new InputFileError(cdkJsonFile, `cannot find the app's script in "app": ${JSON.stringify(command ?? null)}`, {
      hint: 'In-process synthesis needs "app" to run a .ts or .js file, e.g. "npx tsx bin/app.ts".',
    });
  }
  return resolve(directory, script.replace(/^["']|["']$/g, ''));
}

/**
 * The module's first `synth*` export is called with `{ outdir }` and may return the assembly
 * directory (a string, or an object with `outdir`, as `synthesizeReferenceStack` does).
 */
async function synthesizeWithModule(file: string): Promise<SynthesizedApp> {
  const outdir = await mkdtemp(join(tmpdir(), 'topology-cdk-'));
  const cleanup = () => rm(outdir, { recursive: true, force: true });
  try {
    const module = (await importTypeScript(file)) as Record<string, unknown>;
    const synthesize = Object.entries(module).find(([name, value]) => name.startsWith('synth') && typeof value === 'function')?.[1];
    if (typeof synthesize !== 'function') throw new InputFileError(file, 'exports no synth* function');
    const result: unknown = await synthesize({ outdir });
    const directory = typeof result === 'string' ? result : (asString(asRecord(result)?.outdir) ?? outdir);
    return { assemblies: [directory], cleanup };
  } catch (cause) {
    await cleanup();
    throw synthesisError(file, cause);
  }
}

async function synthesizeEntry(entry: string, directory: string, context: Record<string, unknown>): Promise<SynthesizedApp> {
  const apps: SynthesizableApp[] = [];
  const hooks = globalThis as Record<symbol, unknown>;
  const previousHook = hooks[APP_INIT_HOOK];
  const previousDirectory = process.cwd();
  hooks[APP_INIT_HOOK] = (app: SynthesizableApp) => {
    for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
    apps.push(app);
  };
  // `cdk synth` runs the app from its folder; apps resolve asset paths against it.
  process.chdir(directory);
  try {
    await importTypeScript(entry);
    if (apps.length === 0) throw new InputFileError(entry, 'the app created no cdk.App');
    const assemblies = apps.map((app) => app.synth().directory);
    return { assemblies, cleanup: () => removeTemporaryAssemblies(assemblies) };
  } catch (cause) {
    throw synthesisError(entry, cause);
  } finally {
    process.chdir(previousDirectory);
    hooks[APP_INIT_HOOK] = previousHook;
  }
}

async function importTypeScript(file: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(file).href, import.meta.url);
}

/** Apps without an explicit outdir synthesize into a fresh `cdk.out*` folder under the temp dir. */
async function removeTemporaryAssemblies(directories: string[]): Promise<void> {
  const temporary = await realpath(tmpdir());
  for (const directory of directories) {
    if (directory.startsWith(temporary) && basename(directory).startsWith('cdk.out')) {
      await rm(directory, { recursive: true, force: true });
    }
  }
}

function synthesisError(file: string, cause: unknown): InputFileError {
  if (cause instanceof InputFileError) return cause;
  const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new InputFileError(file, `the CDK app failed to synthesize: ${message}`, { cause });
}
