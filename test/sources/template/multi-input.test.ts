import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import { correlate } from '../../../src/correlate/index.js';
import { UsageError } from '../../../src/errors.js';
import type { Edge, Inventory } from '../../../src/model/index.js';
import { defaultStackName, loadTemplateInventory } from '../../../src/sources/template/index.js';
import { parametersOf, parseParameterFlag } from '../../../src/sources/template/parameters.js';

const DIR = 'test/fixtures/templates/multi-stack';
const PARAMETERS = 'test/fixtures/templates/parameters';
const LB = (stack: string) => `arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/${stack}-LoadBalancerBE9EEC3A/${stack}-LoadBalancerBE9EEC3A`;
const TG = (stack: string) => `arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/${stack}-TargetGroup3D7CD9B8/${stack}-TargetGroup3D7CD9B8`;
const SERVICE = (stack: string) => `arn:aws:ecs:us-east-1:000000000000:service/shared/${stack}-ServicesWebService24136BB5`;

let inventory: Inventory;
let edges: Edge[];

beforeAll(async () => {
  inventory = await loadTemplateInventory(DIR, silentProgress, { parameters: ['ImageTag=1.27', 'payments.ImageTag=1.29'] });
  edges = correlate(inventory);
});

describe('--from DIR: every template in it, one topology', () => {
  it('reads each template as a stack named after its file', () => {
    expect(inventory.source.label).toBe(`templates in ${DIR} (3)`);
    expect(inventory.taskDefinitions.map((task) => task.family)).toEqual(['orders-web', 'payments-web']);
  });

  it('keeps two stacks that declare the same logical ID apart', () => {
    expect(inventory.loadBalancers.map((lb) => lb.arn)).toEqual([LB('orders'), LB('payments')]);
    // Each service is bound to its own stack's target group only.
    const bound = edges.filter((edge) => edge.kind === 'target-service').map((edge) => [edge.from.id, edge.to.id]);
    expect(bound).toEqual([
      [TG('orders'), SERVICE('orders')],
      [TG('payments'), SERVICE('payments')],
    ]);
    // A logical ID only one stack declares keeps its plain stand-in.
    expect(inventory.vpcs.map((vpc) => vpc.id)).toEqual(['vpc-Vpc']);
  });

  it('resolves imports whose export names are built with Sub, Join and parameters', () => {
    for (const lb of inventory.loadBalancers) expect(lb.subnetIds).toEqual(['subnet-PublicSubnetA', 'subnet-PublicSubnetB']);
    expect(inventory.securityGroups.map((group) => group.vpcId)).toEqual(['vpc-Vpc', 'vpc-Vpc', 'vpc-Vpc', 'vpc-Vpc']);
    expect(inventory.sourceWarnings).toBeUndefined();
  });

  it('names CDK resources by construct path, not by hashed logical ID', () => {
    expect(inventory.services.map((service) => service.name)).toEqual(['Services/WebService', 'Services/WebService']);
    expect(inventory.securityGroups.map((group) => group.name)).toEqual(['LoadBalancer/SecurityGroup', 'Services/WebService/SecurityGroup', 'LoadBalancer/SecurityGroup', 'Services/WebService/SecurityGroup']);
    expect(inventory.targetGroups.map((group) => group.name)).toEqual(['TargetGroup', 'TargetGroup']);
  });

  it('resolves a service whose TaskDefinition is a family name (CDK CODE_DEPLOY services)', () => {
    expect(inventory.services.map((service) => service.taskDefinitionArn)).toEqual([
      'arn:aws:ecs:us-east-1:000000000000:task-definition/orders-web:1',
      'arn:aws:ecs:us-east-1:000000000000:task-definition/payments-web:1',
    ]);
  });

  it('applies an unqualified parameter to every stack declaring it, a Stack.Key one to its stack', () => {
    expect(inventory.taskDefinitions.map((task) => task.containers[0]!.image)).toEqual(['public.ecr.aws/nginx/nginx:1.27', 'public.ecr.aws/nginx/nginx:1.29']);
  });

  it('reports a parameter left without a value once, in the unresolved warning', async () => {
    const unset = await loadTemplateInventory([`${DIR}/network.yaml`, `${DIR}/orders.json`], silentProgress);
    expect(unset.sourceWarnings).toEqual([
      {
        code: 'unresolved',
        message:
          '1 template value(s) could not be resolved and are shown as placeholders: orders: Resources.TaskDefinitionB6B5D1F2.Properties.ContainerDefinitions[0].Image is public.ecr.aws/nginx/nginx:${Param:ImageTag} (parameter ImageTag has no value and no default (pass --parameter ImageTag=VALUE)).',
      },
    ]);
  });

  it('leaves an import no stack read exports as a placeholder and says which', async () => {
    const alone = await loadTemplateInventory(`${DIR}/orders.json`, silentProgress, { parameters: ['ImageTag=1'] });
    expect(alone.loadBalancers[0]!.subnetIds).toEqual(['${Import:prod:network:PublicSubnets}']);
    expect(alone.sourceWarnings?.[0]?.message).toContain(
      'orders: Resources.LoadBalancerBE9EEC3A.Properties.Subnets[0] is ${Import:prod:network:PublicSubnets} (no stack read exports "prod:network:PublicSubnets" (add the exporting template with another --from))',
    );
    // Unqualified logical IDs when only one stack is read: the identities of a single template do not change.
    expect(alone.loadBalancers[0]!.arn).toBe('arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/LoadBalancerBE9EEC3A/LoadBalancerBE9EEC3A');
  });
});

describe('parameters', () => {
  it('reads the CloudFormation CLI and the CodePipeline formats', async () => {
    const cli = await loadTemplateInventory([`${DIR}/network.yaml`, `${DIR}/orders.json`], silentProgress, { parameterFiles: [`${PARAMETERS}/params-cli.json`] });
    expect(cli.taskDefinitions[0]!.containers[0]!.image).toBe('public.ecr.aws/nginx/nginx:1.27');
    const pipeline = await loadTemplateInventory([`${DIR}/network.yaml`, `${DIR}/orders.json`], silentProgress, { parameterFiles: [`${PARAMETERS}/params-codepipeline.json`] });
    expect(pipeline.taskDefinitions[0]!.containers[0]!.image).toBe('public.ecr.aws/nginx/nginx:1.29');
    // A shared file's keys no stack declares are a notice, not an error.
    expect(pipeline.sourceWarnings).toEqual([{ code: 'info', message: `${PARAMETERS}/params-codepipeline.json: no stack read declares parameter BuildBucket; it was not used.` }]);
  });

  it('a flag later on the command line wins over a file', async () => {
    const both = await loadTemplateInventory(`${DIR}/orders.json`, silentProgress, { parameterFiles: [`${PARAMETERS}/params-cli.json`], parameters: ['ImageTag=2.0'] });
    expect(both.taskDefinitions[0]!.containers[0]!.image).toBe('public.ecr.aws/nginx/nginx:2.0');
  });

  it('refuses a --parameter no stack declares, a stack not read, and a malformed flag', async () => {
    await expect(loadTemplateInventory(DIR, silentProgress, { parameters: ['ImageTg=1'] })).rejects.toThrow('--parameter ImageTg: no stack read declares a parameter "ImageTg".');
    await expect(loadTemplateInventory(DIR, silentProgress, { parameters: ['billing.ImageTag=1'] })).rejects.toThrow('--parameter billing.ImageTag: no stack named "billing" is read.');
    expect(() => parseParameterFlag('ImageTag')).toThrow('--parameter "ImageTag" is not Key=Value.');
    expect(parseParameterFlag('orders.Url=https://x?a=b')).toEqual({ stack: 'orders', key: 'Url', value: 'https://x?a=b', origin: '--parameter orders.Url' });
  });

  it('refuses a parameters file in neither format, naming both', () => {
    expect(() => parametersOf('p.json', { ImageTag: '1' })).toThrow('p.json: a parameters file is a list of {ParameterKey, ParameterValue} or an object with "Parameters"');
    expect(() => parametersOf('p.json', [{ ParameterKey: 'ImageTag' }])).toThrow('p.json: entry 0 needs ParameterKey and ParameterValue');
  });
});

describe('stack names', () => {
  it('derives a valid stack name from the file name', () => {
    expect(defaultStackName('infra/fargate.cfn.yml')).toBe('fargate-cfn');
    expect(defaultStackName('web_service.template.json')).toBe('web-service');
    expect(defaultStackName('01-network.yaml')).toBe('stack-01-network');
  });

  it('takes --stack-name for the one template read, and refuses it for several', async () => {
    const named = await loadTemplateInventory(`${DIR}/network.yaml`, silentProgress, { stackName: 'shared-net' });
    expect(named.vpcs[0]!.tags['aws:cloudformation:stack-name']).toBe('shared-net');
    await expect(loadTemplateInventory(DIR, silentProgress, { stackName: 'x' })).rejects.toThrow('--stack-name names the one template read, but several stacks are read.');
    await expect(loadTemplateInventory(`${DIR}/network.yaml`, silentProgress, { stackName: '1net' })).rejects.toThrow('--stack-name "1net" is not a valid stack name.');
  });
});

describe('unknown numbers', () => {
  it('an unresolved container port is unknown, never 0, and is listed as unresolved', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const directory = await mkdtemp(join(tmpdir(), 'topology-port-'));
    try {
      const file = join(directory, 'web.yaml');
      await writeFile(
        file,
        `Parameters:
  Port: { Type: Number }
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - { Name: web, Image: nginx, PortMappings: [{ ContainerPort: !Ref Port }] }
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
      LoadBalancers: [{ ContainerName: web, ContainerPort: !Ref Port, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1 }]
`,
      );
      const inventory = await loadTemplateInventory(file, silentProgress);
      expect(inventory.services[0]!.loadBalancers).toEqual([{ containerName: 'web', targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1' }]);
      expect(inventory.taskDefinitions[0]!.containers[0]!.portMappings).toEqual([{ protocol: 'tcp' }]);
      expect(inventory.sourceWarnings?.[0]?.message).toContain('web: Resources.Service.Properties.LoadBalancers[0].ContainerPort is ${Param:Port} (parameter Port has no value');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('the command line', () => {
  it('repeats --from and takes --parameter and --parameters', async () => {
    const { cli } = await import('../../support/cli.js');
    const result = await cli('--from', `${DIR}/network.yaml`, '--from', `${DIR}/orders.json`, '--parameters', `${PARAMETERS}/params-cli.json`, '--parameter', 'orders.ImageTag=3', '--format', 'json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { inventory: Inventory };
    expect(report.inventory.source.label).toBe(`template ${DIR}/network.yaml + template ${DIR}/orders.json`);
    expect(report.inventory.taskDefinitions[0]!.containers[0]!.image).toBe('public.ecr.aws/nginx/nginx:3');
  });

  it('refuses template flags without --from, with exit 2', async () => {
    const { cli } = await import('../../support/cli.js');
    const result = await cli('--parameter', 'Env=prod', '--region', 'us-east-1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--parameter, --parameters and --stack-name apply to templates read with --from.');
  });
});

describe('exports', () => {
  it('names two stacks exporting one name, and imports read the first', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const directory = await mkdtemp(join(tmpdir(), 'topology-exports-'));
    const exporting = (cidr: string) => `Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: ${cidr} }\nOutputs:\n  VpcId:\n    Value: !GetAtt Vpc.CidrBlock\n    Export: { Name: shared-vpc }\n`;
    try {
      await writeFile(join(directory, 'a.yaml'), exporting('10.1.0.0/16'));
      await writeFile(join(directory, 'b.yaml'), exporting('10.2.0.0/16'));
      await writeFile(join(directory, 'c.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !ImportValue shared-vpc\n');
      const inventory = await loadTemplateInventory(directory, silentProgress);
      expect(inventory.queues.map((queue) => queue.name)).toEqual(['10.1.0.0/16']);
      expect(inventory.sourceWarnings).toContainEqual({ code: 'info', message: 'Stacks a and b both export "shared-vpc"; imports of it read a\'s.' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
