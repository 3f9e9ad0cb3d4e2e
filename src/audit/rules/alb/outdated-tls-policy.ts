import { ref } from '../../../model/index.js';
import { located, settingField } from '../../../model/fields.js';
import type { Rule, RuleResult } from '../../rule.js';
import { message, nameOf, shared } from '../../message.js';

/**
 * The current ELB security policies: TLS 1.2 minimum with TLS 1.3 (or TLS 1.3 only), including the
 * FIPS and post-quantum (PQ) variants. Source: "Security policies for your Application Load
 * Balancer" (docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html)
 * and the `SslPolicy` enum of aws-cdk-lib 2.276. The older `ELBSecurityPolicy-TLS-1-2-*` and
 * `FS-1-2-*` policies allow TLS 1.2 but not 1.3, and everything else still allows TLS 1.0 or 1.1.
 */
export const CURRENT_TLS_POLICIES: ReadonlySet<string> = new Set([
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
]);

/** What AWS applies when a listener is created through the API or CloudFormation without a policy. */
const API_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

export const albOutdatedTlsPolicy: Rule = {
  id: 'TOPO-ALB-002',
  title: 'HTTPS listener uses an outdated TLS policy',
  severity: 'medium',
  area: 'alb',
  needs: ['listeners'],
  rationale:
    'Policies older than the TLS13 family accept TLS 1.0/1.1 or lack TLS 1.3 and keep weak CBC cipher suites. Listeners created through the API or CloudFormation without a policy get ELBSecurityPolicy-2016-08, which allows TLS 1.0.',
  remediation: 'Set the listener\'s SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a newer TLS13 policy, e.g. a -PQ-2025-09 one).',
  check: ({ inventory, index }) => {
    const results: RuleResult[] = [];
    for (const listener of inventory.listeners) {
      if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') continue;
      const policy = listener.sslPolicy ?? API_DEFAULT_POLICY;
      if (CURRENT_TLS_POLICIES.has(policy)) continue;
      results.push({
        ...message`Listener ${nameOf(index, ref('listener', listener.arn))} uses TLS policy ${shared(policy)}${listener.sslPolicy === undefined ? message` (the default when none is set)` : message``}, which is not a current TLS 1.2+/1.3 policy.`,
        resources: [ref('load-balancer', listener.loadBalancerArn), ref('listener', listener.arn)],
        evidence: [located({ matchType: 'listener', matchedValue: policy }, settingField(index, ref('listener', listener.arn), 'sslPolicy'))],
      });
    }
    return results;
  },
};
