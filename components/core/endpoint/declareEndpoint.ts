import * as aws from "@pulumi/aws";
import * as sagemaker from "@pulumi/aws-native/sagemaker";
import type * as nativeInputs from "@pulumi/aws-native/types/input";
import * as pulumi from "@pulumi/pulumi";
import { buildContainerEnvironment } from "./containerEnvironment";
import { ecrImageRule } from "./containerImage";
import { buildDataCaptureConfig, captureDestinationUri, endpointCapturePrefixUri } from "./dataCaptureConfig";
import { declareEndpointLogGroup } from "./declareEndpointLogGroup";
import { declareExecutionRole, ExecutionRoleGrants, EndpointTargets } from "./declareExecutionRole";
import { buildMetricsConfig } from "./metricsConfig";
import { contentHashedName } from "./physicalNames";
import { ResolvedEndpoint } from "./resolveEndpointArgs";
import { awsContext } from "../awsContext";
import { nativeTags } from "../tags";
import { applyAll, asOutput } from "../outputs";
import { checkedAtDeploy } from "../validation/deployTime";
import { inputPropertiesError } from "../validation/problems";
import { RegionBoundKey, regionBoundKeyProblems } from "./regionBoundKeys";
import { s3Uri } from "../../../domain/validationRules";

/** What an endpoint kind adds to the shared model / endpoint-config / endpoint declaration. */
export interface EndpointKindExtras {
    /** aws-native `asyncInferenceConfig`, for AsyncEndpoint. */
    asyncInferenceConfig?: pulumi.Input<nativeInputs.sagemaker.EndpointConfigAsyncInferenceConfigArgs>;
    /**
     * Application Auto Scaling manages the variants' instance counts: a new endpoint config must
     * keep the counts it set (RetainAllVariantProperties), not reset them to the initial ones.
     */
    autoscaled?: boolean;
    /** Extra grants for a created execution role. */
    roleScope?: ExecutionRoleGrants;
    /**
     * Inference-component endpoints: the config has this one variant, without a model, and
     * `spec.variants` are the components' models instead (one Model each, hosted by components).
     */
    modelLessVariant?: ModelLessVariant;
    /** aws-native `deploymentConfig`: blue/green traffic shifting with auto-rollback alarms (RealtimeEndpoint's `autoRollback`). */
    deploymentConfig?: nativeInputs.sagemaker.EndpointDeploymentConfigArgs;
    /**
     * What the Endpoint waits for: its rollback alarms. Only for order (their names are plain
     * strings): an update never lists an alarm not yet created, and an alarm being removed is
     * deleted only after the endpoint stopped listing it.
     */
    endpointDependsOn?: pulumi.Resource[];
    /**
     * The keys given in the component's arguments that must be in the region it deploys to (regionBoundKeys).
     * @default [] (none checked at deploy)
     */
    regionBoundKeys?: RegionBoundKey[];
}

/** The single instance-based variant of an inference-component endpoint config. */
export interface ModelLessVariant {
    variantName: string;
    instanceType: string;
    initialInstanceCount: number;
    /** SageMaker adds and removes instances as component copies need them. */
    managedInstanceScaling: { status: "ENABLED"; minInstanceCount: number; maxInstanceCount: number };
    routingConfig?: { routingStrategy: string };
}

export interface DeclaredEndpoint {
    role?: aws.iam.Role;
    roleArn: pulumi.Output<string>;
    models: sagemaker.Model[];
    endpointConfig: sagemaker.EndpointConfig;
    endpoint: sagemaker.Endpoint;
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
    const tags = nativeTags(spec.tags);
    const targets = checkedTargets(subject, spec, keysInRegion(parent, subject, extras.regionBoundKeys ?? [], componentOpts));
    const execution = executionRole(parent, name, spec, targets, extras, componentOpts);
    const { asyncInferenceConfig, autoscaled, modelLessVariant, deploymentConfig, endpointDependsOn } = extras;
    const models = spec.variants.map((variant, i) =>
        declareModel(parent, name, {
            spec,
            variant,
            hostVariantName: modelLessVariant?.variantName ?? variant.name,
            image: targets.images[i],
            modelDataUrl: targets.modelDataUrls[i],
            execution,
            tags,
        }),
    );
    const endpointConfig = declareEndpointConfig(parent, name, {
        spec,
        targets,
        models,
        asyncInferenceConfig,
        modelLess: modelLessVariant === undefined ? undefined : { variant: modelLessVariant, executionRoleArn: execution.roleArn },
        tags,
    });
    const logGroup = declareEndpointLogGroup(parent, name, spec);
    const endpoint = declareSageMakerEndpoint(parent, name, {
        endpointName: spec.endpointName,
        endpointConfig,
        autoscaled,
        tags,
        logGroup,
        deploymentConfig,
        dependsOn: endpointDependsOn ?? [],
    });
    return {
        role: execution.role,
        roleArn: execution.roleArn,
        models,
        endpointConfig,
        endpoint,
        captureS3Uri: targets.destinationUri.apply((uri) => endpointCapturePrefixUri(uri, spec.endpointName)),
        metricDimensions: {
            endpoint: { EndpointName: spec.endpointName },
            variants: (modelLessVariant === undefined ? spec.variants.map((v) => v.name) : [modelLessVariant.variantName]).map(
                (variantName) => ({ EndpointName: spec.endpointName, VariantName: variantName }),
            ),
        },
    };
}

/** The execution role the models run as: a least-privilege one is declared unless the spec names one. */
function executionRole(
    parent: pulumi.ComponentResource,
    name: string,
    spec: ResolvedEndpoint,
    targets: EndpointTargets,
    extras: EndpointKindExtras,
    componentOpts: pulumi.ComponentResourceOptions | undefined,
) {
    return spec.executionRoleArn === undefined
        ? declareExecutionRole(parent, name, {
              spec,
              targets,
              grants: extras.roleScope ?? {},
              context: awsContext(parent, componentOpts),
          })
        : { role: undefined, rolePolicy: undefined, roleArn: pulumi.output(spec.executionRoleArn) };
}

/**
 * Resolves once every region-bound key is known to be in the region the endpoint deploys to, and
 * throws naming each one that is not; undefined when there is none. The endpoint config's name waits
 * for it, so a key of another region stops the deployment before the config, while the config's own
 * inputs (the capture key above all) keep only their own dependencies. Plain strings were checked
 * against the stack's region already (loadStackConfig); here the provider's region decides, for
 * component calls and Outputs alike.
 */
function keysInRegion(
    parent: pulumi.ComponentResource,
    subject: string,
    keys: RegionBoundKey[],
    componentOpts: pulumi.ComponentResourceOptions | undefined,
): pulumi.Output<true> | undefined {
    if (keys.length === 0) {
        return undefined;
    }
    const inputs = { context: awsContext(parent, componentOpts), values: keys.map((k) => k.value) };
    return applyAll(inputs, ({ context, values }) => {
        const problems = regionBoundKeyProblems(
            keys.map((k, i) => ({ path: k.path, value: values[i] })),
            context.region,
        );
        if (problems.length > 0) {
            throw inputPropertiesError(subject, problems);
        }
        return true as const;
    });
}

type NativeTags = { key: string; value: string }[];

/** The capture destination, and the images and artifact URLs checked again once Outputs resolve. */
function checkedTargets(subject: string, spec: ResolvedEndpoint, keysChecked: pulumi.Output<true> | undefined): EndpointTargets {
    const destination = spec.captureDestination;
    const captureKmsKeyArn = asOutput(destination.kmsKeyArn);
    // Few, flat Outputs: each one costs the engine promise bookkeeping, and synth time is per Output.
    const destinationUri = asOutput(destination.bucketName).apply((bucket) => captureDestinationUri(bucket, destination.prefix));
    const images = spec.variants.map((v) => checkedAtDeploy(subject, `${v.modelPath}.image`, v.model.image, ecrImageRule));
    const modelDataUrls = spec.variants.map((v) =>
        v.model.modelDataUrl === undefined
            ? undefined
            : checkedAtDeploy(subject, `${v.modelPath}.modelDataUrl`, v.model.modelDataUrl, s3Uri),
    );
    return { images, modelDataUrls, destinationUri, captureKmsKeyArn, keysInRegion: keysChecked };
}

interface ModelArgs {
    spec: ResolvedEndpoint;
    variant: ResolvedEndpoint["variants"][number];
    /** The variant the model runs in, handed to the container (an inference component's host variant). */
    hostVariantName: string;
    /** The variant's image and artifact URL, as checked by checkedTargets. */
    image: pulumi.Input<string>;
    modelDataUrl: pulumi.Input<string> | undefined;
    /** The role, and its policy when the role was created here. */
    execution: { roleArn: pulumi.Output<string>; rolePolicy?: aws.iam.RolePolicy };
    tags: NativeTags;
}

/** One variant's Model, named by a hash of everything SageMaker cannot update in place. */
function declareModel(parent: pulumi.ComponentResource, name: string, args: ModelArgs): sagemaker.Model {
    const { spec, variant, execution } = args;
    const vpcConfig =
        spec.network === undefined ? undefined : { subnets: spec.network.subnetIds, securityGroupIds: spec.network.securityGroupIds };
    const container = {
        image: args.image,
        modelDataUrl: args.modelDataUrl,
        environment: buildContainerEnvironment(variant.model.environment, {
            endpointName: spec.endpointName,
            variantName: args.hostVariantName,
            stack: spec.stackName,
            tags: spec.tags,
        }),
    };
    const modelName = applyAll(
        {
            executionRoleArn: execution.roleArn,
            image: container.image,
            modelDataUrl: container.modelDataUrl ?? "",
            subnets: vpcConfig?.subnets ?? [],
            securityGroupIds: vpcConfig?.securityGroupIds ?? [],
        },
        ({ executionRoleArn, image, modelDataUrl, subnets, securityGroupIds }) =>
            contentHashedName(spec.endpointName, {
                variant: variant.name,
                container: { ...container, image, modelDataUrl },
                executionRoleArn,
                enableNetworkIsolation: spec.networkIsolation,
                vpcConfig: vpcConfig === undefined ? undefined : { subnets, securityGroupIds },
            }),
    );
    return new sagemaker.Model(
        `${name}-model-${variant.name}`,
        {
            modelName,
            executionRoleArn: execution.roleArn,
            primaryContainer: container,
            enableNetworkIsolation: spec.networkIsolation,
            vpcConfig,
            tags: args.tags,
        },
        // The role's policy must exist before SageMaker checks it can read the artifacts.
        { parent, dependsOn: execution.rolePolicy === undefined ? [] : [execution.rolePolicy] },
    );
}

interface EndpointConfigArgs {
    spec: ResolvedEndpoint;
    targets: EndpointTargets;
    models: sagemaker.Model[];
    asyncInferenceConfig: EndpointKindExtras["asyncInferenceConfig"];
    /** Inference components: one model-less variant, and the role SageMaker deploys components with. */
    modelLess: { variant: ModelLessVariant; executionRoleArn: pulumi.Output<string> } | undefined;
    tags: NativeTags;
}

/** The EndpointConfig, named by a hash of its content (a config is immutable: a changed one is a new one). */
function declareEndpointConfig(parent: pulumi.ComponentResource, name: string, args: EndpointConfigArgs): sagemaker.EndpointConfig {
    const { spec, targets } = args;
    // Resource outputs (not the computed names) so the config waits for its models.
    const modelNames = args.models.map((m) => m.modelName as pulumi.Output<string>);
    const { modelLess } = args;
    // A model-less config's variant names no model: the models are the inference components'.
    const productionVariants: nativeInputs.sagemaker.EndpointConfigProductionVariantArgs[] =
        modelLess === undefined
            ? spec.variants.map((variant, i) => ({
                  variantName: variant.name,
                  modelName: modelNames[i],
                  instanceType: variant.instanceType,
                  initialInstanceCount: variant.instanceCount,
                  initialVariantWeight: variant.weight,
              }))
            : [modelLess.variant];
    const dataCaptureConfig = buildDataCaptureConfig(spec.capture, targets.destinationUri, targets.captureKmsKeyArn);
    const metricsConfig = buildMetricsConfig(spec.metrics);
    const endpointConfigName = applyAll(
        {
            captureUri: targets.destinationUri,
            captureKey: targets.captureKmsKeyArn,
            volumeKey: spec.volumeKmsKeyArn,
            asyncConfig: args.asyncInferenceConfig,
            modelNames,
            executionRoleArn: modelLess?.executionRoleArn,
            // Not part of the name: the config waits for the region check (keysInRegion).
            keysInRegion: targets.keysInRegion,
        },
        ({ captureUri, captureKey, volumeKey, asyncConfig, modelNames: names, executionRoleArn }) =>
            contentHashedName(spec.endpointName, {
                productionVariants: productionVariants.map((v, i) => (modelLess === undefined ? { ...v, modelName: names[i] } : v)),
                ...(executionRoleArn === undefined ? {} : { executionRoleArn }),
                dataCaptureConfig: buildDataCaptureConfig(spec.capture, captureUri, captureKey),
                metricsConfig,
                kmsKeyId: volumeKey,
                asyncInferenceConfig: asyncConfig,
            }),
    );
    return new sagemaker.EndpointConfig(
        `${name}-config`,
        {
            endpointConfigName,
            productionVariants,
            ...(modelLess === undefined ? {} : { executionRoleArn: modelLess.executionRoleArn }),
            dataCaptureConfig,
            metricsConfig,
            kmsKeyId: spec.volumeKmsKeyArn,
            asyncInferenceConfig: args.asyncInferenceConfig,
            tags: args.tags,
        },
        { parent },
    );
}

interface SageMakerEndpointArgs {
    endpointName: string;
    endpointConfig: sagemaker.EndpointConfig;
    autoscaled: boolean | undefined;
    deploymentConfig: EndpointKindExtras["deploymentConfig"];
    dependsOn: pulumi.Resource[];
    tags: NativeTags;
    /** The container log group: it must exist, with its retention and key, before instances start writing. */
    logGroup: aws.cloudwatch.LogGroup;
}

/** The Endpoint. Its name never changes, so a new config is an in-place update of the endpoint. */
function declareSageMakerEndpoint(parent: pulumi.ComponentResource, name: string, args: SageMakerEndpointArgs): sagemaker.Endpoint {
    return new sagemaker.Endpoint(
        `${name}-endpoint`,
        {
            endpointName: args.endpointName,
            endpointConfigName: args.endpointConfig.endpointConfigName as pulumi.Output<string>,
            // Keep what Auto Scaling owns (instance counts); weights still come from the config.
            ...(args.autoscaled
                ? { retainAllVariantProperties: true, excludeRetainedVariantProperties: [{ variantPropertyType: "DesiredWeight" }] }
                : {}),
            ...(args.deploymentConfig === undefined ? {} : { deploymentConfig: args.deploymentConfig }),
            tags: args.tags,
        },
        { parent, dependsOn: [args.logGroup, ...args.dependsOn] },
    );
}
