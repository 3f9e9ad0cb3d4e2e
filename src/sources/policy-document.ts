import { ExitCode, TopologyError } from '../errors.js';
import type { PolicyDocument, PolicyStatement, TrustPrincipal } from '../model/index.js';

/**
 * A pure parser for IAM JSON policy documents: identity policies, trust policies, S3 bucket
 * policies and SQS queue policies all share the grammar. Accepts the document as AWS returns it
 * (IAM: URL-encoded JSON; S3/SQS: plain JSON) or as an already-parsed object (templates).
 */

export class PolicyDocumentError extends TopologyError {
  constructor(problem: string, options: { cause?: unknown } = {}) {
    super(`Policy document: ${problem}`, {
      exitCode: ExitCode.internal,
      hint: 'AWS returned a policy document topology cannot read; please report it with the problem above.',
      cause: options.cause,
    });
  }
}

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(['Service', 'AWS', 'Federated', 'CanonicalUser']);

/** IAM returns documents URL-encoded (RFC 3986); S3 and SQS return them as plain JSON. */
export function decodePolicyText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  try {
    return decodeURIComponent(trimmed);
  } catch (cause) {
    throw new PolicyDocumentError('neither JSON nor URL-encoded JSON', { cause });
  }
}

export function parsePolicyDocument(input: string | object): PolicyDocument {
  const raw = typeof input === 'string' ? parseJson(decodePolicyText(input)) : input;
  if (!isRecord(raw)) throw new PolicyDocumentError('the document is not a JSON object');
  const statements = raw.Statement;
  if (statements === undefined) return { statements: [] };
  const list = Array.isArray(statements) ? statements : [statements];
  return { statements: list.map((statement, index) => parseStatement(statement, index)) };
}

/** Principals allowed by a trust policy, deduplicated, in document order. */
export function trustPrincipalsOf(document: PolicyDocument): TrustPrincipal[] {
  const seen = new Set<string>();
  const principals: TrustPrincipal[] = [];
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow') continue;
    const conditionKeys = Object.values(statement.conditions ?? {}).flatMap((block) => (typeof block === 'object' && block !== null ? Object.keys(block) : []));
    for (const principal of statement.principals ?? []) {
      const key = `${principal.type}\u0000${principal.value}`;
      const conditioned: TrustPrincipal = principal.type === 'AWS' && conditionKeys.length > 0 ? { ...principal, conditionKeys: [...new Set(conditionKeys)].sort() } : principal;
      if (seen.has(key)) {
        // Allowed again: the weakest statement decides (one without conditions lets it in unconditionally).
        const index = principals.findIndex((known) => `${known.type}\u0000${known.value}` === key);
        if (conditioned.conditionKeys === undefined) principals[index] = principal;
        continue;
      }
      seen.add(key);
      principals.push(conditioned);
    }
  }
  return principals;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PolicyDocumentError(`not valid JSON (${(cause as Error).message})`, { cause });
  }
}

function parseStatement(raw: unknown, index: number): PolicyStatement {
  const where = `Statement[${index}]`;
  if (!isRecord(raw)) throw new PolicyDocumentError(`${where} is not an object`);
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    throw new PolicyDocumentError(`${where}.Effect must be Allow or Deny, got ${JSON.stringify(raw.Effect)}`);
  }
  const statement: PolicyStatement = {
    effect: raw.Effect,
    actions: stringList(raw.Action, `${where}.Action`),
    notActions: stringList(raw.NotAction, `${where}.NotAction`),
    resources: stringList(raw.Resource, `${where}.Resource`),
    notResources: stringList(raw.NotResource, `${where}.NotResource`),
  };
  if (typeof raw.Sid === 'string' && raw.Sid !== '') statement.sid = raw.Sid;
  if (raw.Condition !== undefined) {
    if (!isRecord(raw.Condition)) throw new PolicyDocumentError(`${where}.Condition is not an object`);
    statement.conditions = raw.Condition;
  }
  if (raw.Principal !== undefined) statement.principals = parsePrincipal(raw.Principal, `${where}.Principal`);
  return statement;
}

/** `"*"`, `{"AWS": "*"}`, `{"Service": "x"}` or `{"Service": ["x", "y"], "AWS": [...]}`. */
function parsePrincipal(raw: unknown, where: string): TrustPrincipal[] {
  if (raw === '*') return [{ type: '*', value: '*' }];
  if (!isRecord(raw)) throw new PolicyDocumentError(`${where} must be "*" or an object`);
  const principals: TrustPrincipal[] = [];
  for (const [type, values] of Object.entries(raw)) {
    if (!PRINCIPAL_TYPES.has(type)) throw new PolicyDocumentError(`${where} has unknown principal type ${JSON.stringify(type)}`);
    for (const value of stringList(values, `${where}.${type}`)) {
      principals.push({ type: type as TrustPrincipal['type'], value });
    }
  }
  return principals;
}

function stringList(raw: unknown, where: string): string[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  for (const item of list) {
    if (typeof item !== 'string') throw new PolicyDocumentError(`${where} must be a string or a list of strings`);
  }
  return list as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
