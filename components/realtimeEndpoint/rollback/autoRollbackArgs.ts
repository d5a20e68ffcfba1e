/** How traffic moves to the new fleet during a blue/green update. */
export const TRAFFIC_SHIFTING_MODES = ["ALL_AT_ONCE", "CANARY", "LINEAR"] as const;
export type TrafficShifting = (typeof TRAFFIC_SHIFTING_MODES)[number];

/**
 * Deployment guardrails of a real-time endpoint: updates shift traffic blue/green, and any of the
 * chosen alarms firing while traffic moves or bakes rolls all traffic back to the old fleet.
 */
export interface AutoRollbackArgs {
    /** Keys of this endpoint's alarms (`maxInvocation5XXErrorsPerMinute`); their critical alarms on every variant roll back. */
    alarms: string[];
    /** @default "CANARY" */
    trafficShifting?: TrafficShifting;
    /** Percent of the new fleet's capacity that takes traffic first (CANARY, 1-50) or per step (LINEAR, 10-50). @default 10 (CANARY), 20 (LINEAR) */
    stepPercent?: number;
    /** Seconds the alarms watch after each shift before the next one. @default 600 */
    waitIntervalSeconds?: number;
    /** Seconds the old fleet is kept after all traffic moved. @default 0 */
    terminationWaitSeconds?: number;
}

/** SageMaker's limits (API_AutoRollbackConfig, API_TrafficRoutingConfig, API_BlueGreenUpdatePolicy, the deployment guardrails guide). */
export const AUTO_ROLLBACK_LIMITS = {
    maxAlarms: 10,
    stepPercent: { CANARY: { min: 1, max: 50 }, LINEAR: { min: 10, max: 50 } },
    waitIntervalSeconds: { min: 0, max: 3600 },
    terminationWaitSeconds: { min: 0, max: 3600 },
} as const;

export const AUTO_ROLLBACK_DEFAULTS = {
    trafficShifting: "CANARY" as TrafficShifting,
    stepPercent: { CANARY: 10, LINEAR: 20 },
    waitIntervalSeconds: 600,
    terminationWaitSeconds: 0,
} as const;
