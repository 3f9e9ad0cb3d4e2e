import { describe, expect, it } from 'vitest';
import { CredentialsError, EndpointError, TopologyError } from '../../../src/errors.js';
import { identifyCaller, toCallerIdentity } from '../../../src/sources/aws/sts.js';
import { createClientFactory } from '../../../src/sources/aws/clients.js';
import { ACCOUNT, CALLER } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, clientConfigFor, zeroDelayRetry } from '../../support/aws-fake.js';

describe('toCallerIdentity', () => {
  it('takes the partition from the caller ARN', () => {
    expect(toCallerIdentity({ Account: '111122223333', Arn: 'arn:aws-us-gov:iam::111122223333:user/auditor' })).toEqual({
      accountId: '111122223333',
      partition: 'aws-us-gov',
      arn: 'arn:aws-us-gov:iam::111122223333:user/auditor',
    });
  });

  it('rejects an answer without an ARN', () => {
    expect(() => toCallerIdentity({ Account: '111122223333' })).toThrow(TopologyError);
  });
});

describe('identifyCaller', () => {
  it('reads the recorded caller through the real STS client', async () => {
    const fake = await AwsFake.recorded();
    const identity = await identifyCaller(clientConfigFor(fake));
    expect(identity).toEqual({ accountId: ACCOUNT, partition: 'aws', arn: CALLER.arn });
    expect(fake.calls('sts')).toMatchObject([{ operation: 'GetCallerIdentity', region: 'us-east-1', host: 'sts.us-east-1.amazonaws.com' }]);
  });

  it('turns expired session credentials into a CredentialsError naming the fix', async () => {
    const fake = new AwsFake().fail('sts', 'GetCallerIdentity', 'ExpiredToken', { message: 'The security token included in the request is expired' });
    const error = await identifyCaller(clientConfigFor(fake), { profile: 'prod' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).message).toBe('The AWS credentials for profile "prod" have expired (ExpiredToken).');
    expect((error as CredentialsError).hint).toContain('aws sso login --profile prod');
    expect((error as CredentialsError).exitCode).toBe(2);
  });

  it('turns rejected keys into a CredentialsError', async () => {
    const fake = new AwsFake().fail('sts', 'GetCallerIdentity', 'InvalidClientTokenId');
    await expect(identifyCaller(clientConfigFor(fake))).rejects.toThrow('AWS rejected the credentials (InvalidClientTokenId).');
  });

  it('turns an empty credential chain into a CredentialsError without calling AWS', async () => {
    const fake = new AwsFake();
    const noCredentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    };
    const config = createClientFactory({ credentials: noCredentials, requestHandler: fake, retryStrategy: zeroDelayRetry() }).forRegion('us-east-1');
    const error = await identifyCaller(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).message).toBe('No usable AWS credentials: Could not load credentials from any providers.');
    expect(fake.served).toHaveLength(0);
  });

  it('turns an unresolvable host into an EndpointError naming the region', async () => {
    const fake = new AwsFake().unreachable('ENOTFOUND');
    const error = await identifyCaller(clientConfigFor(fake, 'us-moon-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect((error as EndpointError).message).toBe('Cannot reach AWS at region "us-moon-1" (ENOTFOUND sts.us-moon-1.amazonaws.com).');
  });
});
