import { UsageError } from '../errors.js';
import type { AccountTarget } from '../sources/aws/accounts.js';
import type { OrganizationSelection } from '../sources/aws/organizations.js';

/**
 * Which accounts the credential flags name. One `--profile` (or none) without `--role-arn` is the
 * walk of one account, as before. Several `--profile`s walk one account each. `--role-arn`
 * (repeatable) walks each role's account with credentials assumed from the base credentials —
 * the standard chain, or the one `--profile` given — with `--external-id` and
 * `--role-session-name` applied to every role.
 */
export interface AccountFlags {
  profile?: string[];
  'role-arn'?: string[];
  'external-id'?: string;
  'role-session-name'?: string;
  org?: boolean;
  'org-role'?: string;
  accounts?: string[];
  'exclude-accounts'?: string[];
  'org-unit'?: string[];
}

export interface AccountSelection {
  /** The single-account walk's profile, or the base profile roles are assumed from. */
  profile?: string;
  /** Several accounts (or one role): every account to walk. Absent for the classic walk of one. */
  targets?: AccountTarget[];
  /** `--org`: the organization's active accounts too (listed with the base credentials). */
  org?: OrganizationSelection;
  /** `--org`: `--external-id` / `--role-session-name` for its roles. */
  orgRoleSettings?: { externalId?: string; sessionName?: string };
}

/** The role `--org` assumes in each account unless `--org-role` names another. */
export const DEFAULT_ORG_ROLE = 'topology-read-only';

/** `--accounts 111…,222…` (repeatable, comma-separated) as a list. */
export function accountIdList(option: string) {
  return (value: unknown): string[] => {
    const ids = [value].flat().flatMap((item) => String(item).split(',')).map((id) => id.trim()).filter((id) => id !== '');
    if (ids.length === 0) throw new UsageError(`--${option} needs account ids, e.g. --${option} 111111111111,222222222222.`);
    const bad = ids.filter((id) => !/^\d{12}$/.test(id));
    if (bad.length > 0) throw new UsageError(`--${option} takes 12-digit account ids, got ${bad.map((id) => `"${id}"`).join(', ')}.`);
    return ids;
  };
}

/** The session name AWS accepts: 2-64 of `[\w+=,.@-]`. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export function accountSelection(flags: AccountFlags): AccountSelection {
  const profiles = [...new Set(flags.profile ?? [])];
  const roles = [...new Set(flags['role-arn'] ?? [])];
  const externalId = flags['external-id'];
  const sessionName = flags['role-session-name'];
  if (!flags.org && (flags['org-role'] !== undefined || flags.accounts !== undefined || flags['exclude-accounts'] !== undefined || flags['org-unit'] !== undefined)) {
    throw new UsageError('--org-role, --org-unit, --accounts and --exclude-accounts apply to --org.');
  }
  const badUnit = (flags['org-unit'] ?? []).find((unit) => !/^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/.test(unit));
  if (badUnit !== undefined) throw new UsageError(`--org-unit "${badUnit}" is not an organizational unit id (ou-abcd-12345678) or a root id (r-abcd).`);
  if (flags.org) {
    if (profiles.length > 1) throw new UsageError('With --org, --profile names the base credentials the roles are assumed from: give it at most once.');
    if (sessionName !== undefined && !SESSION_NAME.test(sessionName)) throw new UsageError(`--role-session-name "${sessionName}" must be 2-64 letters, digits or +=,.@_-.`);
    const org: OrganizationSelection = {
      role: flags['org-role'] ?? DEFAULT_ORG_ROLE,
      ...(flags.accounts === undefined ? {} : { accounts: flags.accounts }),
      ...(flags['exclude-accounts'] === undefined ? {} : { exclude: flags['exclude-accounts'] }),
      ...(flags['org-unit'] === undefined ? {} : { units: [...new Set(flags['org-unit'])] }),
    };
    const settings = { ...(externalId === undefined ? {} : { externalId }), ...(sessionName === undefined ? {} : { sessionName }) };
    return { ...(profiles[0] === undefined ? {} : { profile: profiles[0] }), targets: roleTargets(roles, externalId, sessionName), org, orgRoleSettings: settings };
  }
  if (roles.length === 0) {
    if (externalId !== undefined || sessionName !== undefined) throw new UsageError('--external-id and --role-session-name apply to roles assumed with --role-arn.');
    if (profiles.length <= 1) return profiles[0] === undefined ? {} : { profile: profiles[0] };
    return { targets: profiles.map((profile) => ({ kind: 'profile', profile })) };
  }
  if (profiles.length > 1) {
    throw new UsageError('With --role-arn, --profile names the base credentials the roles are assumed from: give it at most once.', {
      hint: 'Walk several profiles without --role-arn, or several roles from one base profile.',
    });
  }
  if (sessionName !== undefined && !SESSION_NAME.test(sessionName)) {
    throw new UsageError(`--role-session-name "${sessionName}" must be 2-64 letters, digits or +=,.@_-.`);
  }
  return { ...(profiles[0] === undefined ? {} : { profile: profiles[0] }), targets: roleTargets(roles, externalId, sessionName) };
}

function roleTargets(roles: string[], externalId: string | undefined, sessionName: string | undefined): AccountTarget[] {
  return roles.map((roleArn) => ({
    kind: 'role',
    roleArn,
    ...(externalId === undefined ? {} : { externalId }),
    ...(sessionName === undefined ? {} : { sessionName }),
  }));
}
