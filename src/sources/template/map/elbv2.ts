import type {
  HealthCheck,
  Listener,
  ListenerAction,
  ListenerRule,
  LoadBalancer,
  RuleCondition,
  TargetGroup,
  WeightedTargetGroup,
} from '../../../model/index.js';
import { listenerRuleArn } from '../identity.js';
import type { ResourceSet } from '../resources.js';
import { asNumber, asRecord, asRecords, asString, asStrings, type JsonRecord } from '../values.js';
import { vpcOfSubnets } from './network.js';

export interface Elbv2Inventory {
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  listenerRules: ListenerRule[];
  targetGroups: TargetGroup[];
}

export function mapElbv2(set: ResourceSet): Elbv2Inventory {
  const loadBalancers = mapLoadBalancers(set);
  const listeners = mapListeners(set);
  const listenerRules = mapListenerRules(set, listeners);
  const targetGroups = mapTargetGroups(set, listeners, listenerRules);
  return { loadBalancers, listeners, listenerRules, targetGroups };
}

function mapLoadBalancers(set: ResourceSet): LoadBalancer[] {
  const vpcOf = vpcOfSubnets(set);
  return set.ofType('AWS::ElasticLoadBalancingV2::LoadBalancer').map((lb) => {
    const subnetIds = [
      ...asStrings(lb.properties.Subnets),
      ...asRecords(lb.properties.SubnetMappings).flatMap((mapping) => asStrings(mapping.SubnetId)),
    ];
    const vpcId = vpcOf(subnetIds);
    const dnsName = asString(lb.attribute('DNSName'));
    const canonicalHostedZoneId = asString(lb.attribute('CanonicalHostedZoneID'));
    return {
      arn: lb.id,
      name: asString(lb.properties.Name) ?? lb.displayName,
      region: lb.env.region,
      type: asString(lb.properties.Type) ?? 'application',
      scheme: asString(lb.properties.Scheme) ?? 'internet-facing',
      ...(vpcId === undefined ? {} : { vpcId }),
      subnetIds,
      securityGroupIds: asStrings(lb.properties.SecurityGroups),
      ...(dnsName === undefined ? {} : { dnsName }),
      ...(canonicalHostedZoneId === undefined ? {} : { canonicalHostedZoneId }),
      ipAddressType: asString(lb.properties.IpAddressType) ?? 'ipv4',
      tags: lb.tags,
    };
  });
}

function mapListeners(set: ResourceSet): Listener[] {
  const extraCertificates = set.ofType('AWS::ElasticLoadBalancingV2::ListenerCertificate');
  return set.ofType('AWS::ElasticLoadBalancingV2::Listener').map((listener) => {
    const certificateArns = [
      ...asRecords(listener.properties.Certificates).flatMap((certificate) => asStrings(certificate.CertificateArn)),
      ...extraCertificates
        .filter((extra) => extra.properties.ListenerArn === listener.id)
        .flatMap((extra) => asRecords(extra.properties.Certificates).flatMap((certificate) => asStrings(certificate.CertificateArn))),
    ];
    const protocol = asString(listener.properties.Protocol) ?? (certificateArns.length > 0 ? 'HTTPS' : 'HTTP');
    const sslPolicy = asString(listener.properties.SslPolicy);
    return {
      arn: listener.id,
      loadBalancerArn: asString(listener.properties.LoadBalancerArn) ?? '',
      region: listener.env.region,
      protocol,
      port: asNumber(listener.properties.Port) ?? (protocol === 'HTTPS' ? 443 : 80),
      certificateArns,
      ...(sslPolicy === undefined ? {} : { sslPolicy }),
      defaultActions: actions(listener.properties.DefaultActions),
    };
  });
}

/**
 * Each listener's default rule (as DescribeRules lists it, last) follows the listener's own rules,
 * ordered by priority.
 */
function mapListenerRules(set: ResourceSet, listeners: Listener[]): ListenerRule[] {
  const declared = set.ofType('AWS::ElasticLoadBalancingV2::ListenerRule').map(
    (rule): ListenerRule => ({
      arn: rule.id,
      listenerArn: asString(rule.properties.ListenerArn) ?? '',
      region: rule.env.region,
      priority: asNumber(rule.properties.Priority) ?? 0,
      conditions: asRecords(rule.properties.Conditions).map(condition),
      actions: actions(rule.properties.Actions),
    }),
  );
  const rules: ListenerRule[] = [];
  for (const listener of listeners) {
    const own = declared.filter((rule) => rule.listenerArn === listener.arn);
    rules.push(...own.sort((a, b) => (a.priority as number) - (b.priority as number)));
    rules.push({
      arn: listenerRuleArn(listener.arn, 'default'),
      listenerArn: listener.arn,
      region: listener.region,
      priority: 'default',
      conditions: [],
      actions: listener.defaultActions,
    });
  }
  const listenerArns = new Set(listeners.map((listener) => listener.arn));
  // Rules on listeners declared elsewhere (imported) keep their template order.
  rules.push(...declared.filter((rule) => !listenerArns.has(rule.listenerArn)));
  return rules;
}

/** ELB's documented defaults for the parts of a redirect a template leaves out. */
const REDIRECT_DEFAULTS = { Protocol: '#{protocol}', Port: '#{port}', Host: '#{host}', Path: '/#{path}', Query: '#{query}' };

function actions(raw: unknown): ListenerAction[] {
  return asRecords(raw).map((action) => {
    const type = asString(action.Type) ?? 'forward';
    const order = asNumber(action.Order);
    const redirect = asRecord(action.RedirectConfig);
    const fixed = asRecord(action.FixedResponseConfig);
    return {
      type,
      ...(order === undefined ? {} : { order }),
      targetGroups: type === 'forward' ? forwardTargets(action) : [],
      ...(redirect === undefined ? {} : { redirect: redirectOf({ ...REDIRECT_DEFAULTS, ...redirect }) }),
      ...(fixed === undefined ? {} : { fixedResponse: fixedResponseOf(fixed) }),
    };
  });
}

/** A ForwardConfig over several groups is a weighted forward; one group is a plain forward. */
function forwardTargets(action: JsonRecord): WeightedTargetGroup[] {
  const weighted = asRecords(asRecord(action.ForwardConfig)?.TargetGroups);
  if (weighted.length > 1) {
    return weighted.map((target) => {
      const weight = asNumber(target.Weight);
      return { targetGroupArn: asString(target.TargetGroupArn) ?? '', ...(weight === undefined ? {} : { weight }) };
    });
  }
  const single = asString(action.TargetGroupArn) ?? asString(weighted[0]?.TargetGroupArn);
  return single === undefined ? [] : [{ targetGroupArn: single }];
}

function redirectOf(config: JsonRecord): NonNullable<ListenerAction['redirect']> {
  return {
    protocol: asString(config.Protocol),
    port: asString(config.Port),
    host: asString(config.Host),
    path: asString(config.Path),
    query: asString(config.Query),
    statusCode: asString(config.StatusCode),
  };
}

function fixedResponseOf(config: JsonRecord): NonNullable<ListenerAction['fixedResponse']> {
  const contentType = asString(config.ContentType);
  return { statusCode: asString(config.StatusCode), ...(contentType === undefined ? {} : { contentType }) };
}

/** Typed condition configs win over the legacy `Values`; headers and queries read `name: value`. */
function condition(raw: JsonRecord): RuleCondition {
  const field = asString(raw.Field) ?? '';
  const header = asRecord(raw.HttpHeaderConfig);
  if (header !== undefined) {
    return { field, values: asStrings(header.Values).map((value) => `${asString(header.HttpHeaderName) ?? ''}: ${value}`) };
  }
  const query = asRecord(raw.QueryStringConfig);
  if (query !== undefined) {
    return {
      field,
      values: asRecords(query.Values).map((pair) => (pair.Key === undefined ? (asString(pair.Value) ?? '') : `${asString(pair.Key)}=${asString(pair.Value) ?? ''}`)),
    };
  }
  const typed = ['PathPatternConfig', 'HostHeaderConfig', 'HttpRequestMethodConfig', 'SourceIpConfig']
    .map((key) => asRecord(raw[key]))
    .find((config) => config !== undefined);
  return { field, values: asStrings(typed?.Values ?? raw.Values) };
}

/** ELB fills these in for HTTP(S) target groups when the template does not say. */
function healthCheckOf(properties: JsonRecord): HealthCheck {
  const protocol = asString(properties.Protocol);
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  const pick = <T>(value: T | undefined, fallback: T): T | undefined => value ?? (http ? fallback : undefined);
  const check: HealthCheck = {
    protocol: pick(asString(properties.HealthCheckProtocol), protocol ?? ''),
    port: pick(asString(properties.HealthCheckPort), 'traffic-port'),
    path: pick(asString(properties.HealthCheckPath), '/'),
    intervalSeconds: pick(asNumber(properties.HealthCheckIntervalSeconds), 30),
    timeoutSeconds: pick(asNumber(properties.HealthCheckTimeoutSeconds), 5),
    healthyThresholdCount: pick(asNumber(properties.HealthyThresholdCount), 5),
    unhealthyThresholdCount: pick(asNumber(properties.UnhealthyThresholdCount), 2),
    matcher: pick(asString(asRecord(properties.Matcher)?.HttpCode ?? asRecord(properties.Matcher)?.GrpcCode), '200'),
  };
  return Object.fromEntries(Object.entries(check).filter(([, value]) => value !== undefined)) as HealthCheck;
}

function mapTargetGroups(set: ResourceSet, listeners: Listener[], rules: ListenerRule[]): TargetGroup[] {
  const loadBalancerOfListener = new Map(listeners.map((listener) => [listener.arn, listener.loadBalancerArn]));
  const loadBalancersOfGroup = new Map<string, Set<string>>();
  for (const rule of rules) {
    const lbArn = loadBalancerOfListener.get(rule.listenerArn);
    if (lbArn === undefined) continue;
    for (const target of rule.actions.flatMap((action) => action.targetGroups)) {
      const arns = loadBalancersOfGroup.get(target.targetGroupArn) ?? new Set<string>();
      arns.add(lbArn);
      loadBalancersOfGroup.set(target.targetGroupArn, arns);
    }
  }
  return set.ofType('AWS::ElasticLoadBalancingV2::TargetGroup').map((group) => {
    const protocol = asString(group.properties.Protocol);
    const port = asNumber(group.properties.Port);
    const vpcId = asString(group.properties.VpcId);
    return {
      arn: group.id,
      name: asString(group.properties.Name) ?? group.displayName,
      region: group.env.region,
      ...(protocol === undefined ? {} : { protocol }),
      ...(port === undefined ? {} : { port }),
      targetType: asString(group.properties.TargetType) ?? 'instance',
      ...(vpcId === undefined ? {} : { vpcId }),
      loadBalancerArns: [...(loadBalancersOfGroup.get(group.id) ?? [])],
      healthCheck: healthCheckOf(group.properties),
      tags: group.tags,
    };
  });
}
