import { AnyAlarmDefinition } from "../../core/alarms/alarmDefinition";
import { ProblemCollector } from "../../core/validation/problems";
import { REALTIME_ALARM_DEFAULTS } from "../alarms/realtimeAlarmArgs";
import { AUTO_ROLLBACK_LIMITS, AutoRollbackArgs, TRAFFIC_SHIFTING_MODES } from "./autoRollbackArgs";
import { rollbackAlarmNames } from "./deploymentConfig";
import * as rules from "../../../domain/validationRules";
import { isObject } from "../../../domain/values";

/** Why `key` names no critical alarm of this endpoint, or undefined when it does; `keys` are the kind's alarm keys. */
function keyRule(key: unknown, keys: string[], definitions: AnyAlarmDefinition[], settings: Record<string, unknown>): string | undefined {
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

/** How one endpoint kind counts its rollback alarms against SageMaker's limit. */
export interface RollbackAlarmCount {
    /** The kind's alarm keys (those of another kind are refused). */
    keys: string[];
    maxAlarms: number;
    /** The most alarm names one DeploymentConfig gets for these keys. */
    count: (keys: string[]) => number;
    /** What is counted, after "at most N alarms". */
    counted: string;
}

/**
 * Problems with `autoRollback.alarms`, shared by every endpoint kind: a non-empty list of unique
 * keys, each naming a critical alarm the endpoint declares, within SageMaker's alarm limit.
 */
export function rollbackAlarmKeyProblems(
    problems: ProblemCollector,
    alarms: unknown,
    definitions: AnyAlarmDefinition[],
    settings: Record<string, unknown>,
    limit: RollbackAlarmCount,
): void {
    if (!Array.isArray(alarms) || alarms.length === 0) {
        problems.add(
            "autoRollback.alarms",
            "must be a non-empty list of this endpoint's alarm keys, e.g. [maxInvocation5XXErrorsPerMinute]",
        );
        return;
    }
    alarms.forEach((key, i) => problems.check(`autoRollback.alarms[${i}]`, keyRule(key, limit.keys, definitions, settings)));
    problems.check("autoRollback.alarms", rules.uniqueValues(alarms));
    const count = limit.count(alarms.filter((key): key is string => typeof key === "string"));
    if (count > limit.maxAlarms) {
        problems.add("autoRollback.alarms", `must name at most ${limit.maxAlarms} alarms ${limit.counted} (got ${count})`);
    }
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
    rollbackAlarmKeyProblems(problems, args.alarms, definitions, settings, {
        keys: Object.keys(REALTIME_ALARM_DEFAULTS),
        maxAlarms: AUTO_ROLLBACK_LIMITS.maxAlarms,
        count: (keys) => rollbackAlarmNames(definitions, keys).length,
        counted: "in all, one per variant per key",
    });
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
