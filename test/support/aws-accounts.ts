/**
 * Several fake AWS accounts behind one transport, told apart the way AWS tells them apart: by the
 * access key a request is signed with. The base credentials (`TEST_CREDENTIALS`) belong to the
 * caller account (an audit or management account); STS `AssumeRole` hands out temporary
 * credentials whose key belongs to the role's account, and every later request signed with that
 * key is answered by that account's `AwsFake`.
 *
 * API
 * - `new AwsAccounts(callerAccountId?)`; `accounts.account(id, fake?)`: the account's `AwsFake`
 *   (created empty, or the one given, e.g. `await AwsFake.recorded()`). `emptyAccount(fake)` makes
 *   every collector's first call answer "none" so a test adds only what the account holds.
 * - `accounts.role(arn, { trustedAccounts?, externalId? })`: a role that may be assumed from the
 *   listed accounts (default: the caller account), with the external id it requires, if any.
 * - STS `AssumeRole` fails as AWS fails it: an unknown role, a caller the trust policy does not name
 *   and a wrong or missing external id all answer `AccessDenied` "… is not authorized to perform:
 *   sts:AssumeRole on resource: …" (AWS does not say which); `assumeFailures` says which, for tests.
 * - `userKey(account)`: long-term keys of a user in that account (for profiles in a credentials file).
 * - `GetCallerIdentity` answers for whoever signed. `served` holds every request with its account.
 */
import type { HttpRequest } from '@smithy/protocol-http';
import { HttpResponse } from '@smithy/protocol-http';
import type { InjectedRequestHandler } from '../../src/sources/aws/context.js';
import { errorReply, okReply, parseRequest, type ServedRequest, type WireReply } from '../../src/sources/recorded-account/wire.js';
import { AwsFake, envelope, TEST_CREDENTIALS } from './aws-fake.js';

/** The account the base test credentials belong to (an audit account that assumes roles elsewhere). */
export const CALLER_ACCOUNT = '999999999999';

export interface FakeRole {
  /** Accounts whose principals the role's trust policy allows. */
  trustedAccounts: string[];
  externalId?: string;
  /** The trust policy requires MFA: this device's code must come with the call. */
  mfa?: { serial: string; code: string };
}

export type AssumeFailure = 'no-such-role' | 'not-trusted' | 'external-id' | 'mfa';

interface KeyOwner {
  account: string;
  arn: string;
}

export class AwsAccounts implements InjectedRequestHandler {
  private readonly fakes = new Map<string, AwsFake>();
  private readonly roles = new Map<string, FakeRole>();
  private readonly keys = new Map<string, KeyOwner>();
  private issued = 0;
  /** Every request with the account whose credentials signed it. */
  readonly served: (ServedRequest & { account: string })[] = [];
  readonly assumeFailures: { roleArn: string; failure: AssumeFailure }[] = [];

  constructor(readonly callerAccount: string = CALLER_ACCOUNT) {
    this.keys.set(TEST_CREDENTIALS.accessKeyId, { account: callerAccount, arn: `arn:aws:iam::${callerAccount}:user/topology-audit` });
  }

  account(id: string, fake?: AwsFake): AwsFake {
    const existing = this.fakes.get(id);
    if (existing !== undefined && fake === undefined) return existing;
    const created = fake ?? new AwsFake();
    this.fakes.set(id, created);
    return created;
  }

  role(arn: string, options: Partial<FakeRole> = {}): this {
    this.roles.set(arn, {
      trustedAccounts: options.trustedAccounts ?? [this.callerAccount],
      ...(options.externalId === undefined ? {} : { externalId: options.externalId }),
      ...(options.mfa === undefined ? {} : { mfa: options.mfa }),
    });
    return this;
  }

  /**
   * The organization the caller account manages: `ListAccounts` (signed by the caller) answers
   * with these accounts, `pageSize` a page, `NextToken` `page-N` for the next.
   */
  organization(members: { id: string; state?: string; name?: string }[], pageSize = 20): this {
    const fake = this.account(this.callerAccount);
    const pages: { id: string; state?: string; name?: string }[][] = [];
    for (let i = 0; i < members.length; i += pageSize) pages.push(members.slice(i, i + pageSize));
    if (pages.length === 0) pages.push([]);
    pages.forEach((page, i) => {
      const body = {
        Accounts: page.map((member) => ({
          Id: member.id,
          Arn: `arn:aws:organizations::${this.callerAccount}:account/o-exampleorgid/${member.id}`,
          Email: `${member.name ?? member.id}@example.com`,
          Name: member.name ?? `account ${member.id}`,
          State: member.state ?? 'ACTIVE',
          JoinedMethod: 'CREATED',
        })),
        ...(i + 1 < pages.length ? { NextToken: `page-${i + 2}` } : {}),
      };
      fake.reply('organizations', 'ListAccounts', body, { match: (request) => (request.params.NextToken ?? 'page-1') === `page-${i + 1}` });
    });
    return this;
  }

  /**
   * The organization's units: `ListAccountsForParent` and `ListOrganizationalUnitsForParent`
   * (signed by the caller) answer for each unit with its accounts and child units.
   */
  organizationUnits(units: Record<string, { accounts: { id: string; state?: string }[]; units?: string[] }>): this {
    const fake = this.account(this.callerAccount);
    for (const [unit, { accounts, units: children = [] }] of Object.entries(units)) {
      const match = { params: { ParentId: unit } };
      fake.reply(
        'organizations',
        'ListAccountsForParent',
        { Accounts: accounts.map((member) => ({ Id: member.id, Arn: `arn:aws:organizations::${this.callerAccount}:account/o-exampleorgid/${member.id}`, Name: member.id, State: member.state ?? 'ACTIVE' })) },
        { match },
      );
      fake.reply('organizations', 'ListOrganizationalUnitsForParent', { OrganizationalUnits: children.map((child) => ({ Id: child, Name: child })) }, { match });
    }
    return this;
  }

  /** Long-term keys of a user in `account` (for a profile in a test credentials file). */
  userKey(account: string, name = 'auditor'): { accessKeyId: string; secretAccessKey: string } {
    const accessKeyId = `AKIA${account}${String(this.keys.size).padStart(4, '0')}`;
    this.keys.set(accessKeyId, { account, arn: `arn:aws:iam::${account}:user/${name}` });
    return { accessKeyId, secretAccessKey: `secret-${accessKeyId}` };
  }

  /** The requests one account answered (STS calls of the caller included for the caller). */
  requestsOf(account: string): ServedRequest[] {
    return this.served.filter((request) => request.account === account);
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const served = parseRequest(request);
    const owner = this.keys.get(served.accessKeyId ?? '');
    this.served.push({ ...served, account: owner?.account ?? 'unknown' });
    if (owner === undefined) return respond(errorReply(served.service, 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403));
    if (served.service === 'sts' && served.operation === 'AssumeRole') return respond(this.assumeRole(owner, served));
    if (served.service === 'sts' && served.operation === 'GetCallerIdentity') {
      return respond(okReply('sts', envelope('sts', 'GetCallerIdentity', `<Arn>${owner.arn}</Arn><UserId>AIDAFAKE:${owner.account}</UserId><Account>${owner.account}</Account>`)));
    }
    const fake = this.fakes.get(owner.account);
    if (fake === undefined) return respond(errorReply(served.service, 'NotRecorded', `no fake account ${owner.account}`));
    return fake.handle(request);
  }

  private assumeRole(caller: KeyOwner, request: ServedRequest): WireReply {
    const roleArn = request.params.RoleArn ?? '';
    const role = this.roles.get(roleArn);
    const failure: AssumeFailure | undefined =
      role === undefined
        ? 'no-such-role'
        : !role.trustedAccounts.includes(caller.account)
          ? 'not-trusted'
          : role.externalId !== undefined && request.params.ExternalId !== role.externalId
            ? 'external-id'
            : role.mfa !== undefined && (request.params.SerialNumber !== role.mfa.serial || request.params.TokenCode !== role.mfa.code)
              ? 'mfa'
              : undefined;
    if (failure !== undefined) {
      this.assumeFailures.push({ roleArn, failure });
      return errorReply('sts', 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    }
    const account = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    if (account === null) return errorReply('sts', 'ValidationError', `invalid role ARN ${roleArn}`);
    this.issued += 1;
    const accessKeyId = `ASIA${account[1]}${String(this.issued).padStart(4, '0')}`;
    const session = request.params.RoleSessionName ?? 'session';
    const assumedArn = `arn:aws:sts::${account[1]}:assumed-role/${account[2]}/${session}`;
    this.keys.set(accessKeyId, { account: account[1]!, arn: assumedArn });
    const expiration = new Date(Date.now() + 3600_000).toISOString();
    return okReply(
      'sts',
      envelope(
        'sts',
        'AssumeRole',
        `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>secret-${accessKeyId}</SecretAccessKey><SessionToken>token-${accessKeyId}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
          `<AssumedRoleUser><AssumedRoleId>AROAFAKE${account[1]}:${session}</AssumedRoleId><Arn>${assumedArn}</Arn></AssumedRoleUser>`,
      ),
    );
  }
}

function respond(reply: WireReply): { response: HttpResponse } {
  return { response: new HttpResponse({ statusCode: reply.status, headers: reply.headers, body: Buffer.from(reply.body, 'utf8') }) };
}

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const ROUTE53_NS = 'https://route53.amazonaws.com/doc/2013-04-01/';

/** Every collector's first listing answers "none": an account that holds nothing until a test adds to it. */
export function emptyAccount(fake: AwsFake = new AwsFake()): AwsFake {
  return fake
    .reply('ec2', 'DescribeVpcs', '<vpcSet/>')
    .reply('ec2', 'DescribeSubnets', '<subnetSet/>')
    .reply('ec2', 'DescribeRouteTables', '<routeTableSet/>')
    .reply('ec2', 'DescribeSecurityGroups', '<securityGroupInfo/>')
    .reply('ec2', 'DescribeVpcEndpoints', '<vpcEndpointSet/>')
    .reply('ec2', 'DescribeVpcPeeringConnections', '<vpcPeeringConnectionSet/>')
    .reply('ec2', 'DescribeTransitGatewayAttachments', '<transitGatewayAttachments/>')
    .reply('elbv2', 'DescribeLoadBalancers', '<LoadBalancers/>')
    .reply('elbv2', 'DescribeTargetGroups', '<TargetGroups/>')
    .reply('ecs', 'ListClusters', { clusterArns: [] })
    .reply('rds', 'DescribeDBInstances', '<DBInstances/>')
    .reply('rds', 'DescribeDBClusters', '<DBClusters/>')
    .reply('sqs', 'ListQueues', {})
    .reply('dynamodb', 'ListTables', { TableNames: [] })
    .reply('iam', 'GetAccountAuthorizationDetails', '<IsTruncated>false</IsTruncated><UserDetailList/><GroupDetailList/><RoleDetailList/><Policies/>')
    .reply('route53', 'ListHostedZones', `<ListHostedZonesResponse xmlns="${ROUTE53_NS}"><HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`)
    .reply('s3', 'ListBuckets', `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>owner</ID></Owner><Buckets/></ListAllMyBucketsResult>`);
}
