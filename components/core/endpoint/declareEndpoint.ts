import * as aws from "@pulumi/aws";
import * as native from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { buildContainerEnvironment } from "./containerEnvironment";
import { ecrImageRule } from "./containerImage";
import { buildDataCaptureConfig, captureDestinationUri, endpointCapturePrefixUri } from "./dataCaptureConfig";
import { buildExecutionRolePolicy } from "./executionRolePolicy";
import { buildMetricsConfig } from "./metricsConfig";
import { contentHashedName } from "./physicalNames";
import { ResolvedEndpoint } from "./resolveEndpointArgs";
import { AwsContext, awsContext } from "../awsContext";
import { serviceTrustPolicy } from "../iam/policyDocument";
import { namePrefix, PREFIX_LIMITS } from "../physicalNamePrefix";
import { nativeTags } from "../tags";
import { checkedAtDeploy } from "../validation/deployTime";
import { s3Uri } from "../../../domain/validationRules";

/** What an endpoint kind adds to the shared model / endpoint-config / endpoint declaration. */
export interface EndpointKindExtras {
    /** aws-native `asyncInferenceConfig`, for AsyncEndpoint. */
    asyncInferenceConfig?: pulumi.Input<native.types.input.sagemaker.EndpointConfigAsyncInferenceConfigArgs>;
    /**
     * Application Auto Scaling manages the variants' instance counts: a new endpoint config must
     * keep the counts it set (RetainAllVariantProperties), not reset them to the initial ones.
     */
    autoscaled?: boolean;
    /** Extra grants for a created execution role. */
    roleScope?: {
        writePrefixes?: pulumi.Input<string>[];
        readPrefixes?: pulumi.Input<string>[];
        encryptKmsKeyArns?: pulumi.Input<string>[];
        publishTopicArns?: pulumi.Input<string>[];
    };
}

export interface DeclaredEndpoint {
    role?: aws.iam.Role;
    roleArn: pulumi.Output<string>;
    models: native.sagemaker.Model[];
    endpointConfig: native.sagemaker.EndpointConfig;
    endpoint: native.sagemaker.Endpoint;
    /** `s3://bucket/prefix/<endpoint>/`: where this endpoint's capture files land. */
    captureS3Uri: pulumi.Output<string>;
    /** Dimensions alarms and dashboards use: EndpointName alone, and EndpointName + VariantName per variant. */
    metricDimensions: { endpoint: { EndpointName: string }; variants: { EndpointName: string; VariantName: string }[] };
}

/**
 * Declares the execution role (unless one is given), one Model per variant, the EndpointConfig and
 * the Endpoint. Shared by RealtimeEndpoint and AsyncEndpoint: the only difference is `extras`.
 */
export function declareEndpoint(
    parent: pulumi.ComponentResource,
    name: string,
    subject: string,
    spec: ResolvedEndpoint,
    extras: EndpointKindExtras = {},
    /** The component's own options: they decide whether the AWS account lookup can be shared. */
    componentOpts?: pulumi.ComponentResourceOptions,
): DeclaredEndpoint {
    const opts = { parent };
    const tags = nativeTags(spec.tags);
    const destination = spec.captureDestination;
    // Few, flat Outputs: each one costs the engine promise bookkeeping, and synth time is per Output.
    const captureKmsKeyArn = pulumi.output(destination.kmsKeyArn);
    const destinationUri = pulumi.output(destination.bucketName).apply((bucket) => captureDestinationUri(bucket, destination.prefix));
    const images = spec.variants.map((v) => checkedAtDeploy(subject, `${v.modelPath}.image`, v.model.image, ecrImageRule));
    const modelDataUrls = spec.variants.map((v) =>
        v.model.modelDataUrl === undefined
            ? undefined
            : checkedAtDeploy(subject, `${v.modelPath}.modelDataUrl`, v.model.modelDataUrl, s3Uri),
    );

    let role: aws.iam.Role | undefined;
    let rolePolicy: aws.iam.RolePolicy | undefined;
    let roleArn: pulumi.Output<string>;
    if (spec.executionRoleArn !== undefined) {
        roleArn = pulumi.output(spec.executionRoleArn);
    } else {
        const context = awsContext(parent, componentOpts);
        role = new aws.iam.Role(
            `${name}-execution-role`,
            {
                namePrefix: namePrefix(spec.endpointName, PREFIX_LIMITS.iamRole),
                description: `SageMaker execution role of endpoint ${spec.endpointName}, scoped to its artifacts, capture prefix and keys`,
                assumeRolePolicy: context.apply((c) => JSON.stringify(serviceTrustPolicy("sagemaker.amazonaws.com", c.accountId))),
                tags: spec.tags,
            },
            opts,
        );
        const scope = extras.roleScope ?? {};
        const lists = [
            images,
            modelDataUrls.filter((u): u is pulumi.Input<string> => u !== undefined),
            spec.variants.flatMap((v) => (v.model.modelDataKmsKeyArn === undefined ? [] : [v.model.modelDataKmsKeyArn])),
            scope.writePrefixes ?? [],
            scope.readPrefixes ?? [],
            scope.encryptKmsKeyArns ?? [],
            scope.publishTopicArns ?? [],
        ];
        const policy = pulumi
            .all([context, destinationUri, captureKmsKeyArn, ...lists.flat()])
            .apply(([c, captureUri, captureKey, ...flat]) => {
                const [imageUris, urls, modelKeys, writes, reads, encryptKeys, topics] = unflatten(
                    flat as string[],
                    lists.map((l) => l.length),
                );
                return JSON.stringify(
                    buildExecutionRolePolicy({
                        ...(c as AwsContext),
                        endpointName: spec.endpointName,
                        modelDataUrls: urls,
                        modelDataKmsKeyArns: modelKeys,
                        imageUris,
                        captureDestinationUri: captureUri as string,
                        captureKmsKeyArn: captureKey as string,
                        writePrefixes: writes,
                        readPrefixes: reads,
                        encryptKmsKeyArns: encryptKeys,
                        publishTopicArns: topics,
                        inVpc: spec.network !== undefined,
                    }),
                );
            });
        rolePolicy = new aws.iam.RolePolicy(`${name}-execution-policy`, { role: role.name, policy }, opts);
        roleArn = role.arn;
    }

    const vpcConfig =
        spec.network === undefined ? undefined : { subnets: spec.network.subnetIds, securityGroupIds: spec.network.securityGroupIds };
    const models = spec.variants.map((variant, i) => {
        const container = {
            image: images[i],
            modelDataUrl: modelDataUrls[i],
            environment: buildContainerEnvironment(variant.model.environment, {
                endpointName: spec.endpointName,
                variantName: variant.name,
                stack: spec.stackName,
                tags: spec.tags,
            }),
        };
        const identityParts: pulumi.Input<unknown>[] = [
            roleArn,
            container.image,
            container.modelDataUrl ?? "",
            vpcConfig?.subnets ?? [],
            vpcConfig?.securityGroupIds ?? [],
        ];
        const modelName = pulumi.all(identityParts).apply(([executionRoleArn, image, modelDataUrl, subnets, securityGroupIds]) =>
            contentHashedName(spec.endpointName, {
                variant: variant.name,
                container: { ...container, image, modelDataUrl },
                executionRoleArn,
                enableNetworkIsolation: spec.networkIsolation,
                vpcConfig: vpcConfig === undefined ? undefined : { subnets, securityGroupIds },
            }),
        );
        return new native.sagemaker.Model(
            `${name}-model-${variant.name}`,
            {
                modelName,
                executionRoleArn: roleArn,
                primaryContainer: container,
                enableNetworkIsolation: spec.networkIsolation,
                vpcConfig,
                tags,
            },
            // The role's policy must exist before SageMaker checks it can read the artifacts.
            { parent, dependsOn: rolePolicy === undefined ? [] : [rolePolicy] },
        );
    });

    // Resource outputs (not the computed names) so the config waits for its models.
    const modelNames = models.map((m) => m.modelName as pulumi.Output<string>);
    const productionVariants = spec.variants.map((variant, i) => ({
        variantName: variant.name,
        modelName: modelNames[i],
        instanceType: variant.instanceType,
        initialInstanceCount: variant.instanceCount,
        initialVariantWeight: variant.weight,
    }));
    const dataCaptureConfig = buildDataCaptureConfig(spec.capture, destinationUri, captureKmsKeyArn);
    const metricsConfig = buildMetricsConfig(spec.metrics);
    const endpointConfigName = pulumi
        .all([
            destinationUri,
            captureKmsKeyArn,
            pulumi.output(spec.volumeKmsKeyArn),
            pulumi.output(extras.asyncInferenceConfig),
            ...modelNames,
        ] as pulumi.Input<unknown>[])
        .apply(([captureUri, captureKey, volumeKey, asyncConfig, ...names]) =>
            contentHashedName(spec.endpointName, {
                productionVariants: productionVariants.map((v, i) => ({ ...v, modelName: names[i] })),
                dataCaptureConfig: buildDataCaptureConfig(spec.capture, captureUri as string, captureKey as string),
                metricsConfig,
                kmsKeyId: volumeKey,
                asyncInferenceConfig: asyncConfig,
            }),
        );
    const endpointConfig = new native.sagemaker.EndpointConfig(
        `${name}-config`,
        {
            endpointConfigName,
            productionVariants,
            dataCaptureConfig,
            metricsConfig,
            kmsKeyId: spec.volumeKmsKeyArn,
            asyncInferenceConfig: extras.asyncInferenceConfig,
            tags,
        },
        opts,
    );
    // The endpoint name never changes, so a new config is an in-place update of the endpoint.
    const endpoint = new native.sagemaker.Endpoint(
        `${name}-endpoint`,
        {
            endpointName: spec.endpointName,
            endpointConfigName: endpointConfig.endpointConfigName as pulumi.Output<string>,
            // Keep what Auto Scaling owns (instance counts); weights still come from the config.
            ...(extras.autoscaled
                ? { retainAllVariantProperties: true, excludeRetainedVariantProperties: [{ variantPropertyType: "DesiredWeight" }] }
                : {}),
            tags,
        },
        opts,
    );

    return {
        role,
        roleArn,
        models,
        endpointConfig,
        endpoint,
        captureS3Uri: destinationUri.apply((uri) => endpointCapturePrefixUri(uri, spec.endpointName)),
        metricDimensions: {
            endpoint: { EndpointName: spec.endpointName },
            variants: spec.variants.map((v) => ({ EndpointName: spec.endpointName, VariantName: v.name })),
        },
    };
}

/** Splits a flat list back into consecutive groups of the given lengths. */
function unflatten(flat: string[], lengths: number[]): string[][] {
    let offset = 0;
    return lengths.map((length) => flat.slice(offset, (offset += length)));
}
