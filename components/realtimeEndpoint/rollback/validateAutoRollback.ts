import { AnyAlarmDefinition } from "../../core/alarms/alarmDefinition";
import { ProblemCollector } from "../../core/validation/problems";
import { REALTIME_ALARM_DEFAULTS } from "../alarms/realtimeAlarmArgs";
import { AUTO_ROLLBACK_LIMITS, AutoRollbackArgs, TRAFFIC_SHIFTING_MODES } from "./autoRollbackArgs";
import { rollbackAlarmNames } from "./deploymentConfig";
import * as rules from "../../../domain/validationRules";
import { isObject } from "../../../domain/values";

/** Why `key` names no critical alarm of this endpoint, or undefined when it does. */
function keyRule(key: unknown, definitions: AnyAlarmDefinition[], settings: Record<string, unknown>): string | undefined {
    const keys = Object.keys(REALTIME_ALARM_DEFAULTS);
    const withAlarms = keys.filter((k) => rollbackAlarmNames(definitions, [k]).length > 0);
    const allowed = `one of this endpoint's alarm keys with a critical alarm: ${withAlarms.join(", ")}`;
    if (typeof key !== "string" || !keys.includes(key)) {
        return `must be ${allowed} (got ${JSON.stringify(key)})`;
    }
    if (withAlarms.includes(key)) {
        return undefined;
    }
    const setting = settings[key] ?? REALTIME_ALARM_DEFAULTS[key as keyof typeof REALTIME_ALARM_DEFAULTS];
    const why =
        setting === false
            ? `alarms.${key} is false, so the alarm does not exist`
            : isObject(setting) && setting.critical === undefined
              ? `alarms.${key} sets no critical level, and only critical alarms roll back`
              : "no variant of this endpoint gets that alarm (GPU alarms need a GPU instance type)";
    return `must name an alarm this endpoint declares: ${why}; ${allowed}`;
}

/**
 * Problems with `autoRollback`, paths relative to the endpoint arguments. `definitions` are the
 * alarms the endpoint would declare, so a key is checked against what exists, not a list of names.
 */
export function autoRollbackProblems(
    problems: ProblemCollector,
    rollback: unknown,
    definitions: AnyAlarmDefinition[],
    settings: Record<string, unknown>,
): void {
    if (rollback === undefined) {
        return;
    }
    if (!isObject(rollback)) {
        problems.add(
            "autoRollback",
            "must be an object: { alarms, trafficShifting, stepPercent, waitIntervalSeconds, terminationWaitSeconds }",
        );
        return;
    }
    const args = rollback as AutoRollbackArgs;
    if (!Array.isArray(args.alarms) || args.alarms.length === 0) {
        problems.add(
            "autoRollback.alarms",
            "must be a non-empty list of this endpoint's alarm keys, e.g. [maxInvocation5XXErrorsPerMinute]",
        );
    } else {
        args.alarms.forEach((key, i) => problems.check(`autoRollback.alarms[${i}]`, keyRule(key, definitions, settings)));
        problems.check("autoRollback.alarms", rules.uniqueValues(args.alarms));
        const count = rollbackAlarmNames(definitions, args.alarms).length;
        if (count > AUTO_ROLLBACK_LIMITS.maxAlarms) {
            problems.add(
                "autoRollback.alarms",
                `must name at most ${AUTO_ROLLBACK_LIMITS.maxAlarms} alarms in all, one per variant per key (got ${count})`,
            );
        }
    }
    const mode = args.trafficShifting ?? "CANARY";
    problems.check(
        "autoRollback.trafficShifting",
        args.trafficShifting === undefined ? undefined : rules.oneOf(args.trafficShifting, TRAFFIC_SHIFTING_MODES),
    );
    if (args.stepPercent !== undefined) {
        if (mode === "ALL_AT_ONCE") {
            problems.add(
                "autoRollback.stepPercent",
                "must be left out with trafficShifting ALL_AT_ONCE, which moves all traffic in one step",
            );
        } else if (mode === "CANARY" || mode === "LINEAR") {
            const { min, max } = AUTO_ROLLBACK_LIMITS.stepPercent[mode];
            problems.check("autoRollback.stepPercent", rules.integerInRange(args.stepPercent, min, max));
        }
    }
    for (const key of ["waitIntervalSeconds", "terminationWaitSeconds"] as const) {
        if (args[key] !== undefined) {
            problems.check(
                `autoRollback.${key}`,
                rules.integerInRange(args[key], AUTO_ROLLBACK_LIMITS[key].min, AUTO_ROLLBACK_LIMITS[key].max),
            );
        }
    }
}
