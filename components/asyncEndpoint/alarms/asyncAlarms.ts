import { AlarmDefinition, AlarmStatistic, ComparisonOperator, TreatMissingData } from "../../core/alarms/alarmDefinition";
import { alarmName, kebab } from "../../core/alarms/alarmNames";
import { buildThresholdAlarms, ThresholdAlarmSpec } from "../../core/alarms/thresholdAlarms";
import {
    ADDITIONAL_ALARM_DEFAULTS,
    AdditionalAsyncAlarmArgs,
    ASYNC_ALARM_DEFAULTS,
    AsyncAlarmArgs,
    AsyncAlarmThresholdName,
} from "./asyncAlarmArgs";
import { AsyncMetric, asyncMetricDimensions, isEndpointLevelMetric, SAGEMAKER_METRIC_NAMESPACE } from "../asyncMetrics";

/** One built-in alarm as the async catalog writes it; `asyncSpec` turns it into the framework's spec. */
interface AsyncAlarmSpec {
    option: AsyncAlarmThresholdName;
    metricName: AsyncMetric;
    statistic: AlarmStatistic;
    periodSeconds: number;
    comparisonOperator: ComparisonOperator;
    treatMissingData: TreatMissingData;
    /** Threshold and evaluation window from the option's value. */
    window(value: number): { threshold: number; evaluationPeriods: number; datapointsToAlarm: number };
    explain(value: number): string;
    /** What the person paged checks first. */
    check(endpointName: string): string;
}

const FAILURE_PERIOD_SECONDS = 300;
const BACKLOG_SUSTAINED_MINUTES = 5;

/** A failure counter, per variant: Sum over 5 minutes above the threshold. */
function failureCounter(
    option: AsyncAlarmThresholdName,
    metricName: AsyncMetric,
    what: string,
    check: (endpointName: string) => string,
): AsyncAlarmSpec {
    return {
        option,
        metricName,
        statistic: "Sum",
        periodSeconds: FAILURE_PERIOD_SECONDS,
        comparisonOperator: "GreaterThanThreshold",
        // Counters are published only while requests are processed: no data means no failures.
        treatMissingData: "notBreaching",
        window: (value) => ({ threshold: value, evaluationPeriods: 1, datapointsToAlarm: 1 }),
        explain: (value) => `${value === 0 ? "one or more" : `more than ${value}`} ${what} (${metricName}) in 5 minutes.`,
        check,
    };
}

/**
 * The built-in alarms, in declaration order. Missing data: the backlog metrics are published
 * only while the endpoint has requests queued or in flight, so a missing datapoint is an empty
 * queue (notBreaching), never a reason to page.
 */
const ASYNC_ALARM_SPECS: readonly AsyncAlarmSpec[] = [
    {
        option: "maxBacklogSize",
        metricName: "ApproximateBacklogSize",
        statistic: "Average",
        periodSeconds: 60,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        // Sustained, not a burst: a burst is what the queue is for.
        window: (value) => ({
            threshold: value,
            evaluationPeriods: BACKLOG_SUSTAINED_MINUTES,
            datapointsToAlarm: BACKLOG_SUSTAINED_MINUTES,
        }),
        explain: (value) =>
            `more than ${value} requests have been queued (ApproximateBacklogSize, 1-minute average) for ${BACKLOG_SUSTAINED_MINUTES} minutes: requests arrive faster than the endpoint processes them.`,
        check: () =>
            "whether its variants are at their scaling maxCapacity (aws application-autoscaling describe-scaling-activities --service-namespace sagemaker), " +
            "TotalProcessingTime and ModelLatency for a slower model, InvocationFailures for failing requests, and the callers' request rate.",
    },
    {
        option: "maxOldestRequestAgeSeconds",
        metricName: "ApproximateAgeOfOldestRequest",
        statistic: "Maximum",
        periodSeconds: 60,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        // The age already measures time waited: one datapoint above it is the news.
        window: (value) => ({ threshold: value, evaluationPeriods: 1, datapointsToAlarm: 1 }),
        explain: (value) =>
            `the oldest queued request has waited more than ${value} seconds (ApproximateAgeOfOldestRequest, maximum); requests past their TTL expire unprocessed.`,
        check: () =>
            "that instances are InService (HasBacklogWithoutCapacity, DescribeEndpoint), whether the variants are at maxCapacity, and TimeInBacklog and TotalProcessingTime for slow inferences.",
    },
    {
        option: "maxBacklogWithoutCapacitySeconds",
        metricName: "HasBacklogWithoutCapacity",
        statistic: "Average",
        periodSeconds: 60,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // Published every minute while requests wait without an instance: a gap is not a backlog.
        treatMissingData: "notBreaching",
        window: (value) => ({ threshold: 1, evaluationPeriods: value / 60, datapointsToAlarm: value / 60 }),
        explain: (value) =>
            `requests have waited with no instance to run them (HasBacklogWithoutCapacity = 1) for ${value / 60} minutes: scale-from-zero did not bring capacity.`,
        check: () =>
            "the scale-from-zero policy's scaling activities for failed launches (instance quota or capacity for the instance type), that the endpoint is InService, " +
            "and that the scalable target's maxCapacity is at least 1.",
    },
    failureCounter(
        "maxInvocationFailures",
        "InvocationFailures",
        "requests failed in the model",
        (endpointName) =>
            `the objects under the endpoint's failure path and the error topic's messages for the error, and the container logs in /aws/sagemaker/Endpoints/${endpointName}.`,
    ),
    failureCounter(
        "maxExpiredRequests",
        "ExpiredRequests",
        "requests expired in the queue before an instance took them",
        () =>
            "the backlog and capacity alarms, the variants' maxCapacity, and the RequestTTLSeconds callers pass to InvokeEndpointAsync (default 6 hours).",
    ),
    failureCounter(
        "maxRequestDownloadFailures",
        "RequestDownloadFailures",
        "request payloads could not be downloaded from S3",
        () =>
            "that the objects exist at the InputLocation callers passed, that the execution role may s3:GetObject them and kms:Decrypt their key, and the bucket policy.",
    ),
    failureCounter(
        "maxResponseUploadFailures",
        "ResponseUploadFailures",
        "results could not be written to S3",
        () => "that the output and failure buckets exist and the execution role may s3:PutObject to both paths and use the output KMS key.",
    ),
    failureCounter(
        "maxNotificationFailures",
        "NotificationFailures",
        "success or error notifications could not be published to SNS",
        () => "that both topics exist, the execution role may sns:Publish to them and use the topic KMS key, and the topic policies.",
    ),
];

function asyncSpec(spec: AsyncAlarmSpec): ThresholdAlarmSpec {
    return {
        key: spec.option,
        measure: spec.metricName,
        per: isEndpointLevelMetric(spec.metricName) ? "endpoint" : "variant",
        watch: { namespace: SAGEMAKER_METRIC_NAMESPACE, metricName: spec.metricName, statistic: spec.statistic },
        periodSeconds: spec.periodSeconds,
        comparisonOperator: spec.comparisonOperator,
        treatMissingData: spec.treatMissingData,
        window: (value) => spec.window(value),
        explain: (value) => spec.explain(value),
        check: spec.check,
    };
}

/** The async catalog in the framework's terms (docs/alarms.md). */
const ASYNC_THRESHOLD_ALARM_SPECS: readonly ThresholdAlarmSpec[] = ASYNC_ALARM_SPECS.map(asyncSpec);

/** Built-in alarms first, then `additional` ones; endpoint-level metrics once, the others per variant. */
export function buildAsyncAlarmDefinitions(endpointName: string, variantNames: string[], args: AsyncAlarmArgs = {}): AlarmDefinition[] {
    const scope = {
        kindLabel: "async endpoint",
        endpointName,
        targets: variantNames.map((variantName) => ({ variantName, instanceType: "" })),
    };
    const { additional, actions: _actions, ...settings } = args;
    // Async alarms watch single metrics only: the cast narrows what the framework may also build.
    const definitions = buildThresholdAlarms(scope, ASYNC_THRESHOLD_ALARM_SPECS, settings, ASYNC_ALARM_DEFAULTS) as AlarmDefinition[];
    (additional ?? []).forEach((extra, index) => definitions.push(...additionalAlarmDefinitions(endpointName, variantNames, extra, index)));
    return definitions;
}

function additionalAlarmDefinitions(
    endpointName: string,
    variantNames: string[],
    extra: AdditionalAsyncAlarmArgs,
    index: number,
): AlarmDefinition[] {
    const metricName = extra.metricName as AsyncMetric;
    const d = ADDITIONAL_ALARM_DEFAULTS;
    const evaluationPeriods = extra.evaluationPeriods ?? d.evaluationPeriods;
    const comparisonOperator = extra.comparisonOperator ?? d.comparisonOperator;
    const statistic = extra.statistic ?? d.statistic;
    const variants = isEndpointLevelMetric(metricName) ? [undefined] : variantNames;
    return variants.map((variantName) => ({
        id: `additional-${index}-${kebab(metricName)}${variantName === undefined ? "" : `-${variantName}`}`,
        alarmName: alarmName({ scope: endpointName, variant: variantName, measure: `${metricName}-additional-${index}` }),
        description:
            extra.description ??
            `${variantName === undefined ? `Async endpoint ${endpointName}` : `Variant ${variantName} of async endpoint ${endpointName}`}: ${metricName} (${statistic}) ${comparisonOperator} ${extra.threshold}.`,
        namespace: SAGEMAKER_METRIC_NAMESPACE,
        metricName,
        dimensions: asyncMetricDimensions(metricName, endpointName, variantName ?? ""),
        statistic,
        periodSeconds: extra.periodSeconds ?? d.periodSeconds,
        evaluationPeriods,
        datapointsToAlarm: extra.datapointsToAlarm ?? evaluationPeriods,
        threshold: extra.threshold,
        comparisonOperator,
        treatMissingData: extra.treatMissingData ?? d.treatMissingData,
    }));
}
