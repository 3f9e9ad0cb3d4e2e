import type { HealthCheck, Listener, ListenerAction, ListenerRule, LoadBalancer, RuleCondition, TargetGroup } from './inventory.js';
import { numbersAndBooleans, outsideUserCopy } from './kind-redactions.js';
import { LOAD_BALANCER_NAME, TARGET_GROUP_NAME } from './kind-names.js';
import type { Redactor } from './kinds.js';

/**
 * The public copies of the load balancing kinds (`copy` in their descriptors, `model/kinds.ts`):
 * load balancers, listeners, listener rules and target groups, and what listeners and rules share
 * (their actions, URL paths, HTTP methods). Rebuilt field by field, as every copy is (fail closed).
 */

/** The methods HTTP defines; any other method in a rule condition is the account's own word (`CORP_SYNC`). */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

export function loadBalancerCopy(lb: LoadBalancer, r: Redactor): LoadBalancer {
  return {
    arn: r.arn(lb.arn),
    name: r.kindName(LOAD_BALANCER_NAME, lb.name),
    region: r.region(lb.region),
    type: lb.type,
    scheme: lb.scheme,
    ...(lb.state === undefined ? {} : { state: lb.state }),
    ...(lb.vpcId === undefined ? {} : { vpcId: r.ec2Id(lb.vpcId) }),
    subnetIds: lb.subnetIds.map((id) => r.ec2Id(id)),
    securityGroupIds: lb.securityGroupIds.map((id) => r.ec2Id(id)),
    ...(lb.dnsName === undefined ? {} : { dnsName: r.host(lb.dnsName) }),
    ...(lb.canonicalHostedZoneId === undefined ? {} : { canonicalHostedZoneId: r.label('zone-id', lb.canonicalHostedZoneId) }),
    ...(lb.ipAddressType === undefined ? {} : { ipAddressType: lb.ipAddressType }),
    tags: r.tags(lb.tags),
  };
}

export function listenerCopy(listener: Listener, r: Redactor): Listener {
  return {
    arn: r.arn(listener.arn),
    loadBalancerArn: r.arn(listener.loadBalancerArn),
    region: r.region(listener.region),
    protocol: listener.protocol,
    port: listener.port,
    certificateArns: listener.certificateArns.map((arn) => r.arn(arn)),
    ...(listener.sslPolicy === undefined ? {} : { sslPolicy: listener.sslPolicy }),
    defaultActions: listener.defaultActions.map((action) => actionCopy(r, action)),
  };
}

export function listenerRuleCopy(rule: ListenerRule, r: Redactor): ListenerRule {
  return {
    arn: r.arn(rule.arn),
    listenerArn: r.arn(rule.listenerArn),
    region: r.region(rule.region),
    priority: rule.priority,
    conditions: rule.conditions.map((condition) => conditionCopy(r, condition)),
    actions: rule.actions.map((action) => actionCopy(r, action)),
  };
}

/** A condition's values by its field: HTTP's methods stay, host headers, source IPs and URL paths keep their shape. */
function conditionCopy(r: Redactor, condition: RuleCondition): RuleCondition {
  const value = (v: string): string => {
    if (condition.field === 'http-request-method') return HTTP_METHODS.has(v) ? v : r.label('http-method', v, 'method');
    if (condition.field === 'host-header') return r.host(v);
    if (condition.field === 'source-ip') return r.cidr(v);
    if (condition.field === 'path-pattern') return r.urlPath(v);
    return r.label('condition-value', v, 'value');
  };
  return { field: condition.field, values: condition.values.map(value) };
}

/** A listener's or a rule's action: a redirect's `#{host}` and `#{query}` variables stay, its query otherwise hidden. */
function actionCopy(r: Redactor, action: ListenerAction): ListenerAction {
  const redirect = action.redirect;
  return {
    type: action.type,
    ...(action.order === undefined ? {} : { order: action.order }),
    targetGroups: action.targetGroups.map((tg) => ({
      targetGroupArn: r.arn(tg.targetGroupArn),
      ...(tg.weight === undefined ? {} : { weight: tg.weight }),
    })),
    ...(redirect === undefined
      ? {}
      : {
          redirect: {
            ...(redirect.protocol === undefined ? {} : { protocol: redirect.protocol }),
            ...(redirect.port === undefined ? {} : { port: redirect.port }),
            ...(redirect.host === undefined ? {} : { host: /^#\{host\}$/.test(redirect.host) ? redirect.host : r.host(redirect.host) }),
            ...(redirect.path === undefined ? {} : { path: r.urlPath(redirect.path) }),
            ...(redirect.query === undefined ? {} : { query: /^#\{query\}$/.test(redirect.query) ? redirect.query : r.hidden(redirect.query) }),
            ...(redirect.statusCode === undefined ? {} : { statusCode: redirect.statusCode }),
          },
        }),
    ...(action.fixedResponse === undefined
      ? {}
      : {
          fixedResponse: {
            ...(action.fixedResponse.statusCode === undefined ? {} : { statusCode: action.fixedResponse.statusCode }),
            ...(action.fixedResponse.contentType === undefined ? {} : { contentType: action.fixedResponse.contentType }),
          },
        }),
  };
}

export function targetGroupCopy(tg: TargetGroup, r: Redactor): TargetGroup {
  return {
    arn: r.arn(tg.arn),
    name: r.kindName(TARGET_GROUP_NAME, tg.name),
    region: r.region(tg.region),
    ...(tg.protocol === undefined ? {} : { protocol: tg.protocol }),
    ...(tg.port === undefined ? {} : { port: tg.port }),
    targetType: tg.targetType,
    ...(tg.vpcId === undefined ? {} : { vpcId: r.ec2Id(tg.vpcId) }),
    loadBalancerArns: tg.loadBalancerArns.map((arn) => r.arn(arn)),
    healthCheck: healthCheckCopy(r, tg.healthCheck),
    ...(tg.targetHealth === undefined ? {} : { targetHealth: { total: tg.targetHealth.total, healthy: tg.targetHealth.healthy, unhealthy: tg.targetHealth.unhealthy } }),
    tags: r.tags(tg.tags),
    ...(tg.usedBy === undefined ? {} : { usedBy: tg.usedBy.map((user) => outsideUserCopy(r, user)) }),
  };
}

function healthCheckCopy(r: Redactor, check: HealthCheck): HealthCheck {
  const { protocol, port, path, matcher } = check;
  return {
    ...(protocol === undefined ? {} : { protocol }),
    ...(port === undefined ? {} : { port }),
    ...(path === undefined ? {} : { path: r.urlPath(path) }),
    ...numbersAndBooleans(check),
    ...(matcher === undefined ? {} : { matcher }),
  };
}
