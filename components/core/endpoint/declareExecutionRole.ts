import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { buildExecutionRolePolicy } from "./executionRolePolicy";
import { ResolvedEndpoint } from "./resolveEndpointArgs";
import { AwsContext } from "../awsContext";
import { applyAll } from "../outputs";
import { serviceTrustPolicy } from "../iam/policyDocument";
import { namePrefix, PREFIX_LIMITS } from "../physicalNamePrefix";

/** Extra grants an endpoint kind adds to a created execution role (async: its output locations, keys and topics). */
export interface ExecutionRoleGrants {
    writePrefixes?: pulumi.Input<string>[];
    readPrefixes?: pulumi.Input<string>[];
    encryptKmsKeyArns?: pulumi.Input<string>[];
    publishTopicArns?: pulumi.Input<string>[];
}

/** What an endpoint reads and writes (its execution role is scoped to exactly these): images and artifact URLs as checked, the capture destination. */
export interface EndpointTargets {
    images: pulumi.Input<string>[];
    modelDataUrls: (pulumi.Input<string> | undefined)[];
    /** `s3://bucket/prefix` capture files are written under. */
    destinationUri: pulumi.Output<string>;
    captureKmsKeyArn: pulumi.Output<string>;
    /** Resolves once the region-bound keys are in the endpoint's region (declareEndpoint's keysInRegion); undefined when there are none. */
    keysInRegion?: pulumi.Output<true>;
}

export interface ExecutionRoleArgs {
    spec: ResolvedEndpoint;
    targets: EndpointTargets;
    grants: ExecutionRoleGrants;
    /** Partition, region and account the role's ARNs are built in. */
    context: pulumi.Output<AwsContext>;
}

export interface DeclaredExecutionRole {
    role: aws.iam.Role;
    rolePolicy: aws.iam.RolePolicy;
    roleArn: pulumi.Output<string>;
}

/** The SageMaker execution role of one endpoint and its least-privilege inline policy (buildExecutionRolePolicy). */
export function declareExecutionRole(parent: pulumi.ComponentResource, name: string, args: ExecutionRoleArgs): DeclaredExecutionRole {
    const { spec, targets, grants, context } = args;
    const opts = { parent };
    const role = new aws.iam.Role(
        `${name}-execution-role`,
        {
            namePrefix: namePrefix(spec.endpointName, PREFIX_LIMITS.iamRole),
            description: `SageMaker execution role of endpoint ${spec.endpointName}, scoped to its artifacts, capture prefix and keys`,
            assumeRolePolicy: context.apply((c) => JSON.stringify(serviceTrustPolicy("sagemaker.amazonaws.com", c.accountId))),
            tags: spec.tags,
        },
        opts,
    );
    const policy = applyAll(
        {
            context,
            imageUris: targets.images,
            modelDataUrls: targets.modelDataUrls.filter((u): u is pulumi.Input<string> => u !== undefined),
            modelDataKmsKeyArns: spec.variants.flatMap((v) =>
                v.model.modelDataKmsKeyArn === undefined ? [] : [v.model.modelDataKmsKeyArn],
            ),
            captureDestinationUri: targets.destinationUri,
            captureKmsKeyArn: targets.captureKmsKeyArn,
            writePrefixes: grants.writePrefixes ?? [],
            readPrefixes: grants.readPrefixes ?? [],
            encryptKmsKeyArns: grants.encryptKmsKeyArns ?? [],
            publishTopicArns: grants.publishTopicArns ?? [],
            network: spec.network,
        },
        ({ context: c, network, ...resolved }) =>
            JSON.stringify(
                buildExecutionRolePolicy({
                    ...c,
                    endpointName: spec.endpointName,
                    ...resolved,
                    network:
                        network === undefined
                            ? undefined
                            : {
                                  subnetIds: network.subnetIds,
                                  securityGroupIds: network.securityGroupIds,
                                  ...(network.vpcId ? { vpcId: network.vpcId } : {}),
                              },
                }),
            ),
    );
    const rolePolicy = new aws.iam.RolePolicy(`${name}-execution-policy`, { role: role.name, policy }, opts);
    return { role, rolePolicy, roleArn: role.arn };
}
