import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import { dnsRecordId, type Edge, type EdgeKind, type Inventory } from '../../src/model/index.js';
import { ARNS, IDS, NAMES, shopInventory } from '../fixtures/model/shop-account.js';

/** Edges of one kind as comparable tuples: order-independent assertions. */
function tuples(edges: Edge[], kind: EdgeKind): string[] {
  return edges
    .filter((e) => e.kind === kind)
    .map((e) => `${e.from.id} -> ${e.to.id} [${e.evidence.map((x) => x.matchType).join(',')}]`)
    .sort();
}

function edge(edges: Edge[], kind: EdgeKind, from: string, to: string): Edge {
  const found = edges.find((e) => e.kind === kind && e.from.id === from && e.to.id === to);
  if (!found) throw new Error(`no ${kind} edge ${from} -> ${to}`);
  return found;
}

function variant(mutate: (inventory: Inventory) => void): Edge[] {
  const inventory = structuredClone(shopInventory());
  mutate(inventory);
  return correlate(inventory);
}

describe('Route53 → ALB', () => {
  it('matches an alias despite case, trailing dot and dualstack prefix, and keeps the alias as evidence', () => {
    const edges = correlate(shopInventory());
    const record = shopInventory().dnsRecords[0]!;
    const dns = edge(edges, 'dns-alias', dnsRecordId(record), ARNS.alb);
    expect(dns.evidence).toEqual([
      { matchType: 'alias-dns', matchedValue: `dualstack.${NAMES.albDns.toUpperCase()}.`, field: `A ${NAMES.record}` },
    ]);
    expect(tuples(edges, 'dns-alias')).toHaveLength(1);
  });

  it('matches a CNAME record and ignores a record pointing at another load balancer', () => {
    const edges = variant((inv) => {
      inv.dnsRecords.push(
        { zoneId: IDS.zone, name: 'api.corp.io.', type: 'CNAME', ttl: 300, values: [`${NAMES.albDns}.`] },
        { zoneId: IDS.zone, name: 'old.corp.io.', type: 'A', values: [], aliasTarget: { dnsName: 'gone-123.us-east-1.elb.amazonaws.com.', hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: false } },
      );
    });
    expect(tuples(edges, 'dns-alias')).toEqual([
      `${IDS.zone}|api.corp.io.|CNAME| -> ${ARNS.alb} [cname]`,
      `${IDS.zone}|www.corp.io.|A| -> ${ARNS.alb} [alias-dns]`,
    ]);
  });
});

describe('ALB → listener → rule → target group → service', () => {
  it('links both listeners through their default rules to the web target group and service', () => {
    const edges = correlate(shopInventory());
    expect(tuples(edges, 'lb-listener')).toEqual([`${ARNS.alb} -> ${ARNS.listenerHttp} [listener]`, `${ARNS.alb} -> ${ARNS.listenerHttps} [listener]`]);
    expect(tuples(edges, 'rule-target')).toEqual([
      `${ARNS.ruleHttpDefault} -> ${ARNS.targetGroup} [default-action]`,
      `${ARNS.ruleHttpsDefault} -> ${ARNS.targetGroup} [default-action]`,
    ]);
    const binding = edge(edges, 'target-service', ARNS.targetGroup, ARNS.webService);
    expect(binding.attributes).toEqual({ containerName: 'web', containerPort: 3000 });
    expect(binding.evidence[0]).toEqual({ matchType: 'lb-binding', matchedValue: 'web:3000' });
  });

  it('carries weights of a weighted forward on a path rule', () => {
    const canary = `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-web-canary/0000000000000001`;
    const ruleArn = `${ARNS.ruleHttpsDefault.replace(/\/[^/]+$/, '')}/aaaaaaaaaaaaaaaa`;
    const edges = variant((inv) => {
      inv.targetGroups.push({ ...structuredClone(inv.targetGroups[0]!), arn: canary, name: 'shop-web-canary' });
      inv.listenerRules.push({
        arn: ruleArn,
        listenerArn: ARNS.listenerHttps,
        region: 'us-east-1',
        priority: 10,
        conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
        actions: [{ type: 'forward', targetGroups: [{ targetGroupArn: ARNS.targetGroup, weight: 90 }, { targetGroupArn: canary, weight: 10 }] }],
      });
    });
    expect(edge(edges, 'rule-target', ruleArn, ARNS.targetGroup).attributes).toEqual({ isDefault: false, weight: 90 });
    const toCanary = edge(edges, 'rule-target', ruleArn, canary);
    expect(toCanary.attributes).toEqual({ isDefault: false, weight: 10 });
    expect(toCanary.evidence[0]).toEqual({ matchType: 'rule-action', matchedValue: 'forward weight 10' });
    expect(edge(edges, 'listener-rule', ARNS.listenerHttps, ruleArn).evidence[0]?.matchedValue).toBe('priority 10');
  });

  it('makes no target edges for redirect and fixed-response actions', () => {
    const edges = variant((inv) => {
      const rule = inv.listenerRules.find((r) => r.arn === ARNS.ruleHttpDefault)!;
      rule.actions = [{ type: 'redirect', targetGroups: [], redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }];
    });
    expect(tuples(edges, 'rule-target')).toEqual([`${ARNS.ruleHttpsDefault} -> ${ARNS.targetGroup} [default-action]`]);
  });
});

describe('security groups', () => {
  it('draws one edge per inbound rule from SGs, CIDRs and the public internet', () => {
    const edges = correlate(shopInventory());
    const intoDb = edges.filter((e) => e.kind === 'sg-ingress' && e.to.id === IDS.sgDb);
    expect(intoDb.map((e) => `${e.from.kind}:${e.from.id} ${e.attributes.protocol} ${e.attributes.fromPort}-${e.attributes.toPort}`).sort()).toEqual([
      'cidr:10.0.0.0/16 tcp 5432-5432',
      'cidr:10.20.0.0/16 tcp 5432-5432',
      `security-group:${IDS.sgWeb} tcp 5432-5432`,
      `security-group:${IDS.sgWorker} tcp 5432-5432`,
      `security-group:${IDS.sgBastion} tcp 5432-5432`,
    ]);
    const intoAlb = edges.filter((e) => e.kind === 'sg-ingress' && e.to.id === IDS.sgAlb).map((e) => `${e.from.id}:${e.attributes.fromPort}`);
    expect(intoAlb.sort()).toEqual(['0.0.0.0/0:443', '0.0.0.0/0:80', '::/0:443']);
  });
});

describe('ECS → RDS', () => {
  it('links web by SG reference and by the endpoint inside DATABASE_URL, worker by SG reference only', () => {
    const edges = correlate(shopInventory());
    const web = edge(edges, 'service-db', ARNS.webService, ARNS.db);
    expect(web.evidence).toEqual([
      { matchType: 'sg-reference', matchedValue: IDS.sgWeb, field: `${IDS.sgDb} inbound tcp 5432` },
      { matchType: 'env', matchedValue: `postgres://app@${NAMES.dbEndpoint}:5432/shop`, field: 'container web env DATABASE_URL' },
    ]);
    expect(web.attributes).toMatchObject({ dbTargetType: 'instance', fromPort: 5432 });
    expect(edge(edges, 'service-db', ARNS.workerService, ARNS.db).evidence.map((e) => e.matchType)).toEqual(['sg-reference']);
  });

  it('does not link when the DB SG admits the service on another port, or a name only shares a prefix', () => {
    const edges = variant((inv) => {
      for (const rule of inv.securityGroups.find((g) => g.id === IDS.sgDb)!.inbound) {
        rule.fromPort = 3306;
        rule.toPort = 3306;
      }
      inv.taskDefinitions[0]!.containers[0]!.environment = [{ name: 'OTHER_DB', value: 'postgres://shop-db-replica.internal/shop' }];
    });
    expect(tuples(edges, 'service-db')).toEqual([]);
  });

  it('links an Aurora cluster by its reader endpoint in an env value', () => {
    const clusterArn = 'arn:aws:rds:us-east-1:123456789012:cluster:shop-aurora';
    const edges = variant((inv) => {
      inv.dbClusters.push({
        arn: clusterArn,
        identifier: 'shop-aurora',
        region: 'us-east-1',
        engine: 'aurora-postgresql',
        endpoint: 'shop-aurora.cluster-c9akciq32.us-east-1.rds.amazonaws.com',
        readerEndpoint: 'shop-aurora.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com',
        port: 5432,
        securityGroupIds: ['sg-0999999999999999a'],
        multiAz: true,
        storageEncrypted: true,
        deletionProtection: true,
        memberInstanceIds: [],
        tags: {},
      });
      inv.taskDefinitions[1]!.containers[0]!.environment.push({ name: 'READ_DB_HOST', value: 'shop-aurora.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com' });
    });
    const link = edge(edges, 'service-db', ARNS.workerService, clusterArn);
    expect(link.attributes.dbTargetType).toBe('cluster');
    expect(link.evidence).toEqual([{ matchType: 'env', matchedValue: 'shop-aurora.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com', field: 'container worker env READ_DB_HOST' }]);
  });
});

describe('ECS → S3', () => {
  it('links by env (bare name and s3:// URI), by task-role policy with wildcards, and by service mode', () => {
    const edges = correlate(shopInventory());
    expect(edge(edges, 'service-bucket', ARNS.webService, ARNS.bucket).evidence).toEqual([
      { matchType: 'env', matchedValue: NAMES.bucket, field: 'container web env MEDIA_BUCKET' },
      {
        matchType: 'iam-policy',
        matchedValue: `${ARNS.bucket}/uploads/*`,
        field: 'role shop-web-task policy shop-web-uploads statement 1 (s3:PutObject)',
      },
    ]);
    expect(edge(edges, 'service-bucket', ARNS.workerService, ARNS.bucket).evidence.map((e) => `${e.matchType}:${e.matchedValue}`)).toEqual([
      `env:s3://${NAMES.bucket}/uploads/`,
      'iam-policy:arn:aws:s3:::shop-media-uploads-*/*',
    ]);
    expect(edge(edges, 'service-bucket', ARNS.webService, 's3').evidence).toEqual([
      { matchType: 'service-mode', matchedValue: 'STORAGE_BACKEND=s3', field: 'container web env STORAGE_BACKEND' },
    ]);
  });

  it('ignores grants on every bucket (Resource "*"), the execution role, and Deny statements', () => {
    const edges = variant((inv) => {
      for (const container of inv.taskDefinitions.flatMap((t) => t.containers)) container.environment = [];
      const worker = inv.managedPolicies.find((p) => p.arn === ARNS.workerPolicy)!;
      worker.document = { statements: [{ effect: 'Allow', actions: ['s3:*'], notActions: [], resources: ['*'], notResources: [] }] };
      const web = inv.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!;
      web.document = { statements: [{ effect: 'Deny', actions: ['s3:*'], notActions: [], resources: [ARNS.bucket], notResources: [] }] };
      inv.roles.find((r) => r.arn === ARNS.executionRole)!.inlinePolicies.push({
        name: 'exec-bucket',
        document: { statements: [{ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: [`${ARNS.bucket}/*`], notResources: [] }] },
      });
    });
    expect(tuples(edges, 'service-bucket')).toEqual([]);
  });
});

describe('ECS → SQS', () => {
  it('marks web as producer and worker as consumer from their task-role actions', () => {
    const edges = correlate(shopInventory());
    const web = edge(edges, 'service-queue', ARNS.webService, ARNS.queue);
    expect(web.attributes.direction).toBe('producer');
    expect(web.evidence.map((e) => `${e.matchType}:${e.field}`)).toEqual([
      'env:container web env JOBS_QUEUE_URL',
      'iam-policy:role shop-web-task policy shop-web-uploads statement 2 (sqs:SendMessage)',
    ]);
    const worker = edge(edges, 'service-queue', ARNS.workerService, ARNS.queue);
    expect(worker.attributes.direction).toBe('consumer');
    expect(worker.evidence[0]).toEqual({ matchType: 'env', matchedValue: 'shop-jobs', field: 'container worker env QUEUE_NAME' });
  });

  it('does not confuse the queue with its DLQ, and without IAM evidence the direction is unknown', () => {
    const edges = variant((inv) => {
      inv.taskDefinitions[1]!.containers[0]!.environment = [{ name: 'DLQ_URL', value: NAMES.dlqUrl }];
      inv.roles.find((r) => r.arn === ARNS.workerTaskRole)!.attachedPolicies = [];
    });
    expect(tuples(edges, 'service-queue').filter((t) => t.startsWith(ARNS.workerService))).toEqual([`${ARNS.workerService} -> ${ARNS.dlq} [env]`]);
    expect(edge(edges, 'service-queue', ARNS.workerService, ARNS.dlq).attributes.direction).toBe('unknown');
  });

  it('a role that both sends and receives is producer-consumer', () => {
    const edges = variant((inv) => {
      inv.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements[1]!.actions = ['sqs:*'];
    });
    expect(edge(edges, 'service-queue', ARNS.webService, ARNS.queue).attributes.direction).toBe('producer-consumer');
  });
});

describe('VPC endpoints', () => {
  it('links services to interface endpoints by SG on 443 and to the S3 gateway by route table', () => {
    const edges = correlate(shopInventory());
    expect(tuples(edges, 'service-endpoint').filter((t) => t.startsWith(ARNS.webService))).toEqual([
      `${ARNS.webService} -> ${IDS.vpceSecrets} [sg-reference]`,
      `${ARNS.webService} -> ${IDS.vpceSqs} [sg-reference]`,
      `${ARNS.webService} -> ${IDS.vpceS3} [route-table]`,
    ]);
    expect(edge(edges, 'service-endpoint', ARNS.workerService, IDS.vpceS3).evidence[0]).toEqual({
      matchType: 'route-table',
      matchedValue: IDS.rtbPrivate,
      field: `subnet ${IDS.subnetPrivateA}`,
    });
  });
});

describe('IAM roles', () => {
  it('separates task and execution roles and shows the shared execution role', () => {
    const edges = correlate(shopInventory());
    const toExecution = edges.filter((e) => e.kind === 'service-role' && e.to.id === ARNS.executionRole);
    expect(toExecution.map((e) => `${e.from.id}:${e.attributes.roleSlot}`).sort()).toEqual([`${ARNS.webService}:execution`, `${ARNS.workerService}:execution`]);
    expect(edge(edges, 'service-role', ARNS.webService, ARNS.webTaskRole).attributes.roleSlot).toBe('task');
  });

  it('a task role shared by both services links each service to it, and both get the shared grants', () => {
    const edges = variant((inv) => {
      inv.taskDefinitions[1]!.taskRoleArn = ARNS.webTaskRole;
    });
    const toWebRole = edges.filter((e) => e.kind === 'service-role' && e.to.id === ARNS.webTaskRole);
    expect(toWebRole.map((e) => `${e.from.id}:${e.attributes.roleSlot}`).sort()).toEqual([`${ARNS.webService}:task`, `${ARNS.workerService}:task`]);
    expect(edge(edges, 'service-queue', ARNS.workerService, ARNS.queue).attributes.direction).toBe('producer');
  });

  it('a role in both slots of one task definition gives two edges to the same role', () => {
    const edges = variant((inv) => {
      inv.taskDefinitions[0]!.taskRoleArn = ARNS.executionRole;
    });
    const webRoles = edges.filter((e) => e.kind === 'service-role' && e.from.id === ARNS.webService);
    expect(webRoles.map((e) => `${e.to.id}:${e.attributes.roleSlot}`).sort()).toEqual([`${ARNS.executionRole}:execution`, `${ARNS.executionRole}:task`]);
  });
});

describe('determinism', () => {
  it('gives the same edges whatever the order of the inventory lists', () => {
    const shuffled = structuredClone(shopInventory());
    for (const key of Object.keys(shuffled) as (keyof Inventory)[]) {
      const value = shuffled[key];
      if (Array.isArray(value)) value.reverse();
    }
    for (const group of shuffled.securityGroups) group.inbound.reverse();
    expect(correlate(shuffled).map((e) => JSON.stringify([e.kind, e.from, e.to, e.attributes]))).toEqual(
      correlate(shopInventory()).map((e) => JSON.stringify([e.kind, e.from, e.to, e.attributes])),
    );
  });
});
