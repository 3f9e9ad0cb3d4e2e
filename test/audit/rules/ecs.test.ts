import { describe, expect, it } from 'vitest';
import { ecsExecutionRolePermissions } from '../../../src/audit/rules/ecs/execution-role-permissions.js';
import { ecsNoCircuitBreaker } from '../../../src/audit/rules/ecs/no-circuit-breaker.js';
import { ecsPlaintextSecret, plaintextSecretReason } from '../../../src/audit/rules/ecs/plaintext-secret.js';
import { ecsPublicIp } from '../../../src/audit/rules/ecs/public-ip.js';
import { ecsSharedTaskRole } from '../../../src/audit/rules/ecs/shared-task-role.js';
import { ecsTaskRoleIsExecutionRole } from '../../../src/audit/rules/ecs/task-role-is-execution-role.js';
import { ecsTaskRoleWildcard } from '../../../src/audit/rules/ecs/task-role-wildcard.js';
import type { Inventory } from '../../../src/model/index.js';
import { ARNS } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

const webService = { kind: 'ecs-service', id: ARNS.webService } as const;
const workerService = { kind: 'ecs-service', id: ARNS.workerService } as const;

function role(inventory: Inventory, arn: string) {
  return inventory.roles.find((r) => r.arn === arn)!;
}

function webContainer(inventory: Inventory) {
  return inventory.taskDefinitions.find((t) => t.arn === ARNS.webTaskDef)!.containers[0]!;
}

describe('TOPO-ECS-001 task role is the execution role', () => {
  it('fires when the web task definition uses the execution role in both slots', () => {
    const inventory = shop();
    inventory.taskDefinitions[0]!.taskRoleArn = ARNS.executionRole;
    const [result, ...rest] = check(ecsTaskRoleIsExecutionRole, inventory);
    expect(rest).toEqual([]);
    expect(result!.message).toBe('Service shop-web uses shop-ecs-execution as both its task role and its execution role.');
    expect(result!.resources).toEqual([webService, { kind: 'iam-role', id: ARNS.executionRole }]);
    expect(result!.evidence.map((e) => e.matchType)).toEqual(['task-role', 'execution-role']);
  });

  it('is silent on the shop services, whose roles are separate', () => {
    expect(check(ecsTaskRoleIsExecutionRole, shop())).toEqual([]);
  });
});

describe('TOPO-ECS-002 task role shared by several services', () => {
  it('fires when web and worker share a task role', () => {
    const inventory = shop();
    inventory.taskDefinitions[1]!.taskRoleArn = ARNS.webTaskRole;
    const results = check(ecsSharedTaskRole, inventory);
    expect(results.map((r) => r.message)).toEqual(['Task role shop-web-task is shared by services shop-web and shop-worker.']);
    expect(results[0]!.resources).toEqual([{ kind: 'iam-role', id: ARNS.webTaskRole }, webService, workerService]);
  });

  it('is silent on the shop account: only the execution role is shared, which is fine', () => {
    expect(check(ecsSharedTaskRole, shop())).toEqual([]);
  });
});

describe('TOPO-ECS-003 task role grants all actions', () => {
  it('fires on AdministratorAccess known by name only', () => {
    const inventory = shop();
    role(inventory, ARNS.workerTaskRole).attachedPolicies.push({
      arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      name: 'AdministratorAccess',
      awsManaged: true,
    });
    expect(check(ecsTaskRoleWildcard, inventory)).toEqual([
      {
        message: 'Task role shop-worker-task (of shop-worker) allows every action.',
        resources: [{ kind: 'iam-role', id: ARNS.workerTaskRole }, workerService],
        evidence: [{ matchType: 'iam-policy', matchedValue: '*', field: 'role shop-worker-task policy AdministratorAccess statement 1' }],
      },
    ]);
  });

  it('fires on an inline Action "*" and on Allow with NotAction', () => {
    const inventory = shop();
    role(inventory, ARNS.webTaskRole).inlinePolicies.push({
      name: 'debug',
      document: {
        statements: [
          { effect: 'Allow', actions: ['*'], notActions: [], resources: ['*'], notResources: [] },
          { effect: 'Allow', actions: [], notActions: ['iam:*'], resources: ['*'], notResources: [] },
        ],
      },
    });
    expect(check(ecsTaskRoleWildcard, inventory)[0]!.evidence).toEqual([
      { matchType: 'iam-policy', matchedValue: '*', field: 'role shop-web-task policy debug statement 1' },
      { matchType: 'iam-policy', matchedValue: 'NotAction iam:*', field: 'role shop-web-task policy debug statement 2' },
    ]);
  });

  it('is silent on the shop task roles, scoped to their bucket and queue', () => {
    expect(check(ecsTaskRoleWildcard, shop())).toEqual([]);
  });
});

describe('TOPO-ECS-004 execution role permissions', () => {
  it('is silent on the shop execution role, which has AmazonECSTaskExecutionRolePolicy', () => {
    expect(check(ecsExecutionRolePermissions, shop())).toEqual([]);
  });

  it('fires when the managed policy is gone and only secrets access is left', () => {
    const inventory = shop();
    role(inventory, ARNS.executionRole).attachedPolicies = [];
    const [result, ...rest] = check(ecsExecutionRolePermissions, inventory);
    expect(rest).toEqual([]);
    expect(result!.message).toBe(
      'Execution role shop-ecs-execution (of shop-web and shop-worker) lacks ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, logs:CreateLogStream and logs:PutLogEvents.',
    );
    expect(result!.resources).toEqual([{ kind: 'iam-role', id: ARNS.executionRole }, webService, workerService]);
  });

  it('accepts equivalent inline statements with wildcards, and asks for logs only with awslogs', () => {
    const inventory = shop();
    const execution = role(inventory, ARNS.executionRole);
    execution.attachedPolicies = [];
    execution.inlinePolicies.push({
      name: 'pull',
      document: { statements: [{ effect: 'Allow', actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGet*', 'ecr:GetDownloadUrlForLayer'], notActions: [], resources: ['*'], notResources: [] }] },
    });
    expect(check(ecsExecutionRolePermissions, inventory).map((r) => r.message)).toEqual([
      'Execution role shop-ecs-execution (of shop-web and shop-worker) lacks logs:CreateLogStream and logs:PutLogEvents.',
    ]);
    for (const taskDefinition of inventory.taskDefinitions) taskDefinition.containers[0]!.logDriver = 'json-file';
    expect(check(ecsExecutionRolePermissions, inventory)).toEqual([]);
  });

  it('does not guess when an attached policy\'s document is unknown', () => {
    const inventory = shop();
    role(inventory, ARNS.executionRole).attachedPolicies = [{ arn: 'arn:aws:iam::aws:policy/SomeOtherPolicy', name: 'SomeOtherPolicy', awsManaged: true }];
    expect(check(ecsExecutionRolePermissions, inventory)).toEqual([]);
  });
});

describe('TOPO-ECS-005 deployment circuit breaker', () => {
  it('fires without a breaker and with a breaker that does not roll back', () => {
    const inventory = shop();
    inventory.services[0]!.deployment = { minimumHealthyPercent: 100, maximumPercent: 200 };
    inventory.services[1]!.deployment.circuitBreaker = { enable: true, rollback: false };
    expect(check(ecsNoCircuitBreaker, inventory).map((r) => r.message)).toEqual([
      'Service shop-web has no deployment circuit breaker.',
      'Service shop-worker has a deployment circuit breaker without rollback.',
    ]);
  });

  it('is silent on the shop services (enable and rollback)', () => {
    expect(check(ecsNoCircuitBreaker, shop())).toEqual([]);
  });
});

describe('TOPO-ECS-006 public IP', () => {
  it('fires when the worker assigns public IPs and is silent otherwise', () => {
    const inventory = shop();
    expect(check(ecsPublicIp, inventory)).toEqual([]);
    inventory.services[1]!.assignPublicIp = true;
    expect(check(ecsPublicIp, inventory)).toEqual([
      { message: 'Service shop-worker assigns a public IP to its tasks.', resources: [workerService], evidence: [] },
    ]);
  });
});

describe('TOPO-ECS-007 plaintext secrets', () => {
  const secretValue = 'sk_live_51HxZq2eZvKYlo2C0aBcDeFgHiJ';

  it('reports the variable name and never the value', () => {
    const inventory = shop();
    webContainer(inventory).environment.push({ name: 'STRIPE_API_KEY', value: secretValue });
    webContainer(inventory).environment[0]!.value = 'postgres://app:hunter2@shop-db.c9akciq32.us-east-1.rds.amazonaws.com:5432/shop';
    const results = check(ecsPlaintextSecret, inventory);
    expect(results).toEqual([
      {
        message:
          'Service shop-web sets DATABASE_URL (a URL with a password) and STRIPE_API_KEY as plaintext environment variables in task definition shop-web:42.',
        resources: [webService],
        evidence: [
          { matchType: 'env', matchedValue: 'DATABASE_URL', field: 'container web env DATABASE_URL' },
          { matchType: 'env', matchedValue: 'STRIPE_API_KEY', field: 'container web env STRIPE_API_KEY' },
        ],
      },
    ]);
    expect(JSON.stringify(results)).not.toContain(secretValue);
    expect(JSON.stringify(results)).not.toContain('hunter2');
  });

  it('is silent on the shop task definitions (secrets come from Secrets Manager)', () => {
    expect(check(ecsPlaintextSecret, shop())).toEqual([]);
  });

  it.each([
    ['DB_PASSWORD', 'correct-horse', 'name'],
    ['PGPASSWORD', 'x9!k', 'name'],
    ['jwtSecret', 'abc123', 'name'],
    ['GITHUB_TOKEN', 'ghp_0123456789', 'name'],
    ['DB_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db', undefined],
    ['PASSWORD_MIN_LENGTH', '12', undefined],
    ['TOKEN_URL', 'https://auth.example.com/token', undefined],
    ['API_KEY', '', undefined],
    ['SECRET_ROTATION', 'true', undefined],
    ['AUTH_MODE', 'oidc', undefined],
    ['REDIS_URL', 'redis://:p4ss@cache:6379', 'url'],
    ['DATABASE_URL', 'postgres://app@shop-db:5432/shop', undefined],
  ])('%s=%s → %s', (name, value, reason) => {
    expect(plaintextSecretReason(name, value)).toBe(reason);
  });
});
