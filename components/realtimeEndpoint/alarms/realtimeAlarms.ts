import { AnyAlarmDefinition } from "../../core/alarms/alarmDefinition";
import { AlarmTarget, buildThresholdAlarms, ThresholdAlarmSpec } from "../../core/alarms/thresholdAlarms";
import { REALTIME_ALARM_DEFAULTS, RealtimeAlarmArgs, RealtimeAlarmKey } from "./realtimeAlarmArgs";
import { vcpuCount } from "../../../domain/instanceTypes";
import {
    ENDPOINT_INSTANCE_METRIC_NAMESPACE,
    metricPublishIntervalSeconds,
    PublishSettings,
    SAGEMAKER_METRIC_NAMESPACE,
} from "../../../domain/sageMakerMetrics";

/** "3 of 5 periods": a trend, not one slow request; short enough to stop a bad deployment while it bakes. */
const TREND = { evaluationPeriods: 5, datapointsToAlarm: 3 } as const;
/** Utilization held for 5 periods: a sustained state, not a spike. */
const SUSTAINED = { evaluationPeriods: 5, datapointsToAlarm: 5 } as const;

/** What a real-time spec needs besides the framework's fields. */
interface RealtimeSpec extends Omit<ThresholdAlarmSpec, "key" | "periodSeconds" | "per" | "comparisonOperator" | "treatMissingData"> {
    key: RealtimeAlarmKey;
}

const perMinute = (value: number, periodSeconds: number) => (value * periodSeconds) / 60;
const seconds = (periodSeconds: number) => `${periodSeconds}-second`;
const logs = (logGroup: string) => `the container logs in ${logGroup}`;

function utilization(
    key: RealtimeAlarmKey,
    metricName: string,
    what: string,
    scale: ((target: AlarmTarget) => number | undefined) | undefined,
    check: string,
): RealtimeSpec {
    return {
        key,
        measure: metricName,
        watch: { namespace: ENDPOINT_INSTANCE_METRIC_NAMESPACE, metricName, statistic: "Maximum" },
        // Maximum over the variant's instances: the busiest one, without naming instance ids.
        appliesTo: scale === undefined ? undefined : (target) => scale(target) !== undefined,
        window: (value, target) => ({
            threshold: value * (scale === undefined || target === undefined ? 1 : scale(target)!),
            ...SUSTAINED,
        }),
        explain: (value, period) =>
            `${what} of its busiest instance has been above ${value} % (${metricName}, maximum) for 5 ${seconds(period)} periods.`,
        check: () => check,
    };
}

/** The catalog, in declaration order. Runbooks say what to check first. */
const REALTIME_SPECS: readonly RealtimeSpec[] = [
    {
        key: "maxInvocation5XXErrorsPerMinute",
        measure: "Invocation5XXErrors",
        watch: { namespace: SAGEMAKER_METRIC_NAMESPACE, metricName: "Invocation5XXErrors", statistic: "Sum" },
        window: (value, _target, period) => ({ threshold: perMinute(value, period), evaluationPeriods: 1, datapointsToAlarm: 1 }),
        explain: (value, period) =>
            `${value === 0 ? "requests were" : `more than ${value} requests per minute were`} answered with a 5xx error (Invocation5XXErrors) in a ${seconds(period)} period: the model container failed or was unreachable.`,
        check: (_endpointName, logGroup) =>
            `${logs(logGroup)} for exceptions and restarts, MemoryUtilization, and whether a deployment just started (roll it back).`,
    },
    {
        key: "maxInvocation4XXErrorRatePercent",
        measure: "Invocation4XXErrorRate",
        watch: {
            expression: "IF(invocations > 0, 100 * errors / invocations, 0)",
            expressionLabel: "Invocation4XXErrors per Invocations (%)",
            metrics: [
                { id: "errors", namespace: SAGEMAKER_METRIC_NAMESPACE, metricName: "Invocation4XXErrors", statistic: "Sum" },
                { id: "invocations", namespace: SAGEMAKER_METRIC_NAMESPACE, metricName: "Invocations", statistic: "Sum" },
            ],
        },
        window: (value) => ({ threshold: value, ...TREND }),
        explain: (value, period) =>
            `more than ${value} % of requests were refused with a 4xx error (Invocation4XXErrors / Invocations) in 3 of 5 ${seconds(period)} periods.`,
        check: (_endpointName, logGroup) =>
            `the callers' payloads and content types against the model's input contract, recent client releases, and ${logs(logGroup)} for the validation errors.`,
    },
    {
        key: "maxModelLatencyP99Microseconds",
        measure: "ModelLatencyP99",
        watch: { namespace: SAGEMAKER_METRIC_NAMESPACE, metricName: "ModelLatency", statistic: "p99" },
        window: (value) => ({ threshold: value, ...TREND }),
        explain: (value, period) =>
            `the 99th percentile of ModelLatency has been above ${value} microseconds (${value / 1000} ms) in 3 of 5 ${seconds(period)} periods.`,
        check: () =>
            "CPUUtilization, GPUUtilization and InvocationsPerInstance for saturation (add instances), request payload sizes, and whether a new model version is slower.",
    },
    {
        key: "maxOverheadLatencyP99Microseconds",
        measure: "OverheadLatencyP99",
        watch: { namespace: SAGEMAKER_METRIC_NAMESPACE, metricName: "OverheadLatency", statistic: "p99" },
        window: (value) => ({ threshold: value, ...TREND }),
        explain: (value, period) =>
            `the 99th percentile of OverheadLatency (time SageMaker adds around the model) has been above ${value} microseconds (${value / 1000} ms) in 3 of 5 ${seconds(period)} periods.`,
        check: () => "request and response payload sizes, the request rate, and the AWS Health Dashboard for SageMaker in this region.",
    },
    utilization(
        "maxCpuUtilizationPercent",
        "CPUUtilization",
        "CPU use (percent of all vCPUs; CloudWatch sums 100 per vCPU)",
        (target) => vcpuCount(target.instanceType),
        "InvocationsPerInstance and ModelLatency; add instances (or raise the variant's scaling maxCapacity) or choose a larger instance type.",
    ),
    utilization(
        "maxMemoryUtilizationPercent",
        "MemoryUtilization",
        "Memory use",
        undefined,
        "the container logs for out-of-memory restarts and the model's size against the instance's memory; choose a larger instance type or fewer workers.",
    ),
    utilization(
        "maxDiskUtilizationPercent",
        "DiskUtilization",
        "Disk use",
        undefined,
        "what fills the disk (model artifacts, temporary files, logs written to the volume). Data Capture stops capturing when the disk is nearly full, and AWS advises staying under 75 %: " +
            "free space or raise the variant's volume size before capture stops.",
    ),
    utilization(
        "maxGpuUtilizationPercent",
        "GPUUtilization",
        "GPU use (percent of all GPUs; CloudWatch sums 100 per GPU)",
        (target) => target.gpus,
        "InvocationsPerInstance and ModelLatency for saturation; add instances or choose an instance type with more GPUs.",
    ),
    utilization(
        "maxGpuMemoryUtilizationPercent",
        "GPUMemoryUtilization",
        "GPU memory use (percent of all GPUs' memory; CloudWatch sums 100 per GPU)",
        (target) => target.gpus,
        "the model's memory footprint and batch sizes; choose an instance type with more GPU memory.",
    ),
    {
        key: "maxInvocationsPerInstancePerMinute",
        measure: "InvocationsPerInstance",
        watch: { namespace: SAGEMAKER_METRIC_NAMESPACE, metricName: "InvocationsPerInstance", statistic: "Sum" },
        window: (value, _target, period) => ({ threshold: perMinute(value, period), ...TREND }),
        explain: (value, period) =>
            `each instance has received more than ${value} requests per minute (InvocationsPerInstance) in 3 of 5 ${seconds(period)} periods: above the ceiling it was sized for.`,
        check: () => "ModelLatency and the error alarms; add instances or raise the variant's scaling maxCapacity.",
    },
];

/** The namespace and metric each key watches, for period checks (the metric-math alarm's metrics share one). */
export function watchedMetric(key: RealtimeAlarmKey): { namespace: string; metricName: string } {
    const spec = REALTIME_SPECS.find((s) => s.key === key)!;
    return "expression" in spec.watch ? spec.watch.metrics[0] : spec.watch;
}

/**
 * The framework's specs for an endpoint publishing with `publish`: every alarm per variant, fired
 * above its threshold, missing data not breaching (no requests, no latency; instances that publish
 * nothing are not busy), and a default period of 60 s or the publish interval when longer.
 */
export function realtimeAlarmSpecs(publish: PublishSettings): ThresholdAlarmSpec[] {
    return REALTIME_SPECS.map((spec) => {
        const { namespace, metricName } = watchedMetric(spec.key);
        return {
            ...spec,
            per: "variant",
            periodSeconds: Math.max(60, metricPublishIntervalSeconds("realtime", namespace, metricName, publish)),
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
        };
    });
}

/** Every alarm of a real-time endpoint: per spec, per level (critical first), per variant the spec applies to. */
export function buildRealtimeAlarmDefinitions(
    endpointName: string,
    targets: AlarmTarget[],
    publish: PublishSettings,
    args: RealtimeAlarmArgs = {},
): AnyAlarmDefinition[] {
    const { actions: _actions, ...settings } = args;
    return buildThresholdAlarms(
        { kindLabel: "real-time endpoint", endpointName, targets },
        realtimeAlarmSpecs(publish),
        settings,
        REALTIME_ALARM_DEFAULTS,
    );
}
