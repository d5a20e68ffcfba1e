/** Pure builders of the unused-GPU alarms of an inference-component endpoint on GPU instances. */
import { AlarmDefinition } from "../core/alarms/alarmDefinition";
import { ENDPOINT_GPU_METRICS, MONITORING_DIMENSIONS, MONITORING_NAMESPACE } from "../../domain/monitoringMetrics";

/** Minutes idle GPUs must stay above the threshold before someone is told: idle for a moment is normal. */
const IDLE_SUSTAINED_MINUTES = 15;
/** Minutes free GPUs must stay below the threshold (or the publisher silent) before paging. */
const FREE_GPUS_MINUTES = 3;

/**
 * FreeGpus below `minFreeGpus` (Minimum per minute, 3 minutes), missing data breaching: a dead
 * publisher pages someone instead of hiding a full endpoint. IdleGpus above `maxIdleGpus` for 15
 * minutes. `false` removes an alarm. Both on 60 s periods: alarms evaluate the published minute
 * whatever the publishing resolution.
 */
export function buildGpuAlarmDefinitions(
    endpointName: string,
    thresholds: { minFreeGpus: number | false; maxIdleGpus: number | false },
): AlarmDefinition[] {
    const dimensions = { [MONITORING_DIMENSIONS.endpoint]: endpointName };
    const definitions: AlarmDefinition[] = [];
    if (thresholds.minFreeGpus !== false) {
        const min = thresholds.minFreeGpus;
        definitions.push({
            id: "free-gpus",
            alarmName: `${endpointName}-${ENDPOINT_GPU_METRICS.freeGpus}`,
            description:
                `GPU endpoint ${endpointName}: fewer than ${min} free GPUs (${MONITORING_NAMESPACE} ${ENDPOINT_GPU_METRICS.freeGpus}, minimum per minute) for ${FREE_GPUS_MINUTES} minutes, or no data: ` +
                "new copies and scale-outs cannot be placed. Missing data counts as breaching, so this also fires when the GPU-capacity publisher stops. " +
                "Check the publisher's PublisherErrors and logs, the components' copy counts (aws sagemaker describe-inference-component) and the endpoint's maxInstances.",
            namespace: MONITORING_NAMESPACE,
            metricName: ENDPOINT_GPU_METRICS.freeGpus,
            dimensions,
            statistic: "Minimum",
            periodSeconds: 60,
            evaluationPeriods: FREE_GPUS_MINUTES,
            datapointsToAlarm: FREE_GPUS_MINUTES,
            threshold: min,
            comparisonOperator: "LessThanThreshold",
            treatMissingData: "breaching",
        });
    }
    if (thresholds.maxIdleGpus !== false) {
        const max = thresholds.maxIdleGpus;
        definitions.push({
            id: "idle-gpus",
            alarmName: `${endpointName}-${ENDPOINT_GPU_METRICS.idleGpus}`,
            description:
                `GPU endpoint ${endpointName}: more than ${max} allocated GPUs idle (${MONITORING_NAMESPACE} ${ENDPOINT_GPU_METRICS.idleGpus}, minimum per minute) for ${IDLE_SUSTAINED_MINUTES} minutes: paid for, doing nothing. ` +
                "Check which component's IdleGpus is high, and lower its copy count or autoscaling minCopies.",
            namespace: MONITORING_NAMESPACE,
            metricName: ENDPOINT_GPU_METRICS.idleGpus,
            dimensions,
            statistic: "Minimum",
            periodSeconds: 60,
            evaluationPeriods: IDLE_SUSTAINED_MINUTES,
            datapointsToAlarm: IDLE_SUSTAINED_MINUTES,
            threshold: max,
            comparisonOperator: "GreaterThanThreshold",
            // A silent publisher is the free-GPU alarm's job.
            treatMissingData: "notBreaching",
        });
    }
    return definitions;
}
