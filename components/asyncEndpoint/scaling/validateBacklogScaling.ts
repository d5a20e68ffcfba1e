import { BACKLOG_SCALING_DEFAULTS, BACKLOG_SCALING_METRIC, BacklogScalingArgs, MAX_COOLDOWN_SECONDS } from "./backlogScalingArgs";
import { asyncMetricRule } from "../asyncMetrics";
import { Problem, ProblemCollector } from "../../core/validation/problems";
import * as rules from "../../../domain/validationRules";

/** A variant's initial instance count and where it was set, e.g. `variants[0].instanceCount`. */
export interface InitialCount {
    path: string;
    count: number;
}

/**
 * Problems with `scaling`, with paths relative to the endpoint arguments (`scaling.minCapacity`).
 * `initialCounts` are the variants' instance counts, which must fit under maxCapacity.
 */
export function backlogScalingProblems(scaling: BacklogScalingArgs | undefined, initialCounts: InitialCount[]): Problem[] {
    const problems = new ProblemCollector();
    if (scaling === undefined) {
        return [];
    }
    if (scaling === null || typeof scaling !== "object" || Array.isArray(scaling)) {
        problems.add(
            "scaling",
            "must be an object with minCapacity, maxCapacity, targetBacklogPerInstance, scaleInCooldownSeconds, scaleOutCooldownSeconds",
        );
        return problems.list();
    }
    if (scaling.enabled !== undefined) {
        problems.check("scaling.enabled", rules.isBoolean(scaling.enabled));
    }
    if (scaling.metricName !== undefined) {
        problems.check("scaling.metricName", asyncMetricRule(scaling.metricName, [BACKLOG_SCALING_METRIC]));
    }
    const minReason = scaling.minCapacity === undefined ? undefined : rules.integerAtLeast(scaling.minCapacity, 0);
    const maxReason = scaling.maxCapacity === undefined ? undefined : rules.integerAtLeast(scaling.maxCapacity, 1);
    problems.check("scaling.minCapacity", minReason);
    problems.check("scaling.maxCapacity", maxReason);
    const min = minReason === undefined ? (scaling.minCapacity ?? BACKLOG_SCALING_DEFAULTS.minCapacity) : undefined;
    const max = maxReason === undefined ? (scaling.maxCapacity ?? BACKLOG_SCALING_DEFAULTS.maxCapacity) : undefined;
    if (min !== undefined && max !== undefined && min > max) {
        problems.add("scaling.minCapacity", `must be <= scaling.maxCapacity (${max}) (got ${min})`);
    }
    if (max !== undefined && scaling.enabled !== false) {
        for (const initial of initialCounts.filter((c) => c.count > max)) {
            problems.add(
                initial.path,
                `must be <= scaling.maxCapacity (${max}), or Auto Scaling removes the extra instances right after deployment (got ${initial.count})`,
            );
        }
    }
    if (scaling.targetBacklogPerInstance !== undefined) {
        problems.check("scaling.targetBacklogPerInstance", rules.numberGreaterThan(scaling.targetBacklogPerInstance, 0));
    }
    for (const key of ["scaleInCooldownSeconds", "scaleOutCooldownSeconds"] as const) {
        if (scaling[key] !== undefined) {
            problems.check(`scaling.${key}`, rules.integerInRange(scaling[key], 0, MAX_COOLDOWN_SECONDS));
        }
    }
    return problems.list();
}
