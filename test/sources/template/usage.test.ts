import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import type { Topology } from '../../../src/model/index.js';
import { buildTopology } from '../../../src/pipeline.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

let topology: Topology;

beforeAll(async () => {
  topology = buildTopology(await loadTemplateInventory('test/fixtures/templates/outside-users.yaml', silentProgress), {});
});

describe('groups used by resources outside the model', () => {
  it('records what uses each security group and target group', () => {
    const users = Object.fromEntries(topology.inventory.securityGroups.map((group) => [group.name, group.usedBy]));
    expect(users).toEqual({
      BastionSecurityGroup: ['AWS::EC2::LaunchTemplate BastionTemplate'],
      FunctionSecurityGroup: ['AWS::Lambda::Function Function'],
      MountTargetSecurityGroup: ['AWS::EFS::MountTarget MountTarget'],
      LeftoverSecurityGroup: undefined,
    });
    expect(topology.inventory.targetGroups.map((group) => [group.name, group.usedBy])).toEqual([
      ['WebTargetGroup', ['AWS::AutoScaling::AutoScalingGroup WebInstances']],
      ['OrphanTargetGroup', undefined],
    ]);
  });

  it('reports only the group nothing uses as attached to nothing, and only the target group nothing serves', () => {
    const messages = (ruleId: string) => topology.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.message);
    expect(messages('TOPO-NET-003')).toEqual(['Security group LeftoverSecurityGroup is attached to no load balancer, service, database or endpoint.']);
    expect(messages('TOPO-ALB-003')).toEqual(['Target group OrphanTargetGroup has no ECS service bound to it.']);
  });

  it('says what uses a group a finding is about', () => {
    expect(topology.findings.filter((finding) => finding.ruleId === 'TOPO-NET-002').map((finding) => finding.message)).toEqual([
      'Security group BastionSecurityGroup (used by AWS::EC2::LaunchTemplate) admits tcp 22 from 0.0.0.0/0.',
    ]);
  });
});
