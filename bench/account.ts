/**
 * A synthetic AWS account for the walk benchmark, answered in each service's wire format: the
 * real SDK clients of `collectAwsInventory` parse these answers exactly as they parse AWS's.
 *
 * Shape for `services` ECS services (the ~1,000 size in brackets): 20 clusters (one per 50
 * services below that), one target group, task definition, task role, execution role, queue and
 * bucket per service [1,000 each; 2,000 roles], one ALB per 10 services with an HTTP listener and
 * an HTTPS listener whose rules forward to its 10 target groups [100 ALBs], 5 security groups per
 * service with 10 rules each [5,000 groups, 50,000 rules], 5 DNS records per service in zones of
 * 500 [5,000 records].
 */
import type { ServedRequest } from '../src/sources/recorded-account/wire.js';

export const ACCOUNT = '210987654321';

/** The i-th account when aws-server.ts serves several (0 is ACCOUNT itself). */
export function memberAccount(i: number): string {
  return i === 0 ? ACCOUNT : `3${String(i).padStart(11, '0')}`;
}
const REGION = 'us-east-1';

export interface AccountShape {
  services: number;
  clusters: number;
  loadBalancers: number;
  securityGroups: number;
  rulesPerGroup: number;
  roles: number;
  queues: number;
  buckets: number;
  zones: number;
  dnsRecords: number;
}

export function accountShape(services: number): AccountShape {
  return {
    services,
    clusters: Math.min(20, Math.max(1, Math.ceil(services / 50))),
    loadBalancers: Math.ceil(services / 10),
    securityGroups: services * 5,
    rulesPerGroup: 10,
    roles: services * 2,
    queues: services,
    buckets: services,
    zones: Math.ceil(services / 100),
    dnsRecords: services * 5,
  };
}

// ---------------------------------------------------------------- identifiers

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const pad = (n: number) => String(n).padStart(4, '0');
const svcName = (i: number) => `svc-${pad(i)}`;
const clusterOf = (shape: AccountShape, i: number) => i % shape.clusters;
const clusterName = (c: number) => `cluster-${pad(c)}`;
const clusterArn = (c: number) => `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${clusterName(c)}`;
const serviceArn = (shape: AccountShape, i: number) => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${clusterName(clusterOf(shape, i))}/${svcName(i)}`;
const taskDefinitionArn = (i: number) => `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${svcName(i)}:1`;
const albName = (a: number) => `alb-${pad(a)}`;
const albArn = (a: number) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/${albName(a)}/${hex(a, 16)}`;
const listenerArn = (a: number, l: number) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/${albName(a)}/${hex(a, 16)}/${hex(l, 16)}`;
const ruleArn = (a: number, l: number, r: number) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener-rule/app/${albName(a)}/${hex(a, 16)}/${hex(l, 16)}/${hex(r, 16)}`;
const tgName = (i: number) => `tg-${pad(i)}`;
const tgArn = (i: number) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${tgName(i)}/${hex(i, 16)}`;
const sgId = (g: number) => `sg-${hex(g + 0x100000, 17)}`;
const roleName = (i: number, kind: 'task' | 'execution') => `${svcName(i)}-${kind}`;
const roleArn = (i: number, kind: 'task' | 'execution') => `arn:aws:iam::${ACCOUNT}:role/${roleName(i, kind)}`;
const queueName = (i: number) => `queue-${pad(i)}`;
const queueUrl = (i: number) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${queueName(i)}`;
const bucketName = (i: number) => `bucket-${pad(i)}-${ACCOUNT}`;
const zoneId = (z: number) => `Z${hex(z + 0xabc000, 20).toUpperCase()}`;
const zoneName = (z: number) => `zone${z}.example.com.`;
const VPC = 'vpc-0bench00000000001';
const SUBNETS = ['subnet-0bench0000000000a', 'subnet-0bench0000000000b', 'subnet-0bench0000000000c', 'subnet-0bench0000000000d'];

// ---------------------------------------------------------------- wire envelopes

const NS = {
  ec2: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  elbv2: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  route53: 'https://route53.amazonaws.com/doc/2013-04-01/',
  s3: 'http://s3.amazonaws.com/doc/2006-03-01/',
};

const ec2 = (op: string, inner: string) => `<?xml version="1.0" encoding="UTF-8"?><${op}Response xmlns="${NS.ec2}"><requestId>bench</requestId>${inner}</${op}Response>`;
const query = (ns: string, op: string, inner: string) =>
  `<${op}Response xmlns="${ns}"><${op}Result>${inner}</${op}Result><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></${op}Response>`;
const xml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>${inner}`;
const members = (items: string[]) => items.map((item) => `<member>${item}</member>`).join('');
const items = (list: string[]) => list.map((item) => `<item>${item}</item>`).join('');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export interface Answer {
  status: number;
  body: string;
  /** For errors: the code, so the server can send it in the service's envelope. */
  errorCode?: string;
}

const ok = (body: string): Answer => ({ status: 200, body });
const notFound = (code: string): Answer => ({ status: 404, body: '', errorCode: code });

/** `[start, end)` of a page and the token of the next one. */
function page(total: number, size: number, token: string | undefined): { start: number; end: number; next: string | undefined } {
  const start = token ? Number(token) : 0;
  const end = Math.min(total, start + size);
  return { start, end, next: end < total ? String(end) : undefined };
}

// ---------------------------------------------------------------- the account

export class SyntheticAccount {
  constructor(readonly shape: AccountShape) {}

  answer(request: ServedRequest): Answer {
    const handler = (this as unknown as Record<string, ((p: Record<string, string>) => Answer) | undefined>)[`${request.service}_${request.operation}`];
    if (!handler) throw new Error(`the synthetic account does not answer ${request.service} ${request.operation}`);
    return handler.call(this, request.params);
  }

  // STS
  sts_GetCallerIdentity(): Answer {
    return ok(query(NS.sts, 'GetCallerIdentity', `<Arn>arn:aws:sts::${ACCOUNT}:assumed-role/topology-audit/bench</Arn><UserId>AROABENCH:bench</UserId><Account>${ACCOUNT}</Account>`));
  }

  // EC2
  ec2_DescribeVpcs(): Answer {
    return ok(ec2('DescribeVpcs', `<vpcSet><item><vpcId>${VPC}</vpcId><ownerId>${ACCOUNT}</ownerId><state>available</state><cidrBlock>10.0.0.0/16</cidrBlock><isDefault>false</isDefault><tagSet/></item></vpcSet>`));
  }

  ec2_DescribeSubnets(): Answer {
    const subnets = SUBNETS.map(
      (id, i) =>
        `<subnetId>${id}</subnetId><vpcId>${VPC}</vpcId><cidrBlock>10.0.${i}.0/24</cidrBlock><availabilityZone>us-east-1${'ab'[i % 2]}</availabilityZone><mapPublicIpOnLaunch>${i < 2}</mapPublicIpOnLaunch><tagSet/>`,
    );
    return ok(ec2('DescribeSubnets', `<subnetSet>${items(subnets)}</subnetSet>`));
  }

  ec2_DescribeRouteTables(): Answer {
    const assoc = (ids: string[]) => items(ids.map((id) => `<subnetId>${id}</subnetId><main>false</main>`));
    const tables = [
      `<routeTableId>rtb-0bench00000000001</routeTableId><vpcId>${VPC}</vpcId><routeSet><item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-0bench00000000001</gatewayId><state>active</state></item></routeSet><associationSet>${assoc(SUBNETS.slice(0, 2))}</associationSet><tagSet/>`,
      `<routeTableId>rtb-0bench00000000002</routeTableId><vpcId>${VPC}</vpcId><routeSet><item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><natGatewayId>nat-0bench00000000001</natGatewayId><state>active</state></item></routeSet><associationSet>${assoc(SUBNETS.slice(2))}</associationSet><tagSet/>`,
    ];
    return ok(ec2('DescribeRouteTables', `<routeTableSet>${items(tables)}</routeTableSet>`));
  }

  ec2_DescribeVpcEndpoints(): Answer {
    const endpoint = `<vpcEndpointId>vpce-0bench00000000001</vpcEndpointId><vpcEndpointType>Gateway</vpcEndpointType><vpcId>${VPC}</vpcId><serviceName>com.amazonaws.us-east-1.s3</serviceName><state>available</state><routeTableIdSet><item>rtb-0bench00000000002</item></routeTableIdSet><subnetIdSet/><groupSet/><privateDnsEnabled>false</privateDnsEnabled><dnsEntrySet/><tagSet/>`;
    return ok(ec2('DescribeVpcEndpoints', `<vpcEndpointSet>${items([endpoint])}</vpcEndpointSet>`));
  }

  ec2_DescribeVpcPeeringConnections(): Answer {
    return ok(ec2('DescribeVpcPeeringConnections', '<vpcPeeringConnectionSet/>'));
  }

  ec2_DescribeTransitGatewayAttachments(): Answer {
    return ok(ec2('DescribeTransitGatewayAttachments', '<transitGatewayAttachments/>'));
  }

  ec2_DescribeSecurityGroups(params: Record<string, string>): Answer {
    const { start, end, next } = page(this.shape.securityGroups, Number(params.MaxResults ?? 1000), params.NextToken);
    const rule = (g: number, r: number) =>
      r % 2 === 0
        ? `<ipProtocol>tcp</ipProtocol><fromPort>${8000 + r}</fromPort><toPort>${8000 + r}</toPort><groups><item><userId>${ACCOUNT}</userId><groupId>${sgId((g + r) % this.shape.securityGroups)}</groupId></item></groups><ipRanges/><ipv6Ranges/><prefixListIds/>`
        : `<ipProtocol>tcp</ipProtocol><fromPort>${443 + r}</fromPort><toPort>${443 + r}</toPort><groups/><ipRanges><item><cidrIp>10.${r}.0.0/16</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/>`;
    const half = this.shape.rulesPerGroup / 2;
    const groups = range(end - start).map((k) => {
      const g = start + k;
      return `<ownerId>${ACCOUNT}</ownerId><groupId>${sgId(g)}</groupId><groupName>sg-group-${g}</groupName><groupDescription>group ${g}</groupDescription><vpcId>${VPC}</vpcId><ipPermissions>${items(range(half).map((r) => rule(g, r)))}</ipPermissions><ipPermissionsEgress>${items(range(half).map((r) => rule(g, r + half)))}</ipPermissionsEgress><tagSet/>`;
    });
    return ok(ec2('DescribeSecurityGroups', `<securityGroupInfo>${items(groups)}</securityGroupInfo>${next ? `<nextToken>${next}</nextToken>` : ''}`));
  }

  // ELBv2
  elbv2_DescribeLoadBalancers(params: Record<string, string>): Answer {
    const { start, end, next } = page(this.shape.loadBalancers, Number(params.PageSize ?? 400), params.Marker);
    const lbs = range(end - start).map((k) => {
      const a = start + k;
      return `<LoadBalancerArn>${albArn(a)}</LoadBalancerArn><Scheme>internet-facing</Scheme><LoadBalancerName>${albName(a)}</LoadBalancerName><VpcId>${VPC}</VpcId><CanonicalHostedZoneId>Z35SXDOTRQ7X7K</CanonicalHostedZoneId><AvailabilityZones>${members(SUBNETS.slice(0, 2).map((s) => `<SubnetId>${s}</SubnetId>`))}</AvailabilityZones><SecurityGroups>${members([sgId(a)])}</SecurityGroups><DNSName>${albName(a)}-1.${REGION}.elb.amazonaws.com</DNSName><State><Code>active</Code></State><Type>application</Type><IpAddressType>ipv4</IpAddressType>`;
    });
    return ok(query(NS.elbv2, 'DescribeLoadBalancers', `<LoadBalancers>${members(lbs)}</LoadBalancers>${next ? `<NextMarker>${next}</NextMarker>` : ''}`));
  }

  private albTargetGroups(a: number): number[] {
    return range(10).map((k) => a * 10 + k).filter((i) => i < this.shape.services);
  }

  elbv2_DescribeTargetGroups(params: Record<string, string>): Answer {
    const { start, end, next } = page(this.shape.services, Number(params.PageSize ?? 400), params.Marker);
    const tgs = range(end - start).map((k) => {
      const i = start + k;
      return `<TargetGroupArn>${tgArn(i)}</TargetGroupArn><TargetGroupName>${tgName(i)}</TargetGroupName><Protocol>HTTP</Protocol><Port>8080</Port><VpcId>${VPC}</VpcId><HealthCheckProtocol>HTTP</HealthCheckProtocol><HealthCheckPath>/health</HealthCheckPath><Matcher><HttpCode>200</HttpCode></Matcher><LoadBalancerArns>${members([albArn(Math.floor(i / 10))])}</LoadBalancerArns><TargetType>ip</TargetType>`;
    });
    return ok(query(NS.elbv2, 'DescribeTargetGroups', `<TargetGroups>${members(tgs)}</TargetGroups>${next ? `<NextMarker>${next}</NextMarker>` : ''}`));
  }

  elbv2_DescribeListeners(params: Record<string, string>): Answer {
    const a = this.albIndex(params.LoadBalancerArn);
    const forward = `<member><Type>forward</Type><TargetGroupArn>${tgArn(a * 10)}</TargetGroupArn></member>`;
    const redirect = `<member><Type>redirect</Type><RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><StatusCode>HTTP_301</StatusCode></RedirectConfig></member>`;
    const listeners = [
      `<ListenerArn>${listenerArn(a, 0)}</ListenerArn><LoadBalancerArn>${albArn(a)}</LoadBalancerArn><Port>80</Port><Protocol>HTTP</Protocol><DefaultActions>${redirect}</DefaultActions>`,
      `<ListenerArn>${listenerArn(a, 1)}</ListenerArn><LoadBalancerArn>${albArn(a)}</LoadBalancerArn><Port>443</Port><Protocol>HTTPS</Protocol><Certificates>${members([`<CertificateArn>arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${hex(a, 8)}-0000-4000-8000-000000000000</CertificateArn>`])}</Certificates><SslPolicy>ELBSecurityPolicy-TLS13-1-2-2021-06</SslPolicy><DefaultActions>${forward}</DefaultActions>`,
    ];
    return ok(query(NS.elbv2, 'DescribeListeners', `<Listeners>${members(listeners)}</Listeners>`));
  }

  elbv2_DescribeListenerCertificates(params: Record<string, string>): Answer {
    const a = this.albIndex(params.ListenerArn);
    const certificate = (n: number, isDefault: boolean) =>
      `<CertificateArn>arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${hex(a, 8)}-0000-4000-8000-00000000000${n}</CertificateArn><IsDefault>${isDefault}</IsDefault>`;
    return ok(query(NS.elbv2, 'DescribeListenerCertificates', `<Certificates>${members([certificate(0, true), certificate(1, false)])}</Certificates>`));
  }

  elbv2_DescribeRules(params: Record<string, string>): Answer {
    const arn = params.ListenerArn ?? '';
    const a = this.albIndex(arn);
    const l = arn.endsWith(hex(1, 16)) ? 1 : 0;
    const defaultRule = `<IsDefault>true</IsDefault><Conditions/><Priority>default</Priority><Actions><member><Type>fixed-response</Type><FixedResponseConfig><StatusCode>404</StatusCode></FixedResponseConfig></member></Actions><RuleArn>${ruleArn(a, l, 0)}</RuleArn>`;
    const rules =
      l === 0
        ? []
        : this.albTargetGroups(a).map(
            (i, k) =>
              `<IsDefault>false</IsDefault><Priority>${k + 1}</Priority><Conditions><member><Field>host-header</Field><HostHeaderConfig><Values>${members([`${svcName(i)}.example.com`])}</Values></HostHeaderConfig></member></Conditions><Actions><member><Type>forward</Type><TargetGroupArn>${tgArn(i)}</TargetGroupArn></member></Actions><RuleArn>${ruleArn(a, l, k + 1)}</RuleArn>`,
          );
    return ok(query(NS.elbv2, 'DescribeRules', `<Rules>${members([...rules, defaultRule])}</Rules>`));
  }

  elbv2_DescribeTargetHealth(): Answer {
    const target = (n: number) => `<Target><Id>10.0.2.${n}</Id><Port>8080</Port></Target><TargetHealth><State>healthy</State></TargetHealth>`;
    return ok(query(NS.elbv2, 'DescribeTargetHealth', `<TargetHealthDescriptions>${members([target(1), target(2)])}</TargetHealthDescriptions>`));
  }

  elbv2_DescribeTags(params: Record<string, string>): Answer {
    const arns = Object.entries(params)
      .filter(([key]) => key.startsWith('ResourceArns.member.'))
      .map(([, value]) => value);
    const descriptions = arns.map((arn) => `<ResourceArn>${arn}</ResourceArn><Tags>${members([`<Key>team</Key><Value>bench</Value>`])}</Tags>`);
    return ok(query(NS.elbv2, 'DescribeTags', `<TagDescriptions>${members(descriptions)}</TagDescriptions>`));
  }

  private albIndex(arn: string | undefined): number {
    const match = /\/alb-(\d+)\//.exec(arn ?? '');
    if (!match) throw new Error(`not a synthetic ALB ARN: ${arn}`);
    return Number(match[1]);
  }

  // ECS (JSON 1.1)
  // DynamoDB: the benchmark's account has no tables (one empty page).
  dynamodb_ListTables(): Answer {
    return ok(JSON.stringify({ TableNames: [] }));
  }

  ecs_ListClusters(): Answer {
    return ok(JSON.stringify({ clusterArns: range(this.shape.clusters).map(clusterArn) }));
  }

  ecs_DescribeClusters(params: Record<string, string>): Answer {
    const arns = Object.entries(params).filter(([key]) => /^clusters\.\d+$/.test(key)).map(([, value]) => value);
    return ok(JSON.stringify({ clusters: arns.map((arn) => ({ clusterArn: arn, clusterName: arn.split('/')[1], status: 'ACTIVE', tags: [] })), failures: [] }));
  }

  private clusterServices(cluster: string): number[] {
    const c = Number(/cluster-(\d+)$/.exec(cluster)?.[1] ?? -1);
    return range(this.shape.services).filter((i) => clusterOf(this.shape, i) === c);
  }

  ecs_ListServices(params: Record<string, string>): Answer {
    const services = this.clusterServices(params.cluster ?? '');
    const { start, end, next } = page(services.length, Number(params.maxResults ?? 10), params.nextToken);
    return ok(JSON.stringify({ serviceArns: services.slice(start, end).map((i) => serviceArn(this.shape, i)), ...(next ? { nextToken: next } : {}) }));
  }

  ecs_DescribeServices(params: Record<string, string>): Answer {
    const arns = Object.entries(params).filter(([key]) => /^services\.\d+$/.test(key)).map(([, value]) => value);
    const services = arns.map((arn) => {
      const i = Number(/svc-(\d+)$/.exec(arn)?.[1]);
      return {
        serviceArn: arn,
        serviceName: svcName(i),
        clusterArn: clusterArn(clusterOf(this.shape, i)),
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 2,
        launchType: 'FARGATE',
        taskDefinition: taskDefinitionArn(i),
        loadBalancers: [{ targetGroupArn: tgArn(i), containerName: 'app', containerPort: 8080 }],
        networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS.slice(2), securityGroups: [sgId(i * 5)], assignPublicIp: 'DISABLED' } },
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, minimumHealthyPercent: 100, maximumPercent: 200 },
        tags: [{ key: 'team', value: 'bench' }],
      };
    });
    return ok(JSON.stringify({ services, failures: [] }));
  }

  ecs_DescribeTaskDefinition(params: Record<string, string>): Answer {
    const i = Number(/svc-(\d+):/.exec(params.taskDefinition ?? '')?.[1]);
    return ok(
      JSON.stringify({
        taskDefinition: {
          taskDefinitionArn: taskDefinitionArn(i),
          family: svcName(i),
          revision: 1,
          taskRoleArn: roleArn(i, 'task'),
          executionRoleArn: roleArn(i, 'execution'),
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          requiresCompatibilities: ['FARGATE'],
          containerDefinitions: [
            {
              name: 'app',
              image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${svcName(i)}:1`,
              essential: true,
              portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
              environment: [
                { name: 'QUEUE_URL', value: queueUrl(i) },
                { name: 'BUCKET', value: bucketName(i) },
              ],
              secrets: [],
            },
          ],
        },
        tags: [],
      }),
    );
  }

  // RDS
  rds_DescribeDBInstances(): Answer {
    return ok(query(NS.rds, 'DescribeDBInstances', '<DBInstances/>'));
  }

  rds_DescribeDBClusters(): Answer {
    return ok(query(NS.rds, 'DescribeDBClusters', '<DBClusters/>'));
  }

  // IAM: roles only (inline policies, an AWS-managed attachment); paged by MaxItems.
  iam_GetAccountAuthorizationDetails(params: Record<string, string>): Answer {
    const { start, end, next } = page(this.shape.roles, Number(params.MaxItems ?? 100), params.Marker);
    const trust = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    const roles = range(end - start).map((k) => {
      const r = start + k;
      const i = Math.floor(r / 2);
      const kind = r % 2 === 0 ? 'task' : 'execution';
      const inline = encodeURIComponent(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            kind === 'task'
              ? { Effect: 'Allow', Action: ['sqs:SendMessage', 's3:GetObject'], Resource: [`arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName(i)}`, `arn:aws:s3:::${bucketName(i)}/*`] }
              : { Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: '*' },
          ],
        }),
      );
      const attached = kind === 'execution' ? members([`<PolicyArn>arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy</PolicyArn><PolicyName>AmazonECSTaskExecutionRolePolicy</PolicyName>`]) : '';
      return `<Path>/</Path><RoleName>${roleName(i, kind)}</RoleName><RoleId>AROA${hex(r, 16).toUpperCase()}</RoleId><Arn>${roleArn(i, kind)}</Arn><AssumeRolePolicyDocument>${trust}</AssumeRolePolicyDocument><RolePolicyList>${members([`<PolicyName>inline</PolicyName><PolicyDocument>${inline}</PolicyDocument>`])}</RolePolicyList><AttachedManagedPolicies>${attached}</AttachedManagedPolicies><Tags/>`;
    });
    const truncated = next === undefined ? '<IsTruncated>false</IsTruncated>' : `<IsTruncated>true</IsTruncated><Marker>${next}</Marker>`;
    return ok(query(NS.iam, 'GetAccountAuthorizationDetails', `${truncated}<UserDetailList/><GroupDetailList/><RoleDetailList>${members(roles)}</RoleDetailList><Policies/>`));
  }

  // Route53 (REST-XML)
  route53_ListHostedZones(): Answer {
    const zones = range(this.shape.zones).map(
      (z) => `<HostedZone><Id>/hostedzone/${zoneId(z)}</Id><Name>${zoneName(z)}</Name><CallerReference>bench-${z}</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>${this.zoneRecords(z) + 2}</ResourceRecordSetCount></HostedZone>`,
    );
    return ok(xml(`<ListHostedZonesResponse xmlns="${NS.route53}"><HostedZones>${zones.join('')}</HostedZones><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`));
  }

  private zoneRecords(z: number): number {
    return Math.min(500, this.shape.dnsRecords - z * 500);
  }

  route53_ListResourceRecordSets(params: Record<string, string>): Answer {
    const z = this.shape.zones > 0 ? range(this.shape.zones).find((n) => zoneId(n) === params.Id) : undefined;
    if (z === undefined) return notFound('NoSuchHostedZone');
    // Record k of the zone: 0 NS, 1 SOA, then aliases to the ALBs. Names sort as they are numbered.
    const total = this.zoneRecords(z) + 2;
    const recordName = (k: number) => (k < 2 ? zoneName(z) : `r${pad(k)}.${zoneName(z)}`);
    const start = params.name ? range(total).findIndex((k) => recordName(k) === params.name && (k >= 2 || (params.type === 'SOA' ? k === 1 : k === 0))) : 0;
    const end = Math.min(total, start + Number(params.maxitems ?? 300));
    const records = range(end - start).map((n) => {
      const k = start + n;
      if (k === 0) return `<ResourceRecordSet><Name>${zoneName(z)}</Name><Type>NS</Type><TTL>172800</TTL><ResourceRecords><ResourceRecord><Value>ns-1.awsdns-00.com.</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`;
      if (k === 1) return `<ResourceRecordSet><Name>${zoneName(z)}</Name><Type>SOA</Type><TTL>900</TTL><ResourceRecords><ResourceRecord><Value>ns-1.awsdns-00.com. hostmaster. 1 7200 900 1209600 86400</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`;
      const a = (z * 500 + k) % this.shape.loadBalancers;
      return `<ResourceRecordSet><Name>${recordName(k)}</Name><Type>A</Type><AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId><DNSName>dualstack.${albName(a)}-1.${REGION}.elb.amazonaws.com.</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget></ResourceRecordSet>`;
    });
    const next = end < total ? `<IsTruncated>true</IsTruncated><NextRecordName>${recordName(end)}</NextRecordName><NextRecordType>${end === 1 ? 'SOA' : 'A'}</NextRecordType>` : '<IsTruncated>false</IsTruncated>';
    return ok(xml(`<ListResourceRecordSetsResponse xmlns="${NS.route53}"><ResourceRecordSets>${records.join('')}</ResourceRecordSets>${next}<MaxItems>${params.maxitems ?? 300}</MaxItems></ListResourceRecordSetsResponse>`));
  }

  // S3 (REST-XML)
  s3_ListBuckets(params: Record<string, string>): Answer {
    const { start, end, next } = page(this.shape.buckets, Number(params['max-buckets'] ?? 10000), params['continuation-token']);
    const buckets = range(end - start).map(
      (k) => `<Bucket><Name>${bucketName(start + k)}</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><BucketRegion>${REGION}</BucketRegion></Bucket>`,
    );
    return ok(xml(`<ListAllMyBucketsResult xmlns="${NS.s3}"><Owner><ID>bench</ID></Owner><Buckets>${buckets.join('')}</Buckets>${next ? `<ContinuationToken>${next}</ContinuationToken>` : ''}</ListAllMyBucketsResult>`));
  }

  s3_GetPublicAccessBlock(): Answer {
    return ok(xml(`<PublicAccessBlockConfiguration xmlns="${NS.s3}"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`));
  }

  s3_GetBucketEncryption(): Answer {
    return ok(xml(`<ServerSideEncryptionConfiguration xmlns="${NS.s3}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`));
  }

  s3_GetBucketVersioning(): Answer {
    return ok(xml(`<VersioningConfiguration xmlns="${NS.s3}"><Status>Enabled</Status></VersioningConfiguration>`));
  }

  s3_GetBucketPolicy(params: Record<string, string>): Answer {
    const i = Number(/bucket-(\d+)-/.exec(params.Bucket ?? '')?.[1]);
    if (i % 2 === 1) return notFound('NoSuchBucketPolicy');
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${params.Bucket}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
    return ok(JSON.stringify(policy));
  }

  s3_GetBucketTagging(): Answer {
    return ok(xml(`<Tagging xmlns="${NS.s3}"><TagSet><Tag><Key>team</Key><Value>bench</Value></Tag></TagSet></Tagging>`));
  }

  // SQS (JSON 1.0)
  sqs_ListQueues(params: Record<string, string>): Answer {
    const { start, end, next } = page(this.shape.queues, Number(params.MaxResults ?? 1000), params.NextToken);
    return ok(JSON.stringify({ QueueUrls: range(end - start).map((k) => queueUrl(start + k)), ...(next ? { NextToken: next } : {}) }));
  }

  sqs_GetQueueAttributes(params: Record<string, string>): Answer {
    const name = (params.QueueUrl ?? '').split('/').pop() ?? '';
    return ok(
      JSON.stringify({
        Attributes: { QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`, VisibilityTimeout: '30', MessageRetentionPeriod: '345600', ReceiveMessageWaitTimeSeconds: '20', SqsManagedSseEnabled: 'true' },
      }),
    );
  }

  sqs_ListQueueTags(): Answer {
    return ok(JSON.stringify({ Tags: { team: 'bench' } }));
  }
}
