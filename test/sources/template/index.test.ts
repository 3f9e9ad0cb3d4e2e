import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import { ExitCode, InputFileError } from '../../../src/errors.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const BAD = 'test/fixtures/templates/bad';

async function loadError(path: string): Promise<InputFileError> {
  const error = await loadTemplateInventory(path, silentProgress).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputFileError);
  expect((error as InputFileError).exitCode).toBe(ExitCode.userError);
  return error as InputFileError;
}

describe('--from PATH: which input and what goes wrong', () => {
  it('names the file, line and property of a long-form unknown intrinsic in JSON', async () => {
    const error = await loadError(`${BAD}/unknown-intrinsic.json`);
    expect(error.message).toBe(`${BAD}/unknown-intrinsic.json:7: Resources.Queue.Properties.QueueName: unknown intrinsic function Fn::Concat`);
  });

  it('names the Ref that points nowhere', async () => {
    const error = await loadError(`${BAD}/missing-ref.yaml`);
    expect(error.message).toBe(
      `${BAD}/missing-ref.yaml:6: Resources.Service.Properties.Cluster: Ref to "Cluster", which is neither a parameter, a resource nor a pseudo parameter`,
    );
  });

  it('names the resource and property of a malformed policy document', async () => {
    const error = await loadError(`${BAD}/invalid-policy.yaml`);
    expect(error.message).toBe(
      `${BAD}/invalid-policy.yaml:3: Resources.ReportsRole.Properties.Policies[0].PolicyDocument: Policy document: Statement[0].Effect must be Allow or Deny, got "Permit"`,
    );
  });

  it('names a path that does not exist', async () => {
    const error = await loadError('test/fixtures/templates/no-such-stack.yaml');
    expect(error.message).toBe('test/fixtures/templates/no-such-stack.yaml: no such file or directory');
    expect(error.hint).toBe('Pass a CloudFormation template, a cdk.out directory or a CDK app directory.');
  });

  it('refuses a directory that is neither a cdk.out nor a CDK app', async () => {
    const error = await loadError(BAD);
    expect(error.message).toBe(`${BAD}: this directory is neither a cdk.out (no manifest.json) nor a CDK app (no cdk.json)`);
  });

  it('takes the region and account from options when the input names none', async () => {
    const inventory = await loadTemplateInventory('test/fixtures/templates/web-service.yaml', silentProgress, { region: 'ap-southeast-2', accountId: '444455556666' });
    expect(inventory.regions).toEqual(['ap-southeast-2']);
    expect(inventory.queues.map((queue) => queue.url)).toEqual([
      'https://sqs.ap-southeast-2.amazonaws.com/444455556666/shop-jobs',
      'https://sqs.ap-southeast-2.amazonaws.com/444455556666/shop-jobs-dlq',
    ]);
  });

  it('reports progress for each file it reads', async () => {
    const steps: string[] = [];
    await loadTemplateInventory('test/fixtures/templates/orders-cdk-out', { step: (message) => steps.push(message) });
    expect(steps).toEqual([
      'reading test/fixtures/templates/orders-cdk-out/SharedData.template.json',
      'reading test/fixtures/templates/orders-cdk-out/OrdersApp.template.json',
      'resolving 23 resources in 2 stack(s)',
    ]);
  });
});
