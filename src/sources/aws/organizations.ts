import type { Account } from '@aws-sdk/client-organizations';
import { CredentialsError } from '../../errors.js';
import type { ClientConfig } from './context.js';
import { classifyAwsError, fatalAwsError } from './errors.js';
import { sdkPackage } from './sdk-packages.js';

const {
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} = sdkPackage('@aws-sdk/client-organizations');
type OrganizationsClient = InstanceType<typeof OrganizationsClient>;

/**
 * `--org`: the accounts of the organization, from `organizations:ListAccounts` (paginated, 20 a
 * page) called with the base credentials in the management account or a delegated administrator.
 * Only active accounts are walked: suspended, closed and pending accounts are skipped (their
 * roles cannot be assumed), and so are those `--exclude-accounts` names or `--accounts` leaves out.
 */

/** The one call `--org` adds, made in the management (or delegated administrator) account. */
export const LIST_ACCOUNTS = 'organizations:ListAccounts';
/** With `--org-unit`: the accounts and the child units of each unit, instead of ListAccounts. */
export const LIST_ACCOUNTS_FOR_PARENT = 'organizations:ListAccountsForParent';
export const LIST_UNITS_FOR_PARENT = 'organizations:ListOrganizationalUnitsForParent';

export interface OrganizationSelection {
  /** The role assumed in each account (`--org-role`, default topology-read-only). */
  role: string;
  /** `--accounts`: only these ids. */
  accounts?: string[];
  /** `--exclude-accounts`: not these ids. */
  exclude?: string[];
  /** `--org-unit`: only the accounts in these organizational units (and the units inside them). */
  units?: string[];
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

function toAccounts(accounts: Account[] | undefined): OrganizationAccount[] {
  return (accounts ?? []).flatMap((account) => (account.Id === undefined ? [] : [{ id: account.Id, partition: partitionOf(account.Arn), state: accountState(account) }]));
}

/** The accounts in `units` and in every unit inside them (breadth first, each unit once). */
async function listUnitAccounts(client: OrganizationsClient, units: readonly string[]): Promise<OrganizationAccount[]> {
  const accounts: OrganizationAccount[] = [];
  const seen = new Set<string>();
  const queue = [...units];
  while (queue.length > 0) {
    const unit = queue.shift()!;
    if (seen.has(unit)) continue;
    seen.add(unit);
    for await (const page of paginateListAccountsForParent({ client, pageSize: 20 }, { ParentId: unit })) accounts.push(...toAccounts(page.Accounts));
    for await (const page of paginateListOrganizationalUnitsForParent({ client, pageSize: 20 }, { ParentId: unit })) {
      for (const child of page.OrganizationalUnits ?? []) if (child.Id !== undefined) queue.push(child.Id);
    }
  }
  return accounts;
}

/** Every account of the organization (or of `units`) with its state, in the order AWS lists them. */
export async function listOrganizationAccounts(config: ClientConfig, units?: readonly string[]): Promise<OrganizationAccount[]> {
  const client = new OrganizationsClient(config);
  const accounts: OrganizationAccount[] = [];
  const action = units === undefined ? LIST_ACCOUNTS : `${LIST_ACCOUNTS_FOR_PARENT} / ${LIST_UNITS_FOR_PARENT}`;
  try {
    if (units !== undefined) accounts.push(...(await listUnitAccounts(client, units)));
    else for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) accounts.push(...toAccounts(page.Accounts));
  } catch (error) {
    const failure = classifyAwsError(error);
    if (failure?.kind === 'credentials' || failure?.kind === 'endpoint') throw fatalAwsError(failure, error, { region: config.region });
    if (failure !== undefined) {
      throw new CredentialsError(`${action} failed (${failure.code}): cannot list the organization's accounts.`, {
        cause: error,
        hint: `Run --org with credentials of the management account or of a delegated administrator allowed ${action} (docs/multi-account.md).`,
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
