import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { run } from '../../../src/cli/main.js';
import { silentProgress } from '../../../src/cli/progress.js';
import { InputFileError } from '../../../src/errors.js';
import { synthesizeCdkApp, type SynthesizedApp } from '../../../src/sources/template/cdk-app.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const APP = 'test/fixtures/templates/cdk-app';
const APPS = 'test/fixtures/templates/cdk-apps';
/** Synthesis is a child process of 5–15 s, several times that on a loaded machine. */
const SYNTH_TIMEOUT = 240_000;
const OUR_CDK_VERSION = (JSON.parse(readFileSync('node_modules/aws-cdk-lib/package.json', 'utf8')) as { version: string }).version;

const scratch = mkdtempSync(join(tmpdir(), 'topology-cdk-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function synthesisFailure(directory: string): Promise<InputFileError> {
  const error = await synthesizeCdkApp(directory, silentProgress).then(
    async (synthesized) => {
      await synthesized.cleanup();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputFileError);
  expect((error as InputFileError).exitCode).toBe(2);
  return error as InputFileError;
}

async function withSynthesized<T>(directory: string, read: (synthesized: SynthesizedApp) => T | Promise<T>): Promise<T> {
  const synthesized = await synthesizeCdkApp(directory, silentProgress);
  try {
    return await read(synthesized);
  } finally {
    await synthesized.cleanup();
  }
}

/** A copy of a fixture app outside the repository, so that no node_modules is found above it. */
function copyApp(fixture: string, name: string): string {
  const target = join(scratch, name);
  cpSync(fixture, target, { recursive: true });
  return target;
}

describe('CDK app directory (cdk.json + entry script)', () => {
  it(
    'synthesizes as `cdk synth` does (cdk.json context, construct paths, no bundling) and removes the temporary assembly',
    async () => {
      const synthesized = await synthesizeCdkApp(APP, silentProgress);
      expect(synthesized.notices).toEqual([]);
      expect(synthesized.assemblies).toHaveLength(1);
      const [assembly] = synthesized.assemblies as [string];
      const template = JSON.parse(readFileSync(`${assembly}/ThumbnailStack.template.json`, 'utf8')) as { Resources: Record<string, { Metadata?: Record<string, string> }> };
      expect(template.Resources.Images2D38C313?.Metadata?.['aws:cdk:path']).toBe('ThumbnailStack/Images/Resource');
      expect(template.Resources.CDKMetadata).toBeUndefined();

      const inventory = await loadTemplateInventory(assembly, silentProgress);
      expect(inventory.accountId).toBe('111122223333');
      expect(inventory.regions).toEqual(['eu-central-1']);
      // queueName comes from cdk.json's context.
      const jobs = inventory.queues.find((queue) => queue.name === 'thumbnails');
      expect(jobs).toMatchObject({
        url: 'https://sqs.eu-central-1.amazonaws.com/111122223333/thumbnails',
        arn: 'arn:aws:sqs:eu-central-1:111122223333:thumbnails',
        redrive: { deadLetterTargetArn: 'arn:aws:sqs:eu-central-1:111122223333:DeadLettersBBF8BAAB', maxReceiveCount: 3 },
        receiveWaitTimeSeconds: 20,
      });
      expect(inventory.buckets.map((bucket) => [bucket.name, bucket.versioning, bucket.policy?.statements[0]?.effect])).toEqual([['Images2D38C313', 'Enabled', 'Deny']]);
      const role = inventory.roles[0];
      expect(role?.inlinePolicies[0]?.document.statements.map((statement) => statement.resources)).toEqual([
        ['arn:aws:sqs:eu-central-1:111122223333:thumbnails'],
        ['arn:aws:s3:::Images2D38C313', 'arn:aws:s3:::Images2D38C313/*'],
      ]);

      await synthesized.cleanup();
      expect(existsSync(assembly)).toBe(false);
      expect(existsSync(resolve(assembly, '..'))).toBe(false);
      expect(process.cwd()).not.toContain('cdk-app');
    },
    SYNTH_TIMEOUT,
  );

  it(
    'supports an App created after an await, found through __dirname, never synthesized explicitly',
    async () => {
      const inventory = await loadTemplateInventory(`${APPS}/late-app`, silentProgress);
      const intake = inventory.queues.find((queue) => queue.name === 'orders-intake');
      expect(intake?.redrive?.maxReceiveCount).toBe(4);
      expect(inventory.queues).toHaveLength(2);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'reports lookups that never ran with the context key they need, and reads the rest',
    async () => {
      await withSynthesized(`${APPS}/unrun-lookup`, (synthesized) => {
        expect(synthesized.notices).toHaveLength(1);
        expect(synthesized.notices[0]).toContain('the context key(s) needed: hosted-zone:account=111122223333:domainName=example.com:region=eu-west-1.');
        expect(synthesized.notices[0]).toContain('cdk.context.json');
      });
    },
    SYNTH_TIMEOUT,
  );
});

describe('CDK apps that fail', () => {
  it(
    'an async main() that rejects after an await: its message, exit 2',
    async () => {
      const error = await synthesisFailure(`${APPS}/async-reject`);
      expect(error.message).toBe(`${APPS}/async-reject: the CDK app failed: unknown stage "qa": expected one of dev, prod`);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'the command line gets one line and exit 2, no stack trace',
    async () => {
      const stderr = new PassThrough();
      let written = '';
      stderr.on('data', (chunk: Buffer) => (written += chunk.toString()));
      const code = await run(['--from', `${APPS}/async-reject`], { stdout: new PassThrough(), stderr });
      expect(code).toBe(2);
      expect(written).toBe(`topology: ${APPS}/async-reject: the CDK app failed: unknown stage "qa": expected one of dev, prod\n`);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'a construct aws-cdk-lib rejects while the app is built (a synchronous throw)',
    async () => {
      const error = await synthesisFailure(`${APPS}/invalid-construct`);
      expect(error.message).toBe(`${APPS}/invalid-construct: the CDK app failed: FIFO queue names must end in '.fifo'`);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'a third-party package that is not installed names itself and npm install',
    async () => {
      const error = await synthesisFailure(`${APPS}/missing-package`);
      expect(error.message).toBe(`${APPS}/missing-package: the CDK app needs the package cdk-monitoring-constructs, which is not installed`);
      expect(error.hint).toBe(`Run \`npm install\` in ${APPS}/missing-package.`);
    },
    SYNTH_TIMEOUT,
  );

  it('a Python app: run cdk synth, then --from cdk.out', async () => {
    const error = await synthesisFailure('test/fixtures/templates/cdk-app-python');
    expect(error.message).toBe(
      'test/fixtures/templates/cdk-app-python/cdk.json: a Python CDK app ("app": "python3 app.py"): topology synthesizes TypeScript and JavaScript apps only',
    );
    expect(error.hint).toBe('Run `cdk synth` in test/fixtures/templates/cdk-app-python, then `--from test/fixtures/templates/cdk-app-python/cdk.out`.');
  });

  it('cdk.json without an app command', async () => {
    const directory = join(scratch, 'no-command');
    mkdirSync(directory);
    writeFileSync(join(directory, 'cdk.json'), '{ "context": {} }\n');
    const error = await synthesisFailure(directory);
    expect(error.message).toBe(`${directory}/cdk.json: has no "app" command`);
  });
});

describe('apps with and without their own aws-cdk-lib', () => {
  it(
    "an ES-module app without node_modules runs with topology's aws-cdk-lib, with a notice",
    async () => {
      const directory = copyApp(APP, 'esm-without-node-modules');
      writeFileSync(join(directory, 'package.json'), '{ "type": "module", "dependencies": { "aws-cdk-lib": "2.180.0" } }\n');
      await withSynthesized(directory, (synthesized) => {
        expect(synthesized.notices).toEqual([
          `the CDK app in ${directory} has no aws-cdk-lib installed (no node_modules): synthesized with topology's own aws-cdk-lib ${OUR_CDK_VERSION} (the app asks for 2.180.0); run \`npm install\` there to use the app's own.`,
        ]);
        expect(existsSync(join(synthesized.assemblies[0]!, 'ThumbnailStack.template.json'))).toBe(true);
      });
    },
    SYNTH_TIMEOUT,
  );

  it(
    "an app with its own node_modules runs through cdk.json's app command; its failure names its aws-cdk-lib version",
    async () => {
      const directory = copyApp(`${APPS}/installed-app`, 'installed-app');
      mkdirSync(join(directory, 'node_modules'));
      for (const name of ['aws-cdk-lib', 'constructs', 'tsx']) symlinkSync(resolve('node_modules', name), join(directory, 'node_modules', name));
      const error = await synthesisFailure(directory);
      expect(error.message).toBe(`${directory}: the CDK app (with its own aws-cdk-lib ${OUR_CDK_VERSION}) failed: set the context value "queueName" in cdk.json`);
      expect(error.hint).toContain(`through cdk.json's "app" command with its own aws-cdk-lib ${OUR_CDK_VERSION}`);

      writeFileSync(join(directory, 'cdk.json'), '{ "app": "node --import tsx bin/app.ts", "context": { "queueName": "invoices" } }\n');
      const inventory = await loadTemplateInventory(directory, silentProgress);
      expect(inventory.queues.map((queue) => queue.name)).toEqual(['invoices']);
    },
    SYNTH_TIMEOUT,
  );
});
