/**
 * The contract between the GpuCapacityPublisher component and its Lambda (lambdas/gpu-capacity):
 * environment variable names and the shape of the endpoints it evaluates, validated at cold start.
 */
import { METRIC_PUBLISH_FREQUENCIES } from "./sageMakerMetrics";
import { isObject } from "./values";

export const GPU_CAPACITY_ENVIRONMENT = {
    /** JSON list of {@link GpuCapacityTarget}. */
    targets: "GPU_CAPACITY_TARGETS",
    /** The value of the Publisher dimension of the publisher's own metrics: its function name. */
    publisher: "GPU_CAPACITY_PUBLISHER",
} as const;

/** One GPU endpoint the publisher evaluates. */
export interface GpuCapacityTarget {
    endpointName: string;
    /** The endpoint's single variant (instance metrics are per variant). */
    variantName: string;
    instanceType: string;
    gpusPerInstance: number;
    /** On-demand USD per instance-hour in the endpoint's region (from the GPU catalogue). */
    hourlyUsd: number;
    /** The endpoint's MetricPublishFrequencyInSeconds: the period every query and datapoint uses. */
    periodSeconds: number;
    /** The physical InferenceComponentNames, with their labels. */
    components: { name: string; label: string }[];
}

export interface GpuCapacityConfig {
    targets: GpuCapacityTarget[];
    publisher: string;
}

const positive = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v > 0;
const text = (v: unknown) => typeof v === "string" && v.length > 0;

/** Problems of one target, at paths like `[0].gpusPerInstance`. */
function targetProblems(target: unknown, at: string): string[] {
    if (!isObject(target)) {
        return [`${at} must be an object`];
    }
    const problems: string[] = [];
    for (const key of ["endpointName", "variantName", "instanceType"] as const) {
        if (!text(target[key])) problems.push(`${at}.${key} must be a non-empty string`);
    }
    if (!Number.isInteger(target.gpusPerInstance) || !positive(target.gpusPerInstance))
        problems.push(`${at}.gpusPerInstance must be an integer >= 1`);
    if (!positive(target.hourlyUsd)) problems.push(`${at}.hourlyUsd must be a number > 0`);
    if (!(METRIC_PUBLISH_FREQUENCIES as readonly unknown[]).includes(target.periodSeconds)) {
        problems.push(`${at}.periodSeconds must be one of ${METRIC_PUBLISH_FREQUENCIES.join(", ")}`);
    }
    if (!Array.isArray(target.components) || !target.components.every((c: unknown) => isObject(c) && text(c.name) && text(c.label))) {
        problems.push(`${at}.components must be a list of { name, label }`);
    }
    return problems;
}

/** The publisher's configuration from its environment; throws one error naming every bad variable. */
export function loadGpuCapacityConfig(env: Record<string, string | undefined>): GpuCapacityConfig {
    const { targets: targetsVar, publisher: publisherVar } = GPU_CAPACITY_ENVIRONMENT;
    const problems: string[] = [];
    let targets: unknown;
    try {
        targets = JSON.parse(env[targetsVar] ?? "");
    } catch {
        problems.push(`${targetsVar} must be a JSON list of endpoints`);
    }
    if (problems.length === 0 && !Array.isArray(targets)) {
        problems.push(`${targetsVar} must be a JSON list of endpoints`);
    }
    if (Array.isArray(targets)) {
        problems.push(...targets.flatMap((t, i) => targetProblems(t, `${targetsVar}[${i}]`)));
    }
    if (!text(env[publisherVar])) {
        problems.push(`${publisherVar} must be the publisher's function name`);
    }
    if (problems.length > 0) {
        throw new Error(`invalid GPU-capacity publisher environment: ${problems.join("; ")}`);
    }
    return { targets: targets as GpuCapacityTarget[], publisher: env[publisherVar] as string };
}
