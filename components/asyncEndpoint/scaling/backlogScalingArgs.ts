/** How an asynchronous endpoint's variants scale on their request queue. */
export interface BacklogScalingArgs {
    /** Register the variants with Application Auto Scaling. @default true */
    enabled?: boolean;
    /** Fewest instances per variant. 0 lets an idle endpoint cost nothing; the first request then waits for an instance. @default 1 */
    minCapacity?: number;
    /** Most instances per variant, at least 1 and at least every variant's instance count. @default 4 */
    maxCapacity?: number;
    /**
     * The metric target tracking follows. Only ApproximateBacklogSizePerInstance is right for an
     * async endpoint; the field exists so that a real-time habit (InvocationsPerInstance) is
     * refused with a reason instead of silently never scaling.
     * @default "ApproximateBacklogSizePerInstance"
     */
    metricName?: string;
    /** Queued requests per instance that target tracking holds the endpoint at. @default 5 */
    targetBacklogPerInstance?: number;
    /** Seconds after a scale-in before another scale-in. @default 600 */
    scaleInCooldownSeconds?: number;
    /** Seconds after a scale-out before another; also the scale-from-zero step policy's cooldown. @default 300 */
    scaleOutCooldownSeconds?: number;
}

export const BACKLOG_SCALING_METRIC = "ApproximateBacklogSizePerInstance";

export const BACKLOG_SCALING_DEFAULTS = {
    enabled: true,
    minCapacity: 1,
    maxCapacity: 4,
    metricName: BACKLOG_SCALING_METRIC,
    targetBacklogPerInstance: 5,
    scaleInCooldownSeconds: 600,
    scaleOutCooldownSeconds: 300,
} as const;

/** Cooldowns are bounded to a day: longer ones only hide scaling problems. */
export const MAX_COOLDOWN_SECONDS = 86400;

export interface ResolvedBacklogScaling {
    enabled: boolean;
    minCapacity: number;
    maxCapacity: number;
    targetBacklogPerInstance: number;
    scaleInCooldownSeconds: number;
    scaleOutCooldownSeconds: number;
}

/** Defaults applied; only built from arguments that passed validation. */
export function resolveBacklogScaling(args: BacklogScalingArgs = {}): ResolvedBacklogScaling {
    const d = BACKLOG_SCALING_DEFAULTS;
    return {
        enabled: args.enabled ?? d.enabled,
        minCapacity: args.minCapacity ?? d.minCapacity,
        maxCapacity: args.maxCapacity ?? d.maxCapacity,
        targetBacklogPerInstance: args.targetBacklogPerInstance ?? d.targetBacklogPerInstance,
        scaleInCooldownSeconds: args.scaleInCooldownSeconds ?? d.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: args.scaleOutCooldownSeconds ?? d.scaleOutCooldownSeconds,
    };
}
