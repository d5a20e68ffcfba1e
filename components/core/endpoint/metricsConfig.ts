import { ResolvedEndpoint } from "./resolveEndpointArgs";

/** `EndpointConfig.MetricsConfig` (field `MetricPublishFrequencyInSeconds`, not the misspelled `Metrics...`). */
export interface MetricsConfigDocument {
    enableEnhancedMetrics: boolean;
    metricPublishFrequencyInSeconds: number;
    enableDetailedObservability: boolean;
}

export function buildMetricsConfig(metrics: ResolvedEndpoint["metrics"]): MetricsConfigDocument {
    return {
        enableEnhancedMetrics: metrics.enhancedMetrics,
        metricPublishFrequencyInSeconds: metrics.publishFrequencySeconds,
        enableDetailedObservability: metrics.detailedObservability,
    };
}
