/**
 * The GPU-capacity arithmetic and the CloudWatch requests it needs, as pure functions: the
 * publisher Lambda and `npm run report` import this one module, so they can never compute
 * differently. Types are the SDK's request shapes, written out (no SDK import: this is pure).
 */
import { GpuCapacityTarget } from "../../domain/gpuCapacityContract";
import {
    COMPONENT_GPU_METRICS,
    ENDPOINT_GPU_METRICS,
    IDLE_GPU_UTILIZATION_PERCENT,
    MONITORING_DIMENSIONS,
} from "../../domain/monitoringMetrics";
import { GPU_CAPACITY_SOURCE_METRICS, GPU_DIMENSION_CANDIDATES } from "../../domain/sageMakerMetrics";

export interface Dimension {
    Name: string;
    Value: string;
}

/** What ListMetrics returns of a metric. */
export interface ListedMetric {
    Namespace?: string;
    MetricName?: string;
    Dimensions?: { Name?: string; Value?: string }[];
}

/** A GetMetricData query (MetricStat form only: no expression, so never SEARCH). */
export interface MetricDataQuery {
    Id: string;
    MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions: Dimension[] }; Period: number; Stat: string };
    ReturnData: true;
}

/** One PutMetricData datum. */
export interface MetricDatum {
    MetricName: string;
    Dimensions: Dimension[];
    Timestamp: Date;
    Value: number;
    Unit: "Count" | "None";
    StorageResolution: 1 | 60;
}

/** The ListMetrics request that finds one component's per-GPU series (active in the last 3 hours). */
export function listGpuSeriesRequest(componentName: string) {
    const { namespace, metricName, componentDimension } = GPU_CAPACITY_SOURCE_METRICS.gpus;
    return {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: [{ Name: componentDimension, Value: componentName }],
        RecentlyActive: "PT3H" as const,
    };
}

/**
 * The per-GPU series among listed metrics, and the GPU dimension's name as published: the first of
 * GPU_DIMENSION_CANDIDATES that any series carries. Series without it (aggregates over GPUs) are
 * left out, or every GPU would count twice.
 */
export function gpuSeries(metrics: readonly ListedMetric[]): { dimensionName?: string; series: Dimension[][] } {
    const dimensionsOf = (m: ListedMetric): Dimension[] =>
        (m.Dimensions ?? []).filter((d): d is Dimension => typeof d.Name === "string" && typeof d.Value === "string");
    const dimensionName = GPU_DIMENSION_CANDIDATES.find((name) => metrics.some((m) => dimensionsOf(m).some((d) => d.Name === name)));
    if (dimensionName === undefined) {
        return { series: [] };
    }
    const series = metrics
        .map(dimensionsOf)
        .filter((dims) => dims.some((d) => d.Name === dimensionName))
        .map((dims) => [...dims].sort((a, b) => a.Name.localeCompare(b.Name) || a.Value.localeCompare(b.Value)));
    const unique = new Map(series.map((dims) => [JSON.stringify(dims), dims]));
    return { dimensionName, series: [...unique.keys()].sort().map((key) => unique.get(key)!) };
}

/** Query ids, so results map back: `i` instances; per component c and series s, `c<c>n<s>` sample count and `c<c>x<s>` maximum. */
export interface QueryPlan {
    queries: MetricDataQuery[];
    instancesId: string;
    components: { name: string; label: string; countIds: string[]; peakIds: string[] }[];
}

/** Every query of one target: SampleCount of the instance series, SampleCount and Maximum of each GPU series, at the target's period. */
export function buildQueryPlan(target: GpuCapacityTarget, seriesByComponent: readonly Dimension[][][]): QueryPlan {
    const period = target.periodSeconds;
    const query = (
        Id: string,
        metric: { namespace: string; metricName: string },
        Dimensions: Dimension[],
        Stat: string,
    ): MetricDataQuery => ({
        Id,
        MetricStat: { Metric: { Namespace: metric.namespace, MetricName: metric.metricName, Dimensions }, Period: period, Stat },
        ReturnData: true,
    });
    const instancesId = "i";
    const queries = [
        query(
            instancesId,
            GPU_CAPACITY_SOURCE_METRICS.instances,
            [
                { Name: "EndpointName", Value: target.endpointName },
                { Name: "VariantName", Value: target.variantName },
            ],
            "SampleCount",
        ),
    ];
    const components = target.components.map((component, c) => {
        const series = seriesByComponent[c] ?? [];
        const countIds = series.map((_, s) => `c${c}n${s}`);
        const peakIds = series.map((_, s) => `c${c}x${s}`);
        series.forEach((dims, s) => {
            queries.push(query(countIds[s], GPU_CAPACITY_SOURCE_METRICS.gpus, dims, "SampleCount"));
            queries.push(query(peakIds[s], GPU_CAPACITY_SOURCE_METRICS.gpus, dims, "Maximum"));
        });
        return { name: component.name, label: component.label, countIds, peakIds };
    });
    return { queries, instancesId, components };
}

/** Minutes the publisher stays behind the clock: SageMaker's metrics arrive late. */
const EVALUATION_LAG_SECONDS = 120;

/**
 * The window a run evaluates: the last whole window (60 s, or the period when longer) that ended at
 * least EVALUATION_LAG_SECONDS ago, so a retry within the same minute evaluates, and writes, the
 * same timestamps. `timestamps`: the start of each period in it, in ms.
 */
export function evaluationWindow(now: Date, periodSeconds: number): { start: Date; end: Date; timestamps: number[] } {
    const windowMs = Math.max(60, periodSeconds) * 1000;
    const end = Math.floor((now.getTime() - EVALUATION_LAG_SECONDS * 1000) / windowMs) * windowMs;
    return windowBetween(end - windowMs, end, periodSeconds);
}

/** Every period start in [start, end), both aligned to the period. */
export function windowBetween(startMs: number, endMs: number, periodSeconds: number): { start: Date; end: Date; timestamps: number[] } {
    const periodMs = periodSeconds * 1000;
    const start = Math.ceil(startMs / periodMs) * periodMs;
    const end = Math.floor(endMs / periodMs) * periodMs;
    const timestamps: number[] = [];
    for (let t = start; t < end; t += periodMs) {
        timestamps.push(t);
    }
    return { start: new Date(start), end: new Date(end), timestamps };
}

/** USD of one interval: GPUs x hourly price / GPUs per instance / (3600 / period). */
export function costPerInterval(gpus: number, hourlyUsd: number, gpusPerInstance: number, periodSeconds: number): number {
    return (gpus * hourlyUsd) / gpusPerInstance / (3600 / periodSeconds);
}

interface ComponentInterval {
    name: string;
    label: string;
    gpusInUse: number;
    idleGpus: number;
    costUsd: number;
}

export interface CapacityInterval {
    timestamp: number;
    instances: number;
    gpuCapacity: number;
    gpusInUse: number;
    freeGpus: number;
    idleGpus: number;
    components: ComponentInterval[];
}

/** Values by query id, then by timestamp in ms (GetMetricData's results, indexed). */
export type SeriesValues = ReadonlyMap<string, ReadonlyMap<number, number>>;

/**
 * The capacity of each interval: instances = SampleCount of the CPU series; a component's GPUs in
 * use = the sum of its GPU series' SampleCounts (one sample per GPU per period); idle = its GPUs
 * whose Maximum utilization stayed below IDLE_GPU_UTILIZATION_PERCENT; free = instances x GPUs per
 * instance - GPUs in use (never below 0); cost per component from costPerInterval.
 */
export function computeCapacity(
    target: GpuCapacityTarget,
    plan: QueryPlan,
    values: SeriesValues,
    timestamps: readonly number[],
): CapacityInterval[] {
    const at = (id: string, t: number) => values.get(id)?.get(t) ?? 0;
    return timestamps.map((t) => {
        const components = plan.components.map((c): ComponentInterval => {
            const counts = c.countIds.map((id) => at(id, t));
            const gpusInUse = counts.reduce((sum, n) => sum + n, 0);
            const idleGpus = c.peakIds.filter((id, s) => counts[s] > 0 && at(id, t) < IDLE_GPU_UTILIZATION_PERCENT).length;
            return {
                name: c.name,
                label: c.label,
                gpusInUse,
                idleGpus,
                costUsd: costPerInterval(gpusInUse, target.hourlyUsd, target.gpusPerInstance, target.periodSeconds),
            };
        });
        const instances = at(plan.instancesId, t);
        const gpuCapacity = instances * target.gpusPerInstance;
        const gpusInUse = components.reduce((sum, c) => sum + c.gpusInUse, 0);
        return {
            timestamp: t,
            instances,
            gpuCapacity,
            gpusInUse,
            freeGpus: Math.max(0, gpuCapacity - gpusInUse),
            idleGpus: components.reduce((sum, c) => sum + c.idleGpus, 0),
            components,
        };
    });
}

/** The datapoints of a target's intervals: per endpoint, then per component; high resolution below 60 s. */
export function capacityDatums(target: GpuCapacityTarget, intervals: readonly CapacityInterval[]): MetricDatum[] {
    const StorageResolution = target.periodSeconds < 60 ? 1 : 60;
    const endpoint: Dimension = { Name: MONITORING_DIMENSIONS.endpoint, Value: target.endpointName };
    const datum = (
        MetricName: string,
        Dimensions: Dimension[],
        t: number,
        Value: number,
        Unit: MetricDatum["Unit"] = "Count",
    ): MetricDatum => ({
        MetricName,
        Dimensions,
        Timestamp: new Date(t),
        Value,
        Unit,
        StorageResolution,
    });
    const m = ENDPOINT_GPU_METRICS;
    return intervals.flatMap((i) => [
        datum(m.instances, [endpoint], i.timestamp, i.instances),
        datum(m.gpuCapacity, [endpoint], i.timestamp, i.gpuCapacity),
        datum(m.gpusInUse, [endpoint], i.timestamp, i.gpusInUse),
        datum(m.freeGpus, [endpoint], i.timestamp, i.freeGpus),
        datum(m.idleGpus, [endpoint], i.timestamp, i.idleGpus),
        ...i.components.flatMap((c) => {
            const dims = [endpoint, { Name: MONITORING_DIMENSIONS.inferenceComponent, Value: c.name }];
            return [
                datum(COMPONENT_GPU_METRICS.gpusInUse, dims, i.timestamp, c.gpusInUse),
                datum(COMPONENT_GPU_METRICS.idleGpus, dims, i.timestamp, c.idleGpus),
                datum(COMPONENT_GPU_METRICS.costUsd, dims, i.timestamp, c.costUsd, "None"),
            ];
        }),
    ]);
}

/** PutMetricData takes at most 1000 datums per request; GetMetricData at most 500 queries. */
export const CLOUDWATCH_BATCH_LIMITS = { putMetricData: 1000, getMetricData: 500 } as const;

export function inBatches<T>(items: readonly T[], size: number): T[][] {
    const batches: T[][] = [];
    for (let i = 0; i < items.length; i += size) {
        batches.push(items.slice(i, i + size));
    }
    return batches;
}
