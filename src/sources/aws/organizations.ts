import { OrganizationsClient, paginateListAccounts, type Account } from '@aws-sdk/client-organizations';
import { CredentialsError } from '../../errors.js';
import type { ClientConfig } from './context.js';
import { classifyAwsError, fatalAwsError } from './errors.js';

/**
 * `--org`: the accounts of the organization, from `organizations:ListAccounts` (paginated, 20 a
 * page) called with the base credentials in the management account or a delegated administrator.
 * Only active accounts are walked: suspended, closed and pending accounts are skipped (their
 * roles cannot be assumed), and so are those `--exclude-accounts` names or `--accounts` leaves out.
 */

/** The one call `--org` adds, made in the management (or delegated administrator) account. */
export const LIST_ACCOUNTS = 'organizations:ListAccounts';

export interface OrganizationSelection {
  /** The role assumed in each account (`--org-role`, default topology-read-only). */
  role: string;
  /** `--accounts`: only these ids. */
  accounts?: string[];
  /** `--exclude-accounts`: not these ids. */
  exclude?: string[];
}

export interface OrganizationAccount {
  id: string;
  /** The partition of the account's ARN (`aws`, `aws-cn`, `aws-us-gov`). */
  partition: string;
  state: string;
}

/** An account's state: `State` (since 2025), else the retired `Status`. */
function accountState(account: Account): string {
  return account.State ?? account.Status ?? 'UNKNOWN';
}

function partitionOf(arn: string | undefined): string {
  return arn?.split(':')[1] || 'aws';
}

/** Every account of the organization with its state, in the order AWS lists them. */
export async function listOrganizationAccounts(config: ClientConfig): Promise<OrganizationAccount[]> {
  const client = new OrganizationsClient(config);
  const accounts: OrganizationAccount[] = [];
  try {
    for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
      for (const account of page.Accounts ?? []) {
        if (account.Id !== undefined) accounts.push({ id: account.Id, partition: partitionOf(account.Arn), state: accountState(account) });
      }
    }
  } catch (error) {
    const failure = classifyAwsError(error);
    if (failure?.kind === 'credentials' || failure?.kind === 'endpoint') throw fatalAwsError(failure, error, { region: config.region });
    if (failure !== undefined) {
      throw new CredentialsError(`${LIST_ACCOUNTS} failed (${failure.code}): cannot list the organization's accounts.`, {
        cause: error,
        hint: `Run --org with credentials of the management account or of a delegated administrator allowed ${LIST_ACCOUNTS} (docs/multi-account.md).`,
      });
    }
    throw error;
  } finally {
    client.destroy();
  }
  return accounts;
}

/** The active accounts the filters keep, each with the role to assume in it. */
export function organizationTargets(listed: readonly OrganizationAccount[], selection: OrganizationSelection): { roleArn: string; account: string }[] {
  const only = selection.accounts === undefined ? undefined : new Set(selection.accounts);
  const excluded = new Set(selection.exclude ?? []);
  return listed
    .filter((account) => account.state === 'ACTIVE')
    .filter((account) => (only === undefined || only.has(account.id)) && !excluded.has(account.id))
    .map((account) => ({ account: account.id, roleArn: `arn:${account.partition}:iam::${account.id}:role/${selection.role}` }));
}
