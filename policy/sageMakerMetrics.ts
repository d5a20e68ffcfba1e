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
export const ASYNC_ENDPOINT_METRICS = ["ApproximateBacklogSize", "ApproximateBacklogSizePerInstance", "ApproximateAgeOfOldestRequest", "HasBacklogWithoutCapacity"] as const;

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
