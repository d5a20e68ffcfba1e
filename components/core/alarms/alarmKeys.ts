import { Problem } from "../validation/problems";

export type EndpointKind = "realtime" | "async";

/**
 * Every built-in alarm key of each endpoint kind and the metric it watches. Written out here so
 * that a key of the other kind gets a message naming the metric this kind never publishes
 * (test/components/alarms/alarmKeys.spec.ts checks it against both catalogs).
 */
export const ENDPOINT_ALARM_KEYS: Record<EndpointKind, Readonly<Record<string, string>>> = {
    realtime: {
        maxInvocation5XXErrorsPerMinute: "Invocation5XXErrors",
        maxInvocation4XXErrorRatePercent: "Invocation4XXErrors",
        maxModelLatencyP99Microseconds: "ModelLatency",
        maxOverheadLatencyP99Microseconds: "OverheadLatency",
        maxCpuUtilizationPercent: "CPUUtilization",
        maxMemoryUtilizationPercent: "MemoryUtilization",
        maxDiskUtilizationPercent: "DiskUtilization",
        maxGpuUtilizationPercent: "GPUUtilization",
        maxGpuMemoryUtilizationPercent: "GPUMemoryUtilization",
        maxInvocationsPerInstancePerMinute: "InvocationsPerInstance",
    },
    async: {
        maxBacklogSize: "ApproximateBacklogSize",
        maxOldestRequestAgeSeconds: "ApproximateAgeOfOldestRequest",
        maxBacklogWithoutCapacitySeconds: "HasBacklogWithoutCapacity",
        maxInvocationFailures: "InvocationFailures",
        maxExpiredRequests: "ExpiredRequests",
        maxRequestDownloadFailures: "RequestDownloadFailures",
        maxResponseUploadFailures: "ResponseUploadFailures",
        maxNotificationFailures: "NotificationFailures",
    },
};

const KIND_LABEL: Record<EndpointKind, string> = { realtime: "real-time", async: "asynchronous" };

/**
 * A built-in alarm key of the other kind, set on an endpoint of `kind`: its metric is never
 * published by this kind (OverheadLatency on async, the queue on real-time), so the alarm would never fire.
 */
export function foreignAlarmKeyProblems(alarms: Record<string, unknown>, kind: EndpointKind): Problem[] {
    const other: EndpointKind = kind === "async" ? "realtime" : "async";
    const ownKeys = Object.keys(ENDPOINT_ALARM_KEYS[kind]);
    return Object.keys(alarms)
        .filter((key) => alarms[key] !== undefined && key in ENDPOINT_ALARM_KEYS[other] && !ownKeys.includes(key))
        .map((key) => ({
            propertyPath: `alarms.${key}`,
            reason:
                `is an alarm of ${KIND_LABEL[other]} endpoints on ${ENDPOINT_ALARM_KEYS[other][key]}, which ${KIND_LABEL[kind]} endpoints never publish, so it would never fire; ` +
                `alarms of ${KIND_LABEL[kind]} endpoints: ${ownKeys.join(", ")}`,
        }));
}
