import type { AttachedPolicy as SdkAttachedPolicy, ManagedPolicyDetail, Role as SdkRole, RoleDetail } from '@aws-sdk/client-iam';
import type { AttachedPolicy, IamRole, InlinePolicy, Inventory, ManagedPolicy } from '../../model/index.js';
import { arnResourceName, parseArn } from '../../model/index.js';
import { trustedFromOtherAccount } from '../../model/principals.js';
import { listAll, tagMap, type CollectContext } from './context.js';
import { parsePolicyDocument, trustPrincipalsOf } from '../policy-document.js';
import { sdkPackage } from './sdk-packages.js';

const {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} = sdkPackage('@aws-sdk/client-iam');
type IAMClient = InstanceType<typeof IAMClient>;

/**
 * IAM: the roles ECS tasks use (task and execution roles), each fetched once, and the roles
 * another account may assume (a trust policy naming a principal of another account, or `*`):
 * those are the ends of the links across accounts (role chaining) and what TOPO-ACCT-002 judges.
 * The bulk GetAccountAuthorizationDetails call returns every role with trust policy, inline
 * documents and attachments, plus customer-managed policy documents, in a few pages, so the
 * roles others may assume cost no call of their own. When it fails (a policy may deny it yet
 * allow iam:GetRole), the per-role calls are used for the task and execution roles instead, each
 * recorded in coverage on its own; the roles others may assume cannot be found that way (listing
 * every role would need iam:ListRoles), which the recovery note says (a scoped walk wants none).
 */

const AUTHORIZATION_DETAILS_PAGE = 1000;

export interface AuthorizationDetails {
  roles: RoleDetail[];
  policies: ManagedPolicyDetail[];
}

export interface IamWanted {
  /** Also the roles a principal of another account may assume (default true; a scoped walk reads only what its selectors use). */
  trustedFromOtherAccounts?: boolean;
}

export async function collectIam(ctx: CollectContext, roleArns: string[], wanted: IamWanted = {}): Promise<Partial<Inventory>> {
  const roleNames = roleNamesInAccount(roleArns, ctx.accountId);
  const trusted = wanted.trustedFromOtherAccounts ?? true;
  if (roleNames.length === 0 && !trusted) return { roles: [], managedPolicies: [] };
  const client = new IAMClient(ctx.clientConfig);
  const bulk = await ctx.call('iam:GetAccountAuthorizationDetails', () => getAuthorizationDetails(client));
  if (bulk.ok) return fromAuthorizationDetails(bulk.value, roleNames, trusted && ctx.accountId !== '' ? ctx.accountId : undefined);
  const oneByOne = await collectRolesOneByOne(ctx, client, roleNames);
  ctx.recovered('iam:GetAccountAuthorizationDetails', trusted ? 'per-role IAM calls (task and execution roles only: the roles other accounts may assume are not found)' : 'per-role IAM calls');
  return oneByOne;
}

/**
 * Role names to look up, deduplicated, in first-use order. Role names are unique in an account,
 * whatever the path, and ECS accepts a bare name where it takes a role ARN. Roles of other
 * accounts are left out: a lookup by name here would find a different role.
 */
export function roleNamesInAccount(roleArns: string[], accountId: string): string[] {
  const names = new Set<string>();
  for (const value of roleArns) {
    const arn = parseArn(value);
    if (arn && accountId !== '' && arn.account !== accountId) continue;
    names.add(arn ? arnResourceName(value) : value);
  }
  return [...names];
}

// ---------------------------------------------------------------- bulk path

async function getAuthorizationDetails(client: IAMClient): Promise<AuthorizationDetails> {
  const details: AuthorizationDetails = { roles: [], policies: [] };
  const pages = paginateGetAccountAuthorizationDetails(
    { client, pageSize: AUTHORIZATION_DETAILS_PAGE },
    { Filter: ['Role', 'LocalManagedPolicy'] },
  );
  for await (const page of pages) {
    details.roles.push(...(page.RoleDetailList ?? []));
    details.policies.push(...(page.Policies ?? []));
  }
  return details;
}

/**
 * The wanted roles (in the order asked), then, given the account, every other role a principal of
 * another account may assume (in the listing's order), and the managed policies they attach, each once.
 */
export function fromAuthorizationDetails(
  details: AuthorizationDetails,
  roleNames: string[],
  trustedOutsideOf?: string,
): { roles: IamRole[]; managedPolicies: ManagedPolicy[] } {
  const rolesByName = new Map(details.roles.map((role) => [role.RoleName ?? '', role]));
  const localPolicies = new Map(details.policies.map((policy) => [policy.Arn ?? '', policy]));
  const toRole = (detail: RoleDetail) => toIamRole(detail, detail.RolePolicyList ?? [], detail.AttachedManagedPolicies ?? []);
  const named = roleNames.flatMap((name) => {
    const detail = rolesByName.get(name);
    return detail ? [toRole(detail)] : [];
  });
  const asked = new Set(roleNames);
  const trusted =
    trustedOutsideOf === undefined
      ? []
      : details.roles
          .filter((detail) => !asked.has(detail.RoleName ?? '') && detail.AssumeRolePolicyDocument !== undefined)
          .filter((detail) => trustedFromOtherAccount(trustPrincipalsOf(parsePolicyDocument(detail.AssumeRolePolicyDocument!)), trustedOutsideOf))
          .map(toRole);
  const roles = [...named, ...trusted];
  const managedPolicies = uniqueAttachments(roles).map((attached) => {
    const local = localPolicies.get(attached.arn);
    return local ? toManagedPolicy(local) : nameOnlyPolicy(attached);
  });
  return { roles, managedPolicies };
}

// ---------------------------------------------------------------- per-role fallback

async function collectRolesOneByOne(
  ctx: CollectContext,
  client: IAMClient,
  roleNames: string[],
): Promise<Partial<Inventory>> {
  const fetched = await Promise.all(roleNames.map((name) => getRoleOneByOne(ctx, client, name)));
  const roles = fetched.flatMap((role) => (role ? [role] : []));
  const managedPolicies = await Promise.all(
    uniqueAttachments(roles).map(async (attached) =>
      attached.awsManaged ? nameOnlyPolicy(attached) : ((await getManagedPolicy(ctx, client, attached)) ?? nameOnlyPolicy(attached)),
    ),
  );
  return { roles, managedPolicies };
}

async function getRoleOneByOne(ctx: CollectContext, client: IAMClient, roleName: string): Promise<IamRole | undefined> {
  const role = await ctx.call(
    'iam:GetRole',
    async () => (await client.send(new GetRoleCommand({ RoleName: roleName }))).Role,
    roleName,
  );
  if (!role.ok || !role.value) return undefined;
  const [attached, inlineNames] = await Promise.all([
    listAll(
      ctx,
      'iam:ListAttachedRolePolicies',
      () => paginateListAttachedRolePolicies({ client }, { RoleName: roleName }),
      (page) => page.AttachedPolicies,
      roleName,
    ),
    listAll(ctx, 'iam:ListRolePolicies', () => paginateListRolePolicies({ client }, { RoleName: roleName }), (page) => page.PolicyNames, roleName),
  ]);
  const inline = await Promise.all(
    (inlineNames.ok ? inlineNames.value : []).map((policyName) =>
      ctx.call(
        'iam:GetRolePolicy',
        async () => {
          const output = await client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
          return { PolicyName: output.PolicyName ?? policyName, PolicyDocument: output.PolicyDocument };
        },
        `${roleName}/${policyName}`,
      ),
    ),
  );
  return toIamRole(
    role.value,
    inline.flatMap((outcome) => (outcome.ok ? [outcome.value] : [])),
    attached.ok ? attached.value : [],
  );
}

async function getManagedPolicy(
  ctx: CollectContext,
  client: IAMClient,
  attached: AttachedPolicy,
): Promise<ManagedPolicy | undefined> {
  const policy = await ctx.call(
    'iam:GetPolicy',
    async () => (await client.send(new GetPolicyCommand({ PolicyArn: attached.arn }))).Policy,
    attached.arn,
  );
  if (!policy.ok || !policy.value?.DefaultVersionId) return undefined;
  const versionId = policy.value.DefaultVersionId;
  const version = await ctx.call(
    'iam:GetPolicyVersion',
    async () => (await client.send(new GetPolicyVersionCommand({ PolicyArn: attached.arn, VersionId: versionId }))).PolicyVersion,
    attached.arn,
  );
  return toManagedPolicy({
    ...policy.value,
    PolicyVersionList: version.ok && version.value ? [{ ...version.value, IsDefaultVersion: true }] : [],
  });
}

// ---------------------------------------------------------------- transforms

export function toIamRole(
  role: RoleDetail | SdkRole,
  inlinePolicies: { PolicyName?: string; PolicyDocument?: string }[],
  attachedPolicies: SdkAttachedPolicy[],
): IamRole {
  return {
    arn: role.Arn ?? '',
    name: role.RoleName ?? '',
    path: role.Path ?? '/',
    trustPrincipals: role.AssumeRolePolicyDocument ? trustPrincipalsOf(parsePolicyDocument(role.AssumeRolePolicyDocument)) : [],
    attachedPolicies: attachedPolicies.map((policy) => {
      const arn = policy.PolicyArn ?? '';
      return { arn, name: policy.PolicyName ?? arnResourceName(arn), awsManaged: isAwsManagedPolicyArn(arn) };
    }),
    inlinePolicies: inlinePolicies.flatMap((policy): InlinePolicy[] =>
      policy.PolicyDocument ? [{ name: policy.PolicyName ?? '', document: parsePolicyDocument(policy.PolicyDocument) }] : [],
    ),
    permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn,
    tags: tagMap(role.Tags),
  };
}

export function toManagedPolicy(policy: ManagedPolicyDetail): ManagedPolicy {
  const arn = policy.Arn ?? '';
  const defaultVersion =
    policy.PolicyVersionList?.find((v) => v.IsDefaultVersion) ??
    policy.PolicyVersionList?.find((v) => v.VersionId === policy.DefaultVersionId);
  return {
    arn,
    name: policy.PolicyName ?? arnResourceName(arn),
    path: policy.Path ?? policyPathFromArn(arn),
    awsManaged: isAwsManagedPolicyArn(arn),
    document: defaultVersion?.Document ? parsePolicyDocument(defaultVersion.Document) : undefined,
  };
}

/** AWS-managed policies are listed by name only; their documents are public and large. */
function nameOnlyPolicy(attached: AttachedPolicy): ManagedPolicy {
  return { arn: attached.arn, name: attached.name, path: policyPathFromArn(attached.arn), awsManaged: attached.awsManaged };
}

function uniqueAttachments(roles: IamRole[]): AttachedPolicy[] {
  const byArn = new Map<string, AttachedPolicy>();
  for (const role of roles) for (const policy of role.attachedPolicies) if (!byArn.has(policy.arn)) byArn.set(policy.arn, policy);
  return [...byArn.values()];
}

export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

/** `arn:aws:iam::aws:policy/service-role/X` → `/service-role/`. */
function policyPathFromArn(arn: string): string {
  const resource = parseArn(arn)?.resource ?? '';
  const segments = resource.split('/').slice(1, -1);
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}
