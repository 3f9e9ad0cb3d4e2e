/**
 * A synthetic cdk.out shaped like `cdk synth` output: `stacks` service stacks of CDK-style
 * resources (hashed logical IDs repeated across stacks, `aws:cdk:path` metadata, the VPC imported
 * from the first stack's exports). Written to a temporary directory for `bench/run.ts`.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Json = Record<string, unknown>;

const VPC = { 'Fn::ImportValue': 'shared-VpcId' };
const SUBNETS = [{ 'Fn::ImportValue': 'shared-PrivateSubnet1' }, { 'Fn::ImportValue': 'shared-PrivateSubnet2' }];

function resource(stack: string, path: string, type: string, properties: Json): Json {
  return { Type: type, Properties: properties, Metadata: { 'aws:cdk:path': `${stack}/${path}` } };
}

/** One service: security group + rule, target group + listener rule, task definition, service, role + policy, queue, log group. */
function unit(stack: string, i: number): Record<string, Json> {
  const id = (name: string) => `${name}${i}A1B2C3D4`;
  return {
    [id('ServiceSecurityGroup')]: resource(stack, `Service${i}/SecurityGroup/Resource`, 'AWS::EC2::SecurityGroup', { GroupDescription: `service ${i}`, VpcId: VPC }),
    [id('ServiceIngress')]: resource(stack, `Service${i}/SecurityGroup/from-alb`, 'AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [id('ServiceSecurityGroup'), 'GroupId'] },
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      SourceSecurityGroupId: { 'Fn::GetAtt': ['LoadBalancerSecurityGroupAABBCCDD', 'GroupId'] },
    }),
    [id('TargetGroup')]: resource(stack, `Service${i}/TargetGroup/Resource`, 'AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 8080, Protocol: 'HTTP', TargetType: 'ip', VpcId: VPC }),
    [id('Rule')]: resource(stack, `Service${i}/Rule/Resource`, 'AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { Ref: 'LoadBalancerListenerE1A2B3C4' },
      Priority: i + 1,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/s${i}/*`] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: id('TargetGroup') } }],
    }),
    [id('TaskRole')]: resource(stack, `Service${i}/TaskRole/Resource`, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    }),
    [id('TaskRolePolicy')]: resource(stack, `Service${i}/TaskRole/DefaultPolicy/Resource`, 'AWS::IAM::Policy', {
      PolicyName: `Service${i}TaskRolePolicy`,
      Roles: [{ Ref: id('TaskRole') }],
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': [id('Queue'), 'Arn'] } }] },
    }),
    [id('Queue')]: resource(stack, `Service${i}/Queue/Resource`, 'AWS::SQS::Queue', {}),
    [id('LogGroup')]: resource(stack, `Service${i}/Logs/Resource`, 'AWS::Logs::LogGroup', { RetentionInDays: 30 }),
    [id('TaskDefinition')]: resource(stack, `Service${i}/TaskDef/Resource`, 'AWS::ECS::TaskDefinition', {
      Family: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, `service${i}`]] },
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      Cpu: '256',
      Memory: '512',
      TaskRoleArn: { 'Fn::GetAtt': [id('TaskRole'), 'Arn'] },
      ContainerDefinitions: [
        {
          Name: 'web',
          Image: 'public.ecr.aws/nginx/nginx:1.27',
          PortMappings: [{ ContainerPort: 8080 }],
          Environment: [{ Name: 'QUEUE_URL', Value: { Ref: id('Queue') } }],
          LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': { Ref: id('LogGroup') } } },
        },
      ],
    }),
    [id('Service')]: resource(stack, `Service${i}/Service`, 'AWS::ECS::Service', {
      Cluster: { 'Fn::ImportValue': 'shared-ClusterName' },
      TaskDefinition: { Ref: id('TaskDefinition') },
      LaunchType: 'FARGATE',
      DesiredCount: 2,
      LoadBalancers: [{ ContainerName: 'web', ContainerPort: 8080, TargetGroupArn: { Ref: id('TargetGroup') } }],
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: SUBNETS, SecurityGroups: [{ 'Fn::GetAtt': [id('ServiceSecurityGroup'), 'GroupId'] }] } },
    }),
  };
}

function serviceStack(stack: string, units: number): Json {
  const resources: Record<string, Json> = {
    LoadBalancerSecurityGroupAABBCCDD: resource(stack, 'LoadBalancer/SecurityGroup/Resource', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'alb',
      VpcId: VPC,
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
    }),
    LoadBalancerBE9EEC3A: resource(stack, 'LoadBalancer/Resource', 'AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Subnets: SUBNETS,
      SecurityGroups: [{ 'Fn::GetAtt': ['LoadBalancerSecurityGroupAABBCCDD', 'GroupId'] }],
    }),
    LoadBalancerListenerE1A2B3C4: resource(stack, 'LoadBalancer/Listener/Resource', 'AWS::ElasticLoadBalancingV2::Listener', {
      LoadBalancerArn: { Ref: 'LoadBalancerBE9EEC3A' },
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
    }),
  };
  for (let i = 0; i < units; i++) Object.assign(resources, unit(stack, i));
  return { Resources: resources };
}

function sharedStack(): Json {
  const subnet = (n: number) => resource('shared', `Vpc/Private${n}/Subnet`, 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc8378EB38' }, CidrBlock: `10.0.${n}.0/24` });
  return {
    Resources: {
      Vpc8378EB38: resource('shared', 'Vpc/Resource', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }),
      VpcPrivateSubnet1Subnet536B997A: subnet(1),
      VpcPrivateSubnet2Subnet3788AAA1: subnet(2),
      ClusterEB0386A7: resource('shared', 'Cluster/Resource', 'AWS::ECS::Cluster', {}),
    },
    Outputs: {
      VpcId: { Value: { Ref: 'Vpc8378EB38' }, Export: { Name: 'shared-VpcId' } },
      PrivateSubnet1: { Value: { Ref: 'VpcPrivateSubnet1Subnet536B997A' }, Export: { Name: 'shared-PrivateSubnet1' } },
      PrivateSubnet2: { Value: { Ref: 'VpcPrivateSubnet2Subnet3788AAA1' }, Export: { Name: 'shared-PrivateSubnet2' } },
      ClusterName: { Value: { Ref: 'ClusterEB0386A7' }, Export: { Name: 'shared-ClusterName' } },
    },
  };
}

/** Writes the assembly; returns its directory and how many resources it declares. */
export async function writeSyntheticCdkOut(stacks: number, unitsPerStack: number): Promise<{ directory: string; resources: number }> {
  const directory = await mkdtemp(join(tmpdir(), 'topology-bench-cdk-out-'));
  const artifacts: Json = {};
  const templates: [string, Json][] = [['shared', sharedStack()]];
  for (let s = 1; s < stacks; s++) templates.push([`service-${s}`, serviceStack(`service-${s}`, unitsPerStack)]);
  let resources = 0;
  for (const [name, template] of templates) {
    const file = `${name}.template.json`;
    await writeFile(join(directory, file), JSON.stringify(template, null, 1));
    resources += Object.keys(template.Resources as Json).length;
    artifacts[name] = { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: file, stackName: name } };
  }
  await writeFile(join(directory, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
  return { directory, resources };
}
