/** The unused-GPU alarms of an inference-component endpoint on GPU instances, as specs of the alarm framework. */
import { ThresholdAlarmSpec } from "../core/alarms/thresholdAlarms";
import { INFERENCE_COMPONENT_DEFAULTS } from "./inferenceComponentEndpointArgs";
import { ENDPOINT_GPU_METRICS, MONITORING_NAMESPACE } from "../../domain/monitoringMetrics";

/** Minutes idle GPUs must stay above the threshold before someone is told: idle for a moment is normal. */
const IDLE_SUSTAINED_MINUTES = 15;
/** Minutes free GPUs must stay below the threshold (or the publisher silent) before paging. */
const FREE_GPUS_MINUTES = 3;

export const GPU_ALARM_KEYS = ["minFreeGpus", "maxIdleGpus"] as const;
export type GpuAlarmKey = (typeof GPU_ALARM_KEYS)[number];

export const GPU_ALARM_DEFAULTS: Record<GpuAlarmKey, number> = {
    minFreeGpus: INFERENCE_COMPONENT_DEFAULTS.minFreeGpus,
    maxIdleGpus: INFERENCE_COMPONENT_DEFAULTS.maxIdleGpus,
};

/**
 * FreeGpus below `minFreeGpus` (Minimum per minute, 3 minutes), missing data breaching: a dead
 * publisher pages someone instead of hiding a full endpoint. IdleGpus above `maxIdleGpus` for 15
 * minutes, missing data not breaching (a silent publisher is the free-GPU alarm's job). Both on 60 s
 * periods, per endpoint (EndpointName): alarms evaluate the published minute whatever the publishing resolution.
 */
export const GPU_ALARM_SPECS: readonly ThresholdAlarmSpec[] = [
    {
        key: "minFreeGpus",
        measure: ENDPOINT_GPU_METRICS.freeGpus,
        per: "endpoint",
        watch: { namespace: MONITORING_NAMESPACE, metricName: ENDPOINT_GPU_METRICS.freeGpus, statistic: "Minimum" },
        periodSeconds: 60,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        window: (value) => ({ threshold: value, evaluationPeriods: FREE_GPUS_MINUTES, datapointsToAlarm: FREE_GPUS_MINUTES }),
        explain: (value) =>
            `fewer than ${value} free GPUs (${MONITORING_NAMESPACE} ${ENDPOINT_GPU_METRICS.freeGpus}, minimum per minute) for ${FREE_GPUS_MINUTES} minutes, or no data: ` +
            "new copies and scale-outs cannot be placed. Missing data counts as breaching, so this also fires when the GPU-capacity publisher stops.",
        check: () =>
            "the publisher's PublisherErrors and logs, the components' copy counts (aws sagemaker describe-inference-component) and the endpoint's maxInstances.",
    },
    {
        key: "maxIdleGpus",
        measure: ENDPOINT_GPU_METRICS.idleGpus,
        per: "endpoint",
        watch: { namespace: MONITORING_NAMESPACE, metricName: ENDPOINT_GPU_METRICS.idleGpus, statistic: "Minimum" },
        periodSeconds: 60,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        window: (value) => ({ threshold: value, evaluationPeriods: IDLE_SUSTAINED_MINUTES, datapointsToAlarm: IDLE_SUSTAINED_MINUTES }),
        explain: (value) =>
            `more than ${value} allocated GPUs idle (${MONITORING_NAMESPACE} ${ENDPOINT_GPU_METRICS.idleGpus}, minimum per minute) for ${IDLE_SUSTAINED_MINUTES} minutes: paid for, doing nothing.`,
        check: () => "which component's IdleGpus is high, and lower its copy count or autoscaling minCopies.",
    },
];
