import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  it('names the file, line and property of a long-form unknown intrinsic in JSON, and reads the rest', async () => {
    const inventory = await loadTemplateInventory(`${BAD}/unknown-intrinsic.json`, silentProgress);
    expect(inventory.queues.map((queue) => queue.name)).toEqual(['${Error:Resources.Queue.Properties.QueueName}']);
    expect(inventory.sourceWarnings?.[0]).toEqual({
      code: 'unresolved',
      message: `${BAD}/unknown-intrinsic.json:7: Resources.Queue.Properties.QueueName: unknown intrinsic function Fn::Concat; Resources.Queue.Properties.QueueName is shown as \${Error:Resources.Queue.Properties.QueueName}.`,
    });
  });

  it('names the Ref that points nowhere', async () => {
    const inventory = await loadTemplateInventory(`${BAD}/missing-ref.yaml`, silentProgress);
    expect(inventory.sourceWarnings?.map((warning) => warning.message)[0]).toBe(
      `${BAD}/missing-ref.yaml:6: Resources.Service.Properties.Cluster: Ref to "Cluster", which is neither a parameter, a resource nor a pseudo parameter; Resources.Service.Properties.Cluster is shown as \${Error:Resources.Service.Properties.Cluster}.`,
    );
    // The service still reads, with the task definition it names.
    expect(inventory.services.map((service) => service.taskDefinitionArn)).toEqual(['arn:aws:ecs:us-east-1:000000000000:task-definition/web:1']);
  });

  it('names the resource and property of a malformed policy document, and reads the role without it', async () => {
    const inventory = await loadTemplateInventory(`${BAD}/invalid-policy.yaml`, silentProgress);
    expect(inventory.roles.map((role) => [role.name, role.inlinePolicies[0]?.document.statements])).toEqual([['ReportsRole', []]]);
    expect(inventory.sourceWarnings?.map((warning) => warning.message)[0]).toBe(
      `${BAD}/invalid-policy.yaml:3: Resources.ReportsRole: Properties.Policies[0].PolicyDocument: Policy document: Statement[0].Effect must be Allow or Deny, got "Permit"; it is read as a policy without statements.`,
    );
  });

  it('names a path that does not exist', async () => {
    const error = await loadError('test/fixtures/templates/no-such-stack.yaml');
    expect(error.message).toBe('test/fixtures/templates/no-such-stack.yaml: no such file or directory');
    expect(error.hint).toBe('Pass a CloudFormation template, a directory of templates, a cdk.out directory or a CDK app directory.');
  });

  it('refuses a directory without a CloudFormation template', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'topology-no-templates-'));
    try {
      await writeFile(join(directory, 'docker-compose.yaml'), 'services:\n  web:\n    image: nginx\n');
      const error = await loadError(directory);
      expect(error.message).toBe(`${directory}: this directory holds no CloudFormation template, cdk.out (manifest.json) or CDK app (cdk.json)`);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
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
