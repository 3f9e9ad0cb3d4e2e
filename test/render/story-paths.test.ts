import { describe, expect, it } from 'vitest';
import { requestPaths, workerPaths, type ArchitecturePath } from '../../src/render/story-paths.js';
import { plainText } from '../../src/render/story-text.js';
import { ACCOUNT, ARNS, REGION } from '../fixtures/model/shop-account.js';
import { shopTopology, shopVariant } from './diagram-support.js';

function steps(path: ArchitecturePath | undefined): [string, string, string][] {
  if (!path) throw new Error('no path');
  return path.steps.map((s) => [s.kind, s.name, plainText(s.text)]);
}

const API_TG = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/shop-api-tg/0a1b2c3d4e5f6a7b`;
const API_RULE = `${ARNS.listenerHttps.replace(':listener/', ':listener-rule/')}/aaaabbbbccccdddd`;
const API_SERVICE = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/shop/shop-api`;

describe('requestPaths', () => {
  it('walks Route53 → ALB → listeners → target group → web service → its data stores for the shop account', () => {
    const paths = requestPaths(shopTopology());
    expect(paths.map((p) => p.title)).toEqual(['www.corp.io → shop-web']);
    expect(paths[0]?.service).toBe('shop-web');
    expect(steps(paths[0]).map(([kind, name]) => `${kind}: ${name}`)).toEqual([
      'Route53 record: www.corp.io',
      'ALB: shop-edge-alb',
      'Listeners: HTTP 80 · HTTPS 443',
      'Target group: shop-web-tg',
      'ECS service: shop-web',
      'RDS instance: shop-db',
      'S3 bucket: shop-media-uploads-123456789012',
      'SQS queue: shop-jobs',
    ]);
    const text = steps(paths[0]).map(([, , t]) => t);
    expect(text[0]).toBe('Route53 resolves www.corp.io to shop-edge-alb (alias A record).');
    expect(text[1]).toBe('shop-edge-alb is an internet-facing ALB in public subnets, listening on HTTP 80 and HTTPS 443.');
    expect(text[2]).toBe(
      'HTTP 80 and HTTPS 443 forward to shop-web-tg by the default rule; TLS terminates here (ELBSecurityPolicy-TLS13-1-2-2021-06).',
    );
    expect(text[3]).toBe('shop-web-tg sends HTTP on port 3000 to shop-web, container web, health check /health, 1 of 1 targets healthy.');
    expect(text[4]).toBe('shop-web serves the request (1 task, FARGATE, private subnets, no public IP).');
    expect(text[5]).toBe('shop-web reaches postgres shop-db on tcp 5432 (found by security-group rule and environment variable).');
  });

  it('marks resource names as code runs, not as text', () => {
    const first = requestPaths(shopTopology())[0]?.steps[0]?.text;
    expect(first).toEqual(['Route53 resolves ', { code: 'www.corp.io' }, ' to ', { code: 'shop-edge-alb' }, ' (alias A record).']);
  });

  it('starts at the load balancer itself when no Route53 record points at it', () => {
    const topology = shopVariant((inv) => {
      inv.dnsRecords = inv.dnsRecords.filter((r) => r.type !== 'A');
    });
    const [path] = requestPaths(topology);
    expect(path?.title).toBe('shop-edge-alb → shop-web');
    expect(steps(path)[0]).toEqual(['Entry', 'shop-edge-alb', 'Clients reach shop-edge-alb by its own DNS name: no Route53 record in this account points at it.']);
  });

  it('gives every service behind the load balancer its own path, naming the rule that routes to it', () => {
    const topology = shopVariant((inv) => {
      const webTg = inv.targetGroups[0]!;
      const web = inv.services[0]!;
      inv.targetGroups.push({ ...structuredClone(webTg), arn: API_TG, name: 'shop-api-tg', port: 8080 });
      inv.listenerRules.push({
        arn: API_RULE,
        listenerArn: ARNS.listenerHttps,
        region: REGION,
        priority: 10,
        conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
        actions: [{ type: 'forward', targetGroups: [{ targetGroupArn: API_TG }] }],
      });
      inv.services.push({ ...structuredClone(web), arn: API_SERVICE, name: 'shop-api', loadBalancers: [{ targetGroupArn: API_TG, containerName: 'api', containerPort: 8080 }] });
    });
    const paths = requestPaths(topology);
    expect(paths.map((p) => p.title).sort()).toEqual(['www.corp.io → shop-api', 'www.corp.io → shop-web']);
    const api = paths.find((p) => p.service === 'shop-api');
    expect(steps(api)[2]).toEqual([
      'Listener',
      'HTTPS 443',
      'HTTPS 443 forwards to shop-api-tg by rule 10 (path-pattern /api/*); TLS terminates here (ELBSecurityPolicy-TLS13-1-2-2021-06).',
    ]);
    expect(steps(api)[3]?.[2]).toContain('sends HTTP on port 8080 to shop-api, container api');
  });

  it('finds no request path when no target group forwards to a service', () => {
    const topology = shopVariant((inv) => {
      for (const service of inv.services) service.loadBalancers = [];
    });
    expect(requestPaths(topology)).toEqual([]);
  });
});

describe('workerPaths', () => {
  it('walks producer → queue (with its dead-letter queue) → worker → its data stores', () => {
    const paths = workerPaths(shopTopology());
    expect(paths.map((p) => p.title)).toEqual(['shop-jobs → shop-worker']);
    expect(steps(paths[0])).toEqual([
      ['Producer', 'shop-web', 'shop-web sends messages to shop-jobs (found by environment variable and IAM policy).'],
      [
        'SQS queue',
        'shop-jobs',
        'shop-jobs holds the work (standard, SSE-SQS encrypted, visibility timeout 300 s, long polling 20 s); after 5 failed receives a message moves to shop-jobs-dlq.',
      ],
      [
        'ECS service',
        'shop-worker',
        'shop-worker polls shop-jobs (found by environment variable and IAM policy); no load balancer reaches it (1 task, FARGATE, private subnets, no public IP).',
      ],
      ['RDS instance', 'shop-db', 'shop-worker reaches postgres shop-db on tcp 5432 (found by security-group rule).'],
      ['S3 bucket', 'shop-media-uploads-123456789012', 'shop-worker stores objects in shop-media-uploads-123456789012 (found by environment variable and IAM policy).'],
    ]);
  });

  it('says so when no collected service sends to the queue, and when the queue has no dead-letter queue', () => {
    const topology = shopVariant((inv) => {
      const webEnv = inv.taskDefinitions[0]!.containers[0]!.environment;
      inv.taskDefinitions[0]!.containers[0]!.environment = webEnv.filter((v) => v.name !== 'JOBS_QUEUE_URL');
      inv.managedPolicies[0]!.document!.statements = inv.managedPolicies[0]!.document!.statements.filter((s) => !s.actions.includes('sqs:SendMessage'));
      delete inv.queues[0]!.redrive;
    });
    const text = steps(workerPaths(topology)[0]).map(([, , t]) => t);
    expect(text[0]).toBe('No collected service sends to shop-jobs: messages come from outside this view.');
    expect(text[1]).toMatch(/; no dead-letter queue\.$/);
  });

  it('finds no worker path when no service consumes a queue', () => {
    const topology = shopVariant((inv) => {
      inv.managedPolicies[1]!.document!.statements = inv.managedPolicies[1]!.document!.statements.filter((s) => !s.actions.some((a) => a.startsWith('sqs:')));
      inv.taskDefinitions[1]!.containers[0]!.environment = inv.taskDefinitions[1]!.containers[0]!.environment.filter((v) => v.name !== 'QUEUE_NAME');
    });
    expect(workerPaths(topology)).toEqual([]);
  });
});
