import { AnyAlarmDefinition, isMetricMath } from "./alarmDefinition";

/** CloudWatch alarm limits (docs/ARCHITECTURE.md, "AWS limits"). */
export const ALARM_LIMITS = {
    /** 10 and 30 are high-resolution periods; anything longer is a multiple of 60. */
    highResolutionPeriods: [10, 30] as readonly number[],
    /** period x evaluation periods may cover at most one day. */
    maxEvaluationWindowSeconds: 86400,
    maxActionsPerState: 5,
    maxNameLength: 255,
    maxDescriptionLength: 1024,
} as const;

export function alarmPeriodRule(value: unknown): string | undefined {
    const valid =
        typeof value === "number" &&
        Number.isInteger(value) &&
        value > 0 &&
        (ALARM_LIMITS.highResolutionPeriods.includes(value) || value % 60 === 0);
    return valid ? undefined : `must be 10, 30 or a positive multiple of 60 seconds (got ${JSON.stringify(value)})`;
}

/**
 * A period is only as fine as the metric it watches: a 10-second alarm on a metric published every
 * 60 seconds sees five empty periods in six. `publishIntervalSeconds` comes from
 * `metricPublishIntervalSeconds` (domain/sageMakerMetrics.ts).
 */
export function periodForMetricRule(periodSeconds: number, publishIntervalSeconds: number, metricName: string): string | undefined {
    if (periodSeconds >= publishIntervalSeconds) {
        return undefined;
    }
    const minute = Math.ceil(publishIntervalSeconds / 60) * 60;
    const allowed = `${publishIntervalSeconds === 30 ? "30 or " : ""}a multiple of 60${minute > 60 ? ` from ${minute}` : ""}`;
    return (
        `must be at least ${publishIntervalSeconds} seconds: ${metricName} is published every ${publishIntervalSeconds} seconds here, so a ${periodSeconds}-second period would mostly see no data ` +
        `(allowed: ${allowed}; high-resolution periods need metrics.publishFrequencySeconds 10 or 30, and for invocation metrics of a real-time endpoint metrics.enhancedMetrics true)`
    );
}

/** `period x evaluationPeriods <= 86400`; checked only once both are valid numbers. */
export function evaluationWindowRule(periodSeconds: number, evaluationPeriods: number): string | undefined {
    const window = periodSeconds * evaluationPeriods;
    return window > ALARM_LIMITS.maxEvaluationWindowSeconds
        ? `period x evaluation periods must be at most ${ALARM_LIMITS.maxEvaluationWindowSeconds} seconds (got ${periodSeconds} x ${evaluationPeriods} = ${window})`
        : undefined;
}

function alarmNameRule(value: string): string | undefined {
    return value.length === 0 || value.length > ALARM_LIMITS.maxNameLength
        ? `must be 1-${ALARM_LIMITS.maxNameLength} characters (got ${value.length}: "${value}")`
        : undefined;
}

/**
 * Problems with a built definition, keyed by field. Builders only produce valid definitions from
 * validated arguments, so a problem here is a bug, reported by the declare function.
 */
export function alarmDefinitionProblems(definition: AnyAlarmDefinition): { field: string; reason: string }[] {
    const problems: { field: string; reason: string }[] = [];
    const add = (field: string, reason: string | undefined) => reason !== undefined && problems.push({ field, reason });
    add("alarmName", alarmNameRule(definition.alarmName));
    const descriptionLength = definition.description.length;
    if (descriptionLength === 0 || descriptionLength > ALARM_LIMITS.maxDescriptionLength) {
        add("description", `must be 1-${ALARM_LIMITS.maxDescriptionLength} characters (got ${descriptionLength})`);
    }
    if (isMetricMath(definition) && /SEARCH\s*\(/i.test(definition.expression)) {
        add("expression", `must not use SEARCH(): CloudWatch alarms cannot evaluate it (got "${definition.expression}")`);
    }
    add("periodSeconds", alarmPeriodRule(definition.periodSeconds));
    const evaluationValid = Number.isInteger(definition.evaluationPeriods) && definition.evaluationPeriods >= 1;
    add(
        "evaluationPeriods",
        evaluationValid
            ? evaluationWindowRule(definition.periodSeconds, definition.evaluationPeriods)
            : `must be an integer >= 1 (got ${definition.evaluationPeriods})`,
    );
    if (
        !Number.isInteger(definition.datapointsToAlarm) ||
        definition.datapointsToAlarm < 1 ||
        definition.datapointsToAlarm > definition.evaluationPeriods
    ) {
        add(
            "datapointsToAlarm",
            `must be an integer from 1 to evaluationPeriods (${definition.evaluationPeriods}) (got ${definition.datapointsToAlarm})`,
        );
    }
    add("threshold", Number.isFinite(definition.threshold) ? undefined : `must be a finite number (got ${definition.threshold})`);
    return problems;
}
