import { ProblemCollector } from "../validation/problems";
import { alarmPeriodRule } from "./alarmLimits";
import { isObject } from "../../../domain/values";

/** What a threshold may be, and how its period is checked. */
export interface ThresholdRule {
    /** The allowed thresholds, for messages: "an integer >= 0", "a number from 0 to 100". */
    allowed: string;
    valid(value: number): boolean;
    /** Undefined when a period is allowed for this alarm, else why not. Absent: no `periodSeconds` key. */
    period?(periodSeconds: number): string | undefined;
    /** The alarm fires below its threshold (free GPUs), so a warning level is above the critical one. @default false */
    lowerBound?: boolean;
}

const LEVEL_KEYS = ["critical", "warning"] as const;

/**
 * Problems with one threshold setting at `path`: a number, `false`, or `{ critical?, warning?,
 * periodSeconds? }` with at least one level and the warning level before the critical one: below
 * it for alarms that fire above their threshold, above it for lower-bound alarms (`rule.lowerBound`).
 */
export function thresholdSettingProblems(problems: ProblemCollector, path: string, setting: unknown, rule: ThresholdRule): void {
    if (setting === undefined || setting === false) {
        return;
    }
    const levelsForm = `{ critical, warning${rule.period === undefined ? "" : ", periodSeconds"} }`;
    const validValue = (value: unknown) => typeof value === "number" && Number.isFinite(value) && rule.valid(value);
    if (typeof setting === "number") {
        problems.check(
            path,
            validValue(setting) ? undefined : `must be ${rule.allowed}, or false to remove the alarm, or ${levelsForm} (got ${setting})`,
        );
        return;
    }
    if (!isObject(setting)) {
        problems.add(path, `must be a threshold (a number), false to remove the alarm, or ${levelsForm} (got ${JSON.stringify(setting)})`);
        return;
    }
    const allowedKeys: string[] = [...LEVEL_KEYS, ...(rule.period === undefined ? [] : ["periodSeconds"])];
    for (const key of Object.keys(setting).filter((k) => !allowedKeys.includes(k))) {
        problems.add(`${path}.${key}`, `is not a setting of this alarm; allowed: ${allowedKeys.join(", ")}`);
    }
    if (setting.critical === undefined && setting.warning === undefined) {
        problems.add(path, "must set critical, warning or both (or be false to remove the alarm)");
    }
    for (const level of LEVEL_KEYS) {
        if (setting[level] !== undefined) {
            problems.check(
                `${path}.${level}`,
                validValue(setting[level]) ? undefined : `must be ${rule.allowed} (got ${JSON.stringify(setting[level])})`,
            );
        }
    }
    const ordered = validValue(setting.warning) && validValue(setting.critical);
    const before = rule.lowerBound === true ? setting.warning > setting.critical : setting.warning < setting.critical;
    if (ordered && !before) {
        problems.add(
            `${path}.warning`,
            `must be ${rule.lowerBound === true ? "above" : "below"} critical (${setting.critical}), so the warning comes first (got ${setting.warning})`,
        );
    }
    if (setting.periodSeconds !== undefined && rule.period !== undefined) {
        problems.check(`${path}.periodSeconds`, alarmPeriodRule(setting.periodSeconds) ?? rule.period(setting.periodSeconds));
    }
}
