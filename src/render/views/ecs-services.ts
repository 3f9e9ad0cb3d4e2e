import {
  serviceTrafficGroups,
  arnResourceName,
  ref,
  type Edge,
  type EdgeKind,
  type InventoryIndex,
  type NodeRef,
} from '../../model/index.js';
import { nameIn, securityGroupsCell, nodeName, linkTargetType, evidenceLabels, lines, linesOf, portSpec } from './cells.js';
import { EMPTY_CELL, type TableSpec, type ViewContext } from './context.js';

export const ecsServiceTable: TableSpec = {
  id: 'ecs-services',
  title: 'ECS SERVICES',
  columns: [
    'Cluster',
    'Service',
    'Desired',
    'Task Definition',
    'Task Role',
    'Execution Role',
    'ALB Usage',
    'Subnets',
    'Security Groups',
    'SG Connections',
    'RDS Links',
    'S3 Links',
    'SQS Links',
  ],
  needs: ['taskDefinitions', 'roles', 'loadBalancers', 'targetGroups', 'securityGroups', 'databases', 'buckets', 'queues'],
  rows: ecsServiceRows,
};

/** `alb-name -> tg-name (container:port)` for each load balancer in front of the service. */
function albUsage({ index, into }: ViewContext, serviceNode: NodeRef): string[] {
  return into('target-service', serviceNode).flatMap((edge) => {
    const tg = index.targetGroups.get(edge.from.id);
    const binding = `${nodeName(index, edge.from)} (${edge.attributes.containerName}:${edge.attributes.containerPort ?? 'unknown port'})`;
    const lbNames = (tg?.loadBalancerArns ?? []).map((arn) => nameIn(index.loadBalancers, arn));
    return lbNames.length === 0 ? [binding] : lbNames.map((lb) => `${lb} -> ${binding}`);
  });
}

/** Who may connect in to the service's security groups: `in<- shop-alb-sg (sg-1) tcp 3000`. */
function sgConnections({ index, into }: ViewContext, securityGroupIds: string[]): string[] {
  return securityGroupIds.flatMap((groupId) =>
    into('sg-ingress', ref('security-group', groupId)).map((edge) => {
      const source = edge.from.kind === 'security-group' ? nodeName(index, edge.from) : `${edge.from.kind === 'cidr' ? 'CIDR' : edge.from.kind} ${nodeName(index, edge.from)}`;
      return `in<- ${source} ${portSpec(edge.attributes.protocol, edge.attributes.fromPort, edge.attributes.toPort)}`;
    }),
  );
}

/** `instance:shop-db (sg-reference, env)`; queues add the direction: `queue:jobs (producer; env)`. */
function linkLine(index: InventoryIndex, edge: Edge): string {
  const direction = edge.attributes.direction === undefined ? '' : `${edge.attributes.direction}; `;
  return `${linkTargetType(edge.to)}:${nodeName(index, edge.to)} (${direction}${evidenceLabels(edge)})`;
}

function ecsServiceRows(context: ViewContext): string[][] {
  const { topology, index, outOf } = context;
  return topology.inventory.services.map((service) => {
    const node = ref('ecs-service', service.arn);
    const taskDefinition = index.taskDefinitions.get(service.taskDefinitionArn);
    const links = (kind: EdgeKind) => linesOf(outOf(kind, node), (edge) => linkLine(index, edge));
    return [
      nameIn(index.clusters, service.clusterArn),
      service.name,
      String(service.desiredCount),
      taskDefinition ? `${taskDefinition.family}:${taskDefinition.revision}` : arnResourceName(service.taskDefinitionArn),
      taskDefinition?.taskRoleArn ? nameIn(index.roles, taskDefinition.taskRoleArn) : EMPTY_CELL,
      taskDefinition?.executionRoleArn ? nameIn(index.roles, taskDefinition.executionRoleArn) : EMPTY_CELL,
      lines(albUsage(context, node)),
      lines(service.subnetIds),
      securityGroupsCell(index, serviceTrafficGroups(service)),
      lines(sgConnections(context, serviceTrafficGroups(service))),
      links('service-db'),
      links('service-bucket'),
      links('service-queue'),
    ];
  });
}
