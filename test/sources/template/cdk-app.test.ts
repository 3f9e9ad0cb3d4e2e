import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import { InputFileError } from '../../../src/errors.js';
import { synthesizeCdkApp } from '../../../src/sources/template/cdk-app.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const APP = 'test/fixtures/templates/cdk-app';
const SYNTH_TIMEOUT = 180_000;

describe('CDK app directory (cdk.json + entry script)', () => {
  it(
    'synthesizes in-process with cdk.json context and reads the stack CDK bound to its environment',
    async () => {
      const inventory = await loadTemplateInventory(APP, silentProgress);
      expect(inventory.source).toEqual({ kind: 'template', label: `CDK app ${APP} (ThumbnailStack)` });
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
    },
    SYNTH_TIMEOUT,
  );

  it(
    'removes the temporary cloud assembly after reading it',
    async () => {
      const synthesized = await synthesizeCdkApp(APP, silentProgress);
      expect(synthesized.assemblies).toHaveLength(1);
      const [assembly] = synthesized.assemblies as [string];
      expect(existsSync(`${assembly}/ThumbnailStack.template.json`)).toBe(true);
      await synthesized.cleanup();
      expect(existsSync(assembly)).toBe(false);
      expect(process.cwd()).not.toContain('cdk-app');
    },
    SYNTH_TIMEOUT,
  );

  it('names cdk.json when its app command runs no script', async () => {
    const error = await synthesizeCdkApp('test/fixtures/templates/cdk-app-python', silentProgress).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as Error).message).toBe('test/fixtures/templates/cdk-app-python/cdk.json: cannot find the app\'s script in "app": "python3 app.py"');
  });
});
