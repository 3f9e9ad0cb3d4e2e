import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/index.js';
import type { Rule } from '../../src/audit/rule.js';
import { rdsSingleAz } from '../../src/audit/rules/database/rds-single-az.js';
import { InputFileError } from '../../src/errors.js';
import { ARNS, IDS } from '../fixtures/model/shop-account.js';
import { audit, correlated, shop } from './support.js';

describe('the shop account (the reference page)', () => {
  it('shows the findings its tables imply, most severe first', () => {
    expect(audit(shop()).map((f) => `${f.severity} ${f.ruleId} ${f.message}`)).toEqual([
      'medium TOPO-ALB-001 Listener shop-edge-alb HTTP:80 forwards plain HTTP to its targets instead of redirecting to HTTPS.',
      'medium TOPO-RDS-003 Database shop-db is reachable on port 5432 from address ranges 10.0.0.0/16 and 10.20.0.0/16 instead of from security groups.',
      'medium TOPO-RDS-004 Database shop-db admits shop-bastion-sg, used by no ECS service.',
      'low TOPO-RDS-006 Database shop-db runs in a single Availability Zone.',
      'low TOPO-RDS-007 Database shop-db can be deleted without first turning off deletion protection.',
      'info TOPO-NET-003 Security group shop-bastion-sg is attached to no load balancer, service, database or endpoint.',
    ]);
  });

  it('carries the rule title and the resources by id', () => {
    const finding = audit(shop()).find((f) => f.ruleId === 'TOPO-RDS-004')!;
    expect(finding.title).toBe("Database admits security groups that are no application service's");
    expect(finding.resources).toEqual([
      { kind: 'db-instance', id: ARNS.db },
      { kind: 'security-group', id: IDS.sgBastion },
    ]);
    expect(finding.suppressed).toBeUndefined();
  });

  it('never puts an environment value in a finding', () => {
    const text = JSON.stringify(audit(shop()));
    for (const container of shop().taskDefinitions.flatMap((t) => t.containers)) {
      for (const variable of container.environment.filter((v) => v.value.length > 4)) expect(text).not.toContain(variable.value);
    }
  });
});

describe('a rule that throws', () => {
  const broken: Rule = {
    id: 'TOPO-TEST-001',
    title: 'Always breaks',
    severity: 'critical',
    area: 'database',
    needs: [],
    rationale: 'exercises the engine',
    remediation: 'none',
    check: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'port')");
    },
  };

  it('becomes an info finding naming the rule, and the other rules still run', () => {
    const [single, notEvaluated, ...rest] = runAudit(correlated(shop()), undefined, { rules: [broken, rdsSingleAz] });
    expect(rest).toEqual([]);
    expect(single!.ruleId).toBe('TOPO-RDS-006');
    expect(notEvaluated).toEqual({
      ruleId: 'TOPO-META-002',
      title: 'Rule could not be evaluated',
      severity: 'info',
      message: "TOPO-TEST-001 (Always breaks) could not be evaluated: Cannot read properties of undefined (reading 'port')",
      resources: [],
      evidence: [],
    });
  });
});

describe('suppressions', () => {
  const config = {
    suppressions: [
      { ruleId: 'TOPO-RDS-004', resource: 'shop-bastion-sg', reason: 'bastion runs the schema migrations' },
      { ruleId: 'TOPO-RDS-006', resource: ARNS.db, reason: 'staging-sized; Multi-AZ in production' },
      { ruleId: 'TOPO-NET-003', reason: 'bastion instance is not collected' },
    ],
  };

  it('keeps suppressed findings listed, with their reason', () => {
    const findings = audit(shop(), config);
    expect(findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppressed!.reason])).toEqual([
      ['TOPO-RDS-004', 'bastion runs the schema migrations'],
      ['TOPO-RDS-006', 'staging-sized; Multi-AZ in production'],
      ['TOPO-NET-003', 'bastion instance is not collected'],
    ]);
    expect(findings).toHaveLength(6);
  });

  it('matches a resource by name, id or wildcard, only for its own rule', () => {
    const findings = audit(shop(), { suppressions: [{ ruleId: 'TOPO-RDS-003', resource: 'shop-*', reason: 'VPN admins' }] });
    expect(findings.find((f) => f.ruleId === 'TOPO-RDS-003')!.suppressed).toEqual({ reason: 'VPN admins' });
    expect(findings.find((f) => f.ruleId === 'TOPO-RDS-004')!.suppressed).toBeUndefined();
  });

  it('reports a suppression that matches nothing as TOPO-META-001', () => {
    const findings = audit(shop(), {
      suppressions: [
        { ruleId: 'TOPO-RDS-001', reason: 'old exception' },
        { ruleId: 'TOPO-RDS-006', resource: 'other-db', reason: 'typo' },
        { ruleId: 'TOPO-RDS-999', reason: 'no such rule' },
      ],
    });
    expect(findings.filter((f) => f.ruleId === 'TOPO-META-001').map((f) => [f.severity, f.message])).toEqual([
      ['low', 'Suppression 1 of TOPO-RDS-001 matches no finding.'],
      ['low', 'Suppression 2 of TOPO-RDS-006 for resource other-db matches no finding.'],
      ['low', 'Suppression 3 of TOPO-RDS-999 (no rule has this id) matches no finding.'],
    ]);
    expect(findings.find((f) => f.ruleId === 'TOPO-RDS-006')!.suppressed).toBeUndefined();
  });

  it.each([
    [{ suppressions: [{ ruleId: 'TOPO-RDS-006' }] }, 'topology.config.yml: audit.suppressions[0] (TOPO-RDS-006): reason is required'],
    [{ suppressions: [{ ruleId: 'TOPO-RDS-006', reason: '   ' }] }, 'topology.config.yml: audit.suppressions[0] (TOPO-RDS-006): reason is required'],
    [{ suppressions: [{ ruleId: 'TOPO-RDS-006', reason: 'ok' }, { reason: 'which rule?' }] }, 'topology.config.yml: audit.suppressions[1]: ruleId is required (e.g. TOPO-RDS-006)'],
    [{ suppressions: [{ ruleId: 'TOPO-RDS-006', reason: 'ok', resourse: 'shop-db' }] }, 'topology.config.yml: audit.suppressions[0]: unknown key "resourse" (known: ruleId, resource, reason)'],
    [{ suppressions: [{ ruleId: 'TOPO-RDS-006', reason: 'ok', resource: 42 }] }, 'topology.config.yml: audit.suppressions[0] (TOPO-RDS-006): resource must be a non-empty string (an id, ARN or name)'],
    [{ suppressions: { ruleId: 'TOPO-RDS-006' } }, 'topology.config.yml: audit.suppressions: must be a list'],
    [{ failOn: 'high' }, 'topology.config.yml: audit: unknown key "failOn" (known: suppressions)'],
    [['TOPO-RDS-006'], 'topology.config.yml: audit: must be a mapping (known key: suppressions)'],
  ])('rejects %j with a clear InputFileError', (section, message) => {
    expect(() => audit(shop(), section)).toThrow(InputFileError);
    expect(() => audit(shop(), section)).toThrow(message);
  });

  it('accepts an absent or empty audit section', () => {
    expect(audit(shop(), null)).toHaveLength(6);
    expect(audit(shop(), { suppressions: [] })).toHaveLength(6);
  });
});
