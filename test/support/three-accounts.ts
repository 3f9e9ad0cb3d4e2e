/**
 * Three fake accounts whose resources link across accounts, behind one transport (aws-accounts.ts):
 * - web (the recorded demo account, 123456789012): ALB → ECS services, task roles;
 * - data (222222222222): a bucket and a queue whose resource policies let the web account's task
 *   roles in; roles the web account may assume (`exports-reader`, trusting the whole web account
 *   under an organization condition, which the web task role's policy lets it assume;
 *   `queue-replayer`, trusting the worker task role by name, without a condition), beside roles no
 *   other account may assume (trusting a service, or the account itself: not collected);
 * - network (333333333333): a shared VPC, peered with the web VPC (`pcx-…`, routes on both sides)
 *   and joined to the data account's VPC by the network account's transit gateway (an attachment
 *   in each account, routes on both sides); its proxy's security group lets the web tasks' group
 *   in across the peering (`123456789012/sg-…`).
 * The caller (999999999999, the test credentials) may assume `topology-read-only` in each.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORDED_DIR } from '../../src/sources/recorded-account/recordings.js';
import { okReply } from '../../src/sources/recorded-account/wire.js';
import { ACCOUNT as WEB_ACCOUNT, ARNS, IDS, REGION } from '../../src/sources/recorded-account/recorded/facts.js';
import { AwsAccounts, emptyAccount } from './aws-accounts.js';
import { AwsFake } from './aws-fake.js';

export { WEB_ACCOUNT };
export const DATA_ACCOUNT = '222222222222';
export const NETWORK_ACCOUNT = '333333333333';
export const READ_ONLY_ROLE = 'topology-read-only';
export const EXTERNAL_ID = 'topology-ext-7f3a';

export function roleArnIn(account: string, name: string = READ_ONLY_ROLE): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

export const DATA = {
  bucket: 'shop-exports-222222222222',
  bucketArn: 'arn:aws:s3:::shop-exports-222222222222',
  queue: 'shop-events',
  queueUrl: `https://sqs.${REGION}.amazonaws.com/${DATA_ACCOUNT}/shop-events`,
  queueArn: `arn:aws:sqs:${REGION}:${DATA_ACCOUNT}:shop-events`,
} as const;

export const NETWORK = {
  /** A proxy's security group in the shared VPC: it lets the web tasks' group in, across the peering (`123456789012/sg-…`). */
  proxyGroup: 'sg-0333aaaabbbbcccc3',
  vpc: 'vpc-0333aaaabbbbcccc3',
  cidr: '10.50.0.0/16',
  routeTable: 'rtb-0333aaaabbbbcccc3',
  /** The network account's transit gateway, shared with the data account. */
  transitGateway: 'tgw-0333aaaabbbbcccc3',
  attachment: 'tgw-attach-0333aaaabbbbcccc3',
} as const;

/** The data account's VPC, attached to the network account's transit gateway. */
export const DATA_NETWORK = {
  vpc: 'vpc-0222aaaabbbbcccc2',
  cidr: '10.60.0.0/16',
  routeTable: 'rtb-0222aaaabbbbcccc2',
  attachment: 'tgw-attach-0222aaaabbbbcccc2',
} as const;

/** The web VPC (the recorded account's, 10.0.0.0/16) peered with the network VPC. */
export const PEERING = {
  id: 'pcx-0123aaaabbbbcccc3',
  webCidr: '10.0.0.0/16',
  /** The web account's private route table gains a route to the network VPC over the peering. */
  webRouteTable: IDS.rtbPrivate,
} as const;

const EC2_ROUTE = (destination: string, target: string) =>
  `<item><destinationCidrBlock>${destination}</destinationCidrBlock>${target}<state>active</state><origin>CreateRoute</origin></item>`;

/** The peering as both of its accounts describe it. */
const PEERING_SET = `<vpcPeeringConnectionSet><item><vpcPeeringConnectionId>${PEERING.id}</vpcPeeringConnectionId><requesterVpcInfo><cidrBlock>${PEERING.webCidr}</cidrBlock><cidrBlockSet><item><cidrBlock>${PEERING.webCidr}</cidrBlock></item></cidrBlockSet><ownerId>${WEB_ACCOUNT}</ownerId><vpcId>${IDS.vpc}</vpcId><region>${REGION}</region></requesterVpcInfo><accepterVpcInfo><cidrBlock>${NETWORK.cidr}</cidrBlock><cidrBlockSet><item><cidrBlock>${NETWORK.cidr}</cidrBlock></item></cidrBlockSet><ownerId>${NETWORK_ACCOUNT}</ownerId><vpcId>${NETWORK.vpc}</vpcId><region>${REGION}</region></accepterVpcInfo><status><code>active</code><message>Active</message></status><tagSet/></item><item><vpcPeeringConnectionId>pcx-0dead0000000000d1</vpcPeeringConnectionId><requesterVpcInfo><ownerId>${WEB_ACCOUNT}</ownerId><vpcId>${IDS.vpc}</vpcId></requesterVpcInfo><accepterVpcInfo><ownerId>444444444444</ownerId><vpcId>vpc-0444aaaabbbbcccc4</vpcId></accepterVpcInfo><status><code>deleted</code><message>Deleted</message></status><tagSet/></item></vpcPeeringConnectionSet>`;

function attachmentItem(id: string, vpcId: string, vpcOwner: string): string {
  return `<item><transitGatewayAttachmentId>${id}</transitGatewayAttachmentId><transitGatewayId>${NETWORK.transitGateway}</transitGatewayId><transitGatewayOwnerId>${NETWORK_ACCOUNT}</transitGatewayOwnerId><resourceOwnerId>${vpcOwner}</resourceOwnerId><resourceType>vpc</resourceType><resourceId>${vpcId}</resourceId><state>available</state><tagSet/></item>`;
}

function vpcItem(id: string, owner: string, cidr: string, name: string): string {
  return `<vpcSet><item><vpcId>${id}</vpcId><ownerId>${owner}</ownerId><state>available</state><cidrBlock>${cidr}</cidrBlock><tagSet><item><key>Name</key><value>${name}</value></item></tagSet><isDefault>false</isDefault></item></vpcSet>`;
}

function routeTable(id: string, vpcId: string, owner: string, localCidr: string, routes: string[]): string {
  return `<routeTableSet><item><routeTableId>${id}</routeTableId><vpcId>${vpcId}</vpcId><ownerId>${owner}</ownerId><routeSet>${EC2_ROUTE(localCidr, '<gatewayId>local</gatewayId>')}${routes.join('')}</routeSet><associationSet><item><routeTableAssociationId>rtbassoc-${id.slice(4)}</routeTableAssociationId><routeTableId>${id}</routeTableId><main>true</main><associationState><state>associated</state></associationState></item></associationSet><tagSet/></item></routeTableSet>`;
}

/** The recorded web account's route tables, its private table with a route to the network VPC over the peering. */
async function webRouteTables(): Promise<string> {
  const recorded = await readFile(join(RECORDED_DIR, 'ec2', 'DescribeRouteTables.xml'), 'utf8');
  const inner = /<routeTableSet>[\s\S]*<\/routeTableSet>/.exec(recorded)![0];
  const table = `<routeTableId>${PEERING.webRouteTable}</routeTableId>`;
  const at = inner.indexOf('<routeSet>', inner.indexOf(table)) + '<routeSet>'.length;
  return `${inner.slice(0, at)}${EC2_ROUTE(NETWORK.cidr, `<vpcPeeringConnectionId>${PEERING.id}</vpcPeeringConnectionId>`)}${inner.slice(at)}`;
}

/** Roles of the data account that the web account's task roles may assume. */
export const DATA_ROLES = {
  /** Trusts the whole web account (with an organization condition); the web task role's own policy lets it assume the role. */
  exportsReader: `arn:aws:iam::${DATA_ACCOUNT}:role/ops/exports-reader`,
  /** Trusts the web account's worker task role by name, without a condition. */
  queueReplayer: `arn:aws:iam::${DATA_ACCOUNT}:role/queue-replayer`,
  /** The read-only role of the walk, trusting the caller account under an external id. */
  readOnly: roleArnIn(DATA_ACCOUNT),
} as const;

/** The inline policy the web task role gains: it may assume the data account's `exports-reader`. */
export const WEB_ASSUMES = { policy: 'assume-exports-reader', statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: DATA_ROLES.exportsReader } } as const;

const policyXml = (document: object) => encodeURIComponent(JSON.stringify(document));

/** The recorded web account's IAM, its web task role with an inline policy to assume the data account's exports reader. */
async function webAuthorizationDetails(): Promise<string> {
  const recorded = await readFile(join(RECORDED_DIR, 'iam', 'GetAccountAuthorizationDetails.xml'), 'utf8');
  const inner = /<GetAccountAuthorizationDetailsResult>([\s\S]*)<\/GetAccountAuthorizationDetailsResult>/.exec(recorded)![1]!;
  const role = inner.indexOf(`<Arn>${ARNS.webTaskRole}</Arn>`);
  const list = inner.indexOf('<RolePolicyList></RolePolicyList>', role);
  const inline = `<RolePolicyList><member><PolicyName>${WEB_ASSUMES.policy}</PolicyName><PolicyDocument>${policyXml({ Version: '2012-10-17', Statement: [WEB_ASSUMES.statement] })}</PolicyDocument></member></RolePolicyList>`;
  return `${inner.slice(0, list)}${inline}${inner.slice(list + '<RolePolicyList></RolePolicyList>'.length)}`;
}

async function webAccount(): Promise<AwsFake> {
  return (await AwsFake.recorded())
    .reply('ec2', 'DescribeRouteTables', await webRouteTables())
    .reply('ec2', 'DescribeVpcPeeringConnections', PEERING_SET)
    .reply('iam', 'GetAccountAuthorizationDetails', await webAuthorizationDetails());
}

function roleMember(arn: string, trust: object, inline: { name: string; document: object }[] = []): string {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const path = arn.slice(arn.indexOf(':role') + ':role'.length, arn.lastIndexOf('/') + 1);
  const policies = inline.map((p) => `<member><PolicyName>${p.name}</PolicyName><PolicyDocument>${policyXml(p.document)}</PolicyDocument></member>`).join('');
  return `<member><Path>${path}</Path><RoleName>${name}</RoleName><RoleId>AROA${name.toUpperCase().replace(/-/g, '')}</RoleId><Arn>${arn}</Arn><CreateDate>2026-09-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${policyXml(trust)}</AssumeRolePolicyDocument><InstanceProfileList/><RolePolicyList>${policies}</RolePolicyList><AttachedManagedPolicies/><Tags/></member>`;
}

const trustOf = (principal: object, condition?: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition === undefined ? {} : { Condition: condition }) }],
});

/** The data account's roles: two the web account may assume, the walk's read-only role, and two no other account may assume. */
function dataAuthorizationDetails(): string {
  const roles = [
    roleMember(DATA_ROLES.exportsReader, trustOf({ AWS: `arn:aws:iam::${WEB_ACCOUNT}:root` }, { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } }), [
      { name: 'read-exports', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${DATA.bucketArn}/*` }] } },
    ]),
    roleMember(DATA_ROLES.queueReplayer, trustOf({ AWS: ARNS.workerTaskRole })),
    roleMember(DATA_ROLES.readOnly, trustOf({ AWS: 'arn:aws:iam::999999999999:root' }, { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } })),
    roleMember(`arn:aws:iam::${DATA_ACCOUNT}:role/exports-lambda`, trustOf({ Service: 'lambda.amazonaws.com' })),
    roleMember(`arn:aws:iam::${DATA_ACCOUNT}:role/data-admin`, trustOf({ AWS: `arn:aws:iam::${DATA_ACCOUNT}:root` })),
  ];
  return `<IsTruncated>false</IsTruncated><UserDetailList/><GroupDetailList/><RoleDetailList>${roles.join('')}</RoleDetailList><Policies/>`;
}

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function dataAccount(): AwsFake {
  const bucketPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WebReadsExports',
        Effect: 'Allow',
        Principal: { AWS: ARNS.webTaskRole },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [DATA.bucketArn, `${DATA.bucketArn}/*`],
      },
    ],
  };
  const queuePolicy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'WorkerSends', Effect: 'Allow', Principal: { AWS: ARNS.workerTaskRole }, Action: 'sqs:SendMessage', Resource: DATA.queueArn }],
  };
  const fake = emptyAccount();
  // A bucket policy is served as bare JSON (REST-XML's envelope does not apply).
  fake.route('s3', 'GetBucketPolicy', okReply('s3', JSON.stringify(bucketPolicy)));
  return fake
    .reply(
      's3',
      'ListBuckets',
      `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>owner-data</ID></Owner><Buckets><Bucket><Name>${DATA.bucket}</Name><CreationDate>2026-09-01T00:00:00.000Z</CreationDate><BucketRegion>${REGION}</BucketRegion></Bucket></Buckets></ListAllMyBucketsResult>`,
    )
    .reply(
      's3',
      'GetPublicAccessBlock',
      `<PublicAccessBlockConfiguration xmlns="${S3_NS}"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
    )
    .reply(
      's3',
      'GetBucketEncryption',
      `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`,
    )
    .reply('s3', 'GetBucketVersioning', `<VersioningConfiguration xmlns="${S3_NS}"><Status>Enabled</Status></VersioningConfiguration>`)
    .fail('s3', 'GetBucketTagging', 'NoSuchTagSet', { status: 404 })
    .reply('sqs', 'ListQueues', { QueueUrls: [DATA.queueUrl] })
    .reply('sqs', 'GetQueueAttributes', {
      Attributes: { QueueArn: DATA.queueArn, VisibilityTimeout: '30', SqsManagedSseEnabled: 'true', Policy: JSON.stringify(queuePolicy) },
    })
    .reply('sqs', 'ListQueueTags', {})
    .reply('iam', 'GetAccountAuthorizationDetails', dataAuthorizationDetails())
    .reply('ec2', 'DescribeVpcs', vpcItem(DATA_NETWORK.vpc, DATA_ACCOUNT, DATA_NETWORK.cidr, 'data'))
    .reply(
      'ec2',
      'DescribeRouteTables',
      routeTable(DATA_NETWORK.routeTable, DATA_NETWORK.vpc, DATA_ACCOUNT, DATA_NETWORK.cidr, [EC2_ROUTE(NETWORK.cidr, `<transitGatewayId>${NETWORK.transitGateway}</transitGatewayId>`)]),
    )
    .reply('ec2', 'DescribeTransitGatewayAttachments', `<transitGatewayAttachments>${attachmentItem(DATA_NETWORK.attachment, DATA_NETWORK.vpc, DATA_ACCOUNT)}</transitGatewayAttachments>`);
}

/** The shared VPC's proxy group: tcp 3128 from the web account's task group (`userId` the web account). */
const PROXY_GROUP = `<securityGroupInfo><item><ownerId>${NETWORK_ACCOUNT}</ownerId><groupId>${NETWORK.proxyGroup}</groupId><groupName>shared-proxy</groupName><groupDescription>egress proxy for peered VPCs</groupDescription><vpcId>${NETWORK.vpc}</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>3128</fromPort><toPort>3128</toPort><groups><item><userId>${WEB_ACCOUNT}</userId><groupId>${IDS.sgWeb}</groupId><vpcPeeringConnectionId>${PEERING.id}</vpcPeeringConnectionId></item></groups><ipRanges/><ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress/><tagSet><item><key>Name</key><value>shared-proxy</value></item></tagSet></item></securityGroupInfo>`;

function networkAccount(): AwsFake {
  return emptyAccount()
    .reply('ec2', 'DescribeSecurityGroups', PROXY_GROUP)
    .reply('ec2', 'DescribeVpcs', vpcItem(NETWORK.vpc, NETWORK_ACCOUNT, NETWORK.cidr, 'shared-network'))
    .reply(
      'ec2',
      'DescribeRouteTables',
      routeTable(NETWORK.routeTable, NETWORK.vpc, NETWORK_ACCOUNT, NETWORK.cidr, [
        EC2_ROUTE(PEERING.webCidr, `<vpcPeeringConnectionId>${PEERING.id}</vpcPeeringConnectionId>`),
        EC2_ROUTE(DATA_NETWORK.cidr, `<transitGatewayId>${NETWORK.transitGateway}</transitGatewayId>`),
      ]),
    )
    .reply('ec2', 'DescribeVpcPeeringConnections', PEERING_SET)
    .reply(
      'ec2',
      'DescribeTransitGatewayAttachments',
      // The owner of the transit gateway sees every attachment, its own and the data account's.
      `<transitGatewayAttachments>${attachmentItem(NETWORK.attachment, NETWORK.vpc, NETWORK_ACCOUNT)}${attachmentItem(DATA_NETWORK.attachment, DATA_NETWORK.vpc, DATA_ACCOUNT)}</transitGatewayAttachments>`,
    );
}

/** The three accounts, each with `topology-read-only` assumable from the caller (the data account's only with EXTERNAL_ID). */
export async function threeAccounts(): Promise<AwsAccounts> {
  const accounts = new AwsAccounts();
  accounts.account(WEB_ACCOUNT, await webAccount());
  accounts.account(DATA_ACCOUNT, dataAccount());
  accounts.account(NETWORK_ACCOUNT, networkAccount());
  accounts.role(roleArnIn(WEB_ACCOUNT));
  accounts.role(roleArnIn(DATA_ACCOUNT), { externalId: EXTERNAL_ID });
  accounts.role(roleArnIn(NETWORK_ACCOUNT));
  return accounts;
}
