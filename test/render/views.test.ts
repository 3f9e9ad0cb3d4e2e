import { describe, expect, it } from 'vitest';
import { emptyInventory, type Finding, type Inventory, type Topology } from '../../src/model/index.js';
import { EMPTY_CELL, PUBLIC_MODE_MESSAGE, REDACTED_VALUE, topologyTables, type TableView } from '../../src/render/views.js';
import { ARNS, IDS, NAMES, REGION, shopInventory } from '../fixtures/model/shop-account.js';
import { auroraCluster, topologyOf } from './tables-fixtures.js';

function shopVariant(mutate: (inventory: Inventory) => void): Topology {
  const inventory = shopInventory();
  mutate(inventory);
  return topologyOf(inventory);
}

function view(topology: Topology, id: string): TableView {
  const found = topologyTables(topology).find((v) => v.id === id);
  if (!found) throw new Error(`no view ${id}`);
  return found;
}

/** The rows of a view as objects keyed by column title. */
function records(v: TableView): Record<string, string>[] {
  return v.rows.map((row) => Object.fromEntries(v.columns.map((column, i) => [column, row[i]!])));
}

function record(v: TableView, column: string, value: string): Record<string, string> {
  const found = records(v).find((r) => r[column] === value);
  if (!found) throw new Error(`no row of ${v.id} with ${column} = ${value}`);
  return found;
}

const shop = () => topologyOf(shopInventory());

describe('topologyTables', () => {
  it('returns the tables in the documented order', () => {
    expect(topologyTables(shop()).map((v) => v.title)).toEqual([
      'ROUTE53',
      'ALB',
      'ALB LISTENERS',
      'ALB LISTENER RULES',
      'TARGET GROUPS',
      'ECS SERVICES',
      'IAM ROLES',
      'SECURITY GROUPS',
      'VPC ENDPOINTS',
      'VPC CONNECTIONS',
      'RDS',
      'SQS QUEUES',
      'S3 BUCKETS',
      'DYNAMODB TABLES',
      'ECS TO RDS LINKS',
      'ECS TO S3 LINKS',
      'ECS TO SQS LINKS',
      'ECS TO DYNAMODB LINKS',
      'WARNINGS',
    ]);
  });

  it('fills every cell of every row with text, `-` when empty', () => {
    for (const v of topologyTables(shop())) {
      for (const row of v.rows) {
        expect(row).toHaveLength(v.columns.length);
        for (const cell of row) expect(cell.trim().length, `${v.id}: ${row.join(' | ')}`).toBeGreaterThan(0);
      }
    }
    expect(record(view(shop(), 'alb-listeners'), 'Port', '80')['Certificates']).toBe(EMPTY_CELL);
  });

  it('produces no markup and never the Python-dict principal form', () => {
    const cells = topologyTables(shop()).flatMap((v) => v.rows.flat());
    expect(cells.filter((cell) => /\{'|\x1b\[|<\w+>/.test(cell))).toEqual([]);
  });
});

describe('ROUTE53, ALB, listeners, rules, target groups', () => {
  it('links www.corp.io to shop-edge-alb', () => {
    expect(records(view(shop(), 'route53'))).toEqual([
      {
        'Hosted Zone': 'corp.io',
        Record: 'www.corp.io',
        Type: 'A',
        Target: `dualstack.${NAMES.albDns.toUpperCase()}.`,
        'ALB Name': 'shop-edge-alb',
        'ALB DNS': NAMES.albDns,
        Region: REGION,
      },
    ]);
  });

  it('marks private zones and leaves the ALB columns empty for a CNAME pointing elsewhere', () => {
    const topology = shopVariant((inv) => {
      inv.hostedZones.push({ id: 'ZPRIVATE0000000000', name: 'internal.corp.io.', private: true });
      inv.dnsRecords.push({ zoneId: 'ZPRIVATE0000000000', name: 'cdn.internal.corp.io.', type: 'CNAME', ttl: 60, values: ['d111.cloudfront.net'] });
    });
    expect(record(view(topology, 'route53'), 'Record', 'cdn.internal.corp.io')).toMatchObject({
      'Hosted Zone': 'internal.corp.io (private)',
      Target: 'd111.cloudfront.net',
      'ALB Name': EMPTY_CELL,
      Region: EMPTY_CELL,
    });
  });

  it('shows the ALB with its subnets and named security group', () => {
    expect(record(view(shop(), 'alb'), 'Name', 'shop-edge-alb')).toEqual({
      Name: 'shop-edge-alb',
      Type: 'application',
      Scheme: 'internet-facing',
      State: 'active',
      VPC: IDS.vpc,
      Subnets: `${IDS.subnetPublicA}\n${IDS.subnetPublicB}`,
      'Security Groups': `shop-alb-sg (${IDS.sgAlb})`,
      DNS: NAMES.albDns,
    });
  });

  it('shows both listeners forwarding to shop-web-tg', () => {
    const listeners = records(view(shop(), 'alb-listeners'));
    expect(listeners.map((l) => [l['Listener'], l['Protocol'], l['Port'], l['Action Types'], l['Target Groups']])).toEqual([
      ['shop-edge-alb HTTPS:443', 'HTTPS', '443', 'forward', 'shop-web-tg'],
      ['shop-edge-alb HTTP:80', 'HTTP', '80', 'forward', 'shop-web-tg'],
    ]);
    expect(listeners[0]!['Certificates']).toBe(ARNS.certificate);
  });

  it('prints weights of a weighted forward', () => {
    const canaryArn = ARNS.targetGroup.replace('shop-web-tg', 'shop-canary-tg');
    const topology = shopVariant((inv) => {
      inv.targetGroups.push({ ...structuredClone(inv.targetGroups[0]!), arn: canaryArn, name: 'shop-canary-tg' });
      inv.listeners[0]!.defaultActions = [
        { type: 'forward', targetGroups: [{ targetGroupArn: ARNS.targetGroup, weight: 80 }, { targetGroupArn: canaryArn, weight: 20 }] },
      ];
    });
    expect(record(view(topology, 'alb-listeners'), 'Port', '443')['Target Groups']).toBe('shop-web-tg (80%), shop-canary-tg (20%)');
  });

  it('prints a redirect with its target and status', () => {
    const topology = shopVariant((inv) => {
      inv.listeners[1]!.defaultActions = [
        { type: 'redirect', targetGroups: [], redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } },
      ];
    });
    expect(record(view(topology, 'alb-listeners'), 'Port', '80')).toMatchObject({
      'Action Types': 'redirect',
      'Target Groups': 'redirect → HTTPS:443 (HTTP_301)',
    });
  });

  it('shows rule conditions, priorities and a fixed response', () => {
    const topology = shopVariant((inv) => {
      inv.listenerRules.push({
        arn: `${ARNS.listenerHttps.replace(':listener/', ':listener-rule/')}/aa00bb11cc22dd33`,
        listenerArn: ARNS.listenerHttps,
        region: REGION,
        priority: 10,
        conditions: [
          { field: 'host-header', values: ['admin.corp.io'] },
          { field: 'path-pattern', values: ['/admin/*', '/ops/*'] },
        ],
        actions: [{ type: 'fixed-response', targetGroups: [], fixedResponse: { statusCode: '403', contentType: 'text/plain' } }],
      });
    });
    const rules = records(view(topology, 'alb-listener-rules'));
    expect(rules.map((r) => [r['Listener'], r['Priority'], r['Conditions'], r['Actions'], r['Target Groups']])).toEqual([
      ['shop-edge-alb HTTPS:443', 'default', 'default', 'forward', 'shop-web-tg'],
      ['shop-edge-alb HTTP:80', 'default', 'default', 'forward', 'shop-web-tg'],
      ['shop-edge-alb HTTPS:443', '10', 'host-header: admin.corp.io\npath-pattern: /admin/*, /ops/*', 'fixed-response', 'fixed-response 403'],
    ]);
    expect(rules[2]!['Rule']).toBe('aa00bb11cc22dd33');
  });

  it('shows the target group health and the ECS service behind it', () => {
    expect(record(view(shop(), 'target-groups'), 'Name', 'shop-web-tg')).toEqual({
      Name: 'shop-web-tg',
      Protocol: 'HTTP',
      Port: '3000',
      'Target Type': 'ip',
      'Health Check': 'HTTP /health port traffic-port\nmatcher 200\nevery 30s\nhealthy 2, unhealthy 3',
      'Healthy/Total': '1/1',
      'ECS Services': 'shop-web (web:3000)',
    });
  });
});

describe('ECS SERVICES', () => {
  it('shows shop-web behind the ALB, who may connect in, and its RDS, S3 and SQS links', () => {
    expect(record(view(shop(), 'ecs-services'), 'Service', 'shop-web')).toEqual({
      Cluster: 'shop',
      Service: 'shop-web',
      Desired: '1',
      'Task Definition': 'shop-web:42',
      'Task Role': 'shop-web-task',
      'Execution Role': 'shop-ecs-execution',
      'ALB Usage': 'shop-edge-alb -> shop-web-tg (web:3000)',
      Subnets: `${IDS.subnetPrivateA}\n${IDS.subnetPrivateB}`,
      'Security Groups': `shop-web-sg (${IDS.sgWeb})`,
      'SG Connections': `in<- shop-alb-sg (${IDS.sgAlb}) tcp 3000`,
      'RDS Links': 'instance:shop-db (sg-reference, env)',
      'S3 Links': `bucket:${NAMES.bucket} (env, iam-policy)\nservice-mode:s3 (env)`,
      'SQS Links': 'queue:shop-jobs (producer; env, iam-policy)',
    });
  });

  it('shows the worker with the same execution role, no ALB, and consuming the queue', () => {
    expect(record(view(shop(), 'ecs-services'), 'Service', 'shop-worker')).toMatchObject({
      'Task Role': 'shop-worker-task',
      'Execution Role': 'shop-ecs-execution',
      'ALB Usage': EMPTY_CELL,
      'SG Connections': EMPTY_CELL,
      'RDS Links': 'instance:shop-db (sg-reference)',
      'SQS Links': 'queue:shop-jobs (consumer; env, iam-policy)',
    });
  });

  it('names CIDR sources and the public internet among who may connect in', () => {
    const topology = shopVariant((inv) => {
      const web = inv.securityGroups.find((sg) => sg.id === IDS.sgWeb)!;
      web.inbound.push(
        { protocol: 'tcp', fromPort: 3000, toPort: 3010, peer: { kind: 'cidr', cidr: '10.0.0.0/16' } },
        { protocol: 'all', peer: { kind: 'cidr', cidr: '::/0' } },
      );
    });
    expect(record(view(topology, 'ecs-services'), 'Service', 'shop-web')['SG Connections']!.split('\n').sort()).toEqual([
      'in<- CIDR 10.0.0.0/16 tcp 3000-3010',
      'in<- CIDR public-internet all traffic',
      `in<- shop-alb-sg (${IDS.sgAlb}) tcp 3000`,
    ]);
  });
});

describe('IAM ROLES, SECURITY GROUPS, VPC ENDPOINTS', () => {
  it('writes the trust principal plainly and lists the policies', () => {
    expect(record(view(shop(), 'iam-roles'), 'Role', 'shop-ecs-execution')).toEqual({
      Role: 'shop-ecs-execution',
      ARN: ARNS.executionRole,
      Path: '/application/',
      Principal: 'Service: ecs-tasks.amazonaws.com',
      'Managed Policies': 'AmazonECSTaskExecutionRolePolicy',
      'Inline Policies': 'read-db-secret',
      'Used By': 'shop-web (execution)\nshop-worker (execution)',
    });
    expect(record(view(shop(), 'iam-roles'), 'Role', 'shop-web-task')['Used By']).toBe('shop-web (task)');
  });

  it('shows the CIDR and SG rules of the database security group', () => {
    const db = record(view(shop(), 'security-groups'), 'Name', 'shop-db-sg');
    expect(db['Inbound Security Groups']!.split('\n')).toEqual([
      `shop-web-sg (${IDS.sgWeb})`,
      `shop-worker-sg (${IDS.sgWorker})`,
      `shop-bastion-sg (${IDS.sgBastion})`,
    ]);
    expect(db['Inbound Rules']!.split('\n')).toEqual([
      `SG shop-web-sg (${IDS.sgWeb}); tcp 5432`,
      `SG shop-worker-sg (${IDS.sgWorker}); tcp 5432`,
      `SG shop-bastion-sg (${IDS.sgBastion}); tcp 5432`,
      'CIDR 10.0.0.0/16; tcp 5432; vpc',
      'CIDR 10.20.0.0/16; tcp 5432; office vpn',
    ]);
    expect(db['Outbound Rules']).toBe('CIDR public-internet; all traffic');
  });

  it('writes 0.0.0.0/0 and ::/0 as the public internet, once per port', () => {
    expect(record(view(shop(), 'security-groups'), 'Name', 'shop-alb-sg')['Inbound Rules']).toBe(
      'CIDR public-internet; tcp 80\nCIDR public-internet; tcp 443',
    );
  });

  it('shows a referenced group that was not collected by its id alone', () => {
    const topology = shopVariant((inv) => {
      inv.securityGroups.find((sg) => sg.id === IDS.sgDb)!.inbound = [
        { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group', groupId: 'sg-0999999999999999a', ownerId: '210987654321' } },
      ];
    });
    expect(record(view(topology, 'security-groups'), 'Name', 'shop-db-sg')['Inbound Rules']).toBe('SG sg-0999999999999999a; tcp 5432');
  });

  it('shows which services reach each endpoint and how', () => {
    const endpoints = view(shop(), 'vpc-endpoints');
    expect(record(endpoints, 'Endpoint ID', IDS.vpceSqs)).toMatchObject({
      Service: 'com.amazonaws.us-east-1.sqs',
      Type: 'Interface',
      'Security Groups': `shop-endpoints-sg (${IDS.sgEndpoints})`,
      'Private DNS': 'true',
      'Reachable From': 'shop-web (sg-reference)\nshop-worker (sg-reference)',
    });
    expect(record(endpoints, 'Endpoint ID', IDS.vpceS3)['Reachable From']).toBe('shop-web (route-table)\nshop-worker (route-table)');
  });
});

describe('RDS, SQS QUEUES, S3 BUCKETS', () => {
  it('shows the instance, and Aurora clusters with their member instances', () => {
    const cluster = auroraCluster();
    const topology = shopVariant((inv) => {
      inv.dbClusters.push(cluster);
      inv.dbInstances.push({ ...structuredClone(inv.dbInstances[0]!), arn: `${ARNS.db}-aurora-1`, identifier: 'shop-aurora-1', clusterIdentifier: 'shop-aurora' });
    });
    const rds = view(topology, 'rds');
    expect(record(rds, 'Identifier', 'shop-db')).toEqual({
      Identifier: 'shop-db',
      Kind: 'instance',
      Engine: 'postgres 16.4',
      Status: 'available',
      Endpoint: NAMES.dbEndpoint,
      Port: '5432',
      VPC: IDS.vpc,
      'Security Groups': `shop-db-sg (${IDS.sgDb})`,
      Public: 'false',
      'Multi-AZ': 'false',
      Encrypted: 'true',
    });
    expect(record(rds, 'Identifier', 'shop-aurora-1')['Kind']).toBe('instance (cluster shop-aurora)');
    expect(record(rds, 'Identifier', 'shop-aurora')).toMatchObject({
      Kind: 'cluster',
      Endpoint: `${cluster.endpoint}\nreader ${cluster.readerEndpoint}`,
      VPC: EMPTY_CELL,
      'Multi-AZ': 'true',
    });
    expect(view(topology, 'ecs-rds-links').rows.filter((row) => row[1] === 'cluster' && row[2] === 'shop-aurora')).toHaveLength(2);
  });

  it('shows the queue with its DLQ, producers and consumers', () => {
    const queues = view(shop(), 'sqs-queues');
    expect(record(queues, 'Name', 'shop-jobs')).toEqual({
      Name: 'shop-jobs',
      URL: NAMES.queueUrl,
      Type: 'standard',
      'DLQ / Redrive': 'DLQ shop-jobs-dlq after 5 receives',
      Encryption: 'SSE-SQS',
      Producers: 'shop-web (env, iam-policy)',
      Consumers: 'shop-worker (env, iam-policy)',
      'Direction Unknown': EMPTY_CELL,
    });
    expect(record(queues, 'Name', 'shop-jobs-dlq')['DLQ / Redrive']).toBe('DLQ of shop-jobs');
  });

  it('puts a service found only by env among the users of unknown direction', () => {
    const topology = shopVariant((inv) => {
      inv.managedPolicies.find((p) => p.name === 'shop-web-uploads')!.document!.statements.pop();
    });
    expect(record(view(topology, 'sqs-queues'), 'Name', 'shop-jobs')).toMatchObject({ Producers: EMPTY_CELL, 'Direction Unknown': 'shop-web (env)' });
  });

  it('tells a blocked bucket from one without a block and one not known', () => {
    const topology = shopVariant((inv) => {
      const bucket = inv.buckets[0]!;
      inv.buckets.push(
        { ...structuredClone(bucket), name: 'shop-open', arn: 'arn:aws:s3:::shop-open', publicAccessBlock: null, encryption: null },
        { ...structuredClone(bucket), name: 'shop-unknown', arn: 'arn:aws:s3:::shop-unknown', publicAccessBlock: undefined, encryption: undefined },
        {
          ...structuredClone(bucket),
          name: 'shop-half',
          arn: 'arn:aws:s3:::shop-half',
          publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
          encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/shop' },
        },
      );
    });
    const buckets = view(topology, 's3-buckets');
    expect(record(buckets, 'Name', NAMES.bucket)).toEqual({
      Name: NAMES.bucket,
      Region: REGION,
      'Public Access Block': 'all blocked',
      Encryption: 'AES256',
      'Used By': 'shop-web (env, iam-policy)\nshop-worker (env, iam-policy)',
    });
    expect(record(buckets, 'Name', 'shop-open')).toMatchObject({ 'Public Access Block': 'none configured', Encryption: 'none', 'Used By': EMPTY_CELL });
    expect(record(buckets, 'Name', 'shop-unknown')).toMatchObject({ 'Public Access Block': 'unknown', Encryption: 'unknown' });
    expect(record(buckets, 'Name', 'shop-half')).toMatchObject({
      'Public Access Block': 'blockPublicAcls: true\nignorePublicAcls: true\nblockPublicPolicy: false\nrestrictPublicBuckets: false',
      Encryption: 'aws:kms\nalias/shop',
    });
  });
});

describe('ECS TO RDS / S3 / SQS LINKS', () => {
  it('has one row per evidence item with the match and where it was found', () => {
    expect(records(view(shop(), 'ecs-s3-links')).map((r) => [r['ECS Service'], r['Target Type'], r['Target ID'], r['Match Type'], r['Match']])).toEqual([
      ['shop-web', 'bucket', NAMES.bucket, 'env', NAMES.bucket],
      ['shop-web', 'bucket', NAMES.bucket, 'iam-policy', `${ARNS.bucket}/uploads/*`],
      ['shop-web', 'service-mode', 's3', 'env', 'STORAGE_BACKEND=s3'],
      ['shop-worker', 'bucket', NAMES.bucket, 'env', `s3://${NAMES.bucket}/uploads/`],
      ['shop-worker', 'bucket', NAMES.bucket, 'iam-policy', 'arn:aws:s3:::shop-media-uploads-*/*'],
      ['shop-worker', 'service-mode', 's3', 'env', 'STORAGE_BACKEND=s3'],
    ]);
    expect(record(view(shop(), 'ecs-rds-links'), 'Match Type', 'env')).toMatchObject({
      'ECS Service': 'shop-web',
      'Target Type': 'instance',
      'Target ID': 'shop-db',
      'Found In': 'container web env DATABASE_URL',
    });
    expect(view(shop(), 'ecs-sqs-links').rows).toHaveLength(4);
  });

  it('hides env and IAM policy values when the topology is redacted, and keeps the match types', () => {
    const redacted = { ...shop(), redacted: true };
    const s3 = records(view(redacted, 'ecs-s3-links'));
    expect(s3.map((r) => [r['Match Type'], r['Match'], r['Found In']])).toEqual(
      ['env', 'iam-policy', 'env', 'env', 'iam-policy', 'env'].map((type) => [type, REDACTED_VALUE, REDACTED_VALUE]),
    );
    const rds = records(view(redacted, 'ecs-rds-links'));
    expect(rds.find((r) => r['Match Type'] === 'sg-reference')!['Match']).toBe(IDS.sgWeb);
    expect(rds.find((r) => r['Match Type'] === 'env')!['Match']).toBe(REDACTED_VALUE);
  });
});

describe('WARNINGS', () => {
  const finding = (ruleId: string, severity: Finding['severity'], suppressed?: string): Finding => ({
    ruleId,
    title: ruleId,
    severity,
    message: `${ruleId} message`,
    resources: [],
    evidence: [],
    ...(suppressed ? { suppressed: { reason: suppressed } } : {}),
  });

  it('lists findings by severity, suppressed ones marked, then the collection warnings', () => {
    const topology = {
      ...shop(),
      findings: [finding('sg-open-db', 'low'), finding('alb-http-forward', 'critical'), finding('db-cidr', 'high', 'office VPN is trusted')],
      warnings: [{ code: 'access-denied' as const, message: 'Access denied: s3:GetBucketPolicy' }],
    };
    expect(view(topology, 'warnings').rows).toEqual([
      ['critical', 'alb-http-forward', 'alb-http-forward message'],
      ['high (suppressed)', 'db-cidr', 'db-cidr message\nSuppressed: office VPN is trusted'],
      ['low', 'sg-open-db', 'sg-open-db message'],
      ['warning', 'access-denied', 'Access denied: s3:GetBucketPolicy'],
    ]);
  });

  it('announces public mode once, first, when the topology is redacted', () => {
    expect(view({ ...shop(), redacted: true }, 'warnings').rows).toEqual([['info', 'public-mode', PUBLIC_MODE_MESSAGE]]);
    const announced: Topology = {
      ...shop(),
      redacted: true,
      findings: [finding('db-single-az', 'low')],
      warnings: [
        { code: 'info', message: 'Access denied: iam:GetAccountAuthorizationDetails; collected with per-role calls instead.' },
        { code: 'public-mode', message: 'Public mode enabled: redacted.' },
      ],
    };
    expect(view(announced, 'warnings').rows).toEqual([
      ['info', 'public-mode', 'Public mode enabled: redacted.'],
      ['low', 'db-single-az', 'db-single-az message'],
      ['info', 'info', 'Access denied: iam:GetAccountAuthorizationDetails; collected with per-role calls instead.'],
    ]);
    expect(view(shop(), 'warnings').rows).toEqual([]);
  });
});

describe('empty tables', () => {
  it('has every table and no rows for an empty inventory', () => {
    const views = topologyTables(topologyOf(emptyInventory({ kind: 'aws', label: 'empty account' })));
    expect(views).toHaveLength(19);
    for (const v of views) {
      expect(v.rows).toEqual([]);
      expect(v.emptyMessage).toBeUndefined();
    }
  });

  it('says why a table is empty when its service was denied', () => {
    const inventory = emptyInventory({ kind: 'aws', label: 'denied account' });
    inventory.coverage.push({ service: 'route53', region: 'us-east-1', status: 'denied', missing: [{ action: 'route53:ListHostedZones', reason: 'denied', code: 'AccessDenied' }] });
    const views = topologyTables(topologyOf(inventory));
    expect(views.find((v) => v.id === 'route53')!.emptyMessage).toBe('(not collected (route53:ListHostedZones denied in us-east-1); see WARNINGS)');
    expect(views.find((v) => v.id === 'alb')!.emptyMessage).toBeUndefined();
  });
});
