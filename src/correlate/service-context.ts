import type {
  EcsService,
  InventoryIndex,
  PolicyStatement,
  SecurityGroupRule,
  TaskDefinition,
} from '../model/index.js';
import { carriesTcp, portInRange } from './match.js';

export interface LocatedValue {
  value: string;
  /** `container web env DATABASE_URL` */
  field: string;
  /** The variable name, for name-based heuristics. */
  name: string;
}

export interface LocatedStatement {
  statement: PolicyStatement;
  /** `role shop-web-task policy shop-web-uploads statement 1` */
  field: string;
}

/** What the correlators need to know about one service, gathered once. */
export interface ServiceContext {
  service: EcsService;
  taskDefinition?: TaskDefinition;
  environment: LocatedValue[];
  secrets: LocatedValue[];
  /** Allow statements of the task role (inline and customer-managed attached policies). */
  taskRoleStatements: LocatedStatement[];
}

export function serviceContexts(index: InventoryIndex): ServiceContext[] {
  return [...index.services.values()].map((service) => {
    const taskDefinition = index.taskDefinitions.get(service.taskDefinitionArn);
    const environment: LocatedValue[] = [];
    const secrets: LocatedValue[] = [];
    for (const container of taskDefinition?.containers ?? []) {
      for (const variable of container.environment) {
        environment.push({ value: variable.value, name: variable.name, field: `container ${container.name} env ${variable.name}` });
      }
      for (const secret of container.secrets) {
        secrets.push({ value: secret.valueFrom, name: secret.name, field: `container ${container.name} secret ${secret.name}` });
      }
    }
    return {
      service,
      taskDefinition,
      environment,
      secrets,
      taskRoleStatements: roleAllowStatements(index, taskDefinition?.taskRoleArn),
    };
  });
}

function roleAllowStatements(index: InventoryIndex, roleArn: string | undefined): LocatedStatement[] {
  if (roleArn === undefined) return [];
  const role = index.roles.get(roleArn);
  if (role === undefined) return [];
  const located: LocatedStatement[] = [];
  const add = (policyName: string, statements: PolicyStatement[]) =>
    statements.forEach((statement, i) => {
      if (statement.effect === 'Allow') {
        located.push({ statement, field: `role ${role.name} policy ${policyName} statement ${i + 1}` });
      }
    });
  for (const inline of role.inlinePolicies) add(inline.name, inline.document.statements);
  for (const attached of role.attachedPolicies) {
    const document = index.managedPolicies.get(attached.arn)?.document;
    if (document) add(attached.name, document.statements);
  }
  return located;
}

/** Inbound rules of `targetGroupIds` that admit one of `sourceGroupIds` on TCP `port`. */
export function sgRulesAdmitting(
  index: InventoryIndex,
  targetGroupIds: string[],
  sourceGroupIds: string[],
  port: number,
): { targetGroupId: string; sourceGroupId: string; rule: SecurityGroupRule }[] {
  const sources = new Set(sourceGroupIds);
  const matches: { targetGroupId: string; sourceGroupId: string; rule: SecurityGroupRule }[] = [];
  for (const targetGroupId of targetGroupIds) {
    for (const rule of index.securityGroups.get(targetGroupId)?.inbound ?? []) {
      if (rule.peer.kind !== 'security-group' || !sources.has(rule.peer.groupId)) continue;
      if (!carriesTcp(rule.protocol) || !portInRange(port, rule.fromPort, rule.toPort)) continue;
      matches.push({ targetGroupId, sourceGroupId: rule.peer.groupId, rule });
    }
  }
  return matches;
}
