/**
 * A CloudWatch metric alarm as plain data: what to watch, when to fire, what to tell the person
 * paged. Builders (async backlog alarms, GPU alarms, forwarder alarms) return these; one declare
 * function turns them into resources, so every alarm of the project is shaped the same way.
 */

export const ALARM_STATISTICS = ["Average", "Sum", "Minimum", "Maximum", "SampleCount"] as const;
export type AlarmStatistic = (typeof ALARM_STATISTICS)[number];

export const COMPARISON_OPERATORS = [
    "GreaterThanThreshold",
    "GreaterThanOrEqualToThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** How an evaluation period without datapoints counts. */
export const TREAT_MISSING_DATA = ["breaching", "notBreaching", "ignore", "missing"] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

export interface AlarmDefinition {
    /** Suffix of the Pulumi logical name, unique within its component, e.g. "backlog-size" or "invocation-failures-AllTraffic". */
    id: string;
    /** Physical CloudWatch alarm name: deterministic, at most 255 characters. */
    alarmName: string;
    /** What fired and what to check first. */
    description: string;
    namespace: string;
    metricName: string;
    /** Exactly the dimensions AWS publishes the metric with. */
    dimensions: Record<string, string>;
    statistic: AlarmStatistic;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    threshold: number;
    comparisonOperator: ComparisonOperator;
    treatMissingData: TreatMissingData;
}
