/** Where a stack would be deployed: what `AWS::Region`, `AWS::AccountId`... resolve to. */
export interface StackEnvironment {
  stackName: string;
  region: string;
  accountId: string;
  partition: string;
}

/** Templates name no region; a cdk.out names one only for environment-bound stacks. */
export const DEFAULT_REGION = 'us-east-1';

/** Stands for the account a template would be deployed to; shaped like a real one so ARNs parse. */
export const PLACEHOLDER_ACCOUNT = '000000000000';

export function urlSuffix(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The cdk.out `environment` string, `aws://123456789012/eu-west-1` or `aws://unknown-account/unknown-region`. */
export function parseCdkEnvironment(environment: unknown): { accountId?: string; region?: string } {
  if (typeof environment !== 'string') return {};
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment);
  if (!match) return {};
  const [, account, region] = match;
  return {
    ...(account !== undefined && /^\d{12}$/.test(account) ? { accountId: account } : {}),
    ...(region !== undefined && region !== 'unknown-region' ? { region } : {}),
  };
}

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
