import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { Peer, Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReferenceApp } from '../lib/app.js';
import { type Synthesized, logicalIds, onlyLogicalId, synthesize } from './synthesized.js';

// No domain and no NAT gateway: the cheapest deployable shape.
let s: Synthesized;
beforeAll(async () => {
  s = await synthesize({ natGateways: '0' });
});
afterAll(() => rmSync(s.outdir, { recursive: true, force: true }));

describe('HTTP-only mode (no domainName / hostedZoneId)', () => {
  it('has no certificate, no DNS record and no HTTPS listener', () => {
    s.template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    s.template.resourceCountIs('AWS::Route53::RecordSet', 0);
    s.template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
  });

  it('forwards port 80 to the web target group', () => {
    s.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: onlyLogicalId(s, 'AWS::ElasticLoadBalancingV2::TargetGroup') } }],
    });
  });

  it('opens the ALB group on port 80 only', () => {
    const group = onlyLogicalId(s, 'AWS::EC2::SecurityGroup', { GroupDescription: 'Public load balancer: HTTP and HTTPS from anywhere' });
    expect(s.json.Resources[group]!.Properties!.SecurityGroupIngress).toEqual([
      { CidrIp: '0.0.0.0/0', Description: 'Allow from anyone on port 80', FromPort: 80, IpProtocol: 'tcp', ToPort: 80 },
    ]);
  });

  it('allows presigned PUTs from any origin, since there is no app origin to name', () => {
    const bucket = onlyLogicalId(s, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    expect(s.json.Resources[bucket]!.Properties!.CorsConfiguration).toMatchObject({ CorsRules: [{ AllowedOrigins: ['*'] }] });
  });
});

describe('natGateways=0', () => {
  it('creates no NAT gateway or elastic IP and no default route from the app subnets', () => {
    s.template.resourceCountIs('AWS::EC2::NatGateway', 0);
    s.template.resourceCountIs('AWS::EC2::EIP', 0);
    const routes = s.template.findResources('AWS::EC2::Route');
    // Only the public subnets keep their route to the internet gateway.
    expect(Object.values(routes).map((r) => Object.keys(r.Properties).sort().join(','))).toEqual([
      'DestinationCidrBlock,GatewayId,RouteTableId',
      'DestinationCidrBlock,GatewayId,RouteTableId',
    ]);
  });

  it('keeps the private-with-egress tier and every endpoint the tasks need', () => {
    const appSubnets = logicalIds(s, 'AWS::EC2::Subnet', {
      Tags: Match.arrayWith([
        { Key: 'aws-cdk:subnet-name', Value: 'App' },
        { Key: 'aws-cdk:subnet-type', Value: 'Private' },
      ]),
    });
    expect(appSubnets).toHaveLength(2);
    s.template.resourceCountIs('AWS::EC2::VPCEndpoint', 6);
  });
});

describe('cdk-nag AwsSolutions as a validation plugin', () => {
  it('fails synthesis on an unacknowledged violation and names it in the validation report', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'reference-stack-nag-'));
    const { app, stack } = buildReferenceApp({ outdir });
    const vpc = stack.node.findChild('Network').node.findChild('Vpc') as never;
    new SecurityGroup(stack, 'SshFromAnywhere', { vpc }).addIngressRule(Peer.anyIpv4(), Port.tcp(22));

    expect(() => app.synth()).toThrow(/ERROR The Security Group allows for 0\.0\.0\.0\/0.*\(AwsSolutions\)/);
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[];
    };
    const awsSolutions = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    expect(awsSolutions?.violations).toEqual([
      expect.objectContaining({
        ruleName: 'AwsSolutions-EC23',
        severity: 'error',
        violatingConstructs: [expect.objectContaining({ constructPath: 'TopologyReference/SshFromAnywhere/Resource' })],
      }),
    ]);
    rmSync(outdir, { recursive: true, force: true });
  });
});
