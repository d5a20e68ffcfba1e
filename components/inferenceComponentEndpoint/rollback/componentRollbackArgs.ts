/**
 * Deployment guardrails of an inference-component endpoint. SageMaker updates an inference
 * component by a rolling update of its own copies (the component's DeploymentConfig), not the
 * endpoint's blue/green fleet, so each component gets its own policy and its own rollback alarms.
 */

/** How a batch is counted: copies of the component, or a percent of its copies. */
export const CAPACITY_SIZE_TYPES = ["COPY_COUNT", "CAPACITY_PERCENT"] as const;
type CapacitySizeType = (typeof CAPACITY_SIZE_TYPES)[number];

/** InferenceComponentCapacitySize: a number of copies, or a percent of the component's copies. */
export interface CapacitySize {
    type: CapacitySizeType;
    value: number;
}

export interface ComponentAutoRollbackArgs {
    /**
     * Keys of this endpoint's alarms. Each component rolls back on the critical alarms of the keys
     * on itself (5xx, 4xx rate, latency) and on the shared instances (CPU, memory, disk, GPU).
     */
    alarms: string[];
    /** Copies replaced per rolling step. @default { type: "COPY_COUNT", value: 1 } */
    maximumBatchSize?: CapacitySize;
    /** Copies restored per step of a rollback. @default SageMaker's: all copies at once (blue/green) */
    rollbackMaximumBatchSize?: CapacitySize;
    /** Seconds the alarms watch each new batch before the next one. @default 600 */
    waitIntervalSeconds?: number;
    /** Seconds the whole update may take before it times out and rolls back. @default SageMaker's */
    maximumExecutionTimeoutSeconds?: number;
}

/** SageMaker's limits (API_InferenceComponentRollingUpdatePolicy, API_AutoRollbackConfig). */
export const COMPONENT_ROLLBACK_LIMITS = {
    /** Alarms per component's AutoRollbackConfiguration. */
    maxAlarms: 10,
    /** "The value must be between 5% to 50% of the copy count of the inference component." */
    maximumBatchPercent: { min: 5, max: 50 },
    rollbackBatchPercent: { min: 1, max: 100 },
    waitIntervalSeconds: { min: 0, max: 3600 },
    maximumExecutionTimeoutSeconds: { min: 600, max: 28800 },
} as const;

export const COMPONENT_ROLLBACK_DEFAULTS = {
    // One copy at a time: valid for any copy count, and the smallest blast radius.
    maximumBatchSize: { type: "COPY_COUNT", value: 1 } as CapacitySize,
    // As long as the real-time default: long enough for the 5-minute alarms to evaluate.
    waitIntervalSeconds: 600,
} as const;
