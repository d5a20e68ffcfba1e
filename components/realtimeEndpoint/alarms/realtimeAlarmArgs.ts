import { ExtraAlarmActions } from "../../core/alarms/alarmActions";
import { LevelThresholds } from "../../core/alarms/thresholdAlarms";

/**
 * A threshold (critical), `false` to remove the alarm, or `{ critical, warning, periodSeconds }`.
 * `periodSeconds` may be 10 or 30 only where the endpoint publishes the metric that often.
 */
type RealtimeThreshold = number | false | (LevelThresholds & { periodSeconds?: number });

/**
 * Alarm thresholds of a real-time endpoint, per variant (EndpointName + VariantName), each with
 * its unit in the name. Every alarm but `maxInvocationsPerInstancePerMinute` is on at its default.
 */
export interface RealtimeAlarmArgs {
    /** Requests answered with a 5xx (Invocation5XXErrors, Sum) per minute. @default 0 */
    maxInvocation5XXErrorsPerMinute?: RealtimeThreshold;
    /** Share of requests answered with a 4xx (Invocation4XXErrors / Invocations), in percent, 3 of 5 periods. @default 5 */
    maxInvocation4XXErrorRatePercent?: RealtimeThreshold;
    /** p99 of ModelLatency (microseconds: 1000000 is one second), 3 of 5 periods. @default 1000000 */
    maxModelLatencyP99Microseconds?: RealtimeThreshold;
    /** p99 of OverheadLatency (microseconds), 3 of 5 periods. @default 100000 */
    maxOverheadLatencyP99Microseconds?: RealtimeThreshold;
    /** CPUUtilization of the busiest instance as a percent of all its vCPUs, for 5 periods. @default 90 */
    maxCpuUtilizationPercent?: RealtimeThreshold;
    /** MemoryUtilization of the busiest instance, for 5 periods. @default 90 */
    maxMemoryUtilizationPercent?: RealtimeThreshold;
    /**
     * DiskUtilization of the fullest instance, for 5 periods. Below 75 %: Data Capture stops
     * capturing when the disk is nearly full, and AWS advises keeping it under 75 %. @default 70
     */
    maxDiskUtilizationPercent?: RealtimeThreshold;
    /** GPUUtilization of the busiest instance as a percent of all its GPUs, for 5 periods; GPU variants only. @default 90 */
    maxGpuUtilizationPercent?: RealtimeThreshold;
    /** GPUMemoryUtilization of the fullest instance as a percent of all its GPUs' memory, for 5 periods; GPU variants only. @default 90 */
    maxGpuMemoryUtilizationPercent?: RealtimeThreshold;
    /** Requests per instance per minute (InvocationsPerInstance, Sum), 3 of 5 periods: the load test's ceiling. @default false (off: no ceiling is known) */
    maxInvocationsPerInstancePerMinute?: RealtimeThreshold;
    /** SNS topics notified besides the stack topic, per level. @default none */
    actions?: ExtraAlarmActions;
}

export type RealtimeAlarmKey = Exclude<keyof RealtimeAlarmArgs, "actions">;

export const REALTIME_ALARM_DEFAULTS: Record<RealtimeAlarmKey, number | false> = {
    maxInvocation5XXErrorsPerMinute: 0,
    maxInvocation4XXErrorRatePercent: 5,
    maxModelLatencyP99Microseconds: 1_000_000,
    maxOverheadLatencyP99Microseconds: 100_000,
    maxCpuUtilizationPercent: 90,
    maxMemoryUtilizationPercent: 90,
    maxDiskUtilizationPercent: 70,
    maxGpuUtilizationPercent: 90,
    maxGpuMemoryUtilizationPercent: 90,
    maxInvocationsPerInstancePerMinute: false,
};
