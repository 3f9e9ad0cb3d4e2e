import type { ResourceSet, TemplateResource } from '../resources.js';
import { asRecord, asRecords, asString, asStrings } from '../values.js';

/**
 * The security groups of an ECS cluster's container instances, by cluster name: from the
 * auto-scaling groups its capacity providers name, or whose instances join it (`ECS_CLUSTER=name`
 * in their launch template's or launch configuration's user data).
 */
export function containerInstanceGroups(set: ResourceSet): Map<string, string[]> {
  const launchTemplates = new Map(set.ofType('AWS::EC2::LaunchTemplate').map((template) => [template.id, template]));
  const launchConfigurations = new Map(set.ofType('AWS::AutoScaling::LaunchConfiguration').map((configuration) => [configuration.id, configuration]));
  const groupsOfAsg = (asg: TemplateResource): { groups: string[]; userData: string } => {
    const template = launchTemplates.get(asString(asRecord(asg.properties.LaunchTemplate)?.LaunchTemplateId) ?? '');
    if (template !== undefined) {
      const data = asRecord(template.properties.LaunchTemplateData) ?? {};
      const groups = [...asStrings(data.SecurityGroupIds), ...asStrings(data.SecurityGroups), ...asRecords(data.NetworkInterfaces).flatMap((eni) => asStrings(eni.Groups))];
      return { groups, userData: decoded(data.UserData) };
    }
    const configuration = launchConfigurations.get(asString(asg.properties.LaunchConfigurationName) ?? '');
    if (configuration !== undefined) return { groups: asStrings(configuration.properties.SecurityGroups), userData: decoded(configuration.properties.UserData) };
    return { groups: [], userData: '' };
  };

  const clusterOfProvider = new Map<string, string>();
  for (const association of set.ofType('AWS::ECS::ClusterCapacityProviderAssociations')) {
    for (const provider of asStrings(association.properties.CapacityProviders)) clusterOfProvider.set(provider, asString(association.properties.Cluster) ?? '');
  }
  for (const cluster of set.ofType('AWS::ECS::Cluster')) {
    for (const provider of asStrings(cluster.properties.CapacityProviders)) clusterOfProvider.set(provider, cluster.id);
  }
  const asgOfProvider = new Map(
    set.ofType('AWS::ECS::CapacityProvider').map((provider) => [provider.id, asString(asRecord(provider.properties.AutoScalingGroupProvider)?.AutoScalingGroupArn) ?? '']),
  );

  const result = new Map<string, string[]>();
  const add = (cluster: string, groups: string[]) => result.set(cluster, [...new Set([...(result.get(cluster) ?? []), ...groups])]);
  for (const asg of set.ofType('AWS::AutoScaling::AutoScalingGroup')) {
    const { groups, userData } = groupsOfAsg(asg);
    if (groups.length === 0) continue;
    for (const [provider, asgName] of asgOfProvider) {
      const cluster = clusterOfProvider.get(provider);
      if (cluster !== undefined && (asgName === asg.id || asgName.endsWith(`autoScalingGroupName/${asg.id}`))) add(cluster, groups);
    }
    const joined = /ECS_CLUSTER=([^\s"'>]+)/.exec(userData)?.[1];
    if (joined !== undefined && !joined.includes('${')) add(joined, groups);
  }
  return result;
}

/** User data is base64 once resolved (`!Base64`); a template may also give it plain. */
function decoded(value: unknown): string {
  const text = asString(value) ?? '';
  if (/^[A-Za-z0-9+/]+=*$/.test(text) && text.length % 4 === 0) return Buffer.from(text, 'base64').toString('utf8');
  return text;
}
