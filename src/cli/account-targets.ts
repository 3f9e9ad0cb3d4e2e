import { UsageError } from '../errors.js';
import type { AccountTarget } from '../sources/aws/accounts.js';

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
}

export interface AccountSelection {
  /** The single-account walk's profile, or the base profile roles are assumed from. */
  profile?: string;
  /** Several accounts (or one role): every account to walk. Absent for the classic walk of one. */
  targets?: AccountTarget[];
}

/** The session name AWS accepts: 2-64 of `[\w+=,.@-]`. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export function accountSelection(flags: AccountFlags): AccountSelection {
  const profiles = [...new Set(flags.profile ?? [])];
  const roles = [...new Set(flags['role-arn'] ?? [])];
  const externalId = flags['external-id'];
  const sessionName = flags['role-session-name'];
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
  const targets: AccountTarget[] = roles.map((roleArn) => ({
    kind: 'role',
    roleArn,
    ...(externalId === undefined ? {} : { externalId }),
    ...(sessionName === undefined ? {} : { sessionName }),
  }));
  return { ...(profiles[0] === undefined ? {} : { profile: profiles[0] }), targets };
}
