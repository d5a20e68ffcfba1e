import { ENDPOINT_ALARM_KEYS, foreignAlarmKeyProblems } from "../../core/alarms/alarmKeys";
import { periodForMetricRule } from "../../core/alarms/alarmLimits";
import { alarmActionsProblems } from "../../core/alarms/validateAlarmActions";
import { ThresholdRule, thresholdSettingProblems } from "../../core/alarms/validateThresholdSetting";
import { METRICS_DEFAULTS } from "../../core/endpoint/resolveEndpointArgs";
import { MetricsArgs } from "../../core/endpoint/endpointArgs";
import { Problem, ProblemCollector } from "../../core/validation/problems";
import { REALTIME_ALARM_DEFAULTS, RealtimeAlarmArgs, RealtimeAlarmKey } from "./realtimeAlarmArgs";
import { watchedMetric } from "./realtimeAlarms";
import { METRIC_PUBLISH_FREQUENCIES, metricPublishIntervalSeconds, PublishSettings } from "../../../domain/sageMakerMetrics";
import { isObject } from "../../../domain/values";

/** The longest period a real-time alarm may use: its 5 periods then cover 5 hours. */
export const MAX_REALTIME_ALARM_PERIOD_SECONDS = 3600;

const PERCENT = { allowed: "a number from 0 to 100", valid: (v: number) => v >= 0 && v <= 100 };
const POSITIVE = { allowed: "a number > 0", valid: (v: number) => v > 0 };

/** What each threshold may be. */
export const REALTIME_THRESHOLD_VALUES: Record<RealtimeAlarmKey, Omit<ThresholdRule, "period">> = {
    maxInvocation5XXErrorsPerMinute: { allowed: "a number >= 0", valid: (v) => v >= 0 },
    maxInvocation4XXErrorRatePercent: PERCENT,
    maxModelLatencyP99Microseconds: POSITIVE,
    maxOverheadLatencyP99Microseconds: POSITIVE,
    maxCpuUtilizationPercent: PERCENT,
    maxMemoryUtilizationPercent: PERCENT,
    maxDiskUtilizationPercent: PERCENT,
    maxGpuUtilizationPercent: PERCENT,
    maxGpuMemoryUtilizationPercent: PERCENT,
    maxInvocationsPerInstancePerMinute: POSITIVE,
};

/** The endpoint's publish settings as far as they are valid (invalid ones are reported as metrics problems). */
export function publishSettingsOf(metrics: MetricsArgs | undefined): PublishSettings {
    const given = (isObject(metrics) ? metrics : {}) as Record<string, unknown>;
    const frequency = given.publishFrequencySeconds;
    return {
        enhancedMetrics: typeof given.enhancedMetrics === "boolean" ? given.enhancedMetrics : METRICS_DEFAULTS.enhancedMetrics,
        publishFrequencySeconds:
            typeof frequency === "number" && (METRIC_PUBLISH_FREQUENCIES as readonly number[]).includes(frequency)
                ? frequency
                : METRICS_DEFAULTS.publishFrequencySeconds,
    };
}

function periodRule(key: RealtimeAlarmKey, publish: PublishSettings) {
    const { namespace, metricName } = watchedMetric(key);
    return (periodSeconds: number) =>
        periodSeconds > MAX_REALTIME_ALARM_PERIOD_SECONDS
            ? `must be at most ${MAX_REALTIME_ALARM_PERIOD_SECONDS} seconds (got ${periodSeconds})`
            : periodForMetricRule(periodSeconds, metricPublishIntervalSeconds("realtime", namespace, metricName, publish), metricName);
}

/** The real-time keys an endpoint of `kind` takes: all of them, or those of inference-component endpoints (alarmKeys.ts). */
function thresholdKeysOf(kind: "realtime" | "inference-components"): RealtimeAlarmKey[] {
    return (Object.keys(REALTIME_ALARM_DEFAULTS) as RealtimeAlarmKey[]).filter((key) => key in ENDPOINT_ALARM_KEYS[kind]);
}

/**
 * Problems with a real-time endpoint's `alarms`, paths relative to its arguments
 * (`alarms.maxDiskUtilizationPercent`). An inference-component endpoint's alarms are the same
 * catalog without InvocationsPerInstance (`kind`).
 */
export function realtimeAlarmProblems(
    alarms: RealtimeAlarmArgs | undefined,
    metrics: MetricsArgs | undefined,
    kind: "realtime" | "inference-components" = "realtime",
): Problem[] {
    if (alarms === undefined) {
        return [];
    }
    const problems = new ProblemCollector();
    const keys = thresholdKeysOf(kind);
    if (!isObject(alarms)) {
        problems.add("alarms", `must be an object of thresholds (${keys.join(", ")}) and \`actions\``);
        return problems.list();
    }
    const publish = publishSettingsOf(metrics);
    for (const key of keys) {
        thresholdSettingProblems(problems, `alarms.${key}`, alarms[key], {
            ...REALTIME_THRESHOLD_VALUES[key],
            period: periodRule(key, publish),
        });
    }
    problems.addAll(foreignAlarmKeyProblems(alarms as Record<string, unknown>, kind));
    if ((alarms as Record<string, unknown>).additional !== undefined) {
        problems.add(
            "alarms.additional",
            `is only valid on asynchronous endpoints (kind: async); a${kind === "realtime" ? " real-time" : "n inference-component"} endpoint's alarms are the thresholds above`,
        );
    }
    alarmActionsProblems(problems, "alarms.actions", alarms.actions);
    return problems.list();
}
