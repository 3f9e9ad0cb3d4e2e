import { arnResourceName } from './ids.js';
import type { Bucket, ContainerDefinition, DbCluster, DbInstance, DnsRecord, EcsCluster, EcsService, HostedZone, IamRole, ManagedPolicy, Queue, TaskDefinition } from './inventory.js';
import { BUCKET_NAME, DB_CLUSTER_NAME, DB_INSTANCE_NAME, ECS_CLUSTER_NAME, LOAD_BALANCER_NAME, MANAGED_POLICY_NAME, QUEUE_NAME, TASK_FAMILY_NAME } from './kind-names.js';
import type { KindName, Redactor } from './kinds.js';

/**
 * The public copies of the kinds older than the registry whose names, ARNs and role-style names
 * `redact/` still gives by hand (`copy` in their descriptors, `model/kinds.ts`): DNS, ECS, the data
 * stores and IAM here, the load balancing kinds in `kind-redactions-elb.ts`, the network kinds in
 * `kind-redactions-network.ts`. Each item is rebuilt field by field, so a field added to the model
 * later is left out of --public output until someone decides how to show it (fail closed), instead
 * of being copied through.
 */

/**
 * The number and boolean fields of a settings object (counts, thresholds, flags): they carry no
 * identifiers. A string field added to the model later is not copied.
 */
export function numbersAndBooleans<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => typeof value === 'number' || typeof value === 'boolean')) as Partial<T>;
}

/** `AWS::EC2::LaunchTemplate ContainerInstances` → `AWS::EC2::LaunchTemplate resource-k3f9`: AWS's type name stays. */
export function outsideUserCopy(r: Redactor, user: string): string {
  const [type, ...name] = user.split(' ');
  return `${type} ${r.label('outside-resource', name.join(' '), 'resource')}`;
}

export function hostedZoneCopy(zone: HostedZone, r: Redactor): HostedZone {
  return {
    id: r.label('zone-id', zone.id),
    name: r.host(zone.name),
    private: zone.private,
    ...(zone.recordCount === undefined ? {} : { recordCount: zone.recordCount }),
  };
}

export function dnsRecordCopy(record: DnsRecord, r: Redactor): DnsRecord {
  return {
    zoneId: r.label('zone-id', record.zoneId),
    name: r.host(record.name),
    type: record.type,
    ...(record.ttl === undefined ? {} : { ttl: record.ttl }),
    ...(record.setIdentifier === undefined ? {} : { setIdentifier: r.label('set-identifier', record.setIdentifier, 'set') }),
    ...(record.aliasTarget === undefined
      ? {}
      : {
          aliasTarget: {
            dnsName: r.host(record.aliasTarget.dnsName),
            hostedZoneId: r.label('zone-id', record.aliasTarget.hostedZoneId),
            evaluateTargetHealth: record.aliasTarget.evaluateTargetHealth,
          },
        }),
    values: record.values.map((value) => dnsValue(r, record.type, value)),
  };
}

/** Addresses and host names are replaced by kind; free-form record data (TXT, MX...) is hidden. */
function dnsValue(r: Redactor, type: string, value: string): string {
  if (type === 'A' || type === 'AAAA') return r.cidr(value);
  if (type === 'CNAME' || type === 'NS' || type === 'PTR') return r.host(value);
  return r.hidden(value);
}

export function clusterCopy(cluster: EcsCluster, r: Redactor): EcsCluster {
  return {
    arn: r.arn(cluster.arn),
    name: r.kindName(ECS_CLUSTER_NAME, cluster.name),
    region: r.region(cluster.region),
    tags: r.tags(cluster.tags),
  };
}

export function serviceCopy(service: EcsService, r: Redactor): EcsService {
  const clusterName = arnResourceName(service.clusterArn);
  return {
    arn: r.arn(service.arn),
    name: r.serviceName(clusterName, service.name),
    clusterArn: r.arn(service.clusterArn),
    region: r.region(service.region),
    desiredCount: service.desiredCount,
    ...(service.runningCount === undefined ? {} : { runningCount: service.runningCount }),
    ...(service.status === undefined ? {} : { status: service.status }),
    ...(service.launchType === undefined ? {} : { launchType: service.launchType }),
    capacityProviders: service.capacityProviders.map((provider) => (/^FARGATE(_SPOT)?$/.test(provider) ? provider : r.label('capacity-provider', provider))),
    taskDefinitionArn: r.arn(service.taskDefinitionArn),
    subnetIds: service.subnetIds.map((id) => r.ec2Id(id)),
    securityGroupIds: service.securityGroupIds.map((id) => r.ec2Id(id)),
    ...(service.hostSecurityGroupIds === undefined ? {} : { hostSecurityGroupIds: service.hostSecurityGroupIds.map((id) => r.ec2Id(id)) }),
    assignPublicIp: service.assignPublicIp,
    loadBalancers: service.loadBalancers.map((binding) => ({
      ...(binding.targetGroupArn === undefined ? {} : { targetGroupArn: r.arn(binding.targetGroupArn) }),
      ...(binding.loadBalancerName === undefined ? {} : { loadBalancerName: r.kindName(LOAD_BALANCER_NAME, binding.loadBalancerName) }),
      containerName: r.label('container', binding.containerName),
      ...(binding.containerPort === undefined ? {} : { containerPort: binding.containerPort }),
    })),
    deployment: {
      ...numbersAndBooleans(service.deployment),
      ...(service.deployment.circuitBreaker === undefined ? {} : { circuitBreaker: numbersAndBooleans(service.deployment.circuitBreaker) as { enable: boolean; rollback: boolean } }),
    },
    tags: r.tags(service.tags),
  };
}

export function taskDefinitionCopy(definition: TaskDefinition, r: Redactor): TaskDefinition {
  return {
    arn: r.arn(definition.arn),
    family: r.kindName(TASK_FAMILY_NAME, definition.family),
    revision: definition.revision,
    region: r.region(definition.region),
    ...(definition.taskRoleArn === undefined ? {} : { taskRoleArn: r.arn(definition.taskRoleArn) }),
    ...(definition.executionRoleArn === undefined ? {} : { executionRoleArn: r.arn(definition.executionRoleArn) }),
    ...(definition.networkMode === undefined ? {} : { networkMode: definition.networkMode }),
    ...(definition.cpu === undefined ? {} : { cpu: definition.cpu }),
    ...(definition.memory === undefined ? {} : { memory: definition.memory }),
    requiresCompatibilities: [...definition.requiresCompatibilities],
    containers: definition.containers.map((container) => containerCopy(r, container)),
  };
}

/** Variable and secret names stay (they describe the wiring); their values never do. */
function containerCopy(r: Redactor, container: ContainerDefinition): ContainerDefinition {
  return {
    name: r.label('container', container.name),
    image: r.label('image', container.image),
    essential: container.essential,
    portMappings: container.portMappings.map((mapping) => ({ ...numbersAndBooleans(mapping), protocol: mapping.protocol })),
    environment: container.environment.map((variable) => ({ name: variable.name, value: r.hidden(variable.value) })),
    secrets: container.secrets.map((secret) => ({ name: secret.name, valueFrom: r.hidden(secret.valueFrom) })),
    ...(container.logDriver === undefined ? {} : { logDriver: container.logDriver }),
  };
}

/** What instances and Aurora clusters share. */
function dbCommonCopy(r: Redactor, db: DbInstance | DbCluster, name: KindName) {
  return {
    arn: r.arn(db.arn),
    identifier: r.kindName(name, db.identifier),
    region: r.region(db.region),
    engine: db.engine,
    ...(db.engineVersion === undefined ? {} : { engineVersion: db.engineVersion }),
    ...(db.status === undefined ? {} : { status: db.status }),
    ...(db.port === undefined ? {} : { port: db.port }),
    securityGroupIds: db.securityGroupIds.map((id) => r.ec2Id(id)),
    multiAz: db.multiAz,
    storageEncrypted: db.storageEncrypted,
    deletionProtection: db.deletionProtection,
    tags: r.tags(db.tags),
  };
}

export function dbInstanceCopy(db: DbInstance, r: Redactor): DbInstance {
  return {
    ...dbCommonCopy(r, db, DB_INSTANCE_NAME),
    ...(db.instanceClass === undefined ? {} : { instanceClass: db.instanceClass }),
    ...(db.endpoint === undefined ? {} : { endpoint: { address: r.host(db.endpoint.address), port: db.endpoint.port } }),
    ...(db.vpcId === undefined ? {} : { vpcId: r.ec2Id(db.vpcId) }),
    subnetIds: db.subnetIds.map((id) => r.ec2Id(id)),
    publiclyAccessible: db.publiclyAccessible,
    ...(db.clusterIdentifier === undefined ? {} : { clusterIdentifier: r.kindName(DB_CLUSTER_NAME, db.clusterIdentifier) }),
  };
}

export function dbClusterCopy(cluster: DbCluster, r: Redactor): DbCluster {
  return {
    ...dbCommonCopy(r, cluster, DB_CLUSTER_NAME),
    ...(cluster.endpoint === undefined ? {} : { endpoint: r.host(cluster.endpoint) }),
    ...(cluster.readerEndpoint === undefined ? {} : { readerEndpoint: r.host(cluster.readerEndpoint) }),
    memberInstanceIds: cluster.memberInstanceIds.map((id) => r.kindName(DB_INSTANCE_NAME, id)),
  };
}

export function bucketCopy(bucket: Bucket, r: Redactor): Bucket {
  const encryption = bucket.encryption;
  return {
    name: r.kindName(BUCKET_NAME, bucket.name),
    arn: r.arn(bucket.arn),
    region: r.region(bucket.region),
    ...(bucket.publicAccessBlock === undefined
      ? {}
      : { publicAccessBlock: bucket.publicAccessBlock === null ? null : (numbersAndBooleans(bucket.publicAccessBlock) as Bucket['publicAccessBlock']) }),
    ...(encryption === undefined
      ? {}
      : {
          encryption:
            encryption === null ? null : { algorithm: encryption.algorithm, ...(encryption.kmsKeyId === undefined ? {} : { kmsKeyId: r.kmsKey(encryption.kmsKeyId) }) },
        }),
    ...(bucket.versioning === undefined ? {} : { versioning: bucket.versioning }),
    ...(bucket.policy === undefined ? {} : { policy: bucket.policy === null ? null : r.policy(bucket.policy) }),
    tags: r.tags(bucket.tags),
  };
}

export function queueCopy(queue: Queue, r: Redactor): Queue {
  return {
    url: r.queueUrl(queue.url),
    arn: r.arn(queue.arn),
    name: r.kindName(QUEUE_NAME, queue.name),
    region: r.region(queue.region),
    fifo: queue.fifo,
    ...(queue.redrive === undefined ? {} : { redrive: { deadLetterTargetArn: r.arn(queue.redrive.deadLetterTargetArn), maxReceiveCount: queue.redrive.maxReceiveCount } }),
    encryption: { kind: queue.encryption.kind, ...(queue.encryption.kmsKeyId === undefined ? {} : { kmsKeyId: r.kmsKey(queue.encryption.kmsKeyId) }) },
    ...(queue.visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds }),
    ...(queue.receiveWaitTimeSeconds === undefined ? {} : { receiveWaitTimeSeconds: queue.receiveWaitTimeSeconds }),
    ...(queue.messageRetentionSeconds === undefined ? {} : { messageRetentionSeconds: queue.messageRetentionSeconds }),
    ...(queue.policy === undefined ? {} : { policy: queue.policy === null ? null : r.policy(queue.policy) }),
    tags: r.tags(queue.tags),
  };
}

export function roleCopy(role: IamRole, r: Redactor): IamRole {
  return {
    arn: r.arn(role.arn),
    name: r.roleName(role.name),
    path: r.iamPath(role.path),
    trustPrincipals: role.trustPrincipals.map((principal) => r.principal(principal)),
    attachedPolicies: role.attachedPolicies.map((policy) => ({
      arn: r.arn(policy.arn),
      name: policy.awsManaged ? policy.name : r.kindName(MANAGED_POLICY_NAME, policy.name),
      awsManaged: policy.awsManaged,
    })),
    inlinePolicies: role.inlinePolicies.map((policy) => ({
      name: r.label('inline-policy', policy.name),
      document: r.policy(policy.document),
    })),
    ...(role.permissionsBoundaryArn === undefined ? {} : { permissionsBoundaryArn: r.arn(role.permissionsBoundaryArn) }),
    tags: r.tags(role.tags),
  };
}

export function managedPolicyCopy(policy: ManagedPolicy, r: Redactor): ManagedPolicy {
  return {
    arn: r.arn(policy.arn),
    name: policy.awsManaged ? policy.name : r.kindName(MANAGED_POLICY_NAME, policy.name),
    path: policy.awsManaged ? policy.path : r.iamPath(policy.path),
    awsManaged: policy.awsManaged,
    ...(policy.document === undefined ? {} : { document: r.policy(policy.document) }),
  };
}
