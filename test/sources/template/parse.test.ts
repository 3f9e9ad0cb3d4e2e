import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';
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
    expect(error.message).toBe(`${BAD}/broken-indentation.yaml:7: not valid YAML: bad indentation of a mapping entry`);
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
      'dup.yaml:4: not valid YAML: duplicated mapping key',
    );
  });

  it('says so when the file does not exist', async () => {
    const error = await failure(readTemplateFile('test/fixtures/templates/missing.yaml'));
    expect(error.message).toBe('test/fixtures/templates/missing.yaml: no such file');
  });
});

describe('input limits', () => {
  it('rejects an exponential alias bomb quickly, naming the expansion', () => {
    const levels = ['Resources:', '  Bomb:', '    Type: Custom::Bomb', '    Properties:', '      a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 9; level += 1) {
      const previous = `*a${level - 1}`;
      levels.push(`      a${level}: &a${level} [${Array.from({ length: 10 }, () => previous).join(', ')}]`);
    }
    const started = Date.now();
    expect(() => parseTemplateText('bomb.yaml', `${levels.join('\n')}\n`)).toThrow(
      'bomb.yaml: the template\'s YAML aliases expand it to 12345679015 nodes; aliases may add at most 100000 to what the file holds (an alias bomb?)',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('topology --from on an alias bomb: one line, exit 2', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'topology-parse-test-'));
    try {
      const file = join(directory, 'laughs.yaml');
      const levels = ['Resources:', '  Laughs:', '    Type: Custom::Laughs', '    Properties:', '      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let level = 1; level <= 9; level += 1) levels.push(`      l${level}: &l${level} [${Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ')}]`);
      writeFileSync(file, `${levels.join('\n')}\n`);
      const stderr = new PassThrough();
      let written = '';
      stderr.on('data', (chunk: Buffer) => (written += chunk.toString()));
      expect(await run(['--from', file], { stdout: new PassThrough(), stderr })).toBe(2);
      expect(written).toMatch(/^topology: .*laughs\.yaml: the template's YAML aliases expand it to \d+ nodes; aliases may add at most 100000 to what the file holds \(an alias bomb\?\)\n {2}Write the repeated values out/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('rejects an alias that refers to the node holding it, at the anchor', () => {
    expect(() => parseTemplateText('loop.yaml', 'Resources:\n  Loop:\n    Type: Custom::Loop\n    Properties:\n      Self: &self\n        Again: *self\n')).toThrow(
      'loop.yaml:5: not valid YAML: an alias inside the value anchored here refers to that value itself, an endless loop',
    );
    expect(() => parseTemplateText('flow.yaml', 'Resources:\n  Loop:\n    Type: Custom::Loop\n    Properties:\n      Self: &self [a, *self]\n')).toThrow(
      'flow.yaml:5: not valid YAML: an alias inside the value anchored here refers to that value itself, an endless loop',
    );
    expect(() => parseTemplateText('typo.yaml', 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *tagz\n')).toThrow(
      'typo.yaml:5: not valid YAML: the alias *tagz names no anchor defined before it',
    );
  });

  it('reads a template that shares values through a few aliases', () => {
    const properties = resourceProperties(
      'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: &tags\n        - { Key: team, Value: orders }\n  Events:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *tags\n',
      'Events',
    );
    expect(properties).toEqual({ Tags: [{ Key: 'team', Value: 'orders' }] });
  });

  it('rejects nesting deeper than any template needs', () => {
    const deep = `Resources:\n  Deep:\n    Type: Custom::Deep\n    Properties:\n      Value: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`;
    expect(() => parseTemplateText('deep.yaml', deep)).toThrow(/^deep\.yaml:5: the template nests mappings and lists more than 100 deep, which no CloudFormation template needs$/);
  });

  it('rejects a file larger than the size limit before reading it', () => {
    const text = { length: 257 * 1024 * 1024, trim: () => 'x' } as unknown as string;
    expect(() => parseTemplateText('huge.json', text)).toThrow('huge.json: the template is 257 MiB, more than the 256 MiB topology reads (CloudFormation itself accepts 1 MB)');
  });
});
