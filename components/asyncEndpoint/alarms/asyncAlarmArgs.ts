import { AlarmStatistic, ComparisonOperator, TreatMissingData } from "../../core/alarms/alarmDefinition";
import { ExtraAlarmActions } from "../../core/alarms/alarmActions";
import { LevelThresholds } from "../../core/alarms/thresholdAlarms";

/** A threshold (critical), `false` to remove the alarm, or `{ critical, warning }`. */
type AsyncThreshold = number | false | LevelThresholds;

/**
 * Alarm thresholds of an asynchronous endpoint, each with its unit in the name. Every alarm is on
 * at its default; a number overrides the (critical) threshold, `false` removes the alarm, and
 * `{ critical, warning }` sets two levels (docs/alarms.md).
 */
export interface AsyncAlarmArgs {
    /** Queued requests (ApproximateBacklogSize, 1-minute average) held above this for 5 minutes. @default 100 */
    maxBacklogSize?: AsyncThreshold;
    /** Seconds the oldest queued request may wait (ApproximateAgeOfOldestRequest, maximum). @default 1800 */
    maxOldestRequestAgeSeconds?: AsyncThreshold;
    /**
     * Seconds requests may wait with no instance to run them (HasBacklogWithoutCapacity) before
     * someone is paged: longer than scale-from-zero takes. A multiple of 60 from 120 to 86400.
     * @default 900
     */
    maxBacklogWithoutCapacitySeconds?: AsyncThreshold;
    /** Requests the model failed (InvocationFailures) per variant per 5 minutes. @default 0 */
    maxInvocationFailures?: AsyncThreshold;
    /** Requests that expired in the queue (ExpiredRequests) per variant per 5 minutes. @default 0 */
    maxExpiredRequests?: AsyncThreshold;
    /** Payloads SageMaker could not download from S3 (RequestDownloadFailures) per variant per 5 minutes. @default 0 */
    maxRequestDownloadFailures?: AsyncThreshold;
    /** Results SageMaker could not write to S3 (ResponseUploadFailures) per variant per 5 minutes. @default 0 */
    maxResponseUploadFailures?: AsyncThreshold;
    /** Notifications SageMaker could not publish to SNS (NotificationFailures) per variant per 5 minutes. @default 0 */
    maxNotificationFailures?: AsyncThreshold;
    /** More alarms on metrics async endpoints publish. @default [] */
    additional?: AdditionalAsyncAlarmArgs[];
    /** SNS topics notified besides the stack topic, per level. @default none */
    actions?: ExtraAlarmActions;
}

/** An extra alarm on an AWS/SageMaker metric the endpoint publishes; dimensions follow the metric. */
export interface AdditionalAsyncAlarmArgs {
    /** A metric async endpoints publish (never Invocations, InvocationsPerInstance or OverheadLatency). */
    metricName: string;
    /** Non-negative: every SageMaker async metric is a count, a time or a 0/1 flag. */
    threshold: number;
    /** @default "GreaterThanThreshold" */
    comparisonOperator?: ComparisonOperator;
    /** @default "Average" */
    statistic?: AlarmStatistic;
    /** A multiple of 60: async metrics are published every 60 seconds. @default 60 */
    periodSeconds?: number;
    /** @default 1 */
    evaluationPeriods?: number;
    /** @default evaluationPeriods */
    datapointsToAlarm?: number;
    /** @default "notBreaching" (async metrics are published only while there is work) */
    treatMissingData?: TreatMissingData;
    /** What the person paged should check. @default a sentence naming the metric and threshold */
    description?: string;
}

export type AsyncAlarmThresholdName = Exclude<keyof AsyncAlarmArgs, "additional" | "actions">;

export const ASYNC_ALARM_DEFAULTS: Record<AsyncAlarmThresholdName, number> = {
    maxBacklogSize: 100,
    maxOldestRequestAgeSeconds: 1800,
    maxBacklogWithoutCapacitySeconds: 900,
    maxInvocationFailures: 0,
    maxExpiredRequests: 0,
    maxRequestDownloadFailures: 0,
    maxResponseUploadFailures: 0,
    maxNotificationFailures: 0,
};

export const ADDITIONAL_ALARM_DEFAULTS = {
    comparisonOperator: "GreaterThanThreshold" as ComparisonOperator,
    statistic: "Average" as AlarmStatistic,
    periodSeconds: 60,
    evaluationPeriods: 1,
    treatMissingData: "notBreaching" as TreatMissingData,
};
