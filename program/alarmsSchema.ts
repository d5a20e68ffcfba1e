import { z } from "zod";
import { ALARM_STATISTICS, COMPARISON_OPERATORS, TREAT_MISSING_DATA } from "../components/core/alarms/alarmDefinition";
import { MAX_EXTRA_ACTIONS_PER_LEVEL } from "../components/core/alarms/alarmActions";
import { ALARM_LIMITS } from "../components/core/alarms/alarmLimits";
import {
    ADDITIONAL_ALARM_DEFAULTS,
    ASYNC_ALARM_DEFAULTS,
    AsyncAlarmThresholdName,
} from "../components/asyncEndpoint/alarms/asyncAlarmArgs";
import { BACKLOG_WITHOUT_CAPACITY_SECONDS, COUNT_THRESHOLDS } from "../components/asyncEndpoint/alarms/validateAsyncAlarms";
import { ASYNC_METRICS } from "../components/asyncEndpoint/asyncMetrics";
import { ARN_KINDS, arnForm } from "../domain/arn";
import { REALTIME_ALARM_DEFAULTS, RealtimeAlarmKey } from "../components/realtimeEndpoint/alarms/realtimeAlarmArgs";
import { MAX_REALTIME_ALARM_PERIOD_SECONDS, REALTIME_THRESHOLD_VALUES } from "../components/realtimeEndpoint/alarms/validateRealtimeAlarms";
import {
    AUTO_ROLLBACK_DEFAULTS,
    AUTO_ROLLBACK_LIMITS,
    TRAFFIC_SHIFTING_MODES,
} from "../components/realtimeEndpoint/rollback/autoRollbackArgs";
import {
    CAPACITY_SIZE_TYPES,
    COMPONENT_ROLLBACK_DEFAULTS,
    COMPONENT_ROLLBACK_LIMITS,
} from "../components/inferenceComponentEndpoint/rollback/componentRollbackArgs";
import { doc, form } from "./schemaDoc";
import { ENDPOINT_ALARM_KEYS } from "../components/core/alarms/alarmKeys";
import { GPU_ALARM_DEFAULTS } from "../components/inferenceComponentEndpoint/gpuAlarms";

/**
 * An endpoint entry's `alarms` block: the thresholds of both kinds (each validator refuses the
 * other kind's keys, naming the metric that kind never publishes), and the extra actions.
 */
/** Both levels of a threshold. */
const levels = z.strictObject({ critical: z.number().optional(), warning: z.number().optional() });

const LEVELS_TEXT = "or false to remove the alarm, or { critical, warning } (warning below critical)";

/** An async threshold: a number (critical), false, or both levels. */
const threshold = (name: AsyncAlarmThresholdName, description: string) => {
    const { min, max } = BACKLOG_WITHOUT_CAPACITY_SECONDS;
    const allowed =
        name === "maxBacklogWithoutCapacitySeconds"
            ? `a multiple of 60 from ${min} to ${max}`
            : `${COUNT_THRESHOLDS.includes(name) ? "integer" : "number"} >= 0`;
    return z
        .union([z.number(), z.literal(false), levels])
        .optional()
        .meta(doc(`kind async only: ${description}`, { default: ASYNC_ALARM_DEFAULTS[name], allowed: `${allowed}, ${LEVELS_TEXT}` }));
};

const a = ADDITIONAL_ALARM_DEFAULTS;

/** AsyncEndpoint's thresholds and additional alarms. */
const asyncAlarmFields = {
    maxBacklogSize: threshold(
        "maxBacklogSize",
        "Queued requests (ApproximateBacklogSize, 1-minute average) held above this for 5 minutes.",
    ),
    maxOldestRequestAgeSeconds: threshold(
        "maxOldestRequestAgeSeconds",
        "Seconds the oldest queued request may wait (ApproximateAgeOfOldestRequest).",
    ),
    maxBacklogWithoutCapacitySeconds: threshold(
        "maxBacklogWithoutCapacitySeconds",
        "Seconds requests may wait with no instance to run them (HasBacklogWithoutCapacity) before someone is paged.",
    ),
    maxInvocationFailures: threshold("maxInvocationFailures", "Requests the model failed (InvocationFailures) per variant per 5 minutes."),
    maxExpiredRequests: threshold("maxExpiredRequests", "Requests that expired in the queue (ExpiredRequests) per variant per 5 minutes."),
    maxRequestDownloadFailures: threshold(
        "maxRequestDownloadFailures",
        "Payloads SageMaker could not download from S3 (RequestDownloadFailures) per variant per 5 minutes.",
    ),
    maxResponseUploadFailures: threshold(
        "maxResponseUploadFailures",
        "Results SageMaker could not write to S3 (ResponseUploadFailures) per variant per 5 minutes.",
    ),
    maxNotificationFailures: threshold(
        "maxNotificationFailures",
        "Notifications SageMaker could not publish to SNS (NotificationFailures) per variant per 5 minutes.",
    ),
    additional: z
        .array(
            z
                .strictObject({
                    // Any string: the validator names the metrics async endpoints publish, and why Invocations is refused.
                    metricName: z
                        .string()
                        .meta(
                            doc("The AWS/SageMaker metric; its dimensions follow it.", { allowed: `one of ${ASYNC_METRICS.join(", ")}` }),
                        ),
                    threshold: z.number().meta(doc("The alarm's threshold.", { allowed: "number >= 0" })),
                    comparisonOperator: z
                        .enum(COMPARISON_OPERATORS)
                        .optional()
                        .meta(doc("How the metric is compared with the threshold.", { default: a.comparisonOperator })),
                    statistic: z
                        .enum(ALARM_STATISTICS)
                        .optional()
                        .meta(doc("The statistic compared.", { default: a.statistic })),
                    periodSeconds: z
                        .number()
                        .optional()
                        .meta(
                            doc("Length of one evaluation period.", {
                                default: a.periodSeconds,
                                allowed: "a positive multiple of 60: async metrics are published every 60 seconds",
                            }),
                        ),
                    evaluationPeriods: z
                        .number()
                        .optional()
                        .meta(
                            doc("Periods evaluated.", {
                                default: a.evaluationPeriods,
                                allowed: `integer >= 1; period x evaluation periods at most ${ALARM_LIMITS.maxEvaluationWindowSeconds} seconds`,
                            }),
                        ),
                    datapointsToAlarm: z
                        .number()
                        .optional()
                        .meta(
                            doc("Breaching periods that raise the alarm.", {
                                defaultText: "evaluationPeriods",
                                allowed: "integer from 1 to evaluationPeriods",
                            }),
                        ),
                    treatMissingData: z
                        .enum(TREAT_MISSING_DATA)
                        .optional()
                        .meta(
                            doc("How periods without data count (async metrics are published only while there is work).", {
                                default: a.treatMissingData,
                            }),
                        ),
                    description: z
                        .string()
                        .optional()
                        .meta(
                            doc("What the person paged should check.", {
                                defaultText: "a sentence naming the metric and threshold",
                                allowed: "1-1024 characters",
                            }),
                        ),
                })
                .meta({ title: "alarm" }),
        )
        .optional()
        .meta(doc("kind async only: more alarms on metrics async endpoints publish.", { defaultText: "none" })),
};

/** Both levels with a period: real-time thresholds. */
const levelsWithPeriod = levels.extend({ periodSeconds: z.number().optional() });

/** A real-time threshold: a number (critical), false, or both levels with an optional period. */
const realtimeThreshold = (key: RealtimeAlarmKey, description: string) => {
    const value = REALTIME_THRESHOLD_VALUES[key].allowed;
    const fallback = REALTIME_ALARM_DEFAULTS[key];
    // Inference-component endpoints take every real-time alarm but InvocationsPerInstance (alarmKeys.ts).
    const kinds = key in ENDPOINT_ALARM_KEYS["inference-components"] ? "kinds realtime and inference-components" : "kind realtime only";
    return z
        .union([z.number(), z.literal(false), levelsWithPeriod])
        .optional()
        .meta(
            doc(`${kinds}: ${description}`, {
                ...(fallback === false ? { defaultText: "false (no alarm)" } : { default: fallback }),
                allowed: `${value}, ${LEVELS_TEXT}; periodSeconds 10 or 30 only where the metric is published that often, else a multiple of 60 up to ${MAX_REALTIME_ALARM_PERIOD_SECONDS}`,
            }),
        );
};

/** RealtimeEndpoint's thresholds, per variant; on inference-component endpoints the invocation ones per component. */
const realtimeAlarmFields = {
    maxInvocation5XXErrorsPerMinute: realtimeThreshold(
        "maxInvocation5XXErrorsPerMinute",
        "Requests per minute answered with a 5xx error (Invocation5XXErrors).",
    ),
    maxInvocation4XXErrorRatePercent: realtimeThreshold(
        "maxInvocation4XXErrorRatePercent",
        "Percent of requests answered with a 4xx error (metric math: Invocation4XXErrors / Invocations), 3 of 5 periods.",
    ),
    maxModelLatencyP99Microseconds: realtimeThreshold(
        "maxModelLatencyP99Microseconds",
        "p99 of ModelLatency in microseconds, 3 of 5 periods.",
    ),
    maxOverheadLatencyP99Microseconds: realtimeThreshold(
        "maxOverheadLatencyP99Microseconds",
        "p99 of OverheadLatency in microseconds, 3 of 5 periods.",
    ),
    maxCpuUtilizationPercent: realtimeThreshold(
        "maxCpuUtilizationPercent",
        "CPU of the busiest instance, percent of all its vCPUs (CPUUtilization, maximum), 5 periods.",
    ),
    maxMemoryUtilizationPercent: realtimeThreshold(
        "maxMemoryUtilizationPercent",
        "Memory of the busiest instance (MemoryUtilization, maximum), 5 periods.",
    ),
    maxDiskUtilizationPercent: realtimeThreshold(
        "maxDiskUtilizationPercent",
        "Disk of the fullest instance (DiskUtilization, maximum), 5 periods. Keep it below 75 %: Data Capture stops when the disk is nearly full.",
    ),
    maxGpuUtilizationPercent: realtimeThreshold(
        "maxGpuUtilizationPercent",
        "GPU of the busiest instance, percent of all its GPUs (GPUUtilization, maximum), 5 periods; GPU variants only.",
    ),
    maxGpuMemoryUtilizationPercent: realtimeThreshold(
        "maxGpuMemoryUtilizationPercent",
        "GPU memory of the fullest instance, percent of all its GPUs (GPUMemoryUtilization, maximum), 5 periods; GPU variants only.",
    ),
    maxInvocationsPerInstancePerMinute: realtimeThreshold(
        "maxInvocationsPerInstancePerMinute",
        "Requests per instance per minute (InvocationsPerInstance), 3 of 5 periods: the ceiling the variant was load-tested for.",
    ),
};

const topicList = (level: string) =>
    z
        .array(z.string())
        .optional()
        .meta(
            doc(`SNS topics notified when a ${level} alarm fires and recovers, besides the stack topic.`, {
                defaultText: "none",
                allowed: `at most ${MAX_EXTRA_ACTIONS_PER_LEVEL} ARNs like ${form(arnForm(ARN_KINDS.snsTopic))}`,
            }),
        );

export const endpointAlarmsSchema = z.strictObject({
    ...realtimeAlarmFields,
    ...asyncAlarmFields,
    actions: z
        .strictObject({ critical: topicList("critical"), warning: topicList("warning") })
        .optional()
        .meta(doc("Per-endpoint alarm actions besides the stack topic.", { defaultText: "none" })),
});

const rollbackLimit = (range: { readonly min: number; readonly max: number }) => `integer ${range.min}-${range.max}`;

/** RealtimeEndpoint's `autoRollback` block (kind: realtime only). */
export const autoRollbackSchema = z.strictObject({
    alarms: z.array(z.string()).meta(
        doc("Alarm keys of this endpoint whose critical alarms (every variant) roll an update back.", {
            allowed: `1-${AUTO_ROLLBACK_LIMITS.maxAlarms} alarms in all; keys of alarms this endpoint declares, e.g. maxInvocation5XXErrorsPerMinute`,
        }),
    ),
    trafficShifting: z
        .enum(TRAFFIC_SHIFTING_MODES)
        .optional()
        .meta(doc("How traffic moves to the new fleet.", { default: AUTO_ROLLBACK_DEFAULTS.trafficShifting })),
    stepPercent: z
        .number()
        .optional()
        .meta(
            doc("Percent of the new fleet that takes traffic first (CANARY) or per step (LINEAR); not with ALL_AT_ONCE.", {
                defaultText: `${AUTO_ROLLBACK_DEFAULTS.stepPercent.CANARY} (CANARY), ${AUTO_ROLLBACK_DEFAULTS.stepPercent.LINEAR} (LINEAR)`,
                allowed: `CANARY ${rollbackLimit(AUTO_ROLLBACK_LIMITS.stepPercent.CANARY)}, LINEAR ${rollbackLimit(AUTO_ROLLBACK_LIMITS.stepPercent.LINEAR)}`,
            }),
        ),
    waitIntervalSeconds: z
        .number()
        .optional()
        .meta(
            doc("Seconds the alarms watch after each shift before the next.", {
                default: AUTO_ROLLBACK_DEFAULTS.waitIntervalSeconds,
                allowed: rollbackLimit(AUTO_ROLLBACK_LIMITS.waitIntervalSeconds),
            }),
        ),
    terminationWaitSeconds: z
        .number()
        .optional()
        .meta(
            doc("Seconds the old fleet is kept after all traffic moved.", {
                default: AUTO_ROLLBACK_DEFAULTS.terminationWaitSeconds,
                allowed: rollbackLimit(AUTO_ROLLBACK_LIMITS.terminationWaitSeconds),
            }),
        ),
});

const L = COMPONENT_ROLLBACK_LIMITS;

/** InferenceComponentCapacitySize: copies, or a percent of the component's copies. */
const capacitySize = (description: string, defaults: { default?: unknown; defaultText?: string }, percent: { min: number; max: number }) =>
    z
        .strictObject({
            type: z.enum(CAPACITY_SIZE_TYPES).meta(doc("COPY_COUNT: copies; CAPACITY_PERCENT: percent of the component's copies.")),
            value: z.number().meta(doc("The size.", { allowed: `COPY_COUNT integer >= 1, CAPACITY_PERCENT ${rollbackLimit(percent)}` })),
        })
        .optional()
        .meta(doc(description, defaults));

/** InferenceComponentEndpoint's `autoRollback` block: each component's rolling update (kind: inference-components). */
export const componentAutoRollbackSchema = z.strictObject({
    alarms: z.array(z.string()).meta(
        doc("Alarm keys of this endpoint: each component rolls back on the critical alarms of these keys on itself and on the instances.", {
            allowed: `1-${L.maxAlarms} alarms per component; keys of alarms this endpoint declares, e.g. maxInvocation5XXErrorsPerMinute`,
        }),
    ),
    maximumBatchSize: capacitySize(
        "Copies replaced per rolling step.",
        { defaultText: "{ type: COPY_COUNT, value: 1 }" },
        L.maximumBatchPercent,
    ),
    rollbackMaximumBatchSize: capacitySize(
        "Copies restored per step of a rollback.",
        { defaultText: "SageMaker's: all copies at once" },
        L.rollbackBatchPercent,
    ),
    waitIntervalSeconds: z
        .number()
        .optional()
        .meta(
            doc("Seconds the alarms watch each new batch before the next.", {
                default: COMPONENT_ROLLBACK_DEFAULTS.waitIntervalSeconds,
                allowed: rollbackLimit(L.waitIntervalSeconds),
            }),
        ),
    maximumExecutionTimeoutSeconds: z
        .number()
        .optional()
        .meta(
            doc("Seconds the whole update may take before it times out.", {
                defaultText: "SageMaker's",
                allowed: rollbackLimit(L.maximumExecutionTimeoutSeconds),
            }),
        ),
});

/** A GPU threshold: a number (critical), false, or both levels. */
const gpuThreshold = (description: string, defaultValue: number, order: string) =>
    z
        .union([z.number(), z.literal(false), levels])
        .optional()
        .meta(
            doc(description, {
                default: defaultValue,
                allowed: `number >= 0, or false to remove the alarm, or { critical, warning } (warning ${order} critical)`,
            }),
        );

/** InferenceComponentEndpoint's unused-GPU alarms (GPU instance types only). */
export const gpuAlarmsSchema = z.strictObject({
    minFreeGpus: gpuThreshold(
        "Alarm when free GPUs stay below this for 3 minutes, or the GPU-capacity publisher is silent.",
        GPU_ALARM_DEFAULTS.minFreeGpus,
        "above",
    ),
    maxIdleGpus: gpuThreshold(
        "Alarm when more allocated GPUs than this stay idle (under 1 % utilization) for 15 minutes.",
        GPU_ALARM_DEFAULTS.maxIdleGpus,
        "below",
    ),
});
