/**
 * What asynchronous endpoints publish to CloudWatch (namespace AWS/SageMaker) and with which
 * dimensions. One place, so alarms, scaling and validation can never disagree with AWS.
 */

import {
    ASYNC_ENDPOINT_METRICS,
    ASYNC_VARIANT_METRICS,
    AsyncEndpointMetric,
    METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS,
} from "../../domain/sageMakerMetrics";

// The lists themselves live in the policy pack's pure module, which checks the same facts.
export {
    ASYNC_ENDPOINT_METRICS,
    ASYNC_VARIANT_METRICS,
    METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS,
    SAGEMAKER_METRIC_NAMESPACE,
} from "../../domain/sageMakerMetrics";
export type { AsyncEndpointMetric } from "../../domain/sageMakerMetrics";

type AsyncVariantMetric = (typeof ASYNC_VARIANT_METRICS)[number];
export type AsyncMetric = AsyncEndpointMetric | AsyncVariantMetric;

export const ASYNC_METRICS: readonly AsyncMetric[] = [...ASYNC_ENDPOINT_METRICS, ...ASYNC_VARIANT_METRICS];

export function isEndpointLevelMetric(metricName: AsyncMetric): metricName is AsyncEndpointMetric {
    return (ASYNC_ENDPOINT_METRICS as readonly string[]).includes(metricName);
}

/** The exact dimensions AWS publishes `metricName` with. */
export function asyncMetricDimensions(metricName: AsyncMetric, endpointName: string, variantName: string): Record<string, string> {
    return isEndpointLevelMetric(metricName) ? { EndpointName: endpointName } : { EndpointName: endpointName, VariantName: variantName };
}

/**
 * Undefined when an async endpoint publishes `metricName` (from `allowed`), otherwise why not.
 * The three real-time metrics get their own reason: they are the usual mistake.
 */
export function asyncMetricRule(metricName: unknown, allowed: readonly string[] = ASYNC_METRICS): string | undefined {
    if ((METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS as readonly unknown[]).includes(metricName)) {
        return `must not be ${metricName}: asynchronous endpoints do not publish Invocations, InvocationsPerInstance or OverheadLatency, so an alarm on it never fires and a scaling policy on it never scales; use one of ${allowed.join(", ")}`;
    }
    if (!allowed.includes(metricName as string)) {
        return `must be a metric asynchronous endpoints publish, one of ${allowed.join(", ")} (got ${JSON.stringify(metricName)})`;
    }
    return undefined;
}
