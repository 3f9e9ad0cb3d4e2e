import { arnResourceName, type ScopeSelectors, type TopologyScope } from '../model/index.js';
import { redactArn } from './arns.js';
import { redactNode, type TextRedaction } from './edges.js';
import { isPublicTagKey } from './vocabulary.js';

/**
 * The scope under --public: tag keys and values, stack names (the stack-name tag's values),
 * clusters, services and VPCs named exactly as the redacted inventory names them; the stubs' nodes
 * as the redacted edges name them. The stubs carry only counts of what lies outside.
 */
export function redactScope(r: TextRedaction, scope: TopologyScope): TopologyScope {
  return {
    selectors: redactSelectors(r, scope.selectors),
    matched: scope.matched,
    stubs: scope.stubs.map((stub) => ({ ...stub, node: redactNode(r, stub.node) })),
  };
}

function redactSelectors({ names }: TextRedaction, selectors: ScopeSelectors): ScopeSelectors {
  const cluster = (value: string) => (value.startsWith('arn:') ? redactArn(names, value) : names.segment('cluster', value));
  return {
    tags: selectors.tags.map(({ key, value }) => ({ key: isPublicTagKey(key) ? key : names.label('tag-key', key), value: names.tagValue(value) })),
    stacks: selectors.stacks.map((stack) => names.tagValue(stack)),
    clusters: selectors.clusters.map(cluster),
    services: selectors.services.map((service) => {
      if (service.startsWith('arn:')) return redactArn(names, service);
      const slash = service.lastIndexOf('/');
      const clusterPart = service.slice(0, slash);
      const clusterName = clusterPart.startsWith('arn:') ? arnResourceName(clusterPart) : clusterPart;
      return `${cluster(clusterPart)}/${names.serviceName(clusterName, service.slice(slash + 1))}`;
    }),
    vpcs: selectors.vpcs.map((vpc) => (/^vpc-[0-9a-z]+$/i.test(vpc) ? names.ec2Id(vpc) : names.label('vpc-name', vpc))),
  };
}
