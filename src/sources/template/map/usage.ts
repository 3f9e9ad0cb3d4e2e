import type { ResourceSet, TemplateResource } from '../resources.js';
import { asRecords, isRecord } from '../values.js';

/** Types whose security-group references the model already holds (or that are the groups' own rules). */
const MODELED_SECURITY_GROUP_USERS = new Set([
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ECS::Service',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::EC2::VPCEndpoint',
]);

/** Types whose target-group references the model already holds: services register, listeners only forward. */
const MODELED_TARGET_GROUP_USERS = new Set([
  'AWS::ECS::Service',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
]);

/** `AWS::EC2::LaunchTemplate ContainerInstances`: what a finding names as the user. */
function describe(resource: TemplateResource): string {
  return `${resource.type} ${resource.displayName}`;
}

/** True when the value (or anything inside it) is exactly one of `ids`; every id met is added to `found`. */
function collectReferences(value: unknown, ids: ReadonlySet<string>, found: Set<string>): void {
  if (typeof value === 'string') {
    if (ids.has(value)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, ids, found);
  } else if (isRecord(value)) {
    for (const item of Object.values(value)) collectReferences(item, ids, found);
  }
}

function usersOf(set: ResourceSet, ids: ReadonlySet<string>, modeled: ReadonlySet<string>): Map<string, string[]> {
  const users = new Map<string, string[]>();
  if (ids.size === 0) return users;
  for (const resource of set.all) {
    if (modeled.has(resource.type)) continue;
    const found = new Set<string>();
    collectReferences(resource.properties, ids, found);
    for (const id of found) users.set(id, [...(users.get(id) ?? []), describe(resource)]);
  }
  return users;
}

/**
 * Security groups referenced by resources the model does not hold (launch templates, EFS mount
 * targets, Lambda `VpcConfig`, ElastiCache, auto-scaling groups...), by group id.
 */
export function securityGroupUsers(set: ResourceSet, groupIds: string[]): Map<string, string[]> {
  return usersOf(set, new Set(groupIds), MODELED_SECURITY_GROUP_USERS);
}

/** Target groups registered into by resources the model does not hold (auto-scaling groups), or declaring their own `Targets`. */
export function targetGroupUsers(set: ResourceSet, groupArns: string[]): Map<string, string[]> {
  const users = usersOf(set, new Set(groupArns), MODELED_TARGET_GROUP_USERS);
  for (const group of set.ofType('AWS::ElasticLoadBalancingV2::TargetGroup')) {
    const targets = asRecords(group.properties.Targets).length;
    if (targets > 0) users.set(group.id, [...(users.get(group.id) ?? []), `${targets} target(s) the template registers`]);
  }
  return users;
}
