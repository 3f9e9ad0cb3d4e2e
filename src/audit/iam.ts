import type { IamRole, InventoryIndex, PolicyStatement } from '../model/index.js';

export interface RoleStatement {
  statement: PolicyStatement;
  /** `role shop-web-task policy shop-web-uploads statement 1` */
  field: string;
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

export function rolePermissions(index: InventoryIndex, role: IamRole): RolePermissions {
  const statements: RoleStatement[] = [];
  const unknownPolicies: string[] = [];
  const add = (policyName: string, policyStatements: PolicyStatement[]) =>
    policyStatements.forEach((statement, i) => {
      if (statement.effect === 'Allow') statements.push({ statement, field: `role ${role.name} policy ${policyName} statement ${i + 1}` });
    });
  for (const inline of role.inlinePolicies) add(inline.name, inline.document.statements);
  for (const attached of role.attachedPolicies) {
    const document = index.managedPolicies.get(attached.arn)?.document;
    const knownGrants = attached.awsManaged ? AWS_MANAGED_GRANTS[attached.name] : undefined;
    if (document) add(attached.name, document.statements);
    else if (knownGrants) add(attached.name, [allowStatement(knownGrants)]);
    else unknownPolicies.push(attached.name);
  }
  return { statements, unknownPolicies };
}
