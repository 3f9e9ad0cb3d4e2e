import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/audit/rules/index.js';
import type { Topology } from '../../src/model/index.js';
import { render } from '../../src/render/index.js';
import { artifactUri, findingFingerprint, renderSarif } from '../../src/render/sarif.js';
import { ARNS, IDS } from '../fixtures/model/shop-account.js';
import { audit, correlated, shop } from '../audit/support.js';

/**
 * The SARIF 2.1.0 schema shipped with @microsoft/jest-sarif (draft-04: `id`, not `$id`), loaded into a
 * draft-07 Ajv. One of its patterns has a stray `]` that only non-unicode regular expressions accept.
 */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile({ ...schema, $id: id });
}

const validate = sarifValidator();

function shopTopology(config?: unknown): Topology {
  const topology = correlated(shop());
  return { ...topology, findings: audit(shop(), config) };
}

function parse(text: string): Log {
  return JSON.parse(text) as Log;
}

describe('SARIF output', () => {
  const suppressions = { suppressions: [{ ruleId: 'TOPO-RDS-006', resource: 'shop-db', reason: 'staging-sized' }] };
  const log = parse(renderSarif(shopTopology(suppressions), { artifactUri: 'snapshots/prod.json', toolVersion: '0.1.0' }));

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('also validates with no findings, and the schema does reject a broken log', () => {
    const empty = parse(renderSarif({ ...correlated(shop()), findings: [] }));
    expect(validate(empty)).toBe(true);
    expect(empty.runs[0]!.results).toEqual([]);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('describes every rule with its metadata and help text', () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    const alb = rules.find((rule) => rule.id === 'TOPO-ALB-001')!;
    expect(alb.name).toBe('HttpListenerForwardsInsteadOfRedirectingToHttps');
    expect(alb.shortDescription!.text).toBe('HTTP listener forwards instead of redirecting to HTTPS');
    expect(alb.fullDescription!.text).toMatch(/^An internet-facing HTTP listener that forwards/);
    expect(alb.help!.text).toContain('Remediation: Make the HTTP listener');
    expect(alb.defaultConfiguration!.level).toBe('warning');
    expect(alb.properties).toMatchObject({ severity: 'medium', 'security-severity': '5.5', tags: ['security', 'topology', 'alb'] });
    expect(rules.find((rule) => rule.id === 'TOPO-RDS-002')!.defaultConfiguration!.level).toBe('error');
    expect(rules.find((rule) => rule.id === 'TOPO-NET-003')!.properties!['security-severity']).toBeUndefined();
  });

  it('gives each finding a result with a location, resource ids and a fingerprint', () => {
    const results = log.runs[0]!.results!;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['TOPO-ALB-001', 'warning'],
      ['TOPO-RDS-003', 'warning'],
      ['TOPO-RDS-004', 'warning'],
      ['TOPO-RDS-006', 'note'],
      ['TOPO-RDS-007', 'note'],
      ['TOPO-NET-003', 'note'],
    ]);
    const bastion = results.find((r) => r.ruleId === 'TOPO-RDS-004')!;
    expect(bastion.message.text).toBe('Database shop-db admits shop-bastion-sg, used by no ECS service.');
    expect(bastion.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'snapshots/prod.json' }, region: { startLine: 1 } } }]);
    expect(bastion.properties!.resources).toEqual([`db-instance:${ARNS.db}`, `security-group:${IDS.sgBastion}`]);
    expect(bastion.partialFingerprints!['topologyFinding/v1']).toMatch(/^[a-p]{32}$/);
    expect(bastion.ruleIndex).toBe(ALL_RULES.findIndex((rule) => rule.id === 'TOPO-RDS-004'));
    expect(log.runs[0]!.tool.driver.version).toBe('0.1.0');
  });

  it('marks suppressed findings with an external suppression carrying the reason', () => {
    const singleAz = log.runs[0]!.results!.find((r) => r.ruleId === 'TOPO-RDS-006')!;
    expect(singleAz.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'staging-sized' }]);
    expect(log.runs[0]!.results!.find((r) => r.ruleId === 'TOPO-RDS-007')!.suppressions).toBeUndefined();
  });

  it('keeps fingerprints stable across runs and wordings, distinct across findings', () => {
    const again = parse(renderSarif(shopTopology()));
    const fingerprints = (l: Log) => l.runs[0]!.results!.map((r) => r.partialFingerprints!['topologyFinding/v1']);
    expect(fingerprints(again)).toEqual(fingerprints(log));
    expect(new Set(fingerprints(log)).size).toBe(6);
    const reworded = shopTopology();
    reworded.findings[0] = { ...reworded.findings[0]!, message: 'Reworded.' };
    expect(fingerprints(parse(renderSarif(reworded)))[0]).toBe(fingerprints(log)[0]);
  });

  it('writes fingerprints without digits, so no run of them can pass for an account id', () => {
    const fingerprints = Array.from({ length: 2000 }, (_, i) =>
      findingFingerprint({ ruleId: 'TOPO-RDS-006', title: 't', severity: 'low', message: 'm', resources: [{ kind: 'db-instance', id: `db-${i}` }], evidence: [] }),
    );
    expect(fingerprints.filter((f) => /\d/.test(f))).toEqual([]);
    expect(new Set(fingerprints).size).toBe(2000);
  });

  it('points at topology.config.yml by default and makes paths repository-relative', async () => {
    const viaRegistry = parse(await render(shopTopology(), 'sarif'));
    expect(viaRegistry.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('topology.config.yml');
    expect(artifactUri(`${process.cwd()}/reference-stack/cdk.out/Stack.template.json`)).toBe('reference-stack/cdk.out/Stack.template.json');
    expect(artifactUri('./topology.config.yml')).toBe('topology.config.yml');
  });
});
