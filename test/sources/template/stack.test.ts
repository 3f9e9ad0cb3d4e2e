import { describe, expect, it } from 'vitest';
import { parseTemplateText } from '../../../src/sources/template/parse.js';
import { TemplateStack } from '../../../src/sources/template/stack.js';

const ENV = { stackName: 'checkout', region: 'eu-west-1', accountId: '123456789012', partition: 'aws' };

/** A stack whose `Probe` custom resource carries the expressions under test. */
function stackWith(probe: string, extra = '', imports: Record<string, unknown> = {}): TemplateStack {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: staging
  DomainName:
    Type: String
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-0a1b2c3d, subnet-4e5f6a7b
  SecurityGroups:
    Type: List<AWS::EC2::SecurityGroup::Id>
  LatestAmi:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
Mappings:
  Sizes:
    staging: { Instance: db.t4g.small }
    prod: { Instance: db.r6g.large }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsStaging: !Not [!Condition IsProd]
  HasDomain: !Not [!Equals [!Ref DomainName, '']]
  StagingWithDomain: !And [!Condition IsStaging, !Condition HasDomain]
  ProdOrStaging: !Or [!Condition IsProd, !Condition IsStaging]
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${Env}-jobs'
  Uploads:
    Type: AWS::S3::Bucket
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Name: web
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceIdentifier: Orders-DB
      Engine: postgres
${extra}
  Probe:
    Type: Custom::Probe
    Properties:
${probe}
`;
  return new TemplateStack(parseTemplateText('probe.yaml', text), ENV, (name) => imports[name]);
}

function resolved(expression: string, extra = '', imports: Record<string, unknown> = {}): unknown {
  return stackWith(`      Value: ${expression}`, extra, imports).property('Probe', 'Value');
}

describe('Ref', () => {
  it('gives parameter defaults, and placeholders for parameters without one', () => {
    expect(resolved('!Ref Env')).toBe('staging');
    expect(resolved('!Ref DomainName')).toBe('${Param:DomainName}');
    expect(resolved('!Ref Subnets')).toEqual(['subnet-0a1b2c3d', 'subnet-4e5f6a7b']);
    expect(resolved('!Ref SecurityGroups')).toEqual(['${Param:SecurityGroups}']);
    expect(resolved('!Ref LatestAmi')).toBe('${SSM:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}');
  });

  it('gives pseudo parameters from the stack environment', () => {
    expect(resolved("!Ref 'AWS::Region'")).toBe('eu-west-1');
    expect(resolved("!Ref 'AWS::AccountId'")).toBe('123456789012');
    expect(resolved("!Ref 'AWS::StackName'")).toBe('checkout');
    expect(resolved("!Ref 'AWS::URLSuffix'")).toBe('amazonaws.com');
  });

  it('gives each resource type the identity its Ref returns', () => {
    expect(resolved('!Ref Jobs')).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/staging-jobs');
    expect(resolved('!Ref Uploads')).toBe('Uploads');
    expect(resolved('!Ref Web')).toBe('arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/Web');
    expect(resolved('!Ref Database')).toBe('orders-db');
  });

  it('drops a property set to AWS::NoValue, and list items too', () => {
    const stack = stackWith(`      Kept: yes
      Dropped: !Ref 'AWS::NoValue'
      List: [a, !If [IsProd, b, !Ref 'AWS::NoValue'], c]`);
    expect(stack.properties('Probe')).toEqual({ Kept: 'yes', List: ['a', 'c'] });
  });
});

describe('Fn::GetAtt', () => {
  it('resolves dotted and list forms to the attribute the resource will have', () => {
    expect(resolved('!GetAtt Jobs.Arn')).toBe('arn:aws:sqs:eu-west-1:123456789012:staging-jobs');
    expect(resolved('!GetAtt [Database, Endpoint.Address]')).toBe('orders-db.123456789012.eu-west-1.rds.amazonaws.com');
    expect(resolved('!GetAtt Database.Endpoint.Port')).toBe('5432');
    expect(resolved('!GetAtt Web.DNSName')).toBe('Web.eu-west-1.elb.amazonaws.com');
    expect(resolved('!GetAtt Uploads.RegionalDomainName')).toBe('Uploads.s3.eu-west-1.amazonaws.com');
  });

  it('keeps attributes only a deployment knows as readable placeholders', () => {
    expect(resolved('!GetAtt Web.CanonicalHostedZoneID')).toBe('${Web.CanonicalHostedZoneID}');
  });
});

describe('Fn::Sub, Fn::Join, Fn::Select, Fn::Split', () => {
  it('substitutes refs, attributes, pseudo parameters and variables; ${!x} stays literal', () => {
    expect(resolved("!Sub 'arn:${AWS::Partition}:s3:::${Uploads}/${!key}'")).toBe('arn:aws:s3:::Uploads/${key}');
    expect(resolved("!Sub 'postgres://${Database.Endpoint.Address}:${Database.Endpoint.Port}/orders'")).toBe(
      'postgres://orders-db.123456789012.eu-west-1.rds.amazonaws.com:5432/orders',
    );
    expect(resolved("!Sub ['${Service}.${Env}.internal', { Service: !Select [0, !Split ['-', api-gateway]] }]")).toBe('api.staging.internal');
  });

  it('joins resolved lists, and lists parameters', () => {
    expect(resolved("!Join [',', !Ref Subnets]")).toBe('subnet-0a1b2c3d,subnet-4e5f6a7b');
    expect(resolved("!Join ['', ['s3://', !Ref Uploads, /incoming]]")).toBe('s3://Uploads/incoming');
  });

  it('selects within range, and from placeholder lists without failing', () => {
    expect(resolved('!Select [1, !Ref Subnets]')).toBe('subnet-4e5f6a7b');
    expect(resolved('!Select [2, !Ref SecurityGroups]')).toBe('${Select:2 of ${Param:SecurityGroups}}');
  });
});

describe('conditions', () => {
  it('evaluates Equals, Not, And, Or and Condition; unknown when a parameter has no value', () => {
    expect(resolved('!If [IsProd, big, small]')).toBe('small');
    expect(resolved('!If [IsStaging, big, small]')).toBe('big');
    expect(resolved('!If [ProdOrStaging, either, neither]')).toBe('either');
    // DomainName has no default: unknown conditions take the true branch.
    expect(resolved('!If [HasDomain, with-domain, without]')).toBe('with-domain');
    expect(resolved('!If [StagingWithDomain, yes, no]')).toBe('yes');
  });

  it('leaves out resources whose condition is false and keeps unknown ones', () => {
    const stack = stackWith(
      '      Value: 1',
      `  ProdReplica:
    Type: AWS::RDS::DBInstance
    Condition: IsProd
  DomainRecord:
    Type: AWS::Route53::RecordSet
    Condition: HasDomain`,
    );
    expect(stack.includes('ProdReplica')).toBe(false);
    expect(stack.includes('DomainRecord')).toBe(true);
    expect(stack.includes('Jobs')).toBe(true);
  });
});

describe('other intrinsics', () => {
  it('finds in mappings, lists zones, splits CIDR blocks and encodes base64', () => {
    expect(resolved('!FindInMap [Sizes, !Ref Env, Instance]')).toBe('db.t4g.small');
    expect(resolved("!Select [1, !GetAZs '']")).toBe('eu-west-1b');
    expect(resolved('!Cidr [10.0.0.0/16, 3, 8]')).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(resolved('!Cidr [10.1.0.0/16, 2, 12]')).toEqual(['10.1.0.0/20', '10.1.16.0/20']);
    expect(resolved("!Base64 'echo ${AWS::Region}'")).toBe(Buffer.from('echo ${AWS::Region}').toString('base64'));
  });

  it('imports from sibling stacks, and keeps unknown imports as placeholders', () => {
    expect(resolved('!ImportValue shared-VpcId', '', { 'shared-VpcId': 'vpc-SharedVpc' })).toBe('vpc-SharedVpc');
    expect(resolved('!ImportValue shared-LogBucket')).toBe('${Import:shared-LogBucket}');
  });
});

describe('template mistakes: a warning and a placeholder, never an abort', () => {
  // An object's line is the line of the key holding it.
  it('names the path and the line of an unknown intrinsic, and keeps the other properties', () => {
    const stack = stackWith(`      Fine: 1
      Broken:
        Fn::Concat: [a, b]`);
    expect(stack.properties('Probe')).toEqual({ Fine: 1, Broken: '${Error:Resources.Probe.Properties.Broken}' });
    expect(stack.problems).toEqual([
      {
        file: 'probe.yaml',
        line: 47,
        message:
          'Resources.Probe.Properties.Broken: unknown intrinsic function Fn::Concat; Resources.Probe.Properties.Broken is shown as ${Error:Resources.Probe.Properties.Broken}',
      },
    ]);
  });

  it('names the missing target of a Ref or GetAtt, and an undeclared condition', () => {
    const problemOf = (expression: string): string => {
      const stack = stackWith(`      Value: ${expression}`);
      expect(stack.property('Probe', 'Value')).toBe('${Error:Resources.Probe.Properties.Value}');
      return stack.problems.map((problem) => `${problem.line}: ${problem.message}`).join('\n');
    };
    expect(problemOf('!Ref Queue')).toMatch(/^46: Resources\.Probe\.Properties\.Value: Ref to "Queue", which is neither/);
    expect(problemOf('!GetAtt Queue.Arn')).toMatch(/Fn::GetAtt names "Queue", which is not a resource of this template/);
    expect(problemOf('!If [IsBig, a, b]')).toMatch(/condition "IsBig" is not declared in Conditions/);
  });

  it('reports circular references instead of overflowing the stack', () => {
    const stack = stackWith(
      '      Value: !GetAtt A.TopicName',
      `  A:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !GetAtt B.TopicName
  B:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !GetAtt A.TopicName`,
    );
    expect(stack.property('Probe', 'Value')).toBe('${Error:Resources.A.Properties.TopicName}');
    expect(stack.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^Resources\.A\.Properties: circular reference through Resources\.A\.Properties\.TopicName;/),
    ]);
  });

  it('leaves out a resource without a Type and says so', () => {
    const stack = stackWith('      Value: 1', '  Orphan:\n    Properties: {}');
    expect(stack.resources.has('Orphan')).toBe(false);
    expect(stack.problems).toEqual([{ file: 'probe.yaml', line: 42, message: 'Resources.Orphan: resource Orphan has no Type; it is left out' }]);
  });
});
