import { describe, expect, it } from 'vitest';
import { collectElbv2, toCondition } from '../../../src/sources/aws/elbv2.js';
import { ACCOUNT, ARNS, IDS, NAMES } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';

async function collect(fake: AwsFake) {
  const { ctx, recorder } = contextFor(fake, 'elbv2');
  return { inventory: await collectElbv2(ctx), coverage: recorder.result() };
}

const plainForward = { type: 'forward', targetGroups: [{ targetGroupArn: ARNS.targetGroup }] };

describe('collectElbv2 over the recorded account', () => {
  it('maps the load balancer with its tags', async () => {
    const { inventory, coverage } = await collect(await AwsFake.recorded());
    expect(inventory.loadBalancers).toEqual([
      {
        arn: ARNS.alb,
        name: NAMES.alb,
        region: 'us-east-1',
        type: 'application',
        scheme: 'internet-facing',
        state: 'active',
        vpcId: IDS.vpc,
        subnetIds: [IDS.subnetPublicA, IDS.subnetPublicB],
        securityGroupIds: [IDS.sgAlb],
        dnsName: NAMES.albDns,
        canonicalHostedZoneId: IDS.albCanonicalZone,
        ipAddressType: 'ipv4',
        tags: { Name: 'shop-edge-alb', team: 'shop' },
      },
    ]);
    expect(coverage.status).toBe('ok');
  });

  it('maps the HTTPS listener with its certificate and the HTTP listener that forwards', async () => {
    const { inventory } = await collect(await AwsFake.recorded());
    expect(inventory.listeners).toEqual([
      {
        arn: ARNS.listenerHttps,
        loadBalancerArn: ARNS.alb,
        region: 'us-east-1',
        protocol: 'HTTPS',
        port: 443,
        certificateArns: [ARNS.certificate],
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        defaultActions: [plainForward],
      },
      { arn: ARNS.listenerHttp, loadBalancerArn: ARNS.alb, region: 'us-east-1', protocol: 'HTTP', port: 80, certificateArns: [], defaultActions: [plainForward] },
    ]);
    expect(inventory.listenerRules).toEqual([
      { arn: ARNS.ruleHttpsDefault, listenerArn: ARNS.listenerHttps, region: 'us-east-1', priority: 'default', conditions: [], actions: [plainForward] },
      { arn: ARNS.ruleHttpDefault, listenerArn: ARNS.listenerHttp, region: 'us-east-1', priority: 'default', conditions: [], actions: [plainForward] },
    ]);
  });

  it('maps the target group with health check and target health', async () => {
    const { inventory } = await collect(await AwsFake.recorded());
    expect(inventory.targetGroups).toEqual([
      {
        arn: ARNS.targetGroup,
        name: NAMES.targetGroup,
        region: 'us-east-1',
        protocol: 'HTTP',
        port: 3000,
        targetType: 'ip',
        vpcId: IDS.vpc,
        loadBalancerArns: [ARNS.alb],
        healthCheck: {
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/health',
          intervalSeconds: 30,
          timeoutSeconds: 5,
          healthyThresholdCount: 2,
          unhealthyThresholdCount: 3,
          matcher: '200',
        },
        targetHealth: { total: 1, healthy: 1, unhealthy: 0 },
        tags: {},
      },
    ]);
  });

  it('asks for 400 per page, since the ELBv2 paginators do not set a page size', async () => {
    const fake = await AwsFake.recorded();
    await collect(fake);
    const paged = ['DescribeLoadBalancers', 'DescribeTargetGroups', 'DescribeListeners', 'DescribeListenerCertificates', 'DescribeRules'];
    expect(fake.calls('elbv2').filter((r) => paged.includes(r.operation)).map((r) => [r.operation, r.params.PageSize])).toEqual(
      expect.arrayContaining(paged.map((op) => [op, '400'])),
    );
    expect(fake.calls('elbv2', 'DescribeRules')).toHaveLength(2);
  });
});

const tgArn = (n: number) => `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/tg-${n}/${String(n).padStart(16, '0')}`;
const targetGroupXml = (n: number) =>
  `<member><TargetGroupArn>${tgArn(n)}</TargetGroupArn><TargetGroupName>tg-${n}</TargetGroupName><Protocol>HTTP</Protocol><Port>80</Port><TargetType>instance</TargetType><LoadBalancerArns/></member>`;

describe('collectElbv2 paging, batching and actions', () => {
  it('walks target group pages by marker and tags them 20 ARNs per call', async () => {
    const fake = await AwsFake.recorded();
    const numbers = Array.from({ length: 25 }, (_, i) => i + 1);
    fake.reply('elbv2', 'DescribeTargetGroups', `<TargetGroups>${numbers.slice(0, 15).map(targetGroupXml).join('')}</TargetGroups><NextMarker>m-2</NextMarker>`);
    fake.reply('elbv2', 'DescribeTargetGroups', `<TargetGroups>${numbers.slice(15).map(targetGroupXml).join('')}</TargetGroups>`, {
      match: { params: { Marker: 'm-2' } },
    });
    fake.reply('elbv2', 'DescribeTargetHealth', '<TargetHealthDescriptions/>');
    fake.reply('elbv2', 'DescribeTags', `<TagDescriptions><member><ResourceArn>${tgArn(21)}</ResourceArn><Tags><member><Key>env</Key><Value>prod</Value></member></Tags></member></TagDescriptions>`);
    const { inventory } = await collect(fake);
    expect(inventory.targetGroups?.map((tg) => tg.name)).toEqual(numbers.map((n) => `tg-${n}`));
    const tagCalls = fake.calls('elbv2', 'DescribeTags');
    // one load balancer + 25 target groups = 26 ARNs: a call of 20 and a call of 6
    expect(tagCalls.map((r) => Object.keys(r.params).filter((k) => k.startsWith('ResourceArns.member.')).length)).toEqual([20, 6]);
    expect(inventory.targetGroups?.find((tg) => tg.name === 'tg-21')?.tags).toEqual({ env: 'prod' });
    expect(inventory.targetGroups?.find((tg) => tg.name === 'tg-3')?.targetHealth).toEqual({ total: 0, healthy: 0, unhealthy: 0 });
  });

  it('maps weighted forwards, redirects, fixed responses and rule conditions', async () => {
    const fake = await AwsFake.recorded();
    const canary = tgArn(99);
    fake.reply(
      'elbv2',
      'DescribeRules',
      `<Rules>
        <member><IsDefault>false</IsDefault><Priority>10</Priority><RuleArn>rule-10</RuleArn>
          <Conditions>
            <member><Field>host-header</Field><Values><member>api.corp.io</member></Values><HostHeaderConfig><Values><member>api.corp.io</member></Values></HostHeaderConfig></member>
            <member><Field>http-header</Field><HttpHeaderConfig><HttpHeaderName>X-Canary</HttpHeaderName><Values><member>1</member></Values></HttpHeaderConfig></member>
            <member><Field>query-string</Field><QueryStringConfig><Values><member><Key>v</Key><Value>2</Value></member></Values></QueryStringConfig></member>
          </Conditions>
          <Actions><member><Type>forward</Type><Order>1</Order><ForwardConfig><TargetGroups>
            <member><TargetGroupArn>${ARNS.targetGroup}</TargetGroupArn><Weight>90</Weight></member>
            <member><TargetGroupArn>${canary}</TargetGroupArn><Weight>10</Weight></member>
          </TargetGroups></ForwardConfig></member></Actions>
        </member>
        <member><IsDefault>false</IsDefault><Priority>20</Priority><RuleArn>rule-20</RuleArn>
          <Conditions><member><Field>path-pattern</Field><PathPatternConfig><Values><member>/old/*</member></Values></PathPatternConfig></member></Conditions>
          <Actions><member><Type>redirect</Type><Order>1</Order><RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><Host>#{host}</Host><Path>/new/#{path}</Path><Query>#{query}</Query><StatusCode>HTTP_301</StatusCode></RedirectConfig></member></Actions>
        </member>
        <member><IsDefault>true</IsDefault><Priority>default</Priority><RuleArn>rule-default</RuleArn><Conditions/>
          <Actions><member><Type>fixed-response</Type><FixedResponseConfig><StatusCode>404</StatusCode><ContentType>text/plain</ContentType></FixedResponseConfig></member></Actions>
        </member>
      </Rules>`,
      { match: { params: { ListenerArn: ARNS.listenerHttps } } },
    );
    const { inventory } = await collect(fake);
    const rules = inventory.listenerRules?.filter((r) => r.listenerArn === ARNS.listenerHttps);
    expect(rules).toEqual([
      {
        arn: 'rule-10',
        listenerArn: ARNS.listenerHttps,
        region: 'us-east-1',
        priority: 10,
        conditions: [
          { field: 'host-header', values: ['api.corp.io'] },
          { field: 'http-header:X-Canary', values: ['1'] },
          { field: 'query-string', values: ['v=2'] },
        ],
        actions: [{ type: 'forward', order: 1, targetGroups: [{ targetGroupArn: ARNS.targetGroup, weight: 90 }, { targetGroupArn: canary, weight: 10 }] }],
      },
      {
        arn: 'rule-20',
        listenerArn: ARNS.listenerHttps,
        region: 'us-east-1',
        priority: 20,
        conditions: [{ field: 'path-pattern', values: ['/old/*'] }],
        actions: [
          {
            type: 'redirect',
            order: 1,
            targetGroups: [],
            redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/new/#{path}', query: '#{query}', statusCode: 'HTTP_301' },
          },
        ],
      },
      {
        arn: 'rule-default',
        listenerArn: ARNS.listenerHttps,
        region: 'us-east-1',
        priority: 'default',
        conditions: [],
        actions: [{ type: 'fixed-response', targetGroups: [], fixedResponse: { statusCode: '404', contentType: 'text/plain' } }],
      },
    ]);
  });

  it('lists SNI certificates after the default one', async () => {
    const fake = await AwsFake.recorded();
    const sni = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
    fake.reply(
      'elbv2',
      'DescribeListenerCertificates',
      `<Certificates><member><CertificateArn>${sni}</CertificateArn><IsDefault>false</IsDefault></member><member><CertificateArn>${ARNS.certificate}</CertificateArn><IsDefault>true</IsDefault></member></Certificates>`,
    );
    const { inventory } = await collect(fake);
    expect(inventory.listeners?.find((l) => l.port === 443)?.certificateArns).toEqual([ARNS.certificate, sni]);
  });

  it('keeps the default certificate and records the call when listing certificates is denied', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('elbv2', 'DescribeListenerCertificates', 'AccessDenied');
    const { inventory, coverage } = await collect(fake);
    expect(inventory.listeners?.find((l) => l.port === 443)?.certificateArns).toEqual([ARNS.certificate]);
    expect(coverage).toEqual({
      service: 'elbv2',
      region: 'us-east-1',
      status: 'denied',
      missing: [{ action: 'elasticloadbalancing:DescribeListenerCertificates', reason: 'denied', code: 'AccessDenied', resource: ARNS.listenerHttps }],
    });
  });

  it('does not ask network load balancers for rules', async () => {
    const fake = await AwsFake.recorded();
    const nlb = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/shop-nlb/1111111111111111`;
    fake.reply('elbv2', 'DescribeLoadBalancers', `<LoadBalancers><member><LoadBalancerArn>${nlb}</LoadBalancerArn><LoadBalancerName>shop-nlb</LoadBalancerName><Type>network</Type><Scheme>internal</Scheme></member></LoadBalancers>`);
    fake.reply('elbv2', 'DescribeListeners', `<Listeners><member><ListenerArn>${nlb}/l1</ListenerArn><LoadBalancerArn>${nlb}</LoadBalancerArn><Port>5432</Port><Protocol>TCP</Protocol><DefaultActions>${'<member><Type>forward</Type><TargetGroupArn>' + ARNS.targetGroup + '</TargetGroupArn></member>'}</DefaultActions></member></Listeners>`, {
      match: { params: { LoadBalancerArn: nlb } },
    });
    const { inventory } = await collect(fake);
    expect(inventory.listeners).toEqual([
      { arn: `${nlb}/l1`, loadBalancerArn: nlb, region: 'us-east-1', protocol: 'TCP', port: 5432, certificateArns: [], defaultActions: [plainForward] },
    ]);
    expect(fake.calls('elbv2', 'DescribeRules')).toEqual([]);
  });
});

describe('toCondition', () => {
  it('falls back to the legacy Values list', () => {
    expect(toCondition({ Field: 'path-pattern', Values: ['/api/*'] })).toEqual({ field: 'path-pattern', values: ['/api/*'] });
    expect(toCondition({ Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } })).toEqual({ field: 'source-ip', values: ['10.0.0.0/8'] });
  });
});
