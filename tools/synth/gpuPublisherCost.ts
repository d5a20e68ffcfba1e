/**
 * The GPU-capacity publisher's share of the monitoring cost, per GPU endpoint: the custom metrics it
 * publishes, and its CloudWatch API use every minute (GetMetricData metrics requested, ListMetrics
 * and PutMetricData requests). Read from the synthesized publisher's environment and the
 * InferenceComponents' GPU requests; GPU series are estimated as every component's GPUs at its
 * copy count (what ListMetrics will find once all copies run). Separate from monitoringCost.ts's
 * other lines so each cost area can change alone.
 */
import { GPU_CAPACITY_ENVIRONMENT, GpuCapacityTarget } from "../../domain/gpuCapacityContract";
import { COMPONENT_GPU_METRICS, ENDPOINT_GPU_METRICS } from "../../domain/monitoringMetrics";
import { SynthResource } from "./synthResource";

/** us-east-1 CloudWatch list prices (USD): per custom metric-month, per 1000 metrics requested by GetMetricData, per 1000 API requests. */
const CLOUDWATCH_API_PRICES_USD = { customMetric: 0.3, getMetricDataPerThousandMetrics: 0.01, perThousandRequests: 0.01 } as const;
/** Runs a month: one a minute for 30 days. */
const RUNS_PER_MONTH = 60 * 24 * 30;
/** PutMetricData's datums per request. */
const PUT_BATCH = 1000;

export interface GpuCostLine {
    item: string;
    count: number;
    unitUsd: number;
}

function targetsOf(resources: SynthResource[]): GpuCapacityTarget[] {
    return resources
        .filter((r) => r.type === "aws:lambda/function:Function")
        .flatMap((r) => {
            const text = r.inputs.environment?.variables?.[GPU_CAPACITY_ENVIRONMENT.targets];
            return typeof text === "string" ? (JSON.parse(text) as GpuCapacityTarget[]) : [];
        });
}

/** GPUs a component's copies hold: accelerators x copies (1 when unset). */
function componentGpus(resources: SynthResource[], name: string): number {
    const ic = resources.find((r) => r.type === "aws-native:sagemaker:InferenceComponent" && r.inputs.inferenceComponentName === name);
    const devices = ic?.inputs.specification?.computeResourceRequirements?.numberOfAcceleratorDevicesRequired ?? 1;
    return devices * (ic?.inputs.runtimeConfig?.copyCount ?? 1);
}

/** Lines per GPU endpoint, then the publisher's own error metric. */
export function gpuPublisherCostLines(resources: SynthResource[]): GpuCostLine[] {
    const targets = targetsOf(resources);
    const p = CLOUDWATCH_API_PRICES_USD;
    const lines = targets.flatMap((t) => {
        const metrics = Object.keys(ENDPOINT_GPU_METRICS).length + t.components.length * Object.keys(COMPONENT_GPU_METRICS).length;
        const gpuSeries = t.components.reduce((sum, c) => sum + componentGpus(resources, c.name), 0);
        const intervals = Math.max(60, t.periodSeconds) / t.periodSeconds;
        const putRequests = Math.ceil((intervals * metrics) / PUT_BATCH);
        const resolution = t.periodSeconds < 60 ? "high-resolution " : "";
        return [
            { item: `${t.endpointName}: ${resolution}custom metrics published`, count: metrics, unitUsd: p.customMetric },
            {
                item: `${t.endpointName}: GetMetricData metrics requested, thousands a month (${1 + 2 * gpuSeries} a minute)`,
                count: round2(((1 + 2 * gpuSeries) * RUNS_PER_MONTH) / 1000),
                unitUsd: p.getMetricDataPerThousandMetrics,
            },
            {
                item: `${t.endpointName}: ListMetrics and PutMetricData requests, thousands a month (${t.components.length + putRequests} a minute)`,
                count: round2(((t.components.length + putRequests) * RUNS_PER_MONTH) / 1000),
                unitUsd: p.perThousandRequests,
            },
        ];
    });
    if (targets.length === 0) {
        return [];
    }
    return [
        ...lines,
        { item: "GPU-capacity publisher: PublisherErrors metric", count: 1, unitUsd: p.customMetric },
        {
            item: "GPU-capacity publisher: its error PutMetricData, thousands a month",
            count: RUNS_PER_MONTH / 1000,
            unitUsd: p.perThousandRequests,
        },
    ];
}

function round2(value: number): number {
    return Math.round(value * 100) / 100;
}
