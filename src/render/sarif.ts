import { hash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ALL_RULES } from '../audit/rules/index.js';
import { ruleName, type RuleMetadata } from '../audit/rule.js';
import type { Finding, Severity, Topology } from '../model/index.js';
import type { RenderOptions } from './index.js';

export interface SarifOptions extends RenderOptions {
  /**
   * The committed file results point at (GitHub rejects results without a location): the
   * snapshot, template or config file the run used. Default `topology.config.yml`.
   */
  artifactUri?: string;
  /** The tool version reported in `tool.driver.version`. */
  toolVersion?: string;
}

export const DEFAULT_ARTIFACT_URI = 'topology.config.yml';

const LEVELS: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning ranks security results by this score: >= 9 critical, 7-8.9 high, 4-6.9 medium, below low. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };


function descriptor(rule: RuleMetadata): ReportingDescriptor {
  const securitySeverity = SECURITY_SEVERITY[rule.severity];
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nRemediation: ${rule.remediation}`,
      markdown: `**${rule.title}** (${rule.severity})\n\n${rule.rationale}\n\n**Remediation:** ${rule.remediation}`,
    },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: {
      severity: rule.severity,
      tags: rule.area === 'meta' ? ['topology'] : ['security', 'topology', rule.area],
      ...(securitySeverity === undefined ? {} : { 'security-severity': securitySeverity }),
    },
  };
}

/**
 * Stable across runs for the same problem on the same resources, whatever the message wording.
 * 128 bits of SHA-256 written with the letters a-p (one per nibble): hex digits could form a
 * 12-digit run, which the --public leak guard rightly takes for an account id.
 */
export function findingFingerprint(finding: Finding): string {
  // Pushed, not mapped: `map` makes packed or holey arrays depending on how V8 runs it, and `sort`
  // compiled for one kind is compiled again for the other.
  const subject: string[] = [];
  for (const node of finding.resources) subject.push(`${node.kind}:${node.id}`);
  if (subject.length === 0) subject.push(finding.message);
  else subject.sort();
  // One-shot hash: a Hash object per finding costs more than the hashing (5,420 findings at 1,000 services).
  const digest = hash('sha256', `${finding.ruleId}\u0000${subject.join('\u0000')}`, 'buffer');
  let fingerprint = '';
  for (let i = 0; i < 16; i++) fingerprint += String.fromCharCode(97 + (digest[i]! >> 4), 97 + (digest[i]! & 15));
  return fingerprint;
}

/** Repository-relative, forward slashes: what GitHub matches against the checkout. */
export function artifactUri(path: string | undefined): string {
  if (path === undefined || path === '') return DEFAULT_ARTIFACT_URI;
  const relativePath = isAbsolute(path) ? relative(process.cwd(), path) : path;
  return relativePath.split(sep).join('/').replace(/^\.\//, '');
}

/**
 * --public: the file's path names the repository layout and often the account (`corp-infra/prod/stack.yaml`);
 * only its kind stays, by extension.
 */
export function publicArtifactUri(path: string | undefined): string {
  if (path === undefined || path === '') return DEFAULT_ARTIFACT_URI;
  const extension = /\.(ya?ml|json|template)$/i.exec(path)?.[0]?.toLowerCase() ?? '';
  return `source${extension}`;
}

function result(finding: Finding, ruleIndex: number, uri: string): Result {
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex < 0 ? {} : { ruleIndex }),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } }],
    partialFingerprints: { 'topologyFinding/v1': findingFingerprint(finding) },
    ...(finding.suppressed ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: finding.suppressed.reason }] } : {}),
    properties: {
      severity: finding.severity,
      resources: finding.resources.map((node) => `${node.kind}:${node.id}`),
      evidence: finding.evidence.map((item) => `${item.matchType}: ${item.matchedValue}${item.field ? ` (${item.field})` : ''}`),
    },
  };
}

/** SARIF 2.1.0 for GitHub code scanning: every rule's metadata, one result per finding. */
export function renderSarif(topology: Topology, options: SarifOptions = {}): string {
  const uri = topology.redacted ? publicArtifactUri(options.artifactUri) : artifactUri(options.artifactUri);
  const ids = ALL_RULES.map((rule) => rule.id);
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'topology',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: ALL_RULES.map(descriptor),
          },
        },
        results: topology.findings.map((finding) => result(finding, ids.indexOf(finding.ruleId), uri)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
