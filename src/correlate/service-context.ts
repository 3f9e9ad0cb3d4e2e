import type {
  EcsService,
  InventoryIndex,
  PolicyStatement,
  SecurityGroupRule,
  TaskDefinition,
} from '../model/index.js';
import { containerVariableField, policyName, policyStatementField } from '../model/fields.js';
import type { Message, MessagePart } from '../model/message.js';
import { carriesTcp, portInRange } from './match.js';

export interface LocatedValue {
  value: string;
  /** `container web env DATABASE_URL` */
  field: Message;
  /** The variable name, for name-based heuristics. */
  name: string;
}

export interface LocatedStatement {
  statement: PolicyStatement;
  /** `role shop-web-task policy shop-web-uploads statement 1` */
  field: Message;
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
        environment.push({ value: variable.value, name: variable.name, field: containerVariableField(container.name, 'env', variable.name) });
      }
      for (const secret of container.secrets) {
        secrets.push({ value: secret.valueFrom, name: secret.name, field: containerVariableField(container.name, 'secret', secret.name) });
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

/** A role's Allow statements (inline and attached policies whose documents were read), each with where it was found. */
export function roleAllowStatements(index: InventoryIndex, roleArn: string | undefined): LocatedStatement[] {
  if (roleArn === undefined) return [];
  const role = index.roles.get(roleArn);
  if (role === undefined) return [];
  const located: LocatedStatement[] = [];
  const add = (policy: MessagePart, statements: PolicyStatement[]) =>
    statements.forEach((statement, i) => {
      if (statement.effect === 'Allow') {
        located.push({ statement, field: policyStatementField(index, role, policy, i + 1) });
      }
    });
  for (const inline of role.inlinePolicies) add(policyName({ name: inline.name, inline: true }), inline.document.statements);
  for (const attached of role.attachedPolicies) {
    const document = index.managedPolicies.get(attached.arn)?.document;
    if (document) add(policyName({ name: attached.name, inline: false, awsManaged: attached.awsManaged }), document.statements);
  }
  return located;
}

export interface SgAdmission {
  /** The target's SG whose inbound rule matched. */
  targetGroupId: string;
  /** The SG the rule admits. */
  sourceGroupId: string;
  rule: SecurityGroupRule;
}

/** Inbound rules of `targetGroupIds` that admit another SG on TCP `port`. */
export function sgAdmissions(index: InventoryIndex, targetGroupIds: string[], port: number): SgAdmission[] {
  const admissions: SgAdmission[] = [];
  for (const targetGroupId of targetGroupIds) {
    for (const rule of index.securityGroups.get(targetGroupId)?.inbound ?? []) {
      if (rule.peer.kind !== 'security-group') continue;
      if (!carriesTcp(rule.protocol) || !portInRange(port, rule.fromPort, rule.toPort)) continue;
      admissions.push({ targetGroupId, sourceGroupId: rule.peer.groupId, rule });
    }
  }
  return admissions;
}

/**
 * For targets reachable on a port behind SGs (databases, interface endpoints): which targets each
 * source SG may reach, and by which rule. Built once, looked up per service.
 */
export function admissionsBySourceGroup<T>(
  index: InventoryIndex,
  targets: Iterable<T>,
  reach: (target: T) => { securityGroupIds: string[]; port: number | undefined },
): Map<string, { target: T; admission: SgAdmission }[]> {
  const bySource = new Map<string, { target: T; admission: SgAdmission }[]>();
  for (const target of targets) {
    const { securityGroupIds, port } = reach(target);
    if (port === undefined) continue;
    for (const admission of sgAdmissions(index, securityGroupIds, port)) {
      const list = bySource.get(admission.sourceGroupId) ?? [];
      list.push({ target, admission });
      bySource.set(admission.sourceGroupId, list);
    }
  }
  return bySource;
}

/** The admissions a service's SGs get, grouped by target, in target order. */
export function admissionsForService<T>(
  bySource: Map<string, { target: T; admission: SgAdmission }[]>,
  serviceGroupIds: string[],
): Map<T, SgAdmission[]> {
  const byTarget = new Map<T, SgAdmission[]>();
  for (const groupId of serviceGroupIds) {
    for (const { target, admission } of bySource.get(groupId) ?? []) {
      const list = byTarget.get(target) ?? [];
      list.push(admission);
      byTarget.set(target, list);
    }
  }
  return byTarget;
}
