import type {
  Action as SdkAction,
  Certificate as SdkCertificate,
  Listener as SdkListener,
  LoadBalancer as SdkLoadBalancer,
  Rule as SdkRule,
  RuleCondition as SdkRuleCondition,
  TagDescription,
  TargetGroup as SdkTargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  Inventory,
  Listener,
  ListenerAction,
  ListenerRule,
  LoadBalancer,
  RuleCondition,
  Tags,
  TargetGroup,
  TargetHealthSummary,
} from '../../model/index.js';
import { batches } from '../../model/index.js';
import { listAll, tagMap, type CollectContext } from './context.js';
import { sdkPackage } from './sdk-packages.js';

const {
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListenerCertificates,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
} = sdkPackage('@aws-sdk/client-elastic-load-balancing-v2');

/**
 * ELBv2 of one region: load balancers → listeners (with every certificate) → rules, and target
 * groups with their health summary. Tags for load balancers and target groups come from
 * DescribeTags, 20 ARNs per call.
 */

/** The largest PageSize the Describe APIs accept (their paginators do not set it). */
const PAGE_SIZE = 400;
const TAGS_BATCH = 20;

type Client = InstanceType<typeof ElasticLoadBalancingV2Client>;

/**
 * A scoped walk (scoped-walk.ts): only these target groups, and the load balancers named here or
 * by those target groups, each described by ARN; their listeners and rules as usual.
 */
export interface Elbv2Targets {
  targetGroupArns: string[];
  loadBalancerArns: string[];
}

/** DescribeLoadBalancers and DescribeTargetGroups take at most 20 ARNs a call. */
const ARNS_PER_CALL = 20;

export async function collectElbv2(ctx: CollectContext, targets?: Elbv2Targets): Promise<Partial<Inventory>> {
  const client = new ElasticLoadBalancingV2Client(ctx.clientConfig);
  const { sdkLoadBalancers, sdkTargetGroups } = targets === undefined ? await everyBalancer(ctx, client) : await targetedBalancers(ctx, client, targets);
  const [listeners, health, tags] = await Promise.all([
    Promise.all(sdkLoadBalancers.map((lb) => describeListeners(ctx, client, lb))).then((l) => l.flat()),
    Promise.all(sdkTargetGroups.map((tg) => describeTargetHealth(ctx, client, tg.TargetGroupArn ?? ''))),
    describeTags(ctx, client, [...sdkLoadBalancers.map((lb) => lb.LoadBalancerArn), ...sdkTargetGroups.map((tg) => tg.TargetGroupArn)]),
  ]);
  const rules = (await Promise.all(listeners.filter((l) => l.hasRules).map((l) => describeRules(ctx, client, l.listener.arn)))).flat();
  return {
    loadBalancers: sdkLoadBalancers.map((lb) => toLoadBalancer(lb, ctx.region, tags.get(lb.LoadBalancerArn ?? ''))),
    listeners: listeners.map((l) => l.listener),
    listenerRules: rules,
    targetGroups: sdkTargetGroups.map((tg, i) => toTargetGroup(tg, ctx.region, health[i], tags.get(tg.TargetGroupArn ?? ''))),
  };
}

async function everyBalancer(ctx: CollectContext, client: Client): Promise<{ sdkLoadBalancers: SdkLoadBalancer[]; sdkTargetGroups: SdkTargetGroup[] }> {
  const [lbs, tgs] = await Promise.all([
    listAll(ctx, 'elasticloadbalancing:DescribeLoadBalancers', () => paginateDescribeLoadBalancers({ client }, { PageSize: PAGE_SIZE }), (p) => p.LoadBalancers),
    listAll(ctx, 'elasticloadbalancing:DescribeTargetGroups', () => paginateDescribeTargetGroups({ client }, { PageSize: PAGE_SIZE }), (p) => p.TargetGroups),
  ]);
  return { sdkLoadBalancers: lbs.ok ? lbs.value : [], sdkTargetGroups: tgs.ok ? tgs.value : [] };
}

/** The target groups by ARN, then the load balancers named or used by them by ARN: no listing of the region. */
async function targetedBalancers(ctx: CollectContext, client: Client, targets: Elbv2Targets): Promise<{ sdkLoadBalancers: SdkLoadBalancer[]; sdkTargetGroups: SdkTargetGroup[] }> {
  const tgBatches = await Promise.all(
    batches([...new Set(targets.targetGroupArns)], ARNS_PER_CALL).map((TargetGroupArns) =>
      listAll(ctx, 'elasticloadbalancing:DescribeTargetGroups', () => paginateDescribeTargetGroups({ client }, { TargetGroupArns }), (p) => p.TargetGroups),
    ),
  );
  const sdkTargetGroups = tgBatches.flatMap((outcome) => (outcome.ok ? outcome.value : []));
  const lbArns = [...new Set([...targets.loadBalancerArns, ...sdkTargetGroups.flatMap((tg) => tg.LoadBalancerArns ?? [])])];
  const lbBatches = await Promise.all(
    batches(lbArns, ARNS_PER_CALL).map((LoadBalancerArns) =>
      listAll(ctx, 'elasticloadbalancing:DescribeLoadBalancers', () => paginateDescribeLoadBalancers({ client }, { LoadBalancerArns }), (p) => p.LoadBalancers),
    ),
  );
  return { sdkLoadBalancers: lbBatches.flatMap((outcome) => (outcome.ok ? outcome.value : [])), sdkTargetGroups };
}

// ---------------------------------------------------------------- getters

/** Listeners of one load balancer; HTTPS/TLS ones with all their certificates (SNI included). */
async function describeListeners(
  ctx: CollectContext,
  client: Client,
  lb: SdkLoadBalancer,
): Promise<{ listener: Listener; hasRules: boolean }[]> {
  const arn = lb.LoadBalancerArn ?? '';
  const found = await listAll(
    ctx,
    'elasticloadbalancing:DescribeListeners',
    () => paginateDescribeListeners({ client }, { LoadBalancerArn: arn, PageSize: PAGE_SIZE }),
    (p) => p.Listeners,
    arn,
  );
  if (!found.ok) return [];
  return Promise.all(
    found.value.map(async (sdkListener) => {
      const certificates = hasCertificates(sdkListener) ? await describeCertificates(ctx, client, sdkListener) : sdkListener.Certificates;
      return { listener: toListener(sdkListener, ctx.region, certificates), hasRules: lb.Type === 'application' };
    }),
  );
}

function hasCertificates(listener: SdkListener): boolean {
  return listener.Protocol === 'HTTPS' || listener.Protocol === 'TLS';
}

/** DescribeListeners names only the default certificate; this adds the SNI ones. */
async function describeCertificates(ctx: CollectContext, client: Client, listener: SdkListener): Promise<SdkCertificate[] | undefined> {
  const arn = listener.ListenerArn ?? '';
  const found = await listAll(
    ctx,
    'elasticloadbalancing:DescribeListenerCertificates',
    () => paginateDescribeListenerCertificates({ client }, { ListenerArn: arn, PageSize: PAGE_SIZE }),
    (p) => p.Certificates,
    arn,
  );
  return found.ok ? found.value : listener.Certificates;
}

async function describeRules(ctx: CollectContext, client: Client, listenerArn: string): Promise<ListenerRule[]> {
  const found = await listAll(
    ctx,
    'elasticloadbalancing:DescribeRules',
    () => paginateDescribeRules({ client }, { ListenerArn: listenerArn, PageSize: PAGE_SIZE }),
    (p) => p.Rules,
    listenerArn,
  );
  return found.ok ? found.value.map((rule) => toListenerRule(rule, listenerArn, ctx.region)) : [];
}

async function describeTargetHealth(ctx: CollectContext, client: Client, targetGroupArn: string): Promise<TargetHealthSummary | undefined> {
  const found = await ctx.call(
    'elasticloadbalancing:DescribeTargetHealth',
    () => client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
    targetGroupArn,
  );
  return found.ok ? toTargetHealthSummary(found.value.TargetHealthDescriptions) : undefined;
}


async function describeTags(ctx: CollectContext, client: Client, arns: (string | undefined)[]): Promise<Map<string, Tags>> {
  const resourceArns = arns.filter((arn): arn is string => arn !== undefined && arn !== '');
  const results = await Promise.all(
    batches(resourceArns, TAGS_BATCH).map((batch) =>
      ctx.call('elasticloadbalancing:DescribeTags', () => client.send(new DescribeTagsCommand({ ResourceArns: batch }))),
    ),
  );
  return tagsByArn(results.flatMap((r) => (r.ok ? (r.value.TagDescriptions ?? []) : [])));
}

// ---------------------------------------------------------------- transforms

export function tagsByArn(descriptions: TagDescription[]): Map<string, Tags> {
  return new Map(descriptions.map((d) => [d.ResourceArn ?? '', tagMap(d.Tags)]));
}

export function toLoadBalancer(lb: SdkLoadBalancer, region: string, tags: Tags = {}): LoadBalancer {
  return {
    arn: lb.LoadBalancerArn ?? '',
    name: lb.LoadBalancerName ?? '',
    region,
    type: lb.Type ?? '',
    scheme: lb.Scheme ?? '',
    state: lb.State?.Code,
    vpcId: lb.VpcId,
    subnetIds: (lb.AvailabilityZones ?? []).flatMap((az) => (az.SubnetId ? [az.SubnetId] : [])),
    securityGroupIds: lb.SecurityGroups ?? [],
    dnsName: lb.DNSName,
    canonicalHostedZoneId: lb.CanonicalHostedZoneId,
    ipAddressType: lb.IpAddressType,
    tags,
  };
}

/**
 * A forward with `TargetGroupArn` is a plain single forward (AWS repeats it in a one-entry
 * ForwardConfig with weight 1); without it, ForwardConfig holds a weighted forward.
 */
export function toAction(action: SdkAction): ListenerAction {
  const targetGroups = action.TargetGroupArn
    ? [{ targetGroupArn: action.TargetGroupArn }]
    : (action.ForwardConfig?.TargetGroups ?? []).map((tg) => ({ targetGroupArn: tg.TargetGroupArn ?? '', weight: tg.Weight ?? 1 }));
  const redirect = action.RedirectConfig;
  const fixed = action.FixedResponseConfig;
  return {
    type: action.Type ?? '',
    ...(action.Order === undefined ? {} : { order: action.Order }),
    targetGroups,
    ...(redirect
      ? {
          redirect: {
            protocol: redirect.Protocol,
            port: redirect.Port,
            host: redirect.Host,
            path: redirect.Path,
            query: redirect.Query,
            statusCode: redirect.StatusCode,
          },
        }
      : {}),
    ...(fixed ? { fixedResponse: { statusCode: fixed.StatusCode, contentType: fixed.ContentType } } : {}),
  };
}

function toActions(actions: SdkAction[] | undefined): ListenerAction[] {
  return [...(actions ?? [])].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0)).map(toAction);
}

export function toListener(listener: SdkListener, region: string, certificates: SdkCertificate[] | undefined): Listener {
  const ordered = [...(certificates ?? [])].sort((a, b) => Number(b.IsDefault ?? false) - Number(a.IsDefault ?? false));
  return {
    arn: listener.ListenerArn ?? '',
    loadBalancerArn: listener.LoadBalancerArn ?? '',
    region,
    protocol: listener.Protocol ?? '',
    port: listener.Port ?? 0,
    certificateArns: [...new Set(ordered.flatMap((c) => (c.CertificateArn ? [c.CertificateArn] : [])))],
    ...(listener.SslPolicy ? { sslPolicy: listener.SslPolicy } : {}),
    defaultActions: toActions(listener.DefaultActions),
  };
}

/** The typed condition configs carry the values; the legacy `Values` list is their fallback. */
export function toCondition(condition: SdkRuleCondition): RuleCondition {
  const field = condition.Field ?? '';
  const legacy = condition.Values ?? [];
  switch (field) {
    case 'host-header':
      return { field, values: condition.HostHeaderConfig?.Values ?? legacy };
    case 'path-pattern':
      return { field, values: condition.PathPatternConfig?.Values ?? legacy };
    case 'http-request-method':
      return { field, values: condition.HttpRequestMethodConfig?.Values ?? legacy };
    case 'source-ip':
      return { field, values: condition.SourceIpConfig?.Values ?? legacy };
    case 'http-header':
      return { field: `http-header:${condition.HttpHeaderConfig?.HttpHeaderName ?? ''}`, values: condition.HttpHeaderConfig?.Values ?? legacy };
    case 'query-string':
      return {
        field,
        values: (condition.QueryStringConfig?.Values ?? []).map((kv) => (kv.Key ? `${kv.Key}=${kv.Value ?? ''}` : (kv.Value ?? ''))),
      };
    default:
      return { field, values: legacy };
  }
}

export function toListenerRule(rule: SdkRule, listenerArn: string, region: string): ListenerRule {
  return {
    arn: rule.RuleArn ?? '',
    listenerArn,
    region,
    priority: rule.IsDefault || rule.Priority === 'default' ? 'default' : Number(rule.Priority),
    conditions: (rule.Conditions ?? []).map(toCondition),
    actions: toActions(rule.Actions),
  };
}

export function toTargetHealthSummary(descriptions: TargetHealthDescription[] | undefined): TargetHealthSummary {
  const states = (descriptions ?? []).map((d) => d.TargetHealth?.State);
  return {
    total: states.length,
    healthy: states.filter((s) => s === 'healthy').length,
    unhealthy: states.filter((s) => s === 'unhealthy').length,
  };
}

export function toTargetGroup(tg: SdkTargetGroup, region: string, targetHealth: TargetHealthSummary | undefined, tags: Tags = {}): TargetGroup {
  return {
    arn: tg.TargetGroupArn ?? '',
    name: tg.TargetGroupName ?? '',
    region,
    protocol: tg.Protocol,
    port: tg.Port,
    targetType: tg.TargetType ?? '',
    vpcId: tg.VpcId,
    loadBalancerArns: tg.LoadBalancerArns ?? [],
    healthCheck: {
      protocol: tg.HealthCheckProtocol,
      port: tg.HealthCheckPort,
      path: tg.HealthCheckPath,
      intervalSeconds: tg.HealthCheckIntervalSeconds,
      timeoutSeconds: tg.HealthCheckTimeoutSeconds,
      healthyThresholdCount: tg.HealthyThresholdCount,
      unhealthyThresholdCount: tg.UnhealthyThresholdCount,
      matcher: tg.Matcher?.HttpCode ?? tg.Matcher?.GrpcCode,
    },
    ...(targetHealth === undefined ? {} : { targetHealth }),
    tags,
  };
}
