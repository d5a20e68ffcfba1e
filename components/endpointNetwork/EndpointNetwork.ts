import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { withComponentTag } from "../core/tags";
import { admitModelsToInterfaceEndpoints, declareInterfaceEndpoints, DeclaredInterfaceEndpoints } from "./declareInterfaceEndpoints";
import { ProblemCollector } from "../core/validation/problems";
import * as rules from "../../domain/validationRules";

export type EndpointNetworkArgs =
    | {
          mode: "create";
          /** @default 2 */
          availabilityZoneCount?: number;
          /** @default "10.20.0.0/16" */
          cidrBlock?: string;
          /** Region of the VPC, for the VPC endpoints' service names. @default the provider's `aws:region` */
          region?: string;
          /**
           * Interface VPC endpoints for CloudWatch Logs, CloudWatch and SNS (private DNS; HTTPS from the
           * models' security group only), so container logs, instance and GPU metrics and async
           * notifications can leave the isolated subnets. About $7.30 a month per service and zone, plus
           * $0.01 per GB (us-east-1).
           * @default true
           */
          interfaceEndpoints?: boolean;
          /** @default {} */
          tags?: Record<string, string>;
      }
    | { mode: "existing"; subnetIds: string[]; securityGroupIds: string[] };

const ENDPOINT_NETWORK_TYPE = "sagemaker-monitoring:network:EndpointNetwork";
export const NETWORK_DEFAULTS = { availabilityZoneCount: 2, cidrBlock: "10.20.0.0/16", interfaceEndpoints: true } as const;
/** Availability zones of a created VPC; subnets and security groups of an existing one (SageMaker's VpcConfig takes 16 of each). */
export const NETWORK_LIMITS = { availabilityZoneCount: { min: 2, max: 6 }, maxIds: 16 } as const;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(1[6-9]|2[0-8])$/;

export function endpointNetworkArgsProblems(args: EndpointNetworkArgs) {
    const problems = new ProblemCollector();
    if (args.mode === "create") {
        if (args.availabilityZoneCount !== undefined) {
            const { min, max } = NETWORK_LIMITS.availabilityZoneCount;
            problems.check("availabilityZoneCount", rules.integerInRange(args.availabilityZoneCount, min, max));
        }
        const region = args.region ?? aws.config.region;
        const regionFault = rules.awsRegion(region);
        if (regionFault !== undefined) {
            problems.add("region", `${regionFault}: set aws:region in the stack config or pass region`);
        }
        if (args.interfaceEndpoints !== undefined) {
            problems.check("interfaceEndpoints", rules.isBoolean(args.interfaceEndpoints));
        }
        const cidr = args.cidrBlock === undefined ? undefined : CIDR.exec(args.cidrBlock);
        if (args.cidrBlock !== undefined && (cidr === null || cidr!.slice(1, 5).some((octet) => Number(octet) > 255))) {
            problems.add(
                "cidrBlock",
                `must be an IPv4 CIDR block with a /16 to /28 mask, e.g. "10.20.0.0/16" (got ${JSON.stringify(args.cidrBlock)})`,
            );
        }
    } else if (args.mode === "existing") {
        const ids = { subnetIds: /^subnet-[0-9a-f]{8,17}$/, securityGroupIds: /^sg-[0-9a-f]{8,17}$/ } as const;
        for (const key of ["subnetIds", "securityGroupIds"] as const) {
            const list = args[key];
            if (!Array.isArray(list) || list.length === 0 || list.length > NETWORK_LIMITS.maxIds) {
                problems.add(key, `must list 1-${NETWORK_LIMITS.maxIds} IDs`);
                continue;
            }
            list.forEach((id, i) => {
                if (!ids[key].test(id)) {
                    problems.add(`${key}[${i}]`, `must be an ID matching ${ids[key].source} (got ${JSON.stringify(id)})`);
                }
            });
        }
    } else {
        problems.add("mode", rules.oneOf((args as { mode: unknown }).mode, ["create", "existing"])!);
    }
    return problems.list();
}

/**
 * Where VPC-bound endpoints run. `create` makes a VPC of isolated private subnets (awsx) with an S3
 * gateway endpoint, so models load their artifacts without any route to the internet, interface
 * endpoints for CloudWatch Logs, CloudWatch and SNS (unless `interfaceEndpoints: false`), and a
 * security group that only reaches those over HTTPS.
 *
 * Declares, for `create`, an awsx VPC (isolated subnets, route tables, the S3 gateway endpoint), the
 * models' security group and, with interface endpoints, the three endpoints, their security group
 * and its ingress rule; for `existing`, nothing, and exposes the given subnets and security groups.
 * Pass `subnetIds` and `securityGroupIds` as an endpoint's `network`. Arguments:
 * {@link EndpointNetworkArgs}.
 */
export class EndpointNetwork extends pulumi.ComponentResource {
    public readonly subnetIds: pulumi.Output<string[]>;
    public readonly securityGroupIds: pulumi.Output<string[]>;
    /** The created VPC; undefined for `existing`, which names subnets and security groups only. */
    public readonly vpcId: pulumi.Output<string | undefined>;

    constructor(name: string, args: EndpointNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new ProblemCollector();
        problems.addAll(endpointNetworkArgsProblems(args));
        problems.throwIfAny(`EndpointNetwork "${name}"`);
        super(ENDPOINT_NETWORK_TYPE, name, {}, opts);
        if (args.mode === "existing") {
            this.subnetIds = pulumi.output([...args.subnetIds]);
            this.securityGroupIds = pulumi.output([...args.securityGroupIds]);
            this.vpcId = pulumi.output(undefined);
        } else {
            const parentOpts = { parent: this };
            const tags = withComponentTag(args.tags ?? {}, "endpoint-network");
            const region = (args.region ?? aws.config.region) as string;
            const s3Service = `com.amazonaws.${region}.s3`;
            // "Auto" attaches the gateway endpoint to the route tables awsx creates for the subnets;
            // looking route tables up ourselves could run before they exist and miss them.
            const vpc = new awsx.ec2.Vpc(
                `${name}-vpc`,
                {
                    cidrBlock: args.cidrBlock ?? NETWORK_DEFAULTS.cidrBlock,
                    numberOfAvailabilityZones: args.availabilityZoneCount ?? NETWORK_DEFAULTS.availabilityZoneCount,
                    subnetStrategy: "Auto",
                    subnetSpecs: [{ type: "Isolated", name: "endpoints" }],
                    natGateways: { strategy: "None" },
                    vpcEndpointStrategy: "Auto",
                    vpcEndpointSpecs: [{ serviceName: s3Service, vpcEndpointType: "Gateway", tags }],
                    enableDnsHostnames: true,
                    enableDnsSupport: true,
                    tags,
                },
                parentOpts,
            );
            const s3PrefixList = aws.ec2.getPrefixListOutput({ name: s3Service }, parentOpts);
            const interfaces =
                args.interfaceEndpoints === false
                    ? undefined
                    : declareInterfaceEndpoints(this, name, { region, vpcId: vpc.vpcId, subnetIds: vpc.isolatedSubnetIds, tags });
            const securityGroup = declareModelsSecurityGroup(this, name, {
                vpcId: vpc.vpcId,
                s3PrefixListId: s3PrefixList.id,
                interfaces,
                tags,
            });
            if (interfaces !== undefined) {
                admitModelsToInterfaceEndpoints(this, name, {
                    endpointsGroupId: interfaces.securityGroup.id,
                    modelsGroupId: securityGroup.id,
                    tags,
                });
            }
            this.subnetIds = vpc.isolatedSubnetIds;
            this.securityGroupIds = securityGroup.id.apply((id) => [id]);
            this.vpcId = vpc.vpcId;
        }
        this.registerOutputs({ subnetIds: this.subnetIds, securityGroupIds: this.securityGroupIds, vpcId: this.vpcId });
    }
}

/** The models' security group: no inbound; HTTPS out to S3's gateway and, when declared, the interface endpoints only. */
function declareModelsSecurityGroup(
    parent: pulumi.Resource,
    name: string,
    args: {
        vpcId: pulumi.Input<string>;
        s3PrefixListId: pulumi.Input<string>;
        interfaces: DeclaredInterfaceEndpoints | undefined;
        tags: Record<string, string>;
    },
): aws.ec2.SecurityGroup {
    const https = { protocol: "tcp", fromPort: 443, toPort: 443 };
    return new aws.ec2.SecurityGroup(
        `${name}-endpoint-sg`,
        {
            vpcId: args.vpcId,
            // True with and without interface endpoints: a changed description would replace the group and every model in it.
            description: "SageMaker endpoint ENIs: no inbound, HTTPS out to this VPC's AWS service endpoints only",
            egress: [
                { description: "HTTPS to S3 through the gateway endpoint", ...https, prefixListIds: [args.s3PrefixListId] },
                ...(args.interfaces === undefined
                    ? []
                    : [
                          {
                              description: "HTTPS to the CloudWatch Logs, CloudWatch and SNS interface endpoints",
                              ...https,
                              securityGroups: [args.interfaces.securityGroup.id],
                          },
                      ]),
            ],
            tags: args.tags,
        },
        { parent },
    );
}
