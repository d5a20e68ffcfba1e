/**
 * Names of the metrics this project derives and publishes itself. CloudWatch alarms cannot
 * evaluate SEARCH(), so a scheduled publisher (lambdas/gpu-capacity) computes GPU capacity and cost
 * per endpoint and per inference component and publishes them under these names; the alarms, the
 * policy pack, the report and the dashboards import these constants so they can never drift apart.
 */

/** The project's CloudWatch namespace: the publisher's IAM policy allows PutMetricData to it only. */
export const MONITORING_NAMESPACE = "SageMakerMonitoring";

/** Dimension names of the published metrics. */
export const MONITORING_DIMENSIONS = {
    endpoint: "EndpointName",
    inferenceComponent: "InferenceComponentName",
    /** The publisher's own health metrics: its function name. */
    publisher: "Publisher",
} as const;

/** Published per endpoint, dimension EndpointName only. */
export const ENDPOINT_GPU_METRICS = {
    /** Instances in service (SampleCount of CPUUtilizationNormalized). */
    instances: "Instances",
    /** Instances x GPUs per instance. */
    gpuCapacity: "GpuCapacity",
    /** GPUs allocated to inference component copies. */
    gpusInUse: "GpusInUse",
    /** GpuCapacity - GpusInUse: the buffer for scaling and new deployments. */
    freeGpus: "FreeGpus",
    /** Allocated GPUs whose utilization stayed below the idle threshold during the interval. */
    idleGpus: "IdleGpus",
} as const;

/** Published per inference component, dimensions EndpointName and InferenceComponentName. @public (dashboards) */
export const COMPONENT_GPU_METRICS = {
    gpusInUse: "GpusInUse",
    idleGpus: "IdleGpus",
    /** USD of the interval: GPUs x hourly price / GPUs per instance / (3600 / period). Sum it for a total. */
    costUsd: "CostUsd",
} as const;

/** The publisher's own health, dimension Publisher. @public (dashboards) */
export const PUBLISHER_METRICS = {
    /** Failed evaluations and failed calls per run. */
    errors: "PublisherErrors",
} as const;

/** GPU utilization (percent) below which an allocated GPU counts as idle for an interval. @public (dashboards) */
export const IDLE_GPU_UTILIZATION_PERCENT = 1;

/** The free-GPU metric the policy pack requires an alarm on for every GPU endpoint. */
export const FREE_GPUS_METRIC = {
    namespace: MONITORING_NAMESPACE,
    metricName: ENDPOINT_GPU_METRICS.freeGpus,
    /** The only dimension: the SageMaker endpoint name. */
    endpointDimension: MONITORING_DIMENSIONS.endpoint,
} as const;
