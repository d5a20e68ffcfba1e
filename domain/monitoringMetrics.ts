/**
 * Names of the metrics this project derives and publishes itself. CloudWatch alarms cannot
 * evaluate SEARCH(), so a scheduled publisher computes "free GPUs" per endpoint and publishes it
 * under these names; the policy pack requires an alarm on it for every GPU endpoint. The
 * publisher and the alarm builders import these constants so the three can never drift apart.
 */
export const FREE_GPUS_METRIC = {
    namespace: "SageMakerMonitoring",
    metricName: "FreeGpus",
    /** The only dimension: the SageMaker endpoint name. */
    endpointDimension: "EndpointName",
} as const;
