import { describe, expect, it } from 'vitest';
import { ALL_RULES, RULES } from '../../src/audit/rules/index.js';
import { RULE_AREAS } from '../../src/audit/rule.js';
import { SEVERITIES } from '../../src/model/index.js';

describe('rule registry', () => {
  it('lists exactly these rules, in this order', () => {
    expect(ALL_RULES.map((rule) => `${rule.id} ${rule.severity}`)).toEqual([
      'TOPO-RDS-001 high',
      'TOPO-RDS-002 critical',
      'TOPO-RDS-003 medium',
      'TOPO-RDS-004 medium',
      'TOPO-RDS-005 high',
      'TOPO-RDS-006 low',
      'TOPO-RDS-007 low',
      'TOPO-DDB-001 medium',
      'TOPO-DDB-002 low',
      'TOPO-ALB-001 medium',
      'TOPO-ALB-002 medium',
      'TOPO-ALB-003 medium',
      'TOPO-ALB-004 high',
      'TOPO-ALB-005 medium',
      'TOPO-ECS-001 medium',
      'TOPO-ECS-002 info',
      'TOPO-ECS-003 high',
      'TOPO-ECS-004 high',
      'TOPO-ECS-005 low',
      'TOPO-ECS-006 medium',
      'TOPO-ECS-007 high',
      'TOPO-SQS-001 medium',
      'TOPO-SQS-002 medium',
      'TOPO-S3-001 medium',
      'TOPO-S3-002 high',
      'TOPO-S3-003 medium',
      'TOPO-NET-001 high',
      'TOPO-NET-002 high',
      'TOPO-NET-003 info',
      'TOPO-NET-004 medium',
      'TOPO-DNS-001 high',
      'TOPO-ACCT-001 medium',
      'TOPO-ACCT-002 medium',
      'TOPO-META-001 low',
      'TOPO-META-002 info',
    ]);
  });

  it('gives every rule complete metadata and a unique id', () => {
    expect(new Set(ALL_RULES.map((rule) => rule.id)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^TOPO-[A-Z0-9]+-\d{3}$/);
      expect(SEVERITIES).toContain(rule.severity);
      expect(RULE_AREAS).toContain(rule.area);
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.rationale.length, rule.id).toBeGreaterThan(40);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(20);
      expect(rule.title.endsWith('.'), rule.id).toBe(false);
    }
  });

  it('runs only rules that have a check; meta rules are metadata only', () => {
    expect(RULES.every((rule) => typeof rule.check === 'function')).toBe(true);
    expect(RULES.some((rule) => rule.area === 'meta')).toBe(false);
  });
});
