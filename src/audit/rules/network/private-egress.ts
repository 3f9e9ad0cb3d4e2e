import { ref, type EcsService, type Evidence, type Subnet } from '../../../model/index.js';
import type { AuditContext, Rule, RuleResult } from '../../rule.js';
import { containerVariableField, located } from '../../../model/fields.js';
import { identifier, message, nameOf, shared } from '../../message.js';
import { isEcrImage } from '../ecs/execution-role-permissions.js';

interface Dependency {
  label: string;
  /** Endpoint service names (after `com.amazonaws.<region>.`) that must all be present. */
  endpoints: string[];
  evidence: Evidence[];
}

const EGRESS_ROUTES = new Set(['nat-gateway', 'transit-gateway', 'instance', 'network-interface']);

/** Can tasks in this subnet reach public AWS endpoints without a VPC endpoint? */
function hasEgress(subnet: Subnet, assignPublicIp: boolean): boolean {
  const target = subnet.defaultRoute?.targetKind;
  if (target === 'internet-gateway') return assignPublicIp;
  return target !== undefined && EGRESS_ROUTES.has(target);
}

/** `com.amazonaws.us-east-1.ecr.dkr` → `ecr.dkr` */
function endpointService(serviceName: string): string {
  return serviceName.replace(/^(cn\.)?com\.amazonaws\.[a-z0-9-]+\./, '');
}

function dependencies(context: AuditContext, service: EcsService): Dependency[] {
  const from = ref('ecs-service', service.arn);
  const edgeEvidence = (kind: 'service-bucket' | 'service-queue') => context.outgoing(from, kind).flatMap((edge) => edge.evidence);
  const containers = context.index.taskDefinitions.get(service.taskDefinitionArn)?.containers ?? [];
  const secretEvidence = (store: 'secretsmanager' | 'ssm'): Evidence[] =>
    containers.flatMap((container) =>
      container.secrets
        .filter((secret) => (secret.valueFrom.includes(':secretsmanager:') ? 'secretsmanager' : 'ssm') === store)
        .map((secret) => located({ matchType: 'secret', matchedValue: secret.valueFrom }, containerVariableField(container.name, 'secret', secret.name))),
    );
  const candidates: Dependency[] = [
    { label: 'S3', endpoints: ['s3'], evidence: edgeEvidence('service-bucket') },
    { label: 'SQS', endpoints: ['sqs'], evidence: edgeEvidence('service-queue') },
    { label: 'Secrets Manager', endpoints: ['secretsmanager'], evidence: secretEvidence('secretsmanager') },
    { label: 'SSM Parameter Store', endpoints: ['ssm'], evidence: secretEvidence('ssm') },
  ];
  const uses = candidates.filter((dependency) => dependency.evidence.length > 0);
  // Image pulls and awslogs have no evidence kind of their own: the container settings are the evidence.
  if (containers.some((container) => isEcrImage(container.image))) uses.push({ label: 'ECR', endpoints: ['ecr.api', 'ecr.dkr', 's3'], evidence: [] });
  if (containers.some((container) => container.logDriver === 'awslogs')) uses.push({ label: 'CloudWatch Logs', endpoints: ['logs'], evidence: [] });
  return uses;
}

export const privateServiceWithoutEgress: Rule = {
  id: 'TOPO-NET-001',
  title: 'Private service uses AWS services with neither a VPC endpoint nor a NAT route',
  severity: 'high',
  area: 'network',
  needs: ['taskDefinitions', 'roles', 'subnets', 'routeTables', 'vpcEndpoints'],
  rationale:
    'Tasks in subnets without a NAT (or, with a public IP, internet gateway) route reach AWS APIs only through VPC endpoints. A missing endpoint means image pulls, log delivery, secret retrieval or S3/SQS calls time out, and tasks fail to start or to work.',
  remediation:
    'Add the missing VPC endpoints (interface endpoints for ecr.api, ecr.dkr, logs, sqs, secretsmanager, ssm whose security group admits the service on 443; the S3 gateway endpoint on the subnets\' route table), or route the subnets through a NAT gateway.',
  check: (context) => {
    const results: RuleResult[] = [];
    for (const service of context.inventory.services) {
      const subnets = service.subnetIds.map((id) => context.index.subnets.get(id)).filter((s): s is Subnet => s !== undefined);
      const closed = subnets.filter((subnet) => !hasEgress(subnet, service.assignPublicIp));
      if (closed.length === 0) continue;
      const reachable = new Set(
        context.outgoing(ref('ecs-service', service.arn), 'service-endpoint').flatMap((edge) => {
          const endpoint = context.index.vpcEndpoints.get(edge.to.id);
          return endpoint ? [endpointService(endpoint.serviceName)] : [];
        }),
      );
      const missing = dependencies(context, service)
        .map((dependency) => ({ ...dependency, absent: dependency.endpoints.filter((name) => !reachable.has(name)) }))
        .filter((dependency) => dependency.absent.length > 0);
      if (missing.length === 0) continue;
      const publicWithoutIp = closed.some((subnet) => subnet.defaultRoute?.targetKind === 'internet-gateway');
      results.push({
        ...message`Service ${nameOf(context.index, ref('ecs-service', service.arn))} runs in ${closed.map((s) => identifier('subnet', s.id, s.name ?? s.id))} without a NAT route${publicWithoutIp ? message` or a public IP` : message``}, and has no VPC endpoint for ${missing.map((m) => shared(`${m.label} (${m.absent.join(', ')})`))}.`,
        resources: [ref('ecs-service', service.arn)],
        evidence: missing.flatMap((m) => m.evidence),
      });
    }
    return results;
  },
};
