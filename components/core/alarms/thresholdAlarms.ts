import {
    AlarmDefinition,
    AlarmLevel,
    AlarmStatistic,
    AnyAlarmDefinition,
    ComparisonOperator,
    MetricMathAlarmDefinition,
    PercentileStatistic,
    TreatMissingData,
} from "./alarmDefinition";
import { alarmId, alarmName } from "./alarmNames";

/** A threshold per level; at least one. */
export interface LevelThresholds {
    /** Notifies the stack topic and the endpoint's critical actions; may roll a deployment back. */
    critical?: number;
    /** Notifies the stack topic and the endpoint's warning actions. Must be below critical (above it for lower-bound alarms). */
    warning?: number;
}

/**
 * How a user sets one alarm: a number (the critical threshold), `false` (no alarm), or levels,
 * optionally with a period (10 or 30 only where the metric is published that often).
 */
export type ThresholdSetting = number | false | (LevelThresholds & { periodSeconds?: number });

/** What one alarm watches: one metric, or metric math over several (never SEARCH). */
type AlarmWatch =
    | { namespace: string; metricName: string; statistic: AlarmStatistic | PercentileStatistic }
    | {
          expression: string;
          expressionLabel: string;
          metrics: { id: string; namespace: string; metricName: string; statistic: AlarmStatistic | PercentileStatistic }[];
      };

/** The endpoint's variants as alarms see them. */
export interface AlarmTarget {
    variantName: string;
    instanceType: string;
}

/** One built-in alarm of an endpoint kind: its key, what it watches, how it is evaluated, its runbook. */
export interface ThresholdAlarmSpec {
    /** The option name, with its unit: `maxModelLatencyP99Microseconds`. */
    key: string;
    /** The name part after the scope: "ModelLatencyP99". */
    measure: string;
    /** Per variant (EndpointName + VariantName), or once per endpoint (EndpointName). */
    perVariant: boolean;
    watch: AlarmWatch;
    /** The period unless the setting gives one. */
    periodSeconds: number;
    comparisonOperator: ComparisonOperator;
    treatMissingData: TreatMissingData;
    /** Only on these variants (GPU alarms on GPU instances). @default every variant */
    appliesTo?: (target: AlarmTarget) => boolean;
    /** CloudWatch threshold and evaluation window from the user's value (a percent of all vCPUs becomes CPUUtilization's scale). */
    window(
        value: number,
        target: AlarmTarget | undefined,
        periodSeconds: number,
    ): { threshold: number; evaluationPeriods: number; datapointsToAlarm: number };
    /** What happened, for the runbook. */
    explain(value: number, periodSeconds: number): string;
    /** What the person paged checks first. */
    check(endpointName: string): string;
}

/** Where the alarms are: "async endpoint scorer", "real-time endpoint churn". */
export interface AlarmScope {
    kindLabel: string;
    endpointName: string;
    targets: AlarmTarget[];
}

/** The levels a setting asks for, in declaration order (critical first), and its period. */
export function resolveSetting(
    setting: ThresholdSetting | undefined,
    fallback: ThresholdSetting,
): { levels: [AlarmLevel, number][]; periodSeconds?: number } {
    const value = setting ?? fallback;
    if (value === false) {
        return { levels: [] };
    }
    if (typeof value === "number") {
        return { levels: [["critical", value]] };
    }
    const levels: [AlarmLevel, number][] = [];
    if (value.critical !== undefined) {
        levels.push(["critical", value.critical]);
    }
    if (value.warning !== undefined) {
        levels.push(["warning", value.warning]);
    }
    return value.periodSeconds === undefined ? { levels } : { levels, periodSeconds: value.periodSeconds };
}

function dimensionsOf(scope: AlarmScope, variantName: string | undefined): Record<string, string> {
    return variantName === undefined
        ? { EndpointName: scope.endpointName }
        : { EndpointName: scope.endpointName, VariantName: variantName };
}

function watched(watch: AlarmWatch, dimensions: Record<string, string>) {
    if ("expression" in watch) {
        const metrics = watch.metrics.map((metric) => ({ ...metric, dimensions: { ...dimensions } }));
        return { expression: watch.expression, expressionLabel: watch.expressionLabel, metrics };
    }
    return { namespace: watch.namespace, metricName: watch.metricName, dimensions, statistic: watch.statistic };
}

function oneAlarm(
    scope: AlarmScope,
    spec: ThresholdAlarmSpec,
    target: AlarmTarget | undefined,
    level: AlarmLevel,
    value: number,
    periodSeconds: number,
) {
    const variant = target?.variantName;
    const where =
        variant === undefined
            ? `${capitalize(scope.kindLabel)} ${scope.endpointName}`
            : `Variant ${variant} of ${scope.kindLabel} ${scope.endpointName}`;
    const subject = { variant, measure: spec.measure, level: level === "warning" ? level : undefined };
    const definition = {
        id: alarmId(subject),
        alarmName: alarmName({ scope: scope.endpointName, ...subject }),
        description: `${level === "warning" ? "Warning: " : ""}${where}: ${spec.explain(value, periodSeconds)} Check ${spec.check(scope.endpointName)}`,
        ...watched(spec.watch, dimensionsOf(scope, variant)),
        periodSeconds,
        ...spec.window(value, target, periodSeconds),
        comparisonOperator: spec.comparisonOperator,
        treatMissingData: spec.treatMissingData,
        ...(level === "warning" ? { level } : {}),
        key: spec.key,
    };
    return definition as AlarmDefinition | MetricMathAlarmDefinition;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Every built-in alarm of an endpoint, in spec order: per level (critical first), endpoint-level
 * specs once, per-variant specs for each variant they apply to.
 */
export function buildThresholdAlarms(
    scope: AlarmScope,
    specs: readonly ThresholdAlarmSpec[],
    settings: Record<string, ThresholdSetting | undefined>,
    defaults: Record<string, ThresholdSetting>,
): AnyAlarmDefinition[] {
    const definitions: AnyAlarmDefinition[] = [];
    for (const spec of specs) {
        const { levels, periodSeconds } = resolveSetting(settings[spec.key], defaults[spec.key]);
        const targets = spec.perVariant ? scope.targets.filter((t) => spec.appliesTo?.(t) ?? true) : [undefined];
        for (const [level, value] of levels) {
            for (const target of targets) {
                definitions.push(oneAlarm(scope, spec, target, level, value, periodSeconds ?? spec.periodSeconds));
            }
        }
    }
    return definitions;
}
