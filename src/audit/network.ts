import { carriesTcp, portInRange } from '../correlate/match.js';
import { PUBLIC_INTERNET_CIDRS } from '../model/network.js';
import { pushTo, ref, serviceTrafficGroups, type Evidence, type Inventory, type InventoryIndex, type NodeRef, type SecurityGroup, type SecurityGroupRule } from '../model/index.js';
import { inboundField, located } from '../model/fields.js';
import { identifier, message, nameOf, shared, type Message } from './message.js';

export const WEB_PORTS: readonly number[] = [80, 443];

export function isInternetRule(rule: SecurityGroupRule): boolean {
  return rule.peer.kind === 'cidr' && PUBLIC_INTERNET_CIDRS.has(rule.peer.cidr);
}

/** `tcp 5432`, `tcp 8000-8100`, `all traffic` */
export function describePorts(rule: SecurityGroupRule): string {
  if (rule.protocol === 'all' || rule.protocol === '-1') return 'all traffic';
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort === -1) return `${rule.protocol} all ports`;
  return rule.fromPort === rule.toPort ? `${rule.protocol} ${rule.fromPort}` : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
}

/** Does the rule admit TCP traffic to `port` (undefined: any port)? */
export function admitsTcpPort(rule: SecurityGroupRule, port: number | undefined): boolean {
  if (!carriesTcp(rule.protocol)) return false;
  return port === undefined || portInRange(port, rule.fromPort, rule.toPort);
}

/** True when the rule opens anything besides 80 and 443 (ICMP does not count: it has no ports). */
export function opensNonWebPorts(rule: SecurityGroupRule): boolean {
  if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6' || rule.protocol === '1' || rule.protocol === '58') return false;
  if (rule.protocol === 'all' || rule.protocol === '-1') return true;
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort === -1) return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return true;
  const width = rule.toPort - rule.fromPort + 1;
  const webPortsInside = WEB_PORTS.filter((port) => port >= rule.fromPort! && port <= rule.toPort!).length;
  return width > webPortsInside;
}

function peerValue(rule: SecurityGroupRule): string {
  const peer = rule.peer;
  return peer.kind === 'security-group' ? peer.groupId : peer.kind === 'cidr' ? peer.cidr : peer.prefixListId;
}

/** `tcp 22 from 0.0.0.0/0`, as message parts: the peer is a CIDR, a security group or a prefix list. */
export function ruleMessage(index: InventoryIndex, rule: SecurityGroupRule): Message {
  const peer = rule.peer;
  const from =
    peer.kind === 'security-group' ? nameOf(index, ref('security-group', peer.groupId)) : peer.kind === 'cidr' ? identifier('cidr', peer.cidr) : nameOf(index, ref('prefix-list', peer.prefixListId));
  return message`${shared(describePorts(rule))} from ${from}`;
}


/** Evidence for one inbound rule of `group`, shaped like the `sg-ingress` edge's evidence. */
export function ingressEvidence(group: SecurityGroup, rule: SecurityGroupRule): Evidence {
  return located({ matchType: 'sg-rule', matchedValue: peerValue(rule) }, inboundField(group.id, describePorts(rule)));
}

/** Every resource that has each security group attached, by group id. */
export function securityGroupAttachments(inventory: Inventory): Map<string, NodeRef[]> {
  const attachments = new Map<string, NodeRef[]>();
  const attach = (groupIds: string[], node: NodeRef) => {
    for (const id of groupIds) pushTo(attachments, id, node);
  };
  for (const lb of inventory.loadBalancers) attach(lb.securityGroupIds, ref('load-balancer', lb.arn));
  for (const service of inventory.services) attach(serviceTrafficGroups(service), ref('ecs-service', service.arn));
  for (const db of inventory.dbInstances) attach(db.securityGroupIds, ref('db-instance', db.arn));
  for (const cluster of inventory.dbClusters) attach(cluster.securityGroupIds, ref('db-cluster', cluster.arn));
  for (const endpoint of inventory.vpcEndpoints) attach(endpoint.securityGroupIds, ref('vpc-endpoint', endpoint.id));
  return attachments;
}

/** Load balancers reachable from the internet (CloudFormation's default scheme is internet-facing). */
export function isInternetFacing(lb: { scheme: string }): boolean {
  return lb.scheme !== 'internal';
}

/** Inbound rules of `group` that admit the internet on anything besides 80/443. */
export function internetNonWebRules(group: SecurityGroup): SecurityGroupRule[] {
  return group.inbound.filter((rule) => isInternetRule(rule) && opensNonWebPorts(rule));
}
