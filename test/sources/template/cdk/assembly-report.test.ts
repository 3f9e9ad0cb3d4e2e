import { describe, expect, it } from 'vitest';
import { describeMissingContext, summarizeWarnings } from '../../../../src/sources/template/cdk/assembly-report.js';

describe("CDK's warnings in one line", () => {
  it('groups by the [ack: id] CDK appends, most frequent first, with one path each', () => {
    const summary = summarizeWarnings([
      { path: '/Shop/Web/Service', message: 'minHealthyPercent has not been configured so the default value of 50% is used. [ack: @aws-cdk/aws-ecs:minHealthyPercent]' },
      { path: '/Shop/Worker/Service', message: 'minHealthyPercent has not been configured so the default value of 50% is used. [ack: @aws-cdk/aws-ecs:minHealthyPercent]' },
      { path: '/Shop/Db', message: 'Instance is not encrypted. Consider enabling it.' },
    ]);
    expect(summary).toBe(
      'CDK reported 3 warning(s): @aws-cdk/aws-ecs:minHealthyPercent (2×, e.g. /Shop/Web/Service); Instance is not encrypted. (1×, e.g. /Shop/Db). `cdk synth` prints them in full.',
    );
  });

  it('says nothing when there is nothing to say', () => {
    expect(summarizeWarnings([])).toBeUndefined();
    expect(describeMissingContext([])).toBeUndefined();
  });

  it('names every context key a lookup needs', () => {
    const notice = describeMissingContext([
      { key: 'hosted-zone:account=111122223333:domainName=example.com:region=eu-west-1', provider: 'hosted-zone' },
      { key: 'vpc-provider:account=111122223333:filter.vpc-id=vpc-0abc:region=eu-west-1:returnAsymmetricSubnets=true', provider: 'vpc-provider' },
    ]);
    expect(notice).toContain(
      'the context key(s) needed: hosted-zone:account=111122223333:domainName=example.com:region=eu-west-1, vpc-provider:account=111122223333:filter.vpc-id=vpc-0abc:region=eu-west-1:returnAsymmetricSubnets=true.',
    );
  });
});
