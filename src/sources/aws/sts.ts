import type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import { TopologyError } from '../../errors.js';
import { parseArn } from '../../model/index.js';
import type { ClientConfig } from './context.js';
import { classifyAwsError, fatalAwsError, type FailureScope } from './errors.js';
import { sdkPackage } from './sdk-packages.js';

const { GetCallerIdentityCommand, STSClient } = sdkPackage('@aws-sdk/client-sts');

/** Who the credentials belong to: the first call of every run, and the credentials check. */
export interface CallerIdentity {
  accountId: string;
  partition: string;
  arn: string;
}

export function toCallerIdentity(output: Pick<GetCallerIdentityCommandOutput, 'Account' | 'Arn'>): CallerIdentity {
  const arn = output.Arn ?? '';
  const parsed = parseArn(arn);
  if (!output.Account || parsed === undefined) {
    throw new TopologyError(`sts:GetCallerIdentity returned no usable identity (account "${output.Account ?? ''}", ARN "${arn}").`);
  }
  return { accountId: output.Account, partition: parsed.partition, arn };
}

/**
 * `sts:GetCallerIdentity` needs no permission, so any failure here is about the credentials or
 * the endpoint, and aborts the run with the typed error that says how to fix it.
 */
export async function identifyCaller(config: ClientConfig, scope: Omit<FailureScope, 'region'> = {}): Promise<CallerIdentity> {
  const client = new STSClient(config);
  try {
    return toCallerIdentity(await client.send(new GetCallerIdentityCommand({})));
  } catch (error) {
    const failure = classifyAwsError(error);
    if (failure?.kind === 'credentials' || failure?.kind === 'endpoint') throw fatalAwsError(failure, error, { ...scope, region: config.region });
    if (failure !== undefined) {
      throw new TopologyError(`sts:GetCallerIdentity failed (${failure.code}); cannot tell which account these credentials belong to.`, {
        cause: error,
        hint: 'Run again; if it keeps failing, check the credentials with `aws sts get-caller-identity`.',
      });
    }
    throw error;
  } finally {
    client.destroy();
  }
}
