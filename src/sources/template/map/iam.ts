import type { AttachedPolicy, IamRole, InlinePolicy, ManagedPolicy, PolicyDocument } from '../../../model/index.js';
import { parsePolicyDocument, PolicyDocumentError, trustPrincipalsOf } from '../../policy-document.js';
import type { ResourceSet, TemplateResource } from '../resources.js';
import { asRecords, asString, asStrings, isRecord, type JsonRecord } from '../values.js';

export interface IamInventory {
  roles: IamRole[];
  managedPolicies: ManagedPolicy[];
}

/**
 * A policy document property, parsed. CloudFormation also accepts the document as a JSON string
 * (`AssumeRolePolicyDocument: |` then JSON). One this reader cannot read is a warning and reads as
 * no statements, never an abort of the template.
 */
export function policyDocumentOf(resource: TemplateResource, property: string, raw: unknown): PolicyDocument {
  try {
    return parsePolicyDocument(policyObject(raw));
  } catch (cause) {
    if (!(cause instanceof PolicyDocumentError)) throw cause;
    resource.note(`Properties.${property}: ${cause.message}; it is read as a policy without statements`);
    return { statements: [] };
  }
}

function policyObject(raw: unknown): JsonRecord {
  if (isRecord(raw)) return raw;
  if (typeof raw === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (cause) {
      throw new PolicyDocumentError(`the document is a string that is not JSON (${(cause as Error).message})`);
    }
    if (isRecord(parsed)) return parsed;
  }
  throw new PolicyDocumentError('the document is not a JSON object');
}

function attachedPolicy(arn: string): AttachedPolicy {
  return { arn, name: arn.slice(arn.lastIndexOf('/') + 1), awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(arn) };
}

/**
 * Roles with their inline policies (the role's own `Policies`, plus `AWS::IAM::Policy` and
 * `AWS::IAM::RolePolicy` resources naming the role) and attached managed policies (its
 * `ManagedPolicyArns`, plus `AWS::IAM::ManagedPolicy` resources naming the role).
 */
export function mapIam(set: ResourceSet): IamInventory {
  const managedPolicies = set.ofType('AWS::IAM::ManagedPolicy').map(
    (policy): ManagedPolicy => ({
      arn: policy.id,
      name: asString(policy.properties.ManagedPolicyName) ?? policy.displayName,
      path: asString(policy.properties.Path) ?? '/',
      awsManaged: false,
      document: policyDocumentOf(policy, 'PolicyDocument', policy.properties.PolicyDocument),
    }),
  );
  const roles = set.ofType('AWS::IAM::Role').map((role): IamRole => {
    const p = role.properties;
    const inlinePolicies: InlinePolicy[] = [
      ...asRecords(p.Policies).map((policy, i) => ({
        name: asString(policy.PolicyName) ?? `${role.logicalId}Policy${i + 1}`,
        document: policyDocumentOf(role, `Policies[${i}].PolicyDocument`, policy.PolicyDocument),
      })),
      ...set
        .ofType('AWS::IAM::Policy')
        .filter((policy) => asStrings(policy.properties.Roles).includes(role.id))
        .map((policy) => ({
          name: asString(policy.properties.PolicyName) ?? policy.logicalId,
          document: policyDocumentOf(policy, 'PolicyDocument', policy.properties.PolicyDocument),
        })),
      ...set
        .ofType('AWS::IAM::RolePolicy')
        .filter((policy) => policy.properties.RoleName === role.id)
        .map((policy) => ({
          name: asString(policy.properties.PolicyName) ?? policy.logicalId,
          document: policyDocumentOf(policy, 'PolicyDocument', policy.properties.PolicyDocument),
        })),
    ];
    const attachedArns = [
      ...asStrings(p.ManagedPolicyArns),
      ...set
        .ofType('AWS::IAM::ManagedPolicy')
        .filter((policy) => asStrings(policy.properties.Roles).includes(role.id))
        .map((policy) => policy.id),
    ];
    const boundary = asString(p.PermissionsBoundary);
    return {
      arn: asString(role.attribute('Arn')) ?? role.id,
      name: role.id,
      path: asString(p.Path) ?? '/',
      trustPrincipals: trustPrincipalsOf(policyDocumentOf(role, 'AssumeRolePolicyDocument', p.AssumeRolePolicyDocument ?? {})),
      attachedPolicies: [...new Set(attachedArns)].map(attachedPolicy),
      inlinePolicies,
      ...(boundary === undefined ? {} : { permissionsBoundaryArn: boundary }),
      tags: role.tags,
    };
  });
  return { roles, managedPolicies };
}
