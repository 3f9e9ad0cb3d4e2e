import { describe, expect, it } from 'vitest';
import {
  decodePolicyText,
  parsePolicyDocument,
  PolicyDocumentError,
  trustPrincipalsOf,
} from '../../src/sources/policy-document.js';

const ECS_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:123456789012:*' } },
    },
  ],
};

describe('parsePolicyDocument', () => {
  it('decodes a URL-encoded IAM document before parsing it', () => {
    const encoded = encodeURIComponent(JSON.stringify(ECS_TRUST_POLICY));
    expect(encoded.startsWith('%7B%22Version%22')).toBe(true);
    const document = parsePolicyDocument(encoded);
    expect(document.statements).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        notActions: [],
        resources: [],
        notResources: [],
        conditions: { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:123456789012:*' } },
        principals: [{ type: 'Service', value: 'ecs-tasks.amazonaws.com' }],
      },
    ]);
  });

  it('reads plain JSON text (S3 and SQS policies) and keeps a literal percent sign', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Sid: 'DenyInsecure',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::shop-media-uploads-123456789012', 'arn:aws:s3:::shop-media-uploads-123456789012/100%/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    });
    const [statement] = parsePolicyDocument(`  ${text}\n`).statements;
    expect(statement?.sid).toBe('DenyInsecure');
    expect(statement?.effect).toBe('Deny');
    expect(statement?.principals).toEqual([{ type: '*', value: '*' }]);
    expect(statement?.resources).toEqual([
      'arn:aws:s3:::shop-media-uploads-123456789012',
      'arn:aws:s3:::shop-media-uploads-123456789012/100%/*',
    ]);
  });

  it('accepts an already-parsed object and string-or-array Action, NotAction, NotResource', () => {
    const document = parsePolicyDocument({
      Statement: [
        { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: 'arn:aws:sqs:us-east-1:123456789012:shop-jobs' },
        { Effect: 'Deny', NotAction: 'iam:*', NotResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] },
      ],
    });
    expect(document.statements.map((s) => [s.effect, s.actions, s.notActions, s.resources, s.notResources])).toEqual([
      ['Allow', ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], [], ['arn:aws:sqs:us-east-1:123456789012:shop-jobs'], []],
      ['Deny', [], ['iam:*'], [], ['arn:aws:s3:::a', 'arn:aws:s3:::b']],
    ]);
    expect(document.statements[0]).not.toHaveProperty('principals');
    expect(document.statements[0]).not.toHaveProperty('conditions');
  });

  it('expands principal objects with several types and array values', () => {
    const [statement] = parsePolicyDocument({
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: {
            Service: ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'],
            AWS: 'arn:aws:iam::123456789012:root',
            Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          },
        },
      ],
    }).statements;
    expect(statement?.principals).toEqual([
      { type: 'Service', value: 'ecs-tasks.amazonaws.com' },
      { type: 'Service', value: 'lambda.amazonaws.com' },
      { type: 'AWS', value: 'arn:aws:iam::123456789012:root' },
      { type: 'Federated', value: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
    ]);
  });

  it('returns no statements for a document without Statement', () => {
    expect(parsePolicyDocument('{"Version":"2012-10-17"}')).toEqual({ statements: [] });
  });

  it.each([
    ['text that is not JSON', 'not a policy', /not valid JSON/],
    ['a broken percent escape', '%E0%A4%A', /neither JSON nor URL-encoded JSON/],
    ['a bad Effect', { Statement: [{ Effect: 'allow', Action: '*' }] }, /Statement\[0\]\.Effect must be Allow or Deny/],
    ['a numeric Action', { Statement: [{ Effect: 'Allow', Action: 3 }] }, /Statement\[0\]\.Action must be a string/],
    ['an unknown principal type', { Statement: [{ Effect: 'Allow', Principal: { User: 'x' } }] }, /unknown principal type "User"/],
    ['a JSON array', '[1,2]', /not a JSON object/],
  ])('rejects %s with a PolicyDocumentError naming the problem', (_label, input, message) => {
    expect(() => parsePolicyDocument(input)).toThrowError(PolicyDocumentError);
    expect(() => parsePolicyDocument(input)).toThrowError(message);
  });
});

describe('decodePolicyText', () => {
  it('decodes RFC 3986 escapes including spaces as %20', () => {
    expect(decodePolicyText('%7B%22Sid%22%3A%22a%20b%22%7D')).toBe('{"Sid":"a b"}');
  });
});

describe('trustPrincipalsOf', () => {
  it('lists the principals of Allow statements once each, skipping Deny statements', () => {
    const document = parsePolicyDocument({
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:TagSession' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      ],
    });
    expect(trustPrincipalsOf(document)).toEqual([{ type: 'Service', value: 'ecs-tasks.amazonaws.com' }]);
  });
});
