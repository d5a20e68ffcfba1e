/**
 * One field-access layer over the resource shapes the rules read, so each rule is written once
 * for both the aws-native and the classic @pulumi/aws SageMaker types.
 *
 * Every accessor is a lazy getter: a rule touches only the fields it needs. During preview the
 * engine wraps props in a proxy that throws on unknown values; reading lazily keeps an unknown
 * field (say, a model name computed by another resource) from blocking rules that never look
 * at it.
 */
import { TYPES } from "./resourceTypes";
import { arrayOf, nonEmptyString, objectOf, stringsOf } from "./values";

export type Props = Record<string, any>;
export type Flavor = "aws-native" | "aws";

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
    readonly kmsKeyId: string | undefined;
    readonly captureModes: string[];
    readonly csvContentTypes: string[];
    readonly jsonContentTypes: string[];
}

export interface MetricsConfigShape {
    readonly enableEnhancedMetrics: unknown;
    readonly metricPublishFrequencyInSeconds: unknown;
}

export interface AsyncInferenceShape {
    readonly s3OutputPath: string | undefined;
    readonly s3FailurePath: string | undefined;
}

export interface EndpointConfigShape {
    readonly flavor: Flavor;
    /** The physical endpoint config name (what an Endpoint's `endpointConfigName` refers to). */
    readonly name: string | undefined;
    readonly dataCapture: DataCaptureShape | undefined;
    /** Where the volume key lives: `kmsKeyId` (aws-native) or `kmsKeyArn` (classic). */
    readonly volumeKmsKeyProperty: "kmsKeyId" | "kmsKeyArn";
    readonly volumeKmsKey: string | undefined;
    /** Classic @pulumi/aws 7.x has no MetricsConfig (enhanced metrics). */
    readonly supportsMetricsConfig: boolean;
    readonly metricsConfig: MetricsConfigShape | undefined;
    readonly productionVariants: VariantShape[];
    readonly shadowVariants: VariantShape[];
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
        get kmsKeyId() {
            return nonEmptyString(raw.kmsKeyId);
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
        get dataCapture() {
            const raw = objectOf(props.dataCaptureConfig);
            return raw ? dataCaptureShape(raw) : undefined;
        },
        volumeKmsKeyProperty,
        get volumeKmsKey() {
            return nonEmptyString(props[volumeKmsKeyProperty]);
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
    };
}

export interface ModelShape {
    readonly enableNetworkIsolation: unknown;
    readonly vpcSubnets: string[];
    readonly vpcSecurityGroupIds: string[];
}

export function modelShape(type: string, props: Props): ModelShape | undefined {
    if (type !== TYPES.nativeModel && type !== TYPES.classicModel) {
        return undefined;
    }
    // Both providers spell these fields the same way.
    return {
        get enableNetworkIsolation() {
            return props.enableNetworkIsolation;
        },
        get vpcSubnets() {
            return stringsOf(objectOf(props.vpcConfig)?.subnets);
        },
        get vpcSecurityGroupIds() {
            return stringsOf(objectOf(props.vpcConfig)?.securityGroupIds);
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
}

export function metricAlarmShape(props: Props): MetricAlarmShape {
    return {
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
    };
}

export interface ScalingTargetShape {
    readonly resourceId: string | undefined;
    readonly minCapacity: unknown;
}

export function scalingTargetShape(props: Props): ScalingTargetShape {
    return {
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

/** The names a bucket can be referred to by: its `bucket` name and its `id` (also the name). */
export function bucketIdentities(props: Props): string[] {
    return [nonEmptyString(props.bucket), nonEmptyString(props.id)].filter((n): n is string => n !== undefined);
}

export interface LambdaFunctionShape {
    readonly tags: Record<string, string>;
    readonly environment: Record<string, string>;
    /** Every way a FunctionEventInvokeConfig can name this function: name, id, ARN. */
    readonly identities: string[];
}

export function lambdaFunctionShape(props: Props): LambdaFunctionShape {
    return {
        get tags() {
            return stringRecord(props.tags);
        },
        get environment() {
            return stringRecord(objectOf(props.environment)?.variables);
        },
        get identities() {
            return [props.name, props.id, props.arn]
                .map(nonEmptyString)
                .filter((n): n is string => n !== undefined);
        },
    };
}
