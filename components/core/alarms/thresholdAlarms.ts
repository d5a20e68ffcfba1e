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
import { sageMakerEndpointLogGroupName, sageMakerInferenceComponentLogGroupName } from "../../../domain/cloudWatchLogs";

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
    /** GPUs per instance from the stack's effective GPU catalogue (variantAlarmTarget); absent on CPU types. */
    gpus?: number;
}

/** An inference component as alarms see it: its name in the endpoint and its physical InferenceComponentName. */
export interface AlarmComponent {
    name: string;
    physicalName: string;
}

/**
 * What one alarm is per: the endpoint (EndpointName), each variant (EndpointName + VariantName), or
 * each inference component (InferenceComponentName alone, as SageMaker publishes its invocation metrics).
 */
export type AlarmGranularity = "endpoint" | "variant" | "component";

/** One built-in alarm of an endpoint kind: its key, what it watches, how it is evaluated, its runbook. */
export interface ThresholdAlarmSpec {
    /** The option name, with its unit: `maxModelLatencyP99Microseconds`. */
    key: string;
    /** The name part after the scope: "ModelLatencyP99". */
    measure: string;
    /** Once per endpoint, per variant or per inference component. */
    per: AlarmGranularity;
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
    /** What the person paged checks first; `logGroup`: the containers' log group of what the alarm watches. */
    check(endpointName: string, logGroup: string): string;
}

/** Where the alarms are: "async endpoint scorer", "real-time endpoint churn". */
export interface AlarmScope {
    kindLabel: string;
    endpointName: string;
    targets: AlarmTarget[];
    /** The endpoint's inference components, for per-component specs. @default none */
    components?: AlarmComponent[];
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

/** One alarm's subject: the whole endpoint, one variant or one inference component. */
type Subject = { variant: AlarmTarget } | { component: AlarmComponent } | undefined;

function dimensionsOf(scope: AlarmScope, subject: Subject): Record<string, string> {
    if (subject === undefined) {
        return { EndpointName: scope.endpointName };
    }
    return "variant" in subject
        ? { EndpointName: scope.endpointName, VariantName: subject.variant.variantName }
        : { InferenceComponentName: subject.component.physicalName };
}

/** Where the containers behind the alarm log: the component's group, else the endpoint's. */
function logGroupOf(scope: AlarmScope, subject: Subject): string {
    return subject !== undefined && "component" in subject
        ? sageMakerInferenceComponentLogGroupName(subject.component.physicalName)
        : sageMakerEndpointLogGroupName(scope.endpointName);
}

function whereOf(scope: AlarmScope, subject: Subject): string {
    const endpoint = `${scope.kindLabel} ${scope.endpointName}`;
    if (subject === undefined) {
        return capitalize(endpoint);
    }
    return "variant" in subject
        ? `Variant ${subject.variant.variantName} of ${endpoint}`
        : `Inference component ${subject.component.name} (${subject.component.physicalName}) of ${endpoint}`;
}

function watched(watch: AlarmWatch, dimensions: Record<string, string>) {
    if ("expression" in watch) {
        const metrics = watch.metrics.map((metric) => ({ ...metric, dimensions: { ...dimensions } }));
        return { expression: watch.expression, expressionLabel: watch.expressionLabel, metrics };
    }
    return { namespace: watch.namespace, metricName: watch.metricName, dimensions, statistic: watch.statistic };
}

function oneAlarm(scope: AlarmScope, spec: ThresholdAlarmSpec, subject: Subject, level: AlarmLevel, value: number, periodSeconds: number) {
    // The name part after the scope: the variant's name, or the component's name in the endpoint.
    const part = subject === undefined ? undefined : "variant" in subject ? subject.variant.variantName : subject.component.name;
    const named = { variant: part, measure: spec.measure, level: level === "warning" ? level : undefined };
    const target = subject !== undefined && "variant" in subject ? subject.variant : undefined;
    const definition = {
        id: alarmId(named),
        alarmName: alarmName({ scope: scope.endpointName, ...named }),
        description: `${level === "warning" ? "Warning: " : ""}${whereOf(scope, subject)}: ${spec.explain(value, periodSeconds)} Check ${spec.check(scope.endpointName, logGroupOf(scope, subject))}`,
        ...watched(spec.watch, dimensionsOf(scope, subject)),
        periodSeconds,
        ...spec.window(value, target, periodSeconds),
        comparisonOperator: spec.comparisonOperator,
        treatMissingData: spec.treatMissingData,
        ...(level === "warning" ? { level } : {}),
        key: spec.key,
    };
    return definition as AlarmDefinition | MetricMathAlarmDefinition;
}

/** The subjects a spec is declared for. */
function subjectsOf(scope: AlarmScope, spec: ThresholdAlarmSpec): Subject[] {
    if (spec.per === "variant") {
        return scope.targets.filter((t) => spec.appliesTo?.(t) ?? true).map((variant) => ({ variant }));
    }
    return spec.per === "component" ? (scope.components ?? []).map((component) => ({ component })) : [undefined];
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Every built-in alarm of an endpoint, in spec order: per level (critical first), endpoint-level
 * specs once, per-variant specs for each variant they apply to, per-component specs for each component.
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
        const subjects = subjectsOf(scope, spec);
        for (const [level, value] of levels) {
            for (const subject of subjects) {
                definitions.push(oneAlarm(scope, spec, subject, level, value, periodSeconds ?? spec.periodSeconds));
            }
        }
    }
    return definitions;
}
