import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputFileError } from '../../errors.js';
import type { Progress } from '../../model/progress.js';
import { describeMissingContext, readAssemblyReport, summarizeWarnings } from './cdk/assembly-report.js';
import { parseAppCommand } from './cdk/app-command.js';
import {
  appCdkLibrary,
  DEFAULT_SYNTH_TIMEOUT_MS,
  requestedCdkVersion,
  runCdkApp,
  topologyCdkLibrary,
  type AppRun,
  type CdkLibrary,
  type RunOutcome,
} from './cdk/run-app.js';
import { asRecord, asString, isRecord } from './values.js';

/** A synthesized app: the cloud assembly directories, what the user should know, and the cleanup. */
export interface SynthesizedApp {
  assemblies: string[];
  /** One line each: which aws-cdk-lib synthesized it, lookups that never ran, CDK's warnings. */
  notices: string[];
  cleanup(): Promise<void>;
}

export interface SynthesisOptions {
  timeoutMs?: number;
}

/** Modules a CDK app directory may offer to synthesize itself in-process (reference-stack/synth.ts). */
const SYNTH_MODULES = ['synth.ts', 'synth.mts', 'synth.js', 'synth.mjs'];

/**
 * Context `cdk synth` passes, plus what a read needs: no asset bundling (no Docker, no esbuild),
 * construct paths on every resource, no stack traces in the metadata, no CDKMetadata resource.
 */
const SYNTH_CONTEXT = {
  'aws:cdk:bundling-stacks': [],
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:version-reporting': false,
};

/**
 * Synthesizes the CDK app in `directory` (the folder holding `cdk.json`) as `cdk synth` would:
 * through its synth module when it has one, else by running it in a child process from its
 * folder with CDK_OUTDIR and CDK_CONTEXT_JSON set. An app whose dependencies are installed runs
 * through its own `app` command; one without them runs its entry script with topology's tsx and
 * aws-cdk-lib.
 */
export async function synthesizeCdkApp(directory: string, progress: Progress, options: SynthesisOptions = {}): Promise<SynthesizedApp> {
  const cdkJsonFile = join(directory, 'cdk.json');
  const cdkJson = await readCdkJson(cdkJsonFile);
  const synthModule = SYNTH_MODULES.map((name) => join(directory, name)).find((file) => existsSync(file));
  if (synthModule !== undefined) {
    progress.step(`synthesizing the CDK app in ${directory} through ${basename(synthModule)}`);
    return synthesizeWithModule(synthModule);
  }
  const context = {
    ...(asRecord(cdkJson.context) ?? {}),
    ...(await readOptionalJson(join(directory, 'cdk.context.json'))),
    ...SYNTH_CONTEXT,
  };
  const plan = planRun(cdkJsonFile, cdkJson, directory);
  progress.step(`synthesizing the CDK app in ${relative(process.cwd(), directory) || '.'} (${plan.description})`);
  return synthesizeInChild(directory, plan, context, options.timeoutMs ?? DEFAULT_SYNTH_TIMEOUT_MS);
}

interface RunPlan {
  run: AppRun;
  description: string;
  /** The app's own aws-cdk-lib, when it runs with it: failures name its version. */
  ownLibrary?: CdkLibrary;
  notices: string[];
}

function planRun(cdkJsonFile: string, cdkJson: Record<string, unknown>, directory: string): RunPlan {
  const command = asString(cdkJson.app);
  if (command === undefined || command.trim() === '') {
    throw new InputFileError(cdkJsonFile, 'has no "app" command', { hint: 'cdk.json names the command that runs the app, e.g. "app": "npx tsx bin/app.ts".' });
  }
  const parsed = parseAppCommand(command, directory);
  if (parsed.kind === 'other-language') {
    throw new InputFileError(cdkJsonFile, `a ${parsed.language} CDK app ("app": ${JSON.stringify(command)}): topology synthesizes TypeScript and JavaScript apps only`, {
      hint: synthFirstHint(directory),
    });
  }
  if (parsed.kind === 'unknown') {
    throw new InputFileError(cdkJsonFile, `cannot find the app's script in "app": ${JSON.stringify(command)}`, {
      hint: `topology runs a .ts or .js entry script itself, e.g. "npx tsx bin/app.ts"; for anything else, ${lowerFirst(synthFirstHint(directory))}`,
    });
  }
  const ours = topologyCdkLibrary();
  const own = appCdkLibrary(directory);
  if (own === undefined) {
    const requested = requestedCdkVersion(directory);
    return {
      run: { kind: 'entry', entry: parsed.entry, fallbackLibrary: ours },
      description: `with topology's aws-cdk-lib ${ours.version}`,
      notices: [
        `the CDK app in ${directory} has no aws-cdk-lib installed (no node_modules): synthesized with topology's own aws-cdk-lib ${ours.version}` +
          `${requested === undefined ? '' : ` (the app asks for ${requested})`}; run \`npm install\` there to use the app's own.`,
      ],
    };
  }
  if (own.packageJson === ours.packageJson) {
    return { run: { kind: 'entry', entry: parsed.entry }, description: `aws-cdk-lib ${own.version}`, notices: [] };
  }
  return { run: { kind: 'command', command }, description: `its own aws-cdk-lib ${own.version}, through ${JSON.stringify(command)}`, ownLibrary: own, notices: [] };
}

function synthFirstHint(directory: string): string {
  const assembly = join(directory, 'cdk.out');
  const existing = existsSync(join(assembly, 'manifest.json')) ? ` (${assembly} exists already: check it is current)` : '';
  return `Run \`cdk synth\` in ${directory}, then \`--from ${assembly}\`${existing}.`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

async function synthesizeInChild(directory: string, plan: RunPlan, context: Record<string, unknown>, timeoutMs: number): Promise<SynthesizedApp> {
  const workspace = await mkdtemp(join(tmpdir(), 'topology-cdk-'));
  // A signal or process.exit between here and cleanup must not leave the workspace behind.
  const removeOnExit = () => rmSync(workspace, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const cleanup = async () => {
    process.removeListener('exit', removeOnExit);
    await rm(workspace, { recursive: true, force: true });
  };
  const outdir = join(workspace, 'cdk.out');
  const failureFile = join(workspace, 'failure.json');
  try {
    const outcome = await runCdkApp({ run: plan.run, directory, outdir, failureFile, context, timeoutMs });
    checkOutcome(outcome, directory, plan, failureFile, timeoutMs);
    if (!existsSync(join(outdir, 'manifest.json'))) {
      throw new InputFileError(directory, 'the CDK app ran but synthesized nothing: it created no cdk.App, or gave its App an outdir of its own', {
        hint: 'topology reads the cloud assembly an App writes to CDK_OUTDIR when the app exits, as `cdk synth` does.',
      });
    }
    const report = await readAssemblyReport(outdir);
    const error = report.errors[0];
    if (error !== undefined) {
      throw new InputFileError(directory, `the CDK app reported ${report.errors.length} error(s), so \`cdk synth\` would fail too; the first, at ${error.path}: ${firstLine(error.message)}`);
    }
    const notices = [...plan.notices, describeMissingContext(report.missingContext), summarizeWarnings(report.warnings)].filter(
      (notice): notice is string => notice !== undefined,
    );
    return { assemblies: [outdir], notices, cleanup };
  } catch (cause) {
    await cleanup();
    throw cause;
  }
}

function checkOutcome(outcome: RunOutcome, directory: string, plan: RunPlan, failureFile: string, timeoutMs: number): void {
  const subject = plan.ownLibrary === undefined ? 'the CDK app' : `the CDK app (with its own aws-cdk-lib ${plan.ownLibrary.version})`;
  if (outcome.kind === 'timed-out') {
    throw new InputFileError(directory, `${subject} did not finish synthesizing within ${Math.round(timeoutMs / 1000)} s and was stopped`, {
      hint: 'An app that keeps the process alive (a timer, an open connection) never reaches synthesis.',
    });
  }
  if (outcome.code === 0) return;
  const failure = readFailure(failureFile);
  if (failure !== undefined) {
    const missing = missingPackage(failure);
    if (missing !== undefined) {
      throw new InputFileError(directory, `the CDK app needs the package ${missing}, which is not installed`, {
        hint: `Run \`npm install\` in ${directory}${missing.startsWith('@aws-cdk/') ? ' (an @aws-cdk/* v1 package: the app is a CDK v1 app, which needs its own installation)' : ''}.`,
      });
    }
    const name = failure.name !== undefined && failure.name !== 'Error' && failure.name.endsWith('Error') ? `${failure.name}: ` : '';
    throw new InputFileError(directory, `${subject} failed: ${name}${firstLine(failure.message)}`, { hint: olderLibraryHint(plan) });
  }
  const lastLine = lastLines(outcome.outputTail);
  const how = outcome.signal === null ? `exited with code ${outcome.code}` : `was killed by ${outcome.signal}`;
  const command = plan.run.kind === 'command' ? ` (${JSON.stringify(plan.run.command)})` : '';
  throw new InputFileError(directory, `${subject}${command} ${how}${lastLine === '' ? '' : `: ${lastLine}`}`, { hint: olderLibraryHint(plan) });
}

function olderLibraryHint(plan: RunPlan): string | undefined {
  if (plan.ownLibrary === undefined) return undefined;
  return `It ran through cdk.json's "app" command with its own aws-cdk-lib ${plan.ownLibrary.version}; check \`cdk synth\` works there, or pass its cdk.out with --from.`;
}

interface FailureReport {
  name?: string;
  code?: string;
  message: string;
}

function readFailure(file: string): FailureReport | undefined {
  try {
    const report: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isRecord(report) && typeof report.message === 'string'
      ? { message: report.message, ...(typeof report.name === 'string' ? { name: report.name } : {}), ...(typeof report.code === 'string' ? { code: report.code } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** `Cannot find module 'foo/bar'` / `Cannot find package '@scope/foo' imported from ...` → the package. */
export function missingPackage(failure: FailureReport): string | undefined {
  if (failure.code !== 'MODULE_NOT_FOUND' && failure.code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const specifier = /Cannot find (?:module|package) '([^']+)'/.exec(failure.message)?.[1];
  if (specifier === undefined || /^(?:\.|\/|file:|node:|[A-Za-z]:\\)/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** The last line of output that says something, for a command that failed without a report. */
function lastLines(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NOISE_LINES.test(line));
  return lines.at(-1) ?? '';
}

/** Trailers that say nothing about the failure: npm's log location, Node's version banner. */
const NOISE_LINES = /^(?:npm (?:error|ERR!) A complete log of this run|Node\.js v\d)/;

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
    return { assemblies: [directory], notices: [], cleanup };
  } catch (cause) {
    await cleanup();
    if (cause instanceof InputFileError) throw cause;
    const message = cause instanceof Error ? firstLine(cause.message) : String(cause);
    throw new InputFileError(file, `the CDK app failed to synthesize: ${message}`, { cause });
  }
}

async function importTypeScript(file: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(file).href, import.meta.url);
}
