import { Duration } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { type IVpc, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import type { FargateService } from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationListener,
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ListenerAction,
  SslPolicy,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { LoadBalancerTarget } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';
import type { DomainConfig } from './config.js';
import { SUBNETS } from './network.js';
import { HEALTH_CHECK_PATH, WEB_PORT } from './services.js';

export interface EdgeProps {
  vpc: IVpc;
  web: FargateService;
  /** Absent: HTTP-only, port 80 forwards to the web service. */
  domain?: DomainConfig;
}

/**
 * The public entry: an internet-facing ALB whose security group admits 80 and 443 only. With a
 * domain: a DNS-validated certificate, HTTPS forwarding to the web target group, HTTP redirecting
 * to HTTPS, and an alias A record in the imported hosted zone.
 */
export class Edge extends Construct {
  readonly loadBalancer: ApplicationLoadBalancer;
  /** The listener whose default action forwards to the web target group. */
  readonly forwardingListener: ApplicationListener;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    // Ingress comes from the listeners (`open: true`, their port only); egress from the target binding.
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Public load balancer: HTTP and HTTPS from anywhere',
      allowAllOutbound: false,
    });
    acknowledge(securityGroup, {
      'AwsSolutions-EC23': 'The load balancer is the public entry point: its group admits 80 and 443 from anywhere, nothing else.',
    });
    this.loadBalancer = new ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: SUBNETS.public,
      securityGroup,
      dropInvalidHeaderFields: true,
    });
    acknowledge(this.loadBalancer, {
      'AwsSolutions-ELB2':
        'Access logging needs the region-specific ELB log-delivery principal at synthesis, which this environment-agnostic stack does not know; see README to enable it with an env.',
    });

    this.forwardingListener = props.domain ? this.httpsListeners(props.domain) : this.httpOnlyListener();
    this.forwardingListener.addTargets('Web', {
      port: WEB_PORT,
      protocol: ApplicationProtocol.HTTP,
      targets: [props.web.loadBalancerTarget({ containerName: 'web', containerPort: WEB_PORT })],
      healthCheck: { path: HEALTH_CHECK_PATH, healthyHttpCodes: '200', interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
    });
  }

  private httpsListeners(domain: DomainConfig): ApplicationListener {
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: domain.hostedZoneId,
      zoneName: domain.zoneName,
    });
    const certificate = new Certificate(this, 'Certificate', {
      domainName: domain.recordName,
      validation: CertificateValidation.fromDns(zone),
    });
    new ARecord(this, 'AliasRecord', {
      zone,
      recordName: domain.recordName,
      target: RecordTarget.fromAlias(new LoadBalancerTarget(this.loadBalancer)),
    });
    this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: ApplicationProtocol.HTTP,
      open: true,
      defaultAction: ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
    return this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: ApplicationProtocol.HTTPS,
      certificates: [certificate],
      sslPolicy: SslPolicy.RECOMMENDED_TLS,
      open: true,
    });
  }

  private httpOnlyListener(): ApplicationListener {
    return this.loadBalancer.addListener('Http', { port: 80, protocol: ApplicationProtocol.HTTP, open: true });
  }
}
