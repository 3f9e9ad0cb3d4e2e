/**
 * Runs the reference images' programs as child processes, laid out as `images/Dockerfile` lays
 * them out in the image (`/app`: the service's folder, `shared/`, `rds-ca.pem`), with the
 * environment their task definition gives them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContainerDefinition } from '../../../src/model/index.js';

export const IMAGES_DIR = fileURLToPath(new URL('../../images', import.meta.url));
const ROOT_NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

/** The Dockerfile steps the staging below mirrors; the test fails if the Dockerfile stops doing them. */
export const DOCKERFILE_STEPS = [
  'WORKDIR /app',
  'COPY ${SERVICE}/package.json ./',
  'ADD --chmod=444 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /app/rds-ca.pem',
  'COPY shared/ ./shared/',
  'COPY ${SERVICE}/ ./',
  'CMD ["node", "."]',
];

/** `/app` of the image for one service, with the test's CA in place of the RDS bundle; root node_modules stand in for `npm install`. */
export function stageImage(service: 'web' | 'worker', caPem: string): string {
  const app = mkdtempSync(path.join(tmpdir(), `reference-${service}-`));
  cpSync(path.join(IMAGES_DIR, 'shared'), path.join(app, 'shared'), { recursive: true });
  cpSync(path.join(IMAGES_DIR, service), app, { recursive: true });
  writeFileSync(path.join(app, 'rds-ca.pem'), caPem, { mode: 0o444 });
  symlinkSync(ROOT_NODE_MODULES, path.join(app, 'node_modules'), 'dir');
  return app;
}

export interface LogLine {
  level?: string;
  message?: string;
  [field: string]: unknown;
}

export class Program {
  readonly logs: LogLine[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly cwd: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['.'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim() !== '')) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.logs.push({ level: 'unstructured', message: line });
        }
      }
      this.notify();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => {
      this.notify();
      resolve({ code, signal });
    }));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.running) this.child.kill(signal);
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves with the first log line matching, failing after `timeoutMs` or if the program exits first. */
  async waitForLog(matches: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.find(matches);
      if (found) return found;
      if (!this.running) throw new Error(`${this.name} exited before the expected log line; stderr: ${this.stderr}\nlogs: ${JSON.stringify(this.logs)}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no matching log line in ${timeoutMs} ms; logs: ${JSON.stringify(this.logs)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async stop(): Promise<void> {
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  removeStaging(): void {
    rmSync(this.cwd, { recursive: true, force: true });
  }
}

/**
 * The container's environment as ECS builds it: the task definition's `environment`, its
 * `secrets` read from the database secret's JSON keys, and what the platform adds (region,
 * task-role credentials). `resolved` holds the values CloudFormation would substitute at deploy
 * time (here: the local database and queue); `overrides` what a local run changes on purpose.
 */
export function containerEnvironment(
  container: ContainerDefinition,
  options: {
    resolved: Record<string, string>;
    secretValues: Record<string, string>;
    platform: Record<string, string>;
    overrides: Record<string, string>;
  },
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const { name, value } of container.environment) environment[name] = options.resolved[name] ?? value;
  for (const { name, valueFrom } of container.secrets) {
    const jsonKey = /:([A-Za-z0-9_]+)::$/.exec(valueFrom)?.[1];
    const value = jsonKey === undefined ? undefined : options.secretValues[jsonKey];
    if (value === undefined) throw new Error(`${container.name}: secret ${name} reads key ${String(jsonKey)} of ${valueFrom}, which the database secret does not have`);
    environment[name] = value;
  }
  for (const name of Object.keys(options.resolved)) {
    if (!(name in environment)) throw new Error(`${container.name}: the task definition has no ${name} to resolve`);
  }
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.platform, ...environment, ...options.overrides };
}

/** `requireEnv('NAME')` calls in a program's sources: the variables it cannot start without. */
export function requiredVariables(files: string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/requireEnv\('([A-Z0-9_]+)'\)/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

/** Every `process.env.NAME` a program reads, required or not. */
export function readVariables(files: string[]): string[] {
  const names = new Set(requiredVariables(files));
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z0-9_]+)/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

const SDK_SERVICE_PREFIX: Record<string, string> = { '@aws-sdk/client-s3': 's3', '@aws-sdk/client-sqs': 'sqs' };

/** The IAM actions of the SDK commands a program's sources import (`GetObjectCommand` from client-s3 → `s3:GetObject`). */
export function importedActions(files: string[]): string[] {
  const actions = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]+)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
      const prefix = SDK_SERVICE_PREFIX[m[2]!];
      if (prefix === undefined) throw new Error(`${file} imports ${m[2]}, which this check does not know`);
      for (const name of m[1]!.split(',').map((n) => n.trim())) {
        if (name.endsWith('Command')) actions.add(`${prefix}:${name.slice(0, -'Command'.length)}`);
      }
    }
  }
  return [...actions].sort();
}
