import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import { coverageWarnings } from '../../src/model/coverage.js';
import { dnsRecordId, indexInventory, type Edge, type Inventory, type NodeRef } from '../../src/model/index.js';
import { inboundField, located } from '../../src/model/fields.js';
import { identifier, message, nameOf, recordMessageParts, shared } from '../../src/model/message.js';
import { ACCOUNT, ARNS, IDS, NAMES, REGION, shopInventory } from '../fixtures/model/shop-account.js';
import { SHOP_ALIASES, TEST_KEY, redact, shopTopology, stringLeaves, topologyOf } from './support.js';

const SUFFIX = '[a-km-np-z2-9]{4}';
const pseudonym = (prefix: string) => new RegExp(`^${prefix}-${SUFFIX}$`);

/** Real values that are public knowledge and stay: the AWS-managed policy, the region. */
const PUBLIC_ORIGINALS = new Set<string>([ARNS.executionPolicy, REGION]);

const realValues = [ACCOUNT, ...Object.values(IDS), ...Object.values(ARNS), ...Object.values(NAMES)].filter((value) => !PUBLIC_ORIGINALS.has(value));

describe('redactTopology on the shop account', () => {
  const original = shopTopology();
  const redacted = redact(original);
  const inv = redacted.inventory;
  const json = JSON.stringify(redacted);

  it('leaves no real identifier, ARN or DNS name anywhere in the result', () => {
    for (const value of realValues) {
      expect(json.toLowerCase(), value).not.toContain(value.toLowerCase().replace(/\.$/, ''));
    }
    for (const name of ['shop-web', 'shop-worker', 'shop-db', 'shop-jobs', 'shop-edge-alb', 'corp.io', 'office vpn', '/application/']) {
      expect(json).not.toContain(name);
    }
  });

  it('marks the result redacted, announces public mode and leaves the input untouched', () => {
    expect(redacted.redacted).toBe(true);
    expect(redacted.warnings[0]).toMatchObject({ code: 'public-mode' });
    expect(original.inventory).toEqual(shopInventory());
    expect(original.edges).toEqual(correlate(shopInventory()));
  });

  it('keeps every count', () => {
    for (const key of Object.keys(original.inventory) as (keyof Inventory)[]) {
      const value = original.inventory[key];
      if (Array.isArray(value)) expect((inv[key] as unknown[]).length, key).toBe(value.length);
    }
    expect(redacted.edges.length).toBe(original.edges.length);
  });

  it('applies the aliases to the ALB name and the DNS names, and names the ALB DNS after the ALB', () => {
    expect(inv.loadBalancers[0]!.name).toBe('public-app-alb');
    expect(inv.hostedZones[0]!.name).toBe('example.com.');
    expect(inv.dnsRecords[0]!.name).toBe('app.example.com.');
    expect(inv.loadBalancers[0]!.dnsName).toBe('public-app-alb.example.internal');
    expect(inv.dnsRecords[0]!.aliasTarget!.dnsName).toBe('dualstack.public-app-alb.example.internal.');
    expect(inv.dbInstances[0]!.endpoint!.address).toBe(`writer.${inv.dbInstances[0]!.identifier}.example.internal`);
  });

  it('replaces names by kind with stable pseudonyms', () => {
    expect(inv.clusters[0]!.name).toMatch(pseudonym('cluster'));
    expect(inv.services.map((s) => s.name)).toEqual([expect.stringMatching(pseudonym('service')), expect.stringMatching(pseudonym('service'))]);
    expect(inv.taskDefinitions[0]!.family).toMatch(pseudonym('public-taskdef'));
    expect(inv.taskDefinitions[0]!.containers[0]!.name).toMatch(pseudonym('container'));
    expect(inv.targetGroups[0]!.name).toMatch(pseudonym('target-group'));
    expect(inv.securityGroups.map((g) => g.name).every((name) => pseudonym('security-group').test(name))).toBe(true);
    expect(inv.dbInstances[0]!.identifier).toMatch(pseudonym('db-instance'));
    expect(inv.buckets[0]!.name).toMatch(pseudonym('bucket'));
    expect(inv.queues[0]!.name).toMatch(pseudonym('queue'));
    expect(inv.subnets.map((s) => s.name)).toEqual(original.inventory.subnets.map((s) => expect.stringMatching(pseudonym(`${s.tier}-subnet`))));
  });

  it('names roles by the slot they are used in, and keeps AWS-managed policies', () => {
    const [webTask, workerTask, execution] = inv.roles;
    expect(webTask!.name).toMatch(pseudonym('task-role'));
    expect(workerTask!.name).toMatch(pseudonym('task-role'));
    expect(execution!.name).toMatch(pseudonym('execution-role'));
    expect(execution!.arn).toBe(`arn:aws:iam::account:role${execution!.path}${execution!.name}`);
    expect(execution!.attachedPolicies[0]).toEqual({ arn: ARNS.executionPolicy, name: 'AmazonECSTaskExecutionRolePolicy', awsManaged: true });
    expect(webTask!.attachedPolicies[0]!.name).toMatch(pseudonym('managed-policy'));
    expect(execution!.inlinePolicies[0]!.name).toMatch(pseudonym('inline-policy'));
    expect(execution!.trustPrincipals).toEqual([{ type: 'Service', value: 'ecs-tasks.amazonaws.com' }]);
    expect(inv.taskDefinitions[0]!.taskRoleArn).toBe(webTask!.arn);
    expect(inv.taskDefinitions[1]!.executionRoleArn).toBe(execution!.arn);
  });

  it('keeps ARN shapes with the account replaced and the region kept', () => {
    expect(inv.accountId).toBe('account');
    expect(inv.loadBalancers[0]!.arn).toBe('arn:aws:elasticloadbalancing:us-east-1:account:loadbalancer/app/public-app-alb');
    expect(inv.listeners[0]!.arn).toMatch(new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:account:listener/app/public-app-alb/listener-${SUFFIX}$`));
    expect(inv.listenerRules[0]!.listenerArn).toBe(inv.listeners[0]!.arn);
    expect(inv.listeners[0]!.certificateArns[0]).toMatch(new RegExp(`^arn:aws:acm:us-east-1:account:certificate/certificate-${SUFFIX}$`));
    expect(inv.services[0]!.arn).toBe(`arn:aws:ecs:us-east-1:account:service/${inv.clusters[0]!.name}/${inv.services[0]!.name}`);
    expect(inv.taskDefinitions[0]!.arn).toBe(`arn:aws:ecs:us-east-1:account:task-definition/${inv.taskDefinitions[0]!.family}:42`);
    expect(inv.buckets[0]!.arn).toBe(`arn:aws:s3:::${inv.buckets[0]!.name}`);
    expect(inv.queues[0]!.url).toBe(`https://sqs.us-east-1.amazonaws.com/account/${inv.queues[0]!.name}`);
    expect(inv.queues[0]!.redrive!.deadLetterTargetArn).toBe(inv.queues[1]!.arn);
  });

  it('replaces network ids and CIDRs, with the public internet named as such', () => {
    const alb = inv.securityGroups[0]!;
    expect(alb.id).toMatch(pseudonym('sg'));
    expect(alb.inbound.map((rule) => rule.peer)).toEqual([
      { kind: 'cidr', cidr: 'public-internet' },
      { kind: 'cidr', cidr: 'public-internet' },
      { kind: 'cidr', cidr: 'public-internet' },
    ]);
    const db = inv.securityGroups[4]!;
    const [vpcRule, vpnRule] = db.inbound.slice(3);
    expect(vpcRule!.peer).toEqual({ kind: 'cidr', cidr: inv.vpcs[0]!.cidrBlocks[0] });
    expect(vpnRule!.peer).toEqual({ kind: 'cidr', cidr: expect.stringMatching(pseudonym('cidr')) });
    expect(vpcRule!.description).toBeUndefined();
    expect(db.inbound[0]!.peer).toEqual({ kind: 'security-group', groupId: inv.securityGroups[1]!.id });
    expect(inv.vpcs[0]!.id).toMatch(pseudonym('vpc'));
    expect(inv.subnets[0]!.id).toMatch(pseudonym('subnet'));
    expect(inv.vpcEndpoints[0]!.id).toMatch(pseudonym('vpce'));
    expect(inv.vpcEndpoints[2]!.routeTableIds).toEqual([inv.subnets[2]!.routeTableId]);
    expect(alb.description).toBe('Security group description redacted.');
  });

  it('keeps what is public: ports, protocols, engines, endpoint service names, actions, region', () => {
    expect(inv.listeners.map((l) => [l.protocol, l.port])).toEqual([['HTTPS', 443], ['HTTP', 80]]);
    expect(inv.dbInstances[0]).toMatchObject({ engine: 'postgres', engineVersion: '16.4', port: 5432, region: REGION });
    expect(inv.vpcEndpoints.map((e) => e.serviceName)).toEqual(['com.amazonaws.us-east-1.secretsmanager', 'com.amazonaws.us-east-1.sqs', 'com.amazonaws.us-east-1.s3']);
    expect(inv.managedPolicies[1]!.document!.statements[0]!.actions).toEqual(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']);
    expect(inv.targetGroups[0]!.healthCheck).toEqual(original.inventory.targetGroups[0]!.healthCheck);
    expect(inv.services[0]!.deployment).toEqual(original.inventory.services[0]!.deployment);
    expect(inv.buckets[0]!.policy!.statements[0]!.conditions).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  it('hides environment values and secret references, keeping the variable names', () => {
    const web = inv.taskDefinitions[0]!.containers[0]!;
    expect(web.environment.map((v) => v.name)).toEqual(['DATABASE_URL', 'MEDIA_BUCKET', 'STORAGE_BACKEND', 'JOBS_QUEUE_URL', 'ORDERS_TABLE', 'PORT']);
    expect(new Set(web.environment.map((v) => v.value))).toEqual(new Set(['<redacted>']));
    expect(web.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: '<redacted>' }]);
    expect(web.image).toMatch(pseudonym('image'));
  });

  it('rewrites policy resources with the names the resources got', () => {
    const [web, worker] = inv.managedPolicies;
    expect(web!.document!.statements[1]!.resources).toEqual([inv.queues[0]!.arn]);
    expect(web!.document!.statements[0]!.resources[0]).toMatch(new RegExp(`^${inv.buckets[0]!.arn}/path-${SUFFIX}/\\*$`));
    expect(worker!.document!.statements[1]!.resources[0]).toMatch(new RegExp(`^arn:aws:s3:::bucket-${SUFFIX}\\*/\\*$`));
    expect(inv.buckets[0]!.policy!.statements[0]!.resources).toEqual([inv.buckets[0]!.arn, `${inv.buckets[0]!.arn}/*`]);
  });
});

describe('DynamoDB tables under --public', () => {
  it('names a table the same in its name, its ARN, its index ARNs in policies and its coverage entries', () => {
    const original = shopTopology();
    original.inventory.managedPolicies[0]!.document!.statements.push({
      effect: 'Allow', actions: ['dynamodb:Query'], notActions: [], resources: [`${ARNS.ordersTable}/index/by-customer`], notResources: [],
    });
    original.inventory.coverage = [{ service: 'dynamodb', region: 'us-east-1', status: 'partial', missing: [{ action: 'dynamodb:DescribeContinuousBackups', reason: 'denied', resource: 'shop-orders' }] }];
    const inv = redact(original).inventory;
    const table = inv.dynamoTables[0]!;
    expect(table.name).toMatch(/^table-[a-z0-9]+$/);
    expect(table.arn).toBe(`arn:aws:dynamodb:us-east-1:account:table/${table.name}`);
    const indexArn = inv.managedPolicies[0]!.document!.statements.at(-1)!.resources[0]!;
    expect(indexArn).toMatch(new RegExp(`^arn:aws:dynamodb:us-east-1:account:table/${table.name}/index/part-[a-z0-9]+$`));
    expect(inv.coverage[0]!.missing[0]!.resource).toBe(table.name);
  });
});

describe('edges after redaction', () => {
  const original = shopTopology();
  const redacted = redact(original);

  /** Every original node id maps to exactly one redacted id, and distinct ids stay distinct (but for the public internet). */
  it('connect the same shape: a one-to-one renaming of the nodes', () => {
    const renaming = new Map<string, string>();
    const key = (node: NodeRef) => `${node.kind}|${node.id}`;
    original.edges.forEach((edge: Edge, i) => {
      const after = redacted.edges[i]!;
      expect([after.kind, after.from.kind, after.to.kind]).toEqual([edge.kind, edge.from.kind, edge.to.kind]);
      for (const [before, renamed] of [[edge.from, after.from], [edge.to, after.to]] as const) {
        const previous = renaming.get(key(before));
        expect(previous === undefined || previous === renamed.id).toBe(true);
        renaming.set(key(before), renamed.id);
      }
      expect(after.evidence.map((e) => e.matchType)).toEqual(edge.evidence.map((e) => e.matchType));
    });
    expect(renaming.get('cidr|0.0.0.0/0')).toBe('public-internet');
    expect(renaming.get('cidr|::/0')).toBe('public-internet');
    renaming.delete('cidr|::/0');
    expect(new Set(renaming.values()).size).toBe(renaming.size);
  });

  it('use node ids the redacted inventory holds', () => {
    const inv = redacted.inventory;
    const known = new Set([
      // Every kind's ids, as the registry indexes them.
      ...Object.values(indexInventory(inv)).flatMap((byId: Map<string, unknown>) => [...byId.keys()]),
      ...inv.dnsRecords.map(dnsRecordId),
      'public-internet', inv.vpcs[0]!.cidrBlocks[0]!, 's3',
    ]);
    const unknown = redacted.edges.flatMap((edge) => [edge.from.id, edge.to.id]).filter((id) => !known.has(id));
    // The office VPN CIDR is a node of its own (no inventory object holds it).
    expect(unknown).toEqual([expect.stringMatching(pseudonym('cidr'))]);
  });

  it('hide env and policy evidence, and show SG references as the public SG id', () => {
    const dbEdge = redacted.edges.find((edge) => edge.kind === 'service-db' && edge.evidence.some((e) => e.matchType === 'env'))!;
    expect(dbEdge.evidence.find((e) => e.matchType === 'env')!.matchedValue).toBe('<redacted>');
    expect(dbEdge.evidence.find((e) => e.matchType === 'sg-reference')!.matchedValue).toBe(redacted.inventory.securityGroups[1]!.id);
    const s3Edge = redacted.edges.find((edge) => edge.kind === 'service-bucket' && edge.evidence.some((e) => e.matchType === 'iam-policy'))!;
    expect(s3Edge.evidence.find((e) => e.matchType === 'iam-policy')!.matchedValue).toBe('<redacted>');
    const binding = redacted.edges.find((edge) => edge.kind === 'target-service')!;
    expect(binding.evidence[0]!.matchedValue).toBe(`${redacted.inventory.services[0]!.loadBalancers[0]!.containerName}:3000`);
    expect(binding.attributes).toEqual({ containerName: redacted.inventory.services[0]!.loadBalancers[0]!.containerName, containerPort: 3000 });
    const field = dbEdge.evidence.find((e) => e.matchType === 'env')!.field!;
    expect(field).toMatch(new RegExp(`^container container-${SUFFIX} env DATABASE_URL$`));
  });
});

describe('findings and warnings', () => {
  it('spell a finding message and its evidence fields again from their parts, with public names', () => {
    const base = shopTopology();
    const index = indexInventory(base.inventory);
    const db: NodeRef = { kind: 'db-instance', id: ARNS.db };
    const text = message`${nameOf(index, db)} admits ${identifier('cidr', '10.20.0.0/16')} on ${shared(5432)}; service ${nameOf(index, { kind: 'ecs-service', id: ARNS.webService })} reads ${nameOf(index, { kind: 'bucket', id: ARNS.bucket })}.`;
    const finding = recordMessageParts(
      {
        ruleId: 'network.db-cidr',
        title: 'Database reachable from a CIDR',
        severity: 'medium',
        message: text.message,
        resources: [db, { kind: 'security-group', id: IDS.sgDb }],
        evidence: [located({ matchType: 'sg-rule', matchedValue: '10.20.0.0/16' }, inboundField(IDS.sgDb, 'tcp 5432'))],
        suppressed: { reason: 'the office VPN of shop-worker is trusted' },
      },
      text.parts,
    );
    expect(finding.message).toBe(`shop-db admits 10.20.0.0/16 on 5432; service shop-web reads ${NAMES.bucket}.`);
    const redacted = redact({ ...base, findings: [finding] });
    const inv = redacted.inventory;
    const [publicFinding] = redacted.findings;
    const cidr = inv.securityGroups[4]!.inbound[4]!.peer;
    expect(publicFinding!.message).toBe(`${inv.dbInstances[0]!.identifier} admits ${cidr.kind === 'cidr' ? cidr.cidr : ''} on 5432; service ${inv.services[0]!.name} reads ${inv.buckets[0]!.name}.`);
    expect(publicFinding!.evidence[0]!.field).toBe(`${inv.securityGroups[4]!.id} inbound tcp 5432`);
    expect(publicFinding!.resources).toEqual([{ kind: 'db-instance', id: inv.dbInstances[0]!.arn }, { kind: 'security-group', id: inv.securityGroups[4]!.id }]);
    expect(publicFinding!.suppressed!.reason).toBe('reason not published');
  });

  it('hide a message or an evidence field written as a plain string (fail closed), however harmless it reads', () => {
    const redacted = redact(
      shopTopology({
        findings: [
          {
            ruleId: 'network.db-cidr',
            title: 'Database reachable from a CIDR',
            severity: 'medium',
            message: 'shop-db admits a security group.',
            resources: [],
            evidence: [{ matchType: 'sg-rule', matchedValue: '10.20.0.0/16', field: `${IDS.sgDb} inbound` }],
          },
        ],
      }),
    );
    expect(redacted.findings[0]!.message).toBe('<redacted>');
    expect(redacted.findings[0]!.evidence[0]!.field).toBe('<redacted>');
  });

  it('write collection warnings again from the redacted coverage, and hide any other warning\'s text', () => {
    const inventory = shopInventory();
    inventory.securityGroups[1]!.tags = { team: 'denied', owner: 'Grant' };
    inventory.coverage = [
      { service: 'sqs', region: REGION, status: 'partial', missing: [{ action: 'sqs:GetQueueAttributes', reason: 'denied', code: 'AccessDenied', resource: NAMES.queueUrl }] },
      {
        service: 'iam',
        region: REGION,
        status: 'partial',
        missing: [
          { action: 'iam:GetRolePolicy', reason: 'throttled', code: 'Throttling', resource: `${NAMES.webTaskRole}/shop-web-inline` },
          { action: 'iam:GetAccountAuthorizationDetails', reason: 'denied', code: 'AccessDenied', recoveredBy: 'iam:GetRole' },
          { action: 'kms:DescribeKey', reason: 'error', code: 'InternalFailure', resource: 'shop-web' },
        ],
      },
    ];
    const original = topologyOf(inventory, { warnings: [...coverageWarnings(inventory), { code: 'info', message: `Stacks shop-web and ${NAMES.queue} both export "x".` }] });
    const redacted = redact(original);
    const inv = redacted.inventory;
    const webRole = inv.roles.find((role) => role.arn === redacted.edges.find((edge) => edge.kind === 'service-role' && edge.attributes.roleSlot === 'task' && edge.from.id === inv.services[0]!.arn)!.to.id)!;
    expect(inv.coverage[0]!.missing[0]!.resource).toBe(inv.queues[0]!.url);
    expect(inv.coverage[1]!.missing[0]!.resource).toMatch(new RegExp(`^${webRole.name}/inline-policy-${SUFFIX}$`));
    expect(inv.coverage[1]!.missing[1]!.recoveredBy).toBe('iam:GetRole');
    expect(inv.coverage[1]!.missing[2]!.resource).toBe('<redacted>');
    expect(redacted.warnings.map((w) => [w.code, w.message])).toEqual([
      ['public-mode', expect.stringMatching(/^Public mode enabled/)],
      ['access-denied', `Access denied: sqs:GetQueueAttributes (sqs in us-east-1 for ${inv.queues[0]!.url}); data from this call is missing. Grant it (see docs/iam-policy.json).`],
      ['throttled', `Throttled after retries: iam:GetRolePolicy (iam in us-east-1 for ${inv.coverage[1]!.missing[0]!.resource}); data from this call is missing. Re-run later or lower --concurrency.`],
      ['info', 'Access denied: iam:GetAccountAuthorizationDetails (iam in us-east-1); the same data was collected with iam:GetRole instead. Grant it for faster collection.'],
      ['collection-error', 'Failed: kms:DescribeKey (iam in us-east-1 for <redacted>): InternalFailure; data from this call is missing.'],
      ['info', 'A notice whose details are not published with --public.'],
    ]);
  });
});

describe('region redaction', () => {
  it('replaces the region everywhere, availability zones and endpoint service names included', () => {
    const redacted = redact(shopTopology(), { redactRegion: true });
    const json = JSON.stringify(redacted);
    expect(json).not.toContain('us-east-1');
    const region = redacted.inventory.regions[0]!;
    expect(region).toMatch(pseudonym('region'));
    expect(redacted.inventory.subnets[0]!.availabilityZone).toBe(`${region}a`);
    expect(redacted.inventory.vpcEndpoints[1]!.serviceName).toBe(`com.amazonaws.${region}.sqs`);
    expect(redacted.inventory.loadBalancers[0]!.arn).toBe(`arn:aws:elasticloadbalancing:${region}:account:loadbalancer/app/public-app-alb`);
  });
});

describe('descriptions: keep', () => {
  it('keeps descriptions with the identifiers inside them replaced', () => {
    const inventory = shopInventory();
    inventory.securityGroups[1]!.description = 'shop-web tasks behind shop-edge-alb';
    const redacted = redact(topologyOf(inventory), { config: { aliases: SHOP_ALIASES, descriptions: 'keep' } });
    const web = redacted.inventory.securityGroups[1]!;
    expect(web.description).toBe(`${redacted.inventory.services[0]!.name} tasks behind public-app-alb`);
    expect(redacted.inventory.securityGroups[4]!.inbound[4]!.description).toBe('office vpn');
  });
});

describe('keep list', () => {
  it('leaves the listed originals as they are', () => {
    const redacted = redact(shopTopology(), { config: { aliases: SHOP_ALIASES, keep: ['/application/', 'shop-web'] } });
    expect(redacted.inventory.roles[0]!.path).toBe('/application/');
    expect(redacted.inventory.services[0]!.name).toBe('shop-web');
    expect(redacted.inventory.services[1]!.name).toMatch(pseudonym('service'));
  });

  it('tells the leak guard about them', async () => {
    const { findLeaks } = await import('../../src/redact/leak-guard.js');
    const original = shopTopology();
    const redacted = redact(original, { config: { keep: ['shop-web'] }, key: TEST_KEY });
    expect(findLeaks(JSON.stringify(redacted), original, { format: 'json' })).toEqual([]);
    expect(findLeaks(JSON.stringify(redacted), shopTopology(), { format: 'json' }).map((hit) => hit.category)).toContain('name');
  });
});
