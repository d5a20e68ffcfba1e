import { ALARM_STATISTICS, COMPARISON_OPERATORS, TREAT_MISSING_DATA } from "../../core/alarms/alarmDefinition";
import { alarmPeriodRule, evaluationWindowRule, periodForMetricRule } from "../../core/alarms/alarmLimits";
import { DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS } from "../../../domain/sageMakerMetrics";
import {
    ADDITIONAL_ALARM_DEFAULTS,
    AdditionalAsyncAlarmArgs,
    ASYNC_ALARM_DEFAULTS,
    AsyncAlarmArgs,
    AsyncAlarmThresholdName,
} from "./asyncAlarmArgs";
import { asyncMetricRule } from "../asyncMetrics";
import { Problem, ProblemCollector } from "../../core/validation/problems";
import { ThresholdRule, thresholdSettingProblems } from "../../core/alarms/validateThresholdSetting";
import { foreignAlarmKeyProblems } from "../../core/alarms/alarmKeys";
import { alarmActionsProblems } from "../../core/alarms/validateAlarmActions";
import * as rules from "../../../domain/validationRules";

/** Thresholds that count requests: whole numbers. */
export const COUNT_THRESHOLDS: AsyncAlarmThresholdName[] = [
    "maxInvocationFailures",
    "maxExpiredRequests",
    "maxRequestDownloadFailures",
    "maxResponseUploadFailures",
    "maxNotificationFailures",
];

/** The never-arrived alarm must outlast the 60-second scale-from-zero trigger, and fit CloudWatch's one-day window. */
export const BACKLOG_WITHOUT_CAPACITY_SECONDS = { min: 120, max: 86400 } as const;

/** What each async threshold may be. Async windows count minutes, so no `periodSeconds`. */
function asyncThresholdRule(option: AsyncAlarmThresholdName): ThresholdRule {
    if (option === "maxBacklogWithoutCapacitySeconds") {
        const { min, max } = BACKLOG_WITHOUT_CAPACITY_SECONDS;
        return {
            allowed: `a multiple of 60 from ${min} to ${max} seconds, longer than the 60-second scale-from-zero trigger`,
            valid: (value) => rules.integerInRange(value, min, max) === undefined && value % 60 === 0,
        };
    }
    const count = COUNT_THRESHOLDS.includes(option);
    return {
        allowed: `${count ? "an integer" : "a number"} >= 0`,
        valid: (value) => (count ? rules.integerAtLeast(value, 0) : rules.numberAtLeast(value, 0)) === undefined,
    };
}

/** Problems with `alarms`, with paths relative to the endpoint arguments (`alarms.maxBacklogSize`). */
export function asyncAlarmProblems(alarms: AsyncAlarmArgs | undefined): Problem[] {
    const problems = new ProblemCollector();
    if (alarms === undefined) {
        return [];
    }
    if (alarms === null || typeof alarms !== "object" || Array.isArray(alarms)) {
        problems.add(
            "alarms",
            `must be an object of thresholds (${Object.keys(ASYNC_ALARM_DEFAULTS).join(", ")}), \`actions\` and \`additional\``,
        );
        return problems.list();
    }
    for (const option of Object.keys(ASYNC_ALARM_DEFAULTS) as AsyncAlarmThresholdName[]) {
        thresholdSettingProblems(problems, `alarms.${option}`, alarms[option], asyncThresholdRule(option));
    }
    problems.addAll(foreignAlarmKeyProblems(alarms as Record<string, unknown>, "async"));
    alarmActionsProblems(problems, "alarms.actions", alarms.actions);
    if (alarms.additional !== undefined) {
        if (!Array.isArray(alarms.additional)) {
            problems.add("alarms.additional", "must be a list of alarms");
        } else {
            alarms.additional.forEach((extra, i) => additionalAlarmProblems(problems, `alarms.additional[${i}]`, extra));
        }
    }
    return problems.list();
}

function additionalAlarmProblems(problems: ProblemCollector, path: string, extra: AdditionalAsyncAlarmArgs): void {
    if (extra === null || typeof extra !== "object") {
        problems.add(path, "must be an object with at least metricName and threshold");
        return;
    }
    problems.check(`${path}.metricName`, asyncMetricRule(extra.metricName));
    problems.check(`${path}.threshold`, rules.numberAtLeast(extra.threshold, 0));
    if (extra.comparisonOperator !== undefined) {
        problems.check(`${path}.comparisonOperator`, rules.oneOf(extra.comparisonOperator, COMPARISON_OPERATORS));
    }
    if (extra.statistic !== undefined) {
        problems.check(`${path}.statistic`, rules.oneOf(extra.statistic, ALARM_STATISTICS));
    }
    if (extra.treatMissingData !== undefined) {
        problems.check(`${path}.treatMissingData`, rules.oneOf(extra.treatMissingData, TREAT_MISSING_DATA));
    }
    if (
        extra.description !== undefined &&
        (typeof extra.description !== "string" || extra.description.length === 0 || extra.description.length > 1024)
    ) {
        problems.add(`${path}.description`, `must be a string of 1-1024 characters (got ${JSON.stringify(extra.description)})`);
    }
    const periodReason =
        extra.periodSeconds === undefined
            ? undefined
            : (alarmPeriodRule(extra.periodSeconds) ??
              periodForMetricRule(extra.periodSeconds, DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS, String(extra.metricName)));
    problems.check(`${path}.periodSeconds`, periodReason);
    const evaluationReason = extra.evaluationPeriods === undefined ? undefined : rules.integerAtLeast(extra.evaluationPeriods, 1);
    problems.check(`${path}.evaluationPeriods`, evaluationReason);
    if (periodReason === undefined && evaluationReason === undefined) {
        const period = extra.periodSeconds ?? ADDITIONAL_ALARM_DEFAULTS.periodSeconds;
        const evaluationPeriods = extra.evaluationPeriods ?? ADDITIONAL_ALARM_DEFAULTS.evaluationPeriods;
        problems.check(`${path}.evaluationPeriods`, evaluationWindowRule(period, evaluationPeriods));
        if (extra.datapointsToAlarm !== undefined) {
            problems.check(`${path}.datapointsToAlarm`, rules.integerInRange(extra.datapointsToAlarm, 1, evaluationPeriods));
        }
    }
}
