import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import { correlate } from '../../../src/correlate/index.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const CORPUS_EC2 = '../shared/corpus/cloudformation-templates/ECS/EC2LaunchType';

describe('EC2 launch type: the service reaches the ALB through its container instances', () => {
  it('bridge networking: the instances of the auto-scaling group that joins the cluster (ECS_CLUSTER in user data)', async () => {
    const inventory = await loadTemplateInventory([`${CORPUS_EC2}/clusters/public-vpc.yaml`, `${CORPUS_EC2}/services/public-service.yaml`], silentProgress, {
      parameters: ['public-service.StackName=public-vpc'],
    });
    const service = inventory.services[0]!;
    expect(service.securityGroupIds).toEqual([]);
    expect(service.hostSecurityGroupIds).toEqual(['sg-EcsHostSecurityGroup']);
    const fromAlb = correlate(inventory).filter((edge) => edge.kind === 'sg-ingress' && edge.to.id === 'sg-EcsHostSecurityGroup').map((edge) => edge.from.id);
    expect(fromAlb).toContain('sg-PublicLoadBalancerSG');
  });

  it('host networking: the instances of the capacity provider the cluster is associated with', async () => {
    const inventory = await loadTemplateInventory('test/fixtures/templates/ec2-capacity-provider.yaml', silentProgress);
    expect(inventory.services.map((service) => [service.name, service.hostSecurityGroupIds])).toEqual([['Service', ['sg-InstanceSecurityGroup']]]);
    // The launch template's use keeps the group from being "attached to nothing" even without the service.
    expect(inventory.securityGroups.find((group) => group.id === 'sg-InstanceSecurityGroup')!.usedBy).toEqual(['AWS::EC2::LaunchTemplate LaunchTemplate']);
  });

  it('awsvpc services keep their own groups only', async () => {
    const inventory = await loadTemplateInventory('test/fixtures/templates/multi-stack', silentProgress, { parameters: ['ImageTag=1'] });
    expect(inventory.services.every((service) => service.hostSecurityGroupIds === undefined)).toBe(true);
  });
});
