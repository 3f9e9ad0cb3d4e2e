import { grantsAction } from '../../../correlate/policy-resources.js';
import { ref, type Evidence } from '../../../model/index.js';
import type { AuditContext, Rule, RuleResult } from '../../rule.js';
import { message, nameOf, shared } from '../../message.js';
import { rolePermissions } from '../../iam.js';
import { servicesByRole } from '../../service-roles.js';

export const ECR_PULL_ACTIONS = ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
export const AWSLOGS_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** `123456789012.dkr.ecr.us-east-1.amazonaws.com/app:tag`, also with template tokens for account and region. */
export function isEcrImage(image: string): boolean {
  return /\.dkr\.ecr[.-]/.test(image);
}

/** The actions the execution role needs for the containers of the services using it. */
function neededActions(context: AuditContext, serviceArns: string[]): string[] {
  const needed = new Set<string>();
  for (const arn of serviceArns) {
    const service = context.index.services.get(arn);
    const taskDefinition = service && context.index.taskDefinitions.get(service.taskDefinitionArn);
    for (const container of taskDefinition?.containers ?? []) {
      if (isEcrImage(container.image)) ECR_PULL_ACTIONS.forEach((action) => needed.add(action));
      if (container.logDriver === 'awslogs') AWSLOGS_ACTIONS.forEach((action) => needed.add(action));
    }
  }
  return [...needed];
}

export const ecsExecutionRolePermissions: Rule = {
  id: 'TOPO-ECS-004',
  title: 'Execution role lacks the ECR or CloudWatch Logs permissions its tasks need',
  severity: 'high',
  area: 'ecs',
  needs: ['roles'],
  rationale:
    'The ECS agent pulls ECR images and ships awslogs output with the execution role. Without ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer (ECR images) or logs:CreateLogStream and logs:PutLogEvents (awslogs), tasks fail to start.',
  remediation: 'Attach the AWS-managed AmazonECSTaskExecutionRolePolicy to the execution role, or grant the missing actions.',
  check: (context) => {
    const results: RuleResult[] = [];
    for (const [roleArn, edges] of servicesByRole(context, 'execution')) {
      const role = context.index.roles.get(roleArn);
      if (role === undefined) continue;
      const serviceArns = [...new Set(edges.map((edge) => edge.from.id))];
      const permissions = rolePermissions(context.index, role);
      const granted = permissions.statements.flatMap(({ statement }) => statement.actions);
      const missing = neededActions(context, serviceArns).filter((action) => !grantsAction(granted, action));
      // A policy whose document is unknown may grant what looks missing: no finding rather than a guess.
      if (missing.length === 0 || permissions.unknownPolicies.length > 0) continue;
      const services = serviceArns.map((arn) => ref('ecs-service', arn));
      const evidence: Evidence[] = edges.flatMap((edge) => edge.evidence);
      results.push({
        ...message`Execution role ${nameOf(context.index, ref('iam-role', role.arn))} (of ${services.map((s) => nameOf(context.index, s))}) lacks ${missing.map(shared)}.`,
        resources: [ref('iam-role', role.arn), ...services],
        evidence,
      });
    }
    return results;
  },
};
