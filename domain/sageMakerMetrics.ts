/**
 * What SageMaker publishes to CloudWatch, as far as the pack and the components need it. One
 * place: components/endpoint/sageMakerLimits.ts and components/async/asyncMetrics.ts re-export
 * these lists, so alarms, scaling, validation and the policy pack can never disagree.
 */

/** Namespace of SageMaker's invocation and async metrics. */
export const SAGEMAKER_METRIC_NAMESPACE = "AWS/SageMaker";

/** Valid `MetricsConfig.MetricPublishFrequencyInSeconds` values. */
export const METRIC_PUBLISH_FREQUENCIES = [10, 30, 60, 120, 180, 240, 300] as const;

/** SageMaker's publish frequency when `MetricPublishFrequencyInSeconds` is omitted. */
export const DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS = 60;

/** Async metrics published per endpoint, dimension EndpointName only: the queue belongs to the endpoint. */
export const ASYNC_ENDPOINT_METRICS = [
    "ApproximateBacklogSize",
    "ApproximateBacklogSizePerInstance",
    "ApproximateAgeOfOldestRequest",
    "HasBacklogWithoutCapacity",
] as const;

/** Async metrics published per variant, dimensions EndpointName and VariantName. `InvocationsProcesssed` is AWS's spelling. */
export const ASYNC_VARIANT_METRICS = [
    "RequestDownloadFailures",
    "ResponseUploadFailures",
    "NotificationFailures",
    "RequestDownloadLatency",
    "ResponseUploadLatency",
    "ExpiredRequests",
    "InvocationFailures",
    "InvocationsProcesssed",
    "TimeInBacklog",
    "TotalProcessingTime",
    // Common endpoint metrics that async endpoints publish as real-time ones do.
    "Invocation4XXErrors",
    "Invocation5XXErrors",
    "ModelLatency",
] as const;

/** Real-time metrics async endpoints never publish: an alarm on them never fires, a policy on them never scales. */
export const METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS = ["Invocations", "InvocationsPerInstance", "OverheadLatency"] as const;

export type AsyncEndpointMetric = (typeof ASYNC_ENDPOINT_METRICS)[number];

/** Namespace of the per-instance utilization metrics of endpoints. */
export const ENDPOINT_INSTANCE_METRIC_NAMESPACE = "/aws/sagemaker/Endpoints";

/**
 * AWS/SageMaker invocation metrics. MetricsConfig.MetricPublishFrequencyInSeconds applies to them
 * only when enhanced metrics are on (otherwise every 60 s); to the /aws/sagemaker/Endpoints
 * utilization metrics it always applies (API_MetricsConfig, "MetricPublishFrequencyInSeconds").
 */
const INVOCATION_METRICS: readonly string[] = [
    "Invocations",
    "InvocationsPerInstance",
    "Invocation4XXErrors",
    "Invocation5XXErrors",
    "InvocationModelErrors",
    "ModelLatency",
    "OverheadLatency",
];

/** What decides how often an endpoint publishes: its MetricsConfig. */
export interface PublishSettings {
    enhancedMetrics: boolean;
    publishFrequencySeconds: number;
}

/**
 * How often `namespace`/`metricName` is published for an endpoint of `kind` with `settings`.
 * Enhanced metrics cover real-time endpoints, so async endpoints' own metrics (the queue, the
 * failures) and their invocation metrics stay at 60 s.
 */
export function metricPublishIntervalSeconds(
    kind: "realtime" | "async",
    namespace: string,
    metricName: string,
    settings: PublishSettings,
): number {
    if (namespace === ENDPOINT_INSTANCE_METRIC_NAMESPACE) {
        return settings.publishFrequencySeconds;
    }
    if (
        kind === "realtime" &&
        namespace === SAGEMAKER_METRIC_NAMESPACE &&
        INVOCATION_METRICS.includes(metricName) &&
        settings.enhancedMetrics
    ) {
        return settings.publishFrequencySeconds;
    }
    return DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS;
}

/** The dimensions a metric is published with: all of `required`, plus any of `optional`. */
export interface PublishedDimensions {
    readonly required: readonly string[];
    readonly optional: readonly string[];
}

/** The per-GPU dimension, whose name is uncertain (AcceleratorId in the enhanced-metrics guide, GpuId in AWS's sample code). @public */
export const GPU_DIMENSION_CANDIDATES = ["AcceleratorId", "GpuId"] as const;
/**
 * Dimensions some variant-level series add: InstanceId (enhanced metrics, per instance),
 * ContainerName (multi-container endpoints), and the per-GPU dimension under either name.
 */
const VARIANT_SERIES_EXTRA_DIMENSIONS = ["InstanceId", "ContainerName", ...GPU_DIMENSION_CANDIDATES] as const;

/**
 * Utilization metrics the GPU-capacity publisher reads: instances from the endpoint's CPU series
 * (per variant), GPUs from each inference component's per-GPU series (the GPU dimension's name is
 * discovered with ListMetrics among GPU_DIMENSION_CANDIDATES).
 * @public (dashboards)
 */
export const GPU_CAPACITY_SOURCE_METRICS = {
    instances: { namespace: ENDPOINT_INSTANCE_METRIC_NAMESPACE, metricName: "CPUUtilizationNormalized" },
    gpus: {
        namespace: "/aws/sagemaker/InferenceComponents",
        metricName: "GPUUtilizationNormalized",
        componentDimension: "InferenceComponentName",
    },
} as const;

const PER_ENDPOINT: PublishedDimensions = { required: ["EndpointName"], optional: [] };
const PER_VARIANT: PublishedDimensions = { required: ["EndpointName", "VariantName"], optional: VARIANT_SERIES_EXTRA_DIMENSIONS };

/** AWS/SageMaker metrics SageMaker publishes per variant (real-time invocation metrics and the async per-variant ones). */
const VARIANT_LEVEL_METRICS: readonly string[] = [
    "Invocations",
    "InvocationsPerInstance",
    "InvocationModelErrors",
    "OverheadLatency",
    "ModelSetupTime",
    ...ASYNC_VARIANT_METRICS,
];

/** /aws/sagemaker/Endpoints utilization metrics, published per variant. */
const INSTANCE_UTILIZATION_METRICS: readonly string[] = [
    "CPUUtilization",
    "MemoryUtilization",
    "DiskUtilization",
    "GPUUtilization",
    "GPUMemoryUtilization",
];

/**
 * The dimensions SageMaker publishes `namespace`/`metricName` with, or undefined for a metric this
 * catalog does not know (rules then check only the dimension values). An alarm whose dimension
 * set differs watches a series that does not exist, and never receives data.
 */
export function publishedDimensions(namespace: string | undefined, metricName: string | undefined): PublishedDimensions | undefined {
    if (namespace === SAGEMAKER_METRIC_NAMESPACE) {
        if ((ASYNC_ENDPOINT_METRICS as readonly (string | undefined)[]).includes(metricName)) {
            return PER_ENDPOINT;
        }
        return VARIANT_LEVEL_METRICS.includes(metricName ?? "") ? PER_VARIANT : undefined;
    }
    if (namespace === ENDPOINT_INSTANCE_METRIC_NAMESPACE) {
        return INSTANCE_UTILIZATION_METRICS.includes(metricName ?? "") ? PER_VARIANT : undefined;
    }
    return undefined;
}

/**
 * The invocation metrics SageMaker publishes per inference component, with the dimension
 * InferenceComponentName ("Dimensions for endpoint invocation metrics" in AWS's "Amazon SageMaker
 * AI metrics in Amazon CloudWatch", https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html),
 * plus the per-instance and per-container dimensions of enhanced metrics (monitoring-cloudwatch-enhanced-metrics).
 */
const COMPONENT_INVOCATION_METRICS: readonly string[] = [
    "Invocations",
    "Invocation4XXErrors",
    "Invocation5XXErrors",
    "InvocationModelErrors",
    "InvocationsPerCopy",
    "ConcurrentRequestsPerCopy",
    "ModelLatency",
    "OverheadLatency",
];
const PER_COMPONENT: PublishedDimensions = { required: ["InferenceComponentName"], optional: ["InstanceId", "ContainerId"] };

/**
 * The dimensions SageMaker publishes an inference component's `namespace`/`metricName` with, or
 * undefined when it does not publish that metric per component (or the catalog does not know it).
 */
export function publishedComponentDimensions(
    namespace: string | undefined,
    metricName: string | undefined,
): PublishedDimensions | undefined {
    return namespace === SAGEMAKER_METRIC_NAMESPACE && COMPONENT_INVOCATION_METRICS.includes(metricName ?? "") ? PER_COMPONENT : undefined;
}

/** How `dimensionNames` differ from what is published: the required ones missing and those never published. */
export function dimensionMismatch(
    published: PublishedDimensions,
    dimensionNames: readonly string[],
): { missing: string[]; unexpected: string[] } {
    return {
        missing: published.required.filter((name) => !dimensionNames.includes(name)),
        unexpected: dimensionNames.filter((name) => !published.required.includes(name) && !published.optional.includes(name)),
    };
}

/** "EndpointName, VariantName (optionally InstanceId, ...)" for messages. */
export function describePublishedDimensions(published: PublishedDimensions): string {
    return published.optional.length === 0
        ? `${published.required.join(", ")} only`
        : `${published.required.join(", ")} (optionally ${published.optional.join(", ")})`;
}
