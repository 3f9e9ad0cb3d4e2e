import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleName } from '../audit/rule.js';
import { RULES, ruleNotEvaluated, unmatchedSuppression } from '../audit/rules/index.js';
import { EDGE_KIND_LIST, NODE_KIND_LABELS, type EdgeAttributes, type Topology } from '../model/index.js';
import { topologyTables } from '../render/views.js';
import { REGISTRY_ARN_WORDS } from './registry.js';
import { PSEUDONYM_WORDS } from './vocabulary.js';

/**
 * The tool's own words: rule ids, titles, rationales and remediations, table titles and columns,
 * the page template's text, JSON keys, and the words AWS puts inside ARNs. A resource named like
 * one of them (a queue called `dead-letter`, a service called `inventory`) cannot be told from the
 * tool's text by looking at the output, so the leak guard does not look for it; redaction replaces
 * it all the same, because names reach the output only through the redacted model.
 */
const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Resource types and services as ARNs and AWS spell them. */
const AWS_WORDS = [
  'loadbalancer', 'targetgroup', 'listener', 'listener-rule', 'app', 'net', 'gwy', 'cluster', 'service', 'task-definition', 'task',
  'container-instance', 'role', 'policy', 'user', 'group', 'instance-profile', 'server-certificate', 'db', 'secret', 'key', 'alias',
  'parameter', 'log-group', 'certificate', 'hostedzone', 'elasticloadbalancing', 'secretsmanager', 'ssm', 'kms', 'logs',
  'service-role', 'aws-service-role', 'amazonaws', 'amazonaws.com', 'root', 'dead-letter', 'deadletter', 'redrive',
  'organizations', 'sts', 'assumed-role', 'tagging', 'cloudformation',
  ...REGISTRY_ARN_WORDS,
];

let staticWords: Set<string> | undefined;

export function toolWords(original?: Topology): Set<string> {
  staticWords ??= buildStaticWords();
  if (original === undefined) return staticWords;
  const words = new Set(staticWords);
  for (const key of modelKeys(original)) addTokens(words, key);
  for (const word of edgeWords(original)) addTokens(words, word);
  for (const view of topologyTables(original)) {
    addTokens(words, view.title);
    for (const column of view.columns) addTokens(words, column);
  }
  return words;
}

function buildStaticWords(): Set<string> {
  const words = new Set<string>([...AWS_WORDS, ...PSEUDONYM_WORDS, ...Object.keys(NODE_KIND_LABELS), ...EDGE_KIND_LIST.map((edge) => edge.edgeKind)]);
  for (const rule of [...RULES, ruleNotEvaluated, unmatchedSuppression]) {
    for (const text of [rule.id, rule.title, rule.rationale, rule.remediation, ruleName(rule.title)]) addTokens(words, text);
  }
  for (const file of templateFiles()) addTokens(words, readFileSync(file, 'utf8').replace(/\{\{[^}]*\}\}/g, ' '));
  return words;
}


function templateFiles(): string[] {
  try {
    const top = readdirSync(TEMPLATE_DIR).map((name) => join(TEMPLATE_DIR, name));
    const partials = readdirSync(join(TEMPLATE_DIR, 'partials')).map((name) => join(TEMPLATE_DIR, 'partials', name));
    return [...top, ...partials].filter((file) => /\.(hbs|css)$/.test(file));
  } catch {
    return [];
  }
}

/**
 * The edge attributes whose values are the tool's enumerations or protocol names, not the account's
 * data: a container name (`containerName`) is data, often equal to its service's or target group's
 * name, and is looked for like every other name.
 */
const ENUMERATED_ATTRIBUTES = ['protocol', 'access', 'direction', 'roleSlot', 'dbTargetType'] as const satisfies readonly (keyof EdgeAttributes)[];

/**
 * The words the tool writes on edges as values, not data: match types and the attributes'
 * enumerations (`read-write`, `producer`); every node and edge kind is a static word. A table whose
 * real name is `dynamodb-table` cannot be told from the JSON's `"kind": "dynamodb-table"`.
 */
function edgeWords(topology: Topology): Set<string> {
  const words = new Set<string>();
  for (const edge of topology.edges) {
    for (const evidence of edge.evidence) words.add(evidence.matchType);
    for (const attribute of ENUMERATED_ATTRIBUTES) {
      const value = edge.attributes[attribute];
      if (value !== undefined) words.add(value);
    }
  }
  return words;
}

/** Every object key of the model, except tag keys and policy condition keys (those are data). */
function modelKeys(topology: Topology): Set<string> {
  const keys = new Set<string>();
  const visit = (value: unknown, parentKey: string): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, parentKey));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (parentKey !== 'tags' && parentKey !== 'conditions') keys.add(key);
        visit(child, parentKey === 'conditions' ? 'conditions' : key);
      }
    }
  };
  visit(topology, '');
  return keys;
}

/** The text's words, lower-cased, without the punctuation around them. */
export function textTokens(text: string): string[] {
  return text
    .split(/[\s,;()"'`<>|*=!?[\]{}+&]+/)
    .map((raw) => raw.replace(/^[.:#-]+|[.:#-]+$/g, '').toLowerCase())
    .filter((token) => token !== '');
}

/** Adds the text's words, lower-cased, whole and split at `/` and `.`. */
export function addTokens(words: Set<string>, text: string): void {
  for (const token of textTokens(text)) {
    words.add(token);
    for (const part of token.split(/[/.]/)) if (part !== '') words.add(part);
  }
}
