import { GpuCapacityTarget } from "../../../domain/gpuCapacityContract";

/** The dev stack's GPU endpoint as the publisher sees it: 4 GPUs per ml.g5.12xlarge at 7.09 USD/h, metrics every 10 s. */
export const TARGET: GpuCapacityTarget = {
    endpointName: "genai-dev",
    variantName: "AllTraffic",
    instanceType: "ml.g5.12xlarge",
    gpusPerInstance: 4,
    hourlyUsd: 7.09,
    periodSeconds: 10,
    components: [
        { name: "genai-dev-summarizer", label: "Summarizer" },
        { name: "genai-dev-embedder", label: "Embeddings" },
    ],
};

/** 12:05:30 evaluates 12:02:00-12:03:00 (two minutes behind, whole minute). */
export const NOW = new Date("2026-12-05T12:05:30Z");
export const WINDOW_START = new Date("2026-12-05T12:02:00Z");
export const WINDOW_END = new Date("2026-12-05T12:03:00Z");
export const TIMESTAMPS = [0, 10, 20, 30, 40, 50].map((s) => new Date(WINDOW_START.getTime() + s * 1000));

export const series = (component: string, instance: string, gpuDimension: string, gpu: string) => ({
    Namespace: "/aws/sagemaker/InferenceComponents",
    MetricName: "GPUUtilizationNormalized",
    Dimensions: [
        { Name: "InferenceComponentName", Value: component },
        { Name: "InstanceId", Value: instance },
        { Name: gpuDimension, Value: gpu },
    ],
});

/** Summarizer on GPUs 0 and 1 (GPU 1 idle at 0.5 %), embedder on GPU 2; one instance. */
export function metricDataResults(timestamps = TIMESTAMPS) {
    const constant = (Id: string, value: number) => ({ Id, Timestamps: timestamps, Values: timestamps.map(() => value) });
    return [
        constant("i", 1),
        constant("c0n0", 1),
        constant("c0x0", 55),
        constant("c0n1", 1),
        constant("c0x1", 0.5),
        constant("c1n0", 1),
        constant("c1x0", 30),
    ];
}
