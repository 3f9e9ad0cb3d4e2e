import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/errors.js';
import { parseTemplateText, readTemplateFile } from '../../../src/sources/template/parse.js';

const BAD = 'test/fixtures/templates/bad';

function resourceProperties(text: string, logicalId: string): Record<string, unknown> {
  const resources = parseTemplateText('inline.yaml', text).body.Resources as Record<string, { Properties: Record<string, unknown> }>;
  return resources[logicalId]!.Properties;
}

async function failure(promise: Promise<unknown>): Promise<InputFileError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputFileError);
  return error as InputFileError;
}

describe('YAML short forms', () => {
  it('turns every short-form tag into its long form', () => {
    const properties = resourceProperties(
      `Resources:
  Thing:
    Type: Custom::Thing
    Properties:
      Ref: !Ref Bucket
      AttrDotted: !GetAtt Database.Endpoint.Address
      AttrList: !GetAtt [Database, Endpoint.Port]
      SubString: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/*'
      SubList: !Sub ['\${Name}-jobs', { Name: !Ref Env }]
      Joined: !Join [',', [a, !Ref Env]]
      Picked: !Select [1, !Split [',', 'a,b,c']]
      Chosen: !If [IsProd, big, small]
      Imported: !ImportValue shared-VpcId
      Mapped: !FindInMap [Regions, !Ref 'AWS::Region', Ami]
      Zones: !GetAZs ''
      Encoded: !Base64 '#!/bin/bash'
      Blocks: !Cidr [10.0.0.0/16, 2, 8]
      Test: !And [!Equals [a, b], !Not [!Condition IsProd], !Or [!Condition A, !Condition B]]
`,
      'Thing',
    );
    expect(properties).toEqual({
      Ref: { Ref: 'Bucket' },
      AttrDotted: { 'Fn::GetAtt': ['Database', 'Endpoint.Address'] },
      AttrList: { 'Fn::GetAtt': ['Database', 'Endpoint.Port'] },
      SubString: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' },
      SubList: { 'Fn::Sub': ['${Name}-jobs', { Name: { Ref: 'Env' } }] },
      Joined: { 'Fn::Join': [',', ['a', { Ref: 'Env' }]] },
      Picked: { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] },
      Chosen: { 'Fn::If': ['IsProd', 'big', 'small'] },
      Imported: { 'Fn::ImportValue': 'shared-VpcId' },
      Mapped: { 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Ami'] },
      Zones: { 'Fn::GetAZs': '' },
      Encoded: { 'Fn::Base64': '#!/bin/bash' },
      Blocks: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      Test: {
        'Fn::And': [
          { 'Fn::Equals': ['a', 'b'] },
          { 'Fn::Not': [{ Condition: 'IsProd' }] },
          { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] },
        ],
      },
    });
  });

  it('remembers the line each object starts on', () => {
    const template = parseTemplateText(
      'lines.yaml',
      `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetters.Arn
        maxReceiveCount: 5
  DeadLetters:
    Type: AWS::SQS::Queue
`,
    );
    const resources = template.body.Resources as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    const redrive = resources.Queue!.Properties!.RedrivePolicy!;
    expect(template.lineOf(resources.Queue)).toBe(3);
    expect(template.lineOf(redrive)).toBe(6);
    expect(template.lineOf(redrive.deadLetterTargetArn)).toBe(7);
    expect(template.lineOf(resources.DeadLetters)).toBe(9);
  });

  it('reads JSON templates through the same path, with lines', async () => {
    const template = await readTemplateFile('test/fixtures/templates/orders-cdk-out/OrdersApp.template.json');
    const resources = template.body.Resources as Record<string, unknown>;
    expect(Object.keys(resources)).toContain('OrdersService5B6C7D8E');
    expect(template.lineOf(resources.OrdersQueue4F2B3D1C)).toBe(22);
  });
});

describe('bad template files', () => {
  it('names the file, the line and the YAML problem', async () => {
    const error = await failure(readTemplateFile(`${BAD}/broken-indentation.yaml`));
    expect(error.message).toBe(`${BAD}/broken-indentation.yaml:7: not valid YAML: All mapping items must start at the same column`);
    expect(error.exitCode).toBe(2);
  });

  it('names the JSON problem and its line', async () => {
    const error = await failure(readTemplateFile(`${BAD}/truncated.json`));
    expect(error.message).toBe(`${BAD}/truncated.json:7: not valid JSON: Expected double-quoted property name`);
  });

  it('rejects an unknown short-form tag at its line', async () => {
    const error = await failure(readTemplateFile(`${BAD}/unknown-tag.yaml`));
    expect(error.message).toBe(`${BAD}/unknown-tag.yaml:6: unknown intrinsic function tag !Concat`);
    expect(error.hint).toContain('!GetAtt');
  });

  it('rejects YAML that is not a CloudFormation template', async () => {
    const error = await failure(readTemplateFile(`${BAD}/docker-compose.yaml`));
    expect(error.message).toBe(`${BAD}/docker-compose.yaml:1: not a CloudFormation template: it has no Resources mapping`);
  });

  it('rejects an empty file and a list document', () => {
    expect(() => parseTemplateText('empty.yaml', '\n\n')).toThrow('empty.yaml: not a CloudFormation template: the file is empty');
    expect(() => parseTemplateText('list.yaml', '- a\n- b\n')).toThrow('list.yaml:1: not a CloudFormation template: the document is a list, not a mapping');
  });

  it('rejects duplicate keys, which CloudFormation rejects too', () => {
    expect(() => parseTemplateText('dup.yaml', 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n  A:\n    Type: AWS::SNS::Topic\n')).toThrow(
      /^dup\.yaml:4: not valid YAML: Map keys must be unique/,
    );
  });

  it('says so when the file does not exist', async () => {
    const error = await failure(readTemplateFile('test/fixtures/templates/missing.yaml'));
    expect(error.message).toBe('test/fixtures/templates/missing.yaml: no such file');
  });
});
