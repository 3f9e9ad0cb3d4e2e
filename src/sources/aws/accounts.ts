import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit, { type LimitFunction } from 'p-limit';
import { CredentialsError, TopologyError, UsageError } from '../../errors.js';
import { emptyInventory, mergeAccountInventories, type Inventory, type MissingCall, type ServiceCoverage } from '../../model/index.js';
import type { Progress, WalkActivity, WalkSource } from '../../model/progress.js';
import { createClientFactory, type ClientFactory } from './clients.js';
import { ServiceLimits, type Limit } from './concurrency.js';
import { classifyAwsError } from './errors.js';
import { LIST_ACCOUNTS, listOrganizationAccounts, organizationTargets, type OrganizationSelection } from './organizations.js';
import { profileFacts } from './profile-facts.js';
import { collectWith, GLOBAL, validRegions, type CollectAwsOptions } from './index.js';
import { withOneScopedWalkNotice } from './scoped-walk.js';
import { sdkPackage } from './sdk-packages.js';

const { fromNodeProviderChain, fromTemporaryCredentials } = sdkPackage('@aws-sdk/credential-providers');

/**
 * A walk of several accounts. Each account is reached through its own credentials — a named
 * profile (`--profile`, repeatable), or a role assumed with STS `AssumeRole` from the base
 * credentials (`--role-arn`, repeatable, the standard chain or the one `--profile` as the base, so
 * a management or audit account chains into each member) — and walked with its own client factory:
 * its own credential provider (refreshed once for all its clients, never written anywhere) and its
 * own rate buckets, because AWS throttles per account. Every account × region runs at once, under
 * one global bound on the calls in flight. An account that cannot be reached (the role cannot be
 * assumed, the profile has no credentials) is recorded in coverage as the call that failed, for
 * that account, and the others go on: the run is partial (exit 4), not failed.
 */

export type AccountTarget =
  | { kind: 'profile'; profile: string }
  | { kind: 'role'; roleArn: string; externalId?: string; sessionName?: string };

export interface CollectAccountsOptions extends Omit<CollectAwsOptions, 'profile'> {
  targets: AccountTarget[];
  /** `--org`: every active account of the organization too, with this role (organizations.ts). */
  org?: OrganizationSelection;
  /** `--external-id` / `--role-session-name` for the organization's roles. */
  orgRoleSettings?: { externalId?: string; sessionName?: string };
  /** The base credentials roles are assumed from: this profile, else the standard chain (or `credentials`). */
  profile?: string;
  /** Most calls in flight across every account and region together. */
  globalConcurrency?: number;
}

/** Calls in flight across every account at once (each account's services are bounded per region as well). */
export const GLOBAL_CONCURRENCY = 64;
/** The session name AssumeRole is given unless `--role-session-name` says otherwise (CloudTrail shows it). */
export const DEFAULT_SESSION_NAME = 'topology';
/** Temporary credentials are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/** The account a role ARN names, or a usage error for something that is not a role ARN. */
export function roleAccount(roleArn: string): string {
  const match = ROLE_ARN.exec(roleArn);
  if (match === null) {
    throw new UsageError(`--role-arn "${roleArn}" is not an IAM role ARN.`, { hint: 'Role ARNs look like arn:aws:iam::123456789012:role/topology-read-only.' });
  }
  return match[1]!;
}

/** What a target is called until its account is known. */
export function targetLabel(target: AccountTarget): string {
  return target.kind === 'profile' ? `profile ${target.profile}` : `role ${target.roleArn}`;
}

/**
 * One provider for the life of the walk: asks once, and again only when the credentials are about
 * to expire; a failure is not remembered (the next client asks again). Held in memory only.
 */
export function sharedCredentials(provider: AwsCredentialIdentityProvider, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current !== undefined) {
      const held = await current.catch(() => undefined);
      const expires = held?.expiration?.getTime();
      if (held !== undefined && (expires === undefined || expires - now() > REFRESH_MARGIN_MS)) return held;
    }
    current = provider();
    current.catch(() => (current = undefined));
    return current;
  };
}

/** The credentials of one target: a profile through the standard chain, or a role assumed from the base credentials. */
export function targetCredentials(target: AccountTarget, options: CollectAccountsOptions, home: string): AwsCredentialIdentityProvider {
  if (target.kind === 'profile') return sharedCredentials(fromNodeProviderChain(profileSettings(target.profile, options, home)));
  const base = baseCredentials(options, home);
  return sharedCredentials(
    fromTemporaryCredentials({
      params: {
        RoleArn: target.roleArn,
        RoleSessionName: target.sessionName ?? DEFAULT_SESSION_NAME,
        ...(target.externalId === undefined ? {} : { ExternalId: target.externalId }),
      },
      masterCredentials: base,
      clientConfig: {
        region: home,
        ...(options.requestHandler === undefined ? {} : { requestHandler: options.requestHandler as never }),
        ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
        ...(options.retryStrategy === undefined ? {} : { retryStrategy: options.retryStrategy }),
      },
    }),
  );
}

function baseCredentials(options: CollectAccountsOptions, home: string): AwsCredentialIdentityProvider {
  const given = options.credentials;
  if (given !== undefined) return typeof given === 'function' ? given : async () => given;
  return sharedCredentials(fromNodeProviderChain(profileSettings(options.profile, options, home)));
}

/**
 * The standard chain for a profile: its own settings decide (SSO, keys, `credential_process`, a
 * `role_arn` with `source_profile`, and `mfa_serial`, whose code `mfaCodeProvider` is asked for);
 * STS calls the profile makes go through this run's transport and endpoint.
 */
function profileSettings(profile: string | undefined, options: CollectAccountsOptions, home: string) {
  return {
    ...(profile === undefined ? {} : { profile }),
    ...(options.mfaCodeProvider === undefined ? {} : { mfaCodeProvider: options.mfaCodeProvider }),
    clientConfig: {
      region: home,
      ...(options.requestHandler === undefined ? {} : { requestHandler: options.requestHandler }),
      ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
    },
  };
}

/** Each (service, region) bound of one account, inside the bound every account shares. */
class SharedLimits extends ServiceLimits {
  constructor(
    concurrency: number | undefined,
    private readonly global: LimitFunction,
  ) {
    super(concurrency);
  }

  override for(service: Parameters<ServiceLimits['for']>[0], region: string): Limit {
    const own = super.for(service, region);
    return (fn) => own(() => this.global(fn));
  }
}

/** One bar per account on a terminal: the calls of all its services and regions. */
class AccountsActivity implements WalkSource {
  private readonly walks: { label: string; clients: ClientFactory }[] = [];

  add(label: string, clients: ClientFactory): void {
    this.walks.push({ label, clients });
  }

  activity(): WalkActivity[] {
    return this.walks.map(({ label, clients }) => {
      const total = { label, known: 0, done: 0, throttled: 0 };
      for (const one of clients.pacers.activity()) {
        total.known += one.known;
        total.done += one.done;
        total.throttled += one.throttled;
      }
      return total;
    });
  }
}

function prefixed(progress: Progress, prefix: string): Progress {
  return { step: (message) => progress.step(`${prefix}: ${message}`) };
}

/** The coverage of an account that could not be walked at all: the call that failed, for that account. */
export function unreachableAccount(account: string, target: AccountTarget, error: unknown, failedCall?: string): ServiceCoverage {
  const failure = classifyAwsError(error);
  const action = failedCall ?? (target.kind === 'role' ? 'sts:AssumeRole' : 'sts:GetCallerIdentity');
  const reason: MissingCall['reason'] = failure?.kind === 'denied' ? 'denied' : failure?.kind === 'throttled' ? 'throttled' : 'error';
  const code = failure?.code ?? (error instanceof CredentialsError ? 'CredentialsError' : 'UnknownError');
  const resource = target.kind === 'role' ? target.roleArn : `profile ${target.profile}`;
  return { service: 'sts', region: GLOBAL, account, status: reason, missing: [{ action, reason, code, resource }] };
}

interface AccountWalk {
  inventory: Inventory;
}

/** Every target walked at once; the inventories joined into one (model/accounts.ts). */
export async function collectAccounts(given: CollectAccountsOptions): Promise<Inventory> {
  const regions = validRegions(given.regions);
  const home = regions[0]!;
  const options = given.org === undefined ? given : { ...given, targets: await withOrganization(given, home) };
  if (options.targets.length === 0) throw new UsageError('No account to walk.', { hint: 'Pass --profile NAME or --role-arn ARN (repeatable), or --org.' });
  const global = pLimit(options.globalConcurrency ?? GLOBAL_CONCURRENCY);
  const activity = new AccountsActivity();
  const several = options.targets.length > 1;
  const walkOne = async (target: AccountTarget): Promise<AccountWalk> => {
    const knownAccount = target.kind === 'role' ? roleAccount(target.roleArn) : undefined;
    const label = knownAccount ?? targetLabel(target);
    const credentials = targetCredentials(target, options, home);
    const profile = target.kind === 'profile' ? target.profile : undefined;
    const clients = createClientFactory({ ...options, credentials, ...(profile === undefined ? {} : { profile }) });
    activity.add(`account ${label}`, clients);
    const progress = prefixed(options.progress, `account ${label}`);
    try {
      progress.step(target.kind === 'role' ? `assuming ${target.roleArn}` : `credentials of profile ${target.profile}`);
      await credentials();
    } catch (error) {
      if (error instanceof TopologyError && !(error instanceof CredentialsError)) throw error;
      if (!(error instanceof CredentialsError) && classifyAwsError(error) === undefined && !isProviderError(error)) throw error;
      progress.step(`cannot be walked: ${firstLine(error)}`);
      return { inventory: await unreachable(label, target, error, 'credentials') };
    }
    const limits = new SharedLimits(options.concurrency, global);
    const scope = { ...(profile === undefined ? {} : { profile }), ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }) };
    try {
      const inventory = await collectWith({ ...options, ...(profile === undefined ? {} : { profile }), progress }, regions, limits, clients, scope);
      const account = inventory.accountId ?? label;
      return { inventory: several ? { ...inventory, coverage: inventory.coverage.map((entry) => ({ ...entry, account })) } : inventory };
    } catch (error) {
      if (!(error instanceof CredentialsError)) throw error;
      progress.step(`cannot be walked: ${error.message}`);
      return { inventory: await unreachable(label, target, error, 'identity') };
    }
  };
  const walk = options.progress.walk?.(activity);
  try {
    const walks = await Promise.all(options.targets.map(walkOne));
    const parts = walks.map((w) => w.inventory);
    const accounts = [...new Set(parts.map((p) => p.accountId).filter((id): id is string => id !== undefined))].sort();
    const source = { kind: 'aws' as const, label: `aws ${accounts.length === 1 ? 'account' : 'accounts'} ${accounts.join(', ')}${options.endpointUrl ? ` via ${options.endpointUrl}` : ''}` };
    const merged = withOneScopedWalkNotice(parts, mergeAccountInventories(parts, source));
    options.progress.step(`collected ${regions.length} region(s) of ${parts.length} account(s)`);
    return merged;
  } finally {
    walk?.done();
  }
}

/** Organizations answers in us-east-1 (the aws partition), in the home region elsewhere (China, GovCloud). */
function organizationsRegion(home: string): string {
  return home.startsWith('cn-') || home.startsWith('us-gov-') ? home : 'us-east-1';
}

/** The given targets and the organization's active accounts (once each), listed with the base credentials. */
async function withOrganization(options: CollectAccountsOptions, home: string): Promise<AccountTarget[]> {
  const selection = options.org!;
  const clients = createClientFactory({ ...options, credentials: baseCredentials(options, home) });
  options.progress.step(selection.units === undefined ? `listing the organization's accounts (${LIST_ACCOUNTS})` : `listing the accounts of ${selection.units.join(', ')}`);
  const listed = await listOrganizationAccounts(clients.forService('organizations', organizationsRegion(home), GLOBAL), selection.units);
  const found = organizationTargets(listed, selection);
  const skipped = listed.filter((account) => account.state !== 'ACTIVE');
  options.progress.step(`organization: ${listed.length} account(s), ${found.length} to walk${skipped.length > 0 ? `, ${skipped.length} not active (skipped)` : ''}`);
  if (found.length === 0) {
    throw new UsageError(`No active account of the organization matches (${listed.length} listed).`, { hint: 'Check --accounts / --exclude-accounts.' });
  }
  const known = new Set(options.targets.map((target) => (target.kind === 'role' ? target.roleArn : '')));
  const settings = options.orgRoleSettings ?? {};
  const added = found
    .filter((target) => !known.has(target.roleArn))
    .map((target): AccountTarget => ({
      kind: 'role',
      roleArn: target.roleArn,
      ...(settings.externalId === undefined ? {} : { externalId: settings.externalId }),
      ...(settings.sessionName === undefined ? {} : { sessionName: settings.sessionName }),
    }));
  return [...options.targets, ...added];
}

function isProviderError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'CredentialsProviderError';
}

function firstLine(error: unknown): string {
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? (message.split('\n')[0] ?? '') : String(error);
}

function failedAccount(account: string, target: AccountTarget, error: unknown, failedCall?: string): Inventory {
  return {
    ...emptyInventory({ kind: 'aws', label: `aws ${targetLabel(target)}` }),
    ...(/^\d{12}$/.test(account) ? { accountId: account } : {}),
    coverage: [unreachableAccount(account, target, error, failedCall)],
  };
}

/**
 * A target that could not be walked, with what is known of it: a role's account from its ARN; a
 * profile's from its `role_arn` or `sso_account_id` in the shared config (else it is filed under
 * the profile's name), and for a profile with a `role_arn` whose credentials failed, that the
 * failing call was `sts:AssumeRole`.
 */
async function unreachable(label: string, target: AccountTarget, error: unknown, stage: 'credentials' | 'identity'): Promise<Inventory> {
  if (target.kind === 'role') return failedAccount(label, target, error);
  const facts = await profileFacts(target.profile);
  const failedCall = stage === 'credentials' ? facts.credentialsCall : undefined;
  return failedAccount(facts.accountId ?? label, target, error, failedCall);
}
