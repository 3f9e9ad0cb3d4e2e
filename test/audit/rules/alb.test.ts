import { describe, expect, it } from 'vitest';
import { albHttpForwards } from '../../../src/audit/rules/alb/http-forwards.js';
import { albInternetNonWebPorts } from '../../../src/audit/rules/alb/internet-non-web-ports.js';
import { albOutdatedTlsPolicy } from '../../../src/audit/rules/alb/outdated-tls-policy.js';
import { albTargetGroupUnhealthy } from '../../../src/audit/rules/alb/target-group-unhealthy.js';
import { albTargetGroupWithoutService } from '../../../src/audit/rules/alb/target-group-without-service.js';
import type { Inventory, ListenerAction } from '../../../src/model/index.js';
import { ARNS, IDS } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

const REDIRECT: ListenerAction = { type: 'redirect', targetGroups: [], redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } };

function httpListener(inventory: Inventory) {
  return inventory.listeners.find((l) => l.arn === ARNS.listenerHttp)!;
}

function redirectingHttp(inventory: Inventory): Inventory {
  httpListener(inventory).defaultActions = [REDIRECT];
  inventory.listenerRules.find((r) => r.arn === ARNS.ruleHttpDefault)!.actions = [REDIRECT];
  return inventory;
}

describe('TOPO-ALB-001 HTTP listener forwards', () => {
  it('fires on the shop HTTP:80 listener, which forwards to shop-web-tg', () => {
    expect(check(albHttpForwards, shop())).toEqual([
      {
        message: 'Listener shop-edge-alb HTTP:80 forwards plain HTTP to its targets instead of redirecting to HTTPS.',
        resources: [
          { kind: 'load-balancer', id: ARNS.alb },
          { kind: 'listener', id: ARNS.listenerHttp },
          { kind: 'target-group', id: ARNS.targetGroup },
        ],
        evidence: [{ matchType: 'default-action', matchedValue: 'forward', field: 'shop-edge-alb HTTP:80 default action' }],
      },
    ]);
  });

  it('is silent once HTTP redirects to HTTPS', () => {
    expect(check(albHttpForwards, redirectingHttp(shop()))).toEqual([]);
  });

  it('fires on a forwarding rule behind a redirecting default', () => {
    const inventory = redirectingHttp(shop());
    inventory.listenerRules.push({
      arn: `${ARNS.ruleHttpDefault}0`,
      listenerArn: ARNS.listenerHttp,
      region: 'us-east-1',
      priority: 10,
      conditions: [{ field: 'path-pattern', values: ['/legacy/*'] }],
      actions: [{ type: 'forward', targetGroups: [{ targetGroupArn: ARNS.targetGroup }] }],
    });
    expect(check(albHttpForwards, inventory).map((r) => r.evidence)).toEqual([
      [{ matchType: 'rule-action', matchedValue: 'forward', field: 'shop-edge-alb HTTP:80 rule 10' }],
    ]);
  });

  it('says so when the load balancer has no HTTPS listener at all', () => {
    const inventory = shop();
    inventory.listeners = inventory.listeners.filter((l) => l.protocol === 'HTTP');
    expect(check(albHttpForwards, inventory).map((r) => r.message)).toEqual([
      'Listener shop-edge-alb HTTP:80 forwards plain HTTP to its targets instead of redirecting to HTTPS (the load balancer has no HTTPS listener).',
    ]);
  });

  it('leaves internal load balancers alone', () => {
    const inventory = shop();
    inventory.loadBalancers[0]!.scheme = 'internal';
    expect(check(albHttpForwards, inventory)).toEqual([]);
  });
});

describe('TOPO-ALB-002 outdated TLS policy', () => {
  it('fires on ELBSecurityPolicy-2016-08', () => {
    const inventory = shop();
    inventory.listeners[0]!.sslPolicy = 'ELBSecurityPolicy-2016-08';
    expect(check(albOutdatedTlsPolicy, inventory)).toEqual([
      {
        message: 'Listener shop-edge-alb HTTPS:443 uses TLS policy ELBSecurityPolicy-2016-08, which is not a current TLS 1.2+/1.3 policy.',
        resources: [
          { kind: 'load-balancer', id: ARNS.alb },
          { kind: 'listener', id: ARNS.listenerHttps },
        ],
        evidence: [{ matchType: 'listener', matchedValue: 'ELBSecurityPolicy-2016-08', field: 'shop-edge-alb HTTPS:443 sslPolicy' }],
      },
    ]);
  });

  it('fires on TLS 1.2-only policies without TLS 1.3, and on a missing policy (the API default)', () => {
    const inventory = shop();
    inventory.listeners[0]!.sslPolicy = 'ELBSecurityPolicy-TLS-1-2-Ext-2018-06';
    expect(check(albOutdatedTlsPolicy, inventory)).toHaveLength(1);
    delete inventory.listeners[0]!.sslPolicy;
    expect(check(albOutdatedTlsPolicy, inventory).map((r) => r.message)).toEqual([
      'Listener shop-edge-alb HTTPS:443 uses TLS policy ELBSecurityPolicy-2016-08 (the default when none is set), which is not a current TLS 1.2+/1.3 policy.',
    ]);
  });

  it('is silent on the shop TLS13 policy and on the post-quantum ones', () => {
    const inventory = shop();
    expect(check(albOutdatedTlsPolicy, inventory)).toEqual([]);
    inventory.listeners[0]!.sslPolicy = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
    expect(check(albOutdatedTlsPolicy, inventory)).toEqual([]);
  });
});

describe('TOPO-ALB-003 target group without a service', () => {
  it('fires on a target group no service binds, with no registered targets', () => {
    const inventory = shop();
    inventory.services[0]!.loadBalancers = [];
    inventory.targetGroups[0]!.targetHealth = { total: 0, healthy: 0, unhealthy: 0 };
    expect(check(albTargetGroupWithoutService, inventory)).toEqual([
      {
        message: 'Target group shop-web-tg has no ECS service bound to it and no registered targets.',
        resources: [
          { kind: 'target-group', id: ARNS.targetGroup },
          { kind: 'load-balancer', id: ARNS.alb },
        ],
        evidence: [],
      },
    ]);
  });

  it('is silent when the web service is bound, or when something else has registered targets', () => {
    expect(check(albTargetGroupWithoutService, shop())).toEqual([]);
    const inventory = shop();
    inventory.services[0]!.loadBalancers = [];
    expect(check(albTargetGroupWithoutService, inventory)).toEqual([]);
  });
});

describe('TOPO-ALB-004 no healthy target', () => {
  it('fires when the service\'s targets are all unhealthy', () => {
    const inventory = shop();
    inventory.targetGroups[0]!.targetHealth = { total: 2, healthy: 0, unhealthy: 2 };
    expect(check(albTargetGroupUnhealthy, inventory)).toEqual([
      {
        message: 'Target group shop-web-tg has no healthy target (2 registered, 2 unhealthy).',
        resources: [
          { kind: 'target-group', id: ARNS.targetGroup },
          { kind: 'ecs-service', id: ARNS.webService },
        ],
        evidence: [],
      },
    ]);
  });

  it('is silent with one healthy target, and when health was not collected (templates)', () => {
    expect(check(albTargetGroupUnhealthy, shop())).toEqual([]);
    const inventory = shop();
    delete inventory.targetGroups[0]!.targetHealth;
    expect(check(albTargetGroupUnhealthy, inventory)).toEqual([]);
  });
});

describe('TOPO-ALB-005 internet-facing load balancer open beyond 80/443', () => {
  it('fires on an 8080 rule from the internet', () => {
    const inventory = shop();
    const albGroup = inventory.securityGroups.find((g) => g.id === IDS.sgAlb)!;
    albGroup.inbound.push({ protocol: 'tcp', fromPort: 8080, toPort: 8080, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } });
    expect(check(albInternetNonWebPorts, inventory)).toEqual([
      {
        message: 'Internet-facing load balancer shop-edge-alb admits tcp 8080 from 0.0.0.0/0 (shop-alb-sg).',
        resources: [
          { kind: 'load-balancer', id: ARNS.alb },
          { kind: 'security-group', id: IDS.sgAlb },
        ],
        evidence: [{ matchType: 'sg-rule', matchedValue: '0.0.0.0/0', field: `${IDS.sgAlb} inbound tcp 8080` }],
      },
    ]);
  });

  it('counts a range spanning 80-443 as more than the web ports', () => {
    const inventory = shop();
    inventory.securityGroups.find((g) => g.id === IDS.sgAlb)!.inbound[0] = { protocol: 'tcp', fromPort: 80, toPort: 443, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } };
    expect(check(albInternetNonWebPorts, inventory).map((r) => r.message)).toEqual([
      'Internet-facing load balancer shop-edge-alb admits tcp 80-443 from 0.0.0.0/0 (shop-alb-sg).',
    ]);
  });

  it('is silent on the shop ALB, open on 80 and 443 only', () => {
    expect(check(albInternetNonWebPorts, shop())).toEqual([]);
  });
});
