import { ref, type Evidence } from '../../../model/index.js';
import type { Rule, RuleResult } from '../../rule.js';
import { containerVariableField, located } from '../../../model/fields.js';
import { identifier, message, nameOf, shared } from '../../message.js';

/** Name words that say the value is a credential (`DB_PASSWORD`, `PGPASSWORD`, `stripeApiKey`, `JWT_SECRET`). */
const SECRET_WORDS = /PASSWORD|PASSWD|PASSPHRASE|SECRET|(^|_)(PWD|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|ACCESS_KEY|SIGNING_KEY|ENCRYPTION_KEY|CREDENTIALS?|AUTH_KEY)(_|$)/;

/** Name endings that say the value points at a secret rather than being one (`DB_SECRET_ARN`). */
const REFERENCE_SUFFIXES = /_(ARN|NAME|ID|FILE|PATH|URL|URI|ENDPOINT|REGION|HEADER|TTL|EXPIRY|EXPIRES|LENGTH|TIMEOUT|ENABLED|DISABLED|MODE|TYPE|VERSION|PARAM|PARAMETER)$/;

/** `postgres://user:password@host`: credentials inside a URL, whatever the variable is called. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:[^/@\s]+@/i;

/** `stripeApiKey` → `STRIPE_API_KEY` */
function constantCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

function isLiteral(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || /^(true|false|yes|no|on|off|null|none)$/i.test(trimmed)) return false;
  return !trimmed.startsWith('arn:') && !/^\$\{.*\}$/.test(trimmed);
}

/** Why a variable looks like a plaintext secret, or undefined. Looks at the value only to classify it. */
export function plaintextSecretReason(name: string, value: string): 'name' | 'url' | undefined {
  const constant = constantCase(name);
  if (SECRET_WORDS.test(constant) && !REFERENCE_SUFFIXES.test(constant) && isLiteral(value)) return 'name';
  if (URL_WITH_PASSWORD.test(value.trim())) return 'url';
  return undefined;
}

export const ecsPlaintextSecret: Rule = {
  id: 'TOPO-ECS-007',
  title: 'Plaintext secret in task definition environment',
  severity: 'high',
  area: 'ecs',
  needs: ['taskDefinitions'],
  rationale:
    'Environment values are stored in the task definition in clear text: anyone with ecs:DescribeTaskDefinition, the console or a CloudFormation template reads them, and every revision keeps them.',
  remediation:
    'Move the value to Secrets Manager or SSM Parameter Store and reference it from the container\'s `secrets`; rotate the exposed value. (Only the variable name is reported here, never the value.)',
  check: ({ inventory, index }) => {
    const results: RuleResult[] = [];
    for (const service of inventory.services) {
      const taskDefinition = index.taskDefinitions.get(service.taskDefinitionArn);
      if (taskDefinition === undefined) continue;
      const evidence: Evidence[] = [];
      const names: string[] = [];
      for (const container of taskDefinition.containers) {
        for (const variable of container.environment) {
          const reason = plaintextSecretReason(variable.name, variable.value);
          if (reason === undefined) continue;
          names.push(reason === 'url' ? `${variable.name} (a URL with a password)` : variable.name);
          evidence.push(located({ matchType: 'env', matchedValue: variable.name }, containerVariableField(container.name, 'env', variable.name)));
        }
      }
      if (names.length === 0) continue;
      results.push({
        ...message`Service ${nameOf(index, ref('ecs-service', service.arn))} sets ${names.map(shared)} as plaintext environment variable${names.length > 1 ? message`s` : message``} in task definition ${identifier('task-family', taskDefinition.family)}:${taskDefinition.revision}.`,
        resources: [ref('ecs-service', service.arn)],
        evidence,
      });
    }
    return results;
  },
};
