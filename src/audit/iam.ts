import type { IamRole, InventoryIndex, PolicyStatement } from '../model/index.js';
import { policyName, policyStatementField } from '../model/fields.js';
import type { Message, MessagePart } from '../model/message.js';

export interface RoleStatement {
  statement: PolicyStatement;
  /** `role shop-web-task policy shop-web-uploads statement 1` */
  field: Message;
}

export interface RolePermissions {
  /** Allow statements of inline policies and of attached policies whose document is known. */
  statements: RoleStatement[];
  /** Attached policies whose document is not in the inventory and whose name is not known here. */
  unknownPolicies: string[];
}

/**
 * What AWS-managed policies grant, for those the inventory may know by name only.
 * Source: the policies' default versions in the IAM console (AWS managed policy reference guide).
 */
export const AWS_MANAGED_GRANTS: Readonly<Record<string, readonly string[]>> = {
  AdministratorAccess: ['*'],
  AmazonECSTaskExecutionRolePolicy: [
    'ecr:GetAuthorizationToken',
    'ecr:BatchCheckLayerAvailability',
    'ecr:GetDownloadUrlForLayer',
    'ecr:BatchGetImage',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ],
  AmazonEC2ContainerRegistryReadOnly: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'ecr:Describe*', 'ecr:List*', 'ecr:GetRepositoryPolicy', 'ecr:GetLifecyclePolicy*'],
  AmazonEC2ContainerRegistryPullOnly: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage'],
  CloudWatchLogsFullAccess: ['logs:*'],
};

function allowStatement(actions: readonly string[]): PolicyStatement {
  return { effect: 'Allow', actions: [...actions], notActions: [], resources: ['*'], notResources: [] };
}

/**
 * A statement with its field spelled when first read: the rules read the fields of the few
 * statements they report, and every role's statements are listed (2,000 roles at 1,000 services).
 */
function roleStatement(index: InventoryIndex, role: IamRole, policy: MessagePart, statement: PolicyStatement, number: number): RoleStatement {
  let field: Message | undefined;
  return {
    statement,
    get field(): Message {
      field ??= policyStatementField(index, role, policy, number);
      return field;
    },
  };
}

export function rolePermissions(index: InventoryIndex, role: IamRole): RolePermissions {
  const statements: RoleStatement[] = [];
  const unknownPolicies: string[] = [];
  const add = (policy: MessagePart, policyStatements: PolicyStatement[]) =>
    policyStatements.forEach((statement, i) => {
      if (statement.effect === 'Allow') statements.push(roleStatement(index, role, policy, statement, i + 1));
    });
  for (const inline of role.inlinePolicies) add(policyName({ name: inline.name, inline: true }), inline.document.statements);
  for (const attached of role.attachedPolicies) {
    const document = index.managedPolicies.get(attached.arn)?.document;
    const knownGrants = attached.awsManaged ? AWS_MANAGED_GRANTS[attached.name] : undefined;
    const name = policyName({ name: attached.name, inline: false, awsManaged: attached.awsManaged });
    if (document) add(name, document.statements);
    else if (knownGrants) add(name, [allowStatement(knownGrants)]);
    else unknownPolicies.push(attached.name);
  }
  return { statements, unknownPolicies };
}
