import type { PolicyDocument, PolicyStatement, TrustPrincipal } from '../model/index.js';
import { redactArn } from './arns.js';
import type { PublicNames } from './names.js';
import { isPublicAwsHost } from './patterns.js';
import { conditionKeyTagName } from './sensitive.js';
import { PUBLIC_IDENTITY_PROVIDERS, PUBLIC_WORDS, isPublicTagKey } from './vocabulary.js';

/**
 * Policy documents: actions, effects, condition operators and keys stay (they are the permission
 * design); resources, principals that are accounts or ARNs, statement ids and condition values
 * that name things are replaced.
 */
export function redactPolicyDocument(names: PublicNames, document: PolicyDocument): PolicyDocument {
  return { statements: document.statements.map((statement) => redactStatement(names, statement)) };
}

function redactStatement(names: PublicNames, statement: PolicyStatement): PolicyStatement {
  return {
    ...(statement.sid === undefined ? {} : { sid: names.label('policy-sid', statement.sid, 'statement') }),
    effect: statement.effect,
    actions: [...statement.actions],
    notActions: [...statement.notActions],
    resources: statement.resources.map((resource) => policyResource(names, resource)),
    notResources: statement.notResources.map((resource) => policyResource(names, resource)),
    ...(statement.conditions === undefined ? {} : { conditions: redactConditions(names, statement.conditions) }),
    ...(statement.principals === undefined ? {} : { principals: statement.principals.map((principal) => redactPrincipal(names, principal)) }),
  };
}

function policyResource(names: PublicNames, resource: string): string {
  if (resource === '*') return resource;
  return resource.startsWith('arn:') ? redactArn(names, resource) : names.label('policy-resource', resource, 'resource');
}

/** Service principals and well-known identity providers stay; accounts and ARNs are replaced. */
export function redactPrincipal(names: PublicNames, principal: TrustPrincipal): TrustPrincipal {
  return {
    type: principal.type,
    value: principalValue(names, principal),
    // Condition keys are AWS's words; a key's suffix after `/` (a tag key) is the account's.
    ...(principal.conditionKeys === undefined ? {} : { conditionKeys: principal.conditionKeys.map((key) => (key.includes('/') ? `${key.split('/')[0]}/*` : key)) }),
  };
}

function principalValue(names: PublicNames, { type, value }: TrustPrincipal): string {
  if (value === '*') return value;
  if (type === 'Service') return isPublicAwsHost(value) ? value : names.host(value);
  if (value.startsWith('arn:')) return redactArn(names, value);
  if (/^\d{12}$/.test(value)) return names.account(value);
  if (type === 'Federated') return PUBLIC_IDENTITY_PROVIDERS.has(value) ? value : names.host(value);
  return names.label(type === 'CanonicalUser' ? 'canonical-user' : 'principal', value);
}

/** Operators and condition keys stay; each value is replaced by what it names. */
function redactConditions(names: PublicNames, conditions: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [operator, block] of Object.entries(conditions)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      result[operator] = conditionValue(names, block);
      continue;
    }
    const keys: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) keys[conditionKey(names, key)] = conditionValue(names, value);
    result[operator] = keys;
  }
  return result;
}

/** `aws:PrincipalTag/cost-center` stays; `aws:PrincipalTag/corp-clearance` → `aws:PrincipalTag/tag-key-k3f9`. */
function conditionKey(names: PublicNames, key: string): string {
  const tagName = conditionKeyTagName(key);
  if (tagName === undefined || isPublicTagKey(tagName)) return key;
  return `${key.slice(0, key.length - tagName.length)}${names.label('tag-key', tagName)}`;
}

function conditionValue(names: PublicNames, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => conditionValue(names, item));
  if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' || value === null ? value : '<redacted>';
  if (PUBLIC_WORDS.has(value.toLowerCase()) || /^\d{1,11}$/.test(value)) return value;
  const placeholder = names.placeholder(value);
  if (placeholder !== undefined) return placeholder;
  if (value.startsWith('arn:')) return redactArn(names, value);
  if (/^\d{12}$/.test(value)) return names.account(value);
  if (/^[a-z]+(?:-[a-z]+)*-[0-9a-f]{8,17}$/.test(value)) return names.ec2Id(value);
  if (/^[\d.:a-f]+\/\d{1,3}$|^\d+\.\d+\.\d+\.\d+$/i.test(value)) return names.cidr(value);
  if (isPublicAwsHost(value)) return value;
  if (/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(value)) return names.region(value);
  return names.label('condition-value', value, 'value');
}
