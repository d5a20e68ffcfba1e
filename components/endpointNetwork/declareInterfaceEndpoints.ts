import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * What SageMaker sends from a model's network besides S3: container logs (CloudWatch Logs), instance
 * and GPU metrics (CloudWatch), and an async endpoint's notifications (SNS). Why each, and where
 * AWS's pages disagree on whether they leave through the customer's VPC: docs/components/endpoint-network.md.
 */
const INTERFACE_ENDPOINT_SERVICES = ["logs", "monitoring", "sns"] as const;

export interface InterfaceEndpointsArgs {
    region: string;
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    tags: Record<string, string>;
}

export interface DeclaredInterfaceEndpoints {
    /** Admits HTTPS from the models' security group only. */
    securityGroup: aws.ec2.SecurityGroup;
    endpoints: aws.ec2.VpcEndpoint[];
}

/**
 * The endpoints' security group and one interface endpoint per service, with private DNS, so the
 * services' usual names resolve to addresses inside the VPC. The ingress rule from the models'
 * security group is declared by {@link admitModelsToInterfaceEndpoints} once that group exists.
 */
export function declareInterfaceEndpoints(parent: pulumi.Resource, name: string, args: InterfaceEndpointsArgs): DeclaredInterfaceEndpoints {
    const opts = { parent };
    // No inline rules: the ingress rule is its own resource (it names the models' group, which names
    // this one in its egress), and the provider removes AWS's default allow-all egress.
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-interface-endpoints-sg`,
        {
            vpcId: args.vpcId,
            description: "Interface VPC endpoints of CloudWatch Logs, CloudWatch and SNS: HTTPS in from the SageMaker endpoint ENIs only",
            tags: args.tags,
        },
        opts,
    );
    const endpoints = INTERFACE_ENDPOINT_SERVICES.map(
        (service) =>
            new aws.ec2.VpcEndpoint(
                `${name}-${service}-endpoint`,
                {
                    vpcId: args.vpcId,
                    serviceName: `com.amazonaws.${args.region}.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: args.subnetIds,
                    securityGroupIds: [securityGroup.id],
                    tags: args.tags,
                },
                opts,
            ),
    );
    return { securityGroup, endpoints };
}

/** HTTPS into the interface endpoints from the models' security group, and nothing else. */
export function admitModelsToInterfaceEndpoints(
    parent: pulumi.Resource,
    name: string,
    args: { endpointsGroupId: pulumi.Input<string>; modelsGroupId: pulumi.Input<string>; tags: Record<string, string> },
): aws.vpc.SecurityGroupIngressRule {
    return new aws.vpc.SecurityGroupIngressRule(
        `${name}-interface-endpoints-https-in`,
        {
            securityGroupId: args.endpointsGroupId,
            referencedSecurityGroupId: args.modelsGroupId,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            description: "HTTPS from the SageMaker endpoint ENIs",
            tags: args.tags,
        },
        { parent },
    );
}
