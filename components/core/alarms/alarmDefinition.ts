/**
 * A CloudWatch metric alarm as plain data: what to watch, when to fire, what to tell the person
 * paged. Builders (endpoint alarms, GPU alarms, forwarder alarms) return these; one declare
 * function turns them into resources, so every alarm of the project is shaped the same way
 * (docs/alarms.md).
 */

export const ALARM_STATISTICS = ["Average", "Sum", "Minimum", "Maximum", "SampleCount"] as const;
export type AlarmStatistic = (typeof ALARM_STATISTICS)[number];

/** A percentile such as "p99": a MetricAlarm's `extendedStatistic`. */
export type PercentileStatistic = `p${number}`;

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

/**
 * How urgent an alarm is. Both notify the stack topic; per-endpoint extra actions are chosen per
 * level, and only critical alarms can roll a deployment back. A definition without a level is critical.
 */
export const ALARM_LEVELS = ["critical", "warning"] as const;
export type AlarmLevel = (typeof ALARM_LEVELS)[number];

/** What every alarm has, whatever it watches. */
interface AlarmDefinitionBase {
    /** Suffix of the Pulumi logical name, unique within its component, e.g. "backlog-size" or "invocation-failures-AllTraffic". */
    id: string;
    /** Physical CloudWatch alarm name: deterministic, at most 255 characters (alarmNames.ts). */
    alarmName: string;
    /** The runbook: what fired and what to check first. At most 1024 characters. */
    description: string;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    threshold: number;
    comparisonOperator: ComparisonOperator;
    treatMissingData: TreatMissingData;
    /** @default "critical" */
    level?: AlarmLevel;
    /** The threshold option that produced the alarm (`maxModelLatencyP99Microseconds`): auto-rollback refers to alarms by it. */
    key?: string;
}

/** An alarm on one metric. */
export interface AlarmDefinition extends AlarmDefinitionBase {
    namespace: string;
    metricName: string;
    /** Exactly the dimensions AWS publishes the metric with. */
    dimensions: Record<string, string>;
    /** A statistic, or a percentile ("p99", declared as `extendedStatistic`). */
    statistic: AlarmStatistic | PercentileStatistic;
}

/** One metric a metric-math expression reads, under its lower-case `id`. */
export interface MathMetric {
    id: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    statistic: AlarmStatistic | PercentileStatistic;
}

/**
 * An alarm on a metric-math expression over named metrics (a rate, a ratio). Never `SEARCH()`:
 * CloudWatch alarms cannot evaluate it, so the declare function refuses it.
 */
export interface MetricMathAlarmDefinition extends AlarmDefinitionBase {
    /** Over the metrics' ids, e.g. `IF(invocations > 0, 100 * errors / invocations, 0)`. */
    expression: string;
    /** The expression's label in the console and in notifications. */
    expressionLabel: string;
    metrics: MathMetric[];
}

/** What `declareMetricAlarms` takes. */
export type AnyAlarmDefinition = AlarmDefinition | MetricMathAlarmDefinition;

export function isMetricMath(definition: AnyAlarmDefinition): definition is MetricMathAlarmDefinition {
    return "expression" in definition;
}

export function isPercentile(statistic: string): statistic is PercentileStatistic {
    return /^p\d+(\.\d+)?$/.test(statistic);
}
