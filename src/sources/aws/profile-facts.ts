import { loadSharedConfigFiles } from '@smithy/core/config';

/**
 * What the shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`, or
 * `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`) say about a profile, read through the SDK's own
 * shared-ini loader: the account it reaches when it names one (`role_arn`, `sso_account_id`), and
 * the call its credentials come from. Used to report a profile that could not be walked with what is
 * known, since no `GetCallerIdentity` answered for it. Nothing is read but these settings, and
 * nothing is kept.
 */
export interface ProfileFacts {
  /** The 12-digit account the profile's `role_arn` or `sso_account_id` names. */
  accountId?: string;
  /** `sts:AssumeRole` for a profile with a `role_arn` (the call that gives it credentials). */
  credentialsCall?: 'sts:AssumeRole';
  roleArn?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN_ACCOUNT = /^arn:[^:]+:iam::(\d{12}):role\//;

/** The facts of `profile`; none when the files cannot be read or do not name the profile. */
export async function profileFacts(profile: string): Promise<ProfileFacts> {
  let settings: Record<string, string | undefined>;
  try {
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
    settings = { ...(credentialsFile[profile] ?? {}), ...(configFile[profile] ?? {}) };
  } catch {
    return {};
  }
  const roleArn = settings.role_arn;
  const fromRole = roleArn === undefined ? undefined : ROLE_ARN_ACCOUNT.exec(roleArn)?.[1];
  const fromSso = settings.sso_account_id !== undefined && ACCOUNT_ID.test(settings.sso_account_id) ? settings.sso_account_id : undefined;
  const accountId = fromRole ?? fromSso;
  return {
    ...(accountId === undefined ? {} : { accountId }),
    ...(roleArn === undefined ? {} : { roleArn, credentialsCall: 'sts:AssumeRole' as const }),
  };
}
