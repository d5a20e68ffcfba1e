/**
 * One field-access layer over the resource shapes the rules read, so each rule is written once
 * for both the aws-native and the classic @pulumi/aws SageMaker types.
 *
 * Every accessor is a lazy getter: a rule touches only the fields it needs. During preview the
 * engine wraps props in a proxy that throws on unknown values; reading lazily keeps an unknown
 * field (say, a model name computed by another resource) from blocking rules that never look
 * at it. Where a rule needs only to know that a field is set (`has...`) or wants a name for a
 * message (`knownName`), the accessor never throws (see previewSafe.ts).
 */
import { isSet, isUnknownAt, knownObject, knownString } from "./previewSafe";
import { TYPES } from "./resourceTypes";
import { arrayOf, nonEmptyString, objectOf, stringsOf } from "../domain/values";

export type Props = Record<string, any>;
type Flavor = "aws-native" | "aws";

// ---------------------------------------------------------------------------------------------
// Endpoint configs

export interface VariantShape {
    /** Property path used in messages, e.g. "productionVariants[0]". */
    readonly path: string;
    readonly variantName: string | undefined;
    /** `instanceType` plus every `instancePools[].instanceType` (heterogeneous variants). */
    readonly instanceTypes: string[];
    readonly initialInstanceCount: unknown;
    /** Serverless variants have a `serverlessConfig` and no instance type. */
    readonly serverless: boolean;
}

export interface DataCaptureShape {
    readonly enableCapture: unknown;
    readonly initialSamplingPercentage: unknown;
    readonly destinationS3Uri: string | undefined;
    /** True when dataCaptureConfig.destinationS3Uri is set (an unknown URI of a bucket created in the stack counts). */
    readonly hasDestinationS3Uri: boolean;
    /** True when dataCaptureConfig.kmsKeyId is set (an unknown key ARN counts). */
    readonly hasKmsKey: boolean;
    readonly captureModes: string[];
    readonly csvContentTypes: string[];
    readonly jsonContentTypes: string[];
}

interface MetricsConfigShape {
    readonly enableEnhancedMetrics: unknown;
    readonly metricPublishFrequencyInSeconds: unknown;
}

interface AsyncInferenceShape {
    readonly s3OutputPath: string | undefined;
    readonly s3FailurePath: string | undefined;
}

export interface EndpointConfigShape {
    readonly flavor: Flavor;
    /** The physical endpoint config name (what an Endpoint's `endpointConfigName` refers to). */
    readonly name: string | undefined;
    /** The physical name when known, else undefined (never throws during preview): for messages. */
    readonly knownName: string | undefined;
    readonly dataCapture: DataCaptureShape | undefined;
    /** Where the volume key lives: `kmsKeyId` (aws-native) or `kmsKeyArn` (classic). */
    readonly volumeKmsKeyProperty: "kmsKeyId" | "kmsKeyArn";
    /** True when the volume key is set (an unknown key ARN counts). */
    readonly hasVolumeKmsKey: boolean;
    /** Classic @pulumi/aws 7.x has no MetricsConfig (enhanced metrics). */
    readonly supportsMetricsConfig: boolean;
    readonly metricsConfig: MetricsConfigShape | undefined;
    readonly productionVariants: VariantShape[];
    readonly shadowVariants: VariantShape[];
    /** True when asyncInferenceConfig is set (an async endpoint), even if its contents are unknown. */
    readonly isAsync: boolean;
    readonly asyncInference: AsyncInferenceShape | undefined;
}

function variantShape(raw: unknown, path: string): VariantShape {
    const variant = objectOf(raw) ?? {};
    return {
        path,
        get variantName() {
            return nonEmptyString(variant.variantName);
        },
        get instanceTypes() {
            const pooled = arrayOf(variant.instancePools).map((pool) => nonEmptyString(objectOf(pool)?.instanceType));
            return [nonEmptyString(variant.instanceType), ...pooled].filter((t): t is string => t !== undefined);
        },
        get initialInstanceCount() {
            return variant.initialInstanceCount;
        },
        get serverless() {
            return objectOf(variant.serverlessConfig) !== undefined;
        },
    };
}

function dataCaptureShape(raw: Props): DataCaptureShape {
    return {
        get enableCapture() {
            return raw.enableCapture;
        },
        get initialSamplingPercentage() {
            return raw.initialSamplingPercentage;
        },
        get destinationS3Uri() {
            return nonEmptyString(raw.destinationS3Uri);
        },
        get hasDestinationS3Uri() {
            return isSet(raw, "destinationS3Uri");
        },
        get hasKmsKey() {
            return isSet(raw, "kmsKeyId");
        },
        get captureModes() {
            return arrayOf(raw.captureOptions)
                .map((option) => nonEmptyString(objectOf(option)?.captureMode))
                .filter((mode): mode is string => mode !== undefined);
        },
        get csvContentTypes() {
            return stringsOf(objectOf(raw.captureContentTypeHeader)?.csvContentTypes);
        },
        get jsonContentTypes() {
            return stringsOf(objectOf(raw.captureContentTypeHeader)?.jsonContentTypes);
        },
    };
}

/** The endpoint config view of a resource, or undefined when the type is not an endpoint config. */
export function endpointConfigShape(type: string, props: Props): EndpointConfigShape | undefined {
    const native = type === TYPES.nativeEndpointConfig;
    if (!native && type !== TYPES.classicEndpointConfig) {
        return undefined;
    }
    const volumeKmsKeyProperty = native ? "kmsKeyId" : "kmsKeyArn";
    return {
        flavor: native ? "aws-native" : "aws",
        get name() {
            return nonEmptyString(native ? props.endpointConfigName : props.name);
        },
        get knownName() {
            return knownString(props, native ? "endpointConfigName" : "name");
        },
        get dataCapture() {
            const raw = objectOf(props.dataCaptureConfig);
            return raw ? dataCaptureShape(raw) : undefined;
        },
        volumeKmsKeyProperty,
        get hasVolumeKmsKey() {
            return isSet(props, volumeKmsKeyProperty);
        },
        supportsMetricsConfig: native,
        get metricsConfig() {
            const raw = native ? objectOf(props.metricsConfig) : undefined;
            return raw
                ? {
                      get enableEnhancedMetrics() {
                          return raw.enableEnhancedMetrics;
                      },
                      get metricPublishFrequencyInSeconds() {
                          return raw.metricPublishFrequencyInSeconds;
                      },
                  }
                : undefined;
        },
        get productionVariants() {
            return arrayOf(props.productionVariants).map((v, i) => variantShape(v, `productionVariants[${i}]`));
        },
        get shadowVariants() {
            return arrayOf(props.shadowProductionVariants).map((v, i) => variantShape(v, `shadowProductionVariants[${i}]`));
        },
        get isAsync() {
            return isSet(props, "asyncInferenceConfig");
        },
        get asyncInference() {
            const raw = objectOf(props.asyncInferenceConfig);
            if (!raw) {
                return undefined;
            }
            return {
                get s3OutputPath() {
                    return nonEmptyString(objectOf(raw.outputConfig)?.s3OutputPath);
                },
                get s3FailurePath() {
                    return nonEmptyString(objectOf(raw.outputConfig)?.s3FailurePath);
                },
            };
        },
    };
}

/** Production and shadow variants together: both run on instances the rules must vet. */
export function allVariants(config: EndpointConfigShape): VariantShape[] {
    return [...config.productionVariants, ...config.shadowVariants];
}

// ---------------------------------------------------------------------------------------------
// Endpoints and models

export interface EndpointShape {
    readonly flavor: Flavor;
    /** The physical endpoint name: the `EndpointName` dimension of its metrics. */
    readonly endpointName: string | undefined;
    readonly endpointConfigName: string | undefined;
    /** The physical name when known, else undefined (never throws during preview): for messages. */
    readonly knownName: string | undefined;
    /**
     * The known `deploymentConfig.autoRollbackConfiguration.alarms[].alarmName` values, with their
     * property paths (same path in both providers). Unknown names are left out (never throws).
     */
    readonly rollbackAlarms: { path: string; alarmName: string }[];
}

export function endpointShape(type: string, props: Props): EndpointShape | undefined {
    const native = type === TYPES.nativeEndpoint;
    if (!native && type !== TYPES.classicEndpoint) {
        return undefined;
    }
    return {
        flavor: native ? "aws-native" : "aws",
        get endpointName() {
            return nonEmptyString(native ? props.endpointName : props.name);
        },
        get endpointConfigName() {
            return nonEmptyString(props.endpointConfigName);
        },
        get knownName() {
            return knownString(props, native ? "endpointName" : "name");
        },
        get rollbackAlarms() {
            return rollbackAlarmsOf(props);
        },
    };
}

/**
 * The known `deploymentConfig.autoRollbackConfiguration.alarms[].alarmName` values with their
 * property paths: the same on endpoints (both providers) and on inference components. Unknown names
 * are left out (never throws).
 */
export function rollbackAlarmsOf(props: Props): { path: string; alarmName: string }[] {
    const rollback = knownObject(knownObject(props, "deploymentConfig"), "autoRollbackConfiguration");
    const path = "deploymentConfig.autoRollbackConfiguration.alarms";
    return (Array.isArray(rollback?.alarms) ? (rollback.alarms as unknown[]) : []).flatMap((alarm, i) => {
        const alarmName = knownString(objectOf(alarm), "alarmName");
        return alarmName === undefined ? [] : [{ path: `${path}[${i}].alarmName`, alarmName }];
    });
}

export interface ModelShape {
    /** The physical model name when known, else undefined (never throws during preview): for messages. */
    readonly knownName: string | undefined;
    readonly enableNetworkIsolation: unknown;
    /** True when vpcConfig.subnets is set (unknown subnet ids of a VPC created in the same stack count). */
    readonly hasVpcSubnets: boolean;
    /** True when vpcConfig.securityGroupIds is set (unknown ids count). */
    readonly hasVpcSecurityGroupIds: boolean;
}

export function modelShape(type: string, props: Props): ModelShape | undefined {
    if (type !== TYPES.nativeModel && type !== TYPES.classicModel) {
        return undefined;
    }
    const native = type === TYPES.nativeModel;
    // Both providers spell the other fields the same way.
    return {
        get knownName() {
            return knownString(props, native ? "modelName" : "name");
        },
        get enableNetworkIsolation() {
            return props.enableNetworkIsolation;
        },
        get hasVpcSubnets() {
            return isSet(objectOf(props.vpcConfig), "subnets");
        },
        get hasVpcSecurityGroupIds() {
            return isSet(objectOf(props.vpcConfig), "securityGroupIds");
        },
    };
}

// ---------------------------------------------------------------------------------------------
// CloudWatch alarms and Application Auto Scaling

export interface MetricRef {
    /** Where the metric sits, for messages: "metric" or "metricQueries[1].metric". */
    readonly path: string;
    readonly namespace: string | undefined;
    readonly metricName: string | undefined;
    readonly dimensions: Record<string, string>;
}

function stringRecord(value: unknown): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [key, dimensionValue] of Object.entries(objectOf(value) ?? {})) {
        if (typeof dimensionValue === "string") {
            result[key] = dimensionValue;
        }
    }
    return result;
}

/** Application Auto Scaling spells dimensions as `[{ name, value }]`. */
function dimensionList(value: unknown): Record<string, string> {
    const result: Record<string, string> = {};
    for (const item of arrayOf(value)) {
        const name = nonEmptyString(objectOf(item)?.name);
        const dimensionValue = objectOf(item)?.value;
        if (name !== undefined && typeof dimensionValue === "string") {
            result[name] = dimensionValue;
        }
    }
    return result;
}

export interface MetricAlarmShape {
    /** The single metric (`metricName`/`namespace`/`dimensions`) and every `metricQueries[].metric`. */
    readonly metrics: MetricRef[];
    readonly alarmActions: string[];
    /** True when alarmActions lists anything (unknown ARNs of resources created with it count). */
    readonly hasAlarmActions: boolean;
    /** The physical alarm name (`alarmName`, else classic `name`) when known, else undefined (never throws). */
    readonly knownName: string | undefined;
    /** True while the alarm's name is unknown (during preview): it may be any name. */
    readonly nameUnknown: boolean;
}

export function metricAlarmShape(props: Props): MetricAlarmShape {
    return {
        get knownName() {
            return knownString(props, "alarmName") ?? knownString(props, "name");
        },
        get nameUnknown() {
            return isUnknownAt(props, "alarmName") || isUnknownAt(props, "name");
        },
        get metrics() {
            const metrics: MetricRef[] = [];
            if (nonEmptyString(props.metricName) !== undefined) {
                metrics.push({
                    path: "metric",
                    namespace: nonEmptyString(props.namespace),
                    metricName: nonEmptyString(props.metricName),
                    dimensions: stringRecord(props.dimensions),
                });
            }
            arrayOf(props.metricQueries).forEach((query, i) => {
                const metric = objectOf(objectOf(query)?.metric);
                if (metric) {
                    metrics.push({
                        path: `metricQueries[${i}].metric`,
                        namespace: nonEmptyString(metric.namespace),
                        metricName: nonEmptyString(metric.metricName),
                        dimensions: stringRecord(metric.dimensions),
                    });
                }
            });
            return metrics;
        },
        get alarmActions() {
            return stringsOf(props.alarmActions);
        },
        get hasAlarmActions() {
            return isSet(props, "alarmActions");
        },
    };
}

export interface ScalingTargetShape {
    readonly serviceNamespace: string | undefined;
    readonly scalableDimension: string | undefined;
    readonly resourceId: string | undefined;
    readonly minCapacity: unknown;
}

export function scalingTargetShape(props: Props): ScalingTargetShape {
    return {
        get serviceNamespace() {
            return nonEmptyString(props.serviceNamespace);
        },
        get scalableDimension() {
            return nonEmptyString(props.scalableDimension);
        },
        get resourceId() {
            return nonEmptyString(props.resourceId);
        },
        get minCapacity() {
            return props.minCapacity;
        },
    };
}

export interface ScalingPolicyShape {
    readonly resourceId: string | undefined;
    readonly policyType: string | undefined;
    readonly arn: string | undefined;
    readonly predefinedMetricType: string | undefined;
    /** The customized metric itself and every `metrics[].metricStat.metric`. */
    readonly customizedMetrics: MetricRef[];
}

export function scalingPolicyShape(props: Props): ScalingPolicyShape {
    const tracking = () => objectOf(props.targetTrackingScalingPolicyConfiguration);
    return {
        get resourceId() {
            return nonEmptyString(props.resourceId);
        },
        get policyType() {
            return nonEmptyString(props.policyType);
        },
        get arn() {
            return nonEmptyString(props.arn);
        },
        get predefinedMetricType() {
            return nonEmptyString(objectOf(tracking()?.predefinedMetricSpecification)?.predefinedMetricType);
        },
        get customizedMetrics() {
            const base = "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification";
            const spec = objectOf(tracking()?.customizedMetricSpecification);
            if (!spec) {
                return [];
            }
            const metrics: MetricRef[] = [];
            if (nonEmptyString(spec.metricName) !== undefined) {
                metrics.push({
                    path: base,
                    namespace: nonEmptyString(spec.namespace),
                    metricName: nonEmptyString(spec.metricName),
                    dimensions: dimensionList(spec.dimensions),
                });
            }
            arrayOf(spec.metrics).forEach((item, i) => {
                const metric = objectOf(objectOf(objectOf(item)?.metricStat)?.metric);
                if (metric) {
                    metrics.push({
                        path: `${base}.metrics[${i}].metricStat.metric`,
                        namespace: nonEmptyString(metric.namespace),
                        metricName: nonEmptyString(metric.metricName),
                        dimensions: dimensionList(metric.dimensions),
                    });
                }
            });
            return metrics;
        },
    };
}

// ---------------------------------------------------------------------------------------------
// S3, Lambda

/**
 * The names a bucket can be referred to by: its `bucket` name (read through the engine's proxy:
 * unknown during preview when S3 completes a prefix) and its `id` when known (the same name; a
 * new bucket's id is unknown during preview).
 */
export function bucketIdentities(props: Props): string[] {
    return [nonEmptyString(props.bucket), knownString(props, "id")].filter((n): n is string => n !== undefined);
}

export interface LambdaFunctionShape {
    readonly tags: Record<string, string>;
    /** True when environment variable `name` is set (a value unknown until deployment counts). */
    hasEnvironmentVariable(name: string): boolean;
    /** The environment variable's value when known. */
    knownEnvironmentVariable(name: string): string | undefined;
    /** The known ways a FunctionEventInvokeConfig or notification can name this function: name, id, ARN. */
    readonly identities: string[];
    /** The async-invocation dead-letter target (`deadLetterConfig.targetArn`) is set. */
    readonly hasDeadLetterTarget: boolean;
}

export function lambdaFunctionShape(props: Props): LambdaFunctionShape {
    const variables = () => objectOf(objectOf(props.environment)?.variables);
    return {
        get tags() {
            return stringRecord(props.tags);
        },
        // Throws while the variables are unknown: whether `name` is set cannot be told then.
        hasEnvironmentVariable: (name) => isSet(variables(), name),
        knownEnvironmentVariable: (name) => knownString(knownObject(knownObject(props, "environment"), "variables"), name),
        get identities() {
            return ["name", "id", "arn"].map((key) => knownString(props, key)).filter((n): n is string => n !== undefined);
        },
        get hasDeadLetterTarget() {
            return isSet(objectOf(props.deadLetterConfig), "targetArn");
        },
    };
}
