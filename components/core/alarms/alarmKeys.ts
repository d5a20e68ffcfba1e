import { Problem } from "../validation/problems";

export type EndpointKind = "realtime" | "async" | "inference-components";

/** The real-time catalog's keys (realtimeAlarms.ts). */
const REALTIME_ALARM_KEYS: Readonly<Record<string, string>> = {
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
};

/**
 * Every built-in alarm key of each endpoint kind and the metric it watches. Written out here so
 * that a key of the other kind gets a message naming the metric this kind never publishes
 * (test/components/alarms/alarmKeys.spec.ts checks it against both catalogs).
 */
export const ENDPOINT_ALARM_KEYS: Record<EndpointKind, Readonly<Record<string, string>>> = {
    realtime: REALTIME_ALARM_KEYS,
    // The real-time alarms but InvocationsPerInstance: invocation metrics per component, utilization per variant (componentAlarms.ts).
    "inference-components": Object.fromEntries(
        Object.entries(REALTIME_ALARM_KEYS).filter(([key]) => key !== "maxInvocationsPerInstancePerMinute"),
    ),
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

const KIND_LABEL: Record<EndpointKind, string> = {
    realtime: "real-time",
    async: "asynchronous",
    "inference-components": "inference-component",
};

/** Keys of another kind refused on `kind` for another reason than an unpublished metric. */
const REFUSED_BECAUSE: Partial<Record<EndpointKind, Readonly<Record<string, string>>>> = {
    "inference-components": {
        maxInvocationsPerInstancePerMinute:
            "is not an alarm of inference-component endpoints: InvocationsPerInstance counts the variant's requests per instance whatever model they go to; " +
            "a component's load is InvocationsPerCopy, which its copy autoscaling (inferenceComponents[].autoscaling.targetInvocationsPerCopy) holds",
    },
};

/**
 * A built-in alarm key of another kind, set on an endpoint of `kind`: its metric is never
 * published by this kind (OverheadLatency on async, the queue on real-time), so the alarm would never fire.
 */
export function foreignAlarmKeyProblems(alarms: Record<string, unknown>, kind: EndpointKind): Problem[] {
    const ownKeys = Object.keys(ENDPOINT_ALARM_KEYS[kind]);
    const others = (Object.keys(ENDPOINT_ALARM_KEYS) as EndpointKind[]).filter((k) => k !== kind);
    return Object.keys(alarms)
        .filter((key) => alarms[key] !== undefined && !ownKeys.includes(key))
        .flatMap((key) => {
            const other = others.find((k) => key in ENDPOINT_ALARM_KEYS[k]);
            if (other === undefined) {
                return [];
            }
            const why =
                REFUSED_BECAUSE[kind]?.[key] ??
                `is an alarm of ${KIND_LABEL[other]} endpoints on ${ENDPOINT_ALARM_KEYS[other][key]}, which ${KIND_LABEL[kind]} endpoints never publish, so it would never fire`;
            return [{ propertyPath: `alarms.${key}`, reason: `${why}; alarms of ${KIND_LABEL[kind]} endpoints: ${ownKeys.join(", ")}` }];
        });
}
