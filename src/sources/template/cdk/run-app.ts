import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The child's preload: failure reports, and topology's aws-cdk-lib for apps without their own. */
const CHILD_PRELOAD = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'child-preload.mjs')).href;

/** How long an app may take to synthesize; a big app takes tens of seconds on a loaded machine. */
export const DEFAULT_SYNTH_TIMEOUT_MS = 300_000;

/** An aws-cdk-lib installation: where its package.json is and which version it is. */
export interface CdkLibrary {
  packageJson: string;
  version: string;
}

export function topologyCdkLibrary(): CdkLibrary {
  const packageJson = require.resolve('aws-cdk-lib/package.json');
  return { packageJson, version: versionOf(packageJson) };
}

/**
 * The aws-cdk-lib Node would load for the app: `node_modules/aws-cdk-lib` in its folder or a
 * parent's, as installed (a symlinked install counts as the app's own).
 */
export function appCdkLibrary(directory: string): CdkLibrary | undefined {
  for (let folder = resolve(directory); ; folder = dirname(folder)) {
    const packageJson = join(folder, 'node_modules', 'aws-cdk-lib', 'package.json');
    if (existsSync(packageJson)) return { packageJson, version: versionOf(packageJson) };
    if (dirname(folder) === folder) return undefined;
  }
}

function versionOf(packageJson: string): string {
  try {
    const version: unknown = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The version range the app's package.json asks for, when it names aws-cdk-lib. */
export function requestedCdkVersion(directory: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    const range = manifest.dependencies?.['aws-cdk-lib'] ?? manifest.devDependencies?.['aws-cdk-lib'];
    return typeof range === 'string' ? range : undefined;
  } catch {
    return undefined;
  }
}

/** How the app is run: its entry script through topology's tsx, or its own `app` command. */
export type AppRun =
  | { kind: 'entry'; entry: string; fallbackLibrary?: CdkLibrary }
  | { kind: 'command'; command: string };

export interface RunRequest {
  run: AppRun;
  directory: string;
  outdir: string;
  failureFile: string;
  context: Record<string, unknown>;
  timeoutMs: number;
}

export type RunOutcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; outputTail: string }
  | { kind: 'timed-out' };

/**
 * Runs the app as `cdk synth` does: from its folder, with the cloud assembly directory in
 * CDK_OUTDIR and the context in CDK_CONTEXT_JSON (an `App` then synthesizes itself before the
 * process exits, however late it was created).
 */
export function runCdkApp(request: RunRequest): Promise<RunOutcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: request.outdir,
    CDK_CONTEXT_JSON: JSON.stringify(request.context),
    TOPOLOGY_CDK_FAILURE_FILE: request.failureFile,
    // `npx` must not fetch a missing tool from the registry: the app runs with what is installed.
    npm_config_yes: 'false',
  };
  const { run } = request;
  const child =
    run.kind === 'entry'
      ? spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, '--import', CHILD_PRELOAD, run.entry], {
          cwd: request.directory,
          env: { ...env, ...(run.fallbackLibrary === undefined ? {} : { TOPOLOGY_CDK_FALLBACK: run.fallbackLibrary.packageJson }) },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(run.command, {
          cwd: request.directory,
          env: { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${CHILD_PRELOAD}`.trim() },
          shell: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  return new Promise((resolve, reject) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-16_384);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, request.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(timedOut ? { kind: 'timed-out' } : { kind: 'exited', code, signal, outputTail: output });
    });
  });
}
