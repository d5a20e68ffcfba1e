/**
 * The CloudWatch calls of the GPU-capacity evaluation, shared by the publisher Lambda and
 * `npm run report`: discover each component's GPU series, fetch their datapoints (paged and
 * batched), and publish datums in batches. Every call takes an AbortSignal: the caller bounds time.
 */
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GpuCapacityTarget } from "../../domain/gpuCapacityContract";
import {
    buildQueryPlan,
    CLOUDWATCH_BATCH_LIMITS,
    Dimension,
    gpuSeries,
    inBatches,
    ListedMetric,
    MetricDataQuery,
    MetricDatum,
    QueryPlan,
    listGpuSeriesRequest,
} from "./capacityModel";

/** The SDK aborts its HTTP request on the signal; this also settles the call then, whatever the transport does. */
function bounded<T>(call: Promise<T>, abortSignal: AbortSignal): Promise<T> {
    if (abortSignal.aborted) {
        return Promise.reject(abortSignal.reason);
    }
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(abortSignal.reason);
        abortSignal.addEventListener("abort", onAbort, { once: true });
        call.then(resolve, reject).finally(() => abortSignal.removeEventListener("abort", onAbort));
    });
}

/** Each component's per-GPU series, and the GPU dimension's name as discovered (undefined when none is published yet). */
async function discoverGpuSeries(
    client: CloudWatchClient,
    target: GpuCapacityTarget,
    abortSignal: AbortSignal,
): Promise<{ dimensionNames: (string | undefined)[]; series: Dimension[][][] }> {
    const found = await Promise.all(
        target.components.map(async (component) => {
            const metrics: ListedMetric[] = [];
            let NextToken: string | undefined;
            do {
                const page = await client.send(new ListMetricsCommand({ ...listGpuSeriesRequest(component.name), NextToken }), {
                    abortSignal,
                });
                metrics.push(...(page.Metrics ?? []));
                NextToken = page.NextToken;
            } while (NextToken !== undefined);
            return gpuSeries(metrics);
        }),
    );
    return { dimensionNames: found.map((f) => f.dimensionName), series: found.map((f) => f.series) };
}

/** Datapoints of every query between start and end, by query id then timestamp (ms). */
async function fetchSeries(
    client: CloudWatchClient,
    queries: readonly MetricDataQuery[],
    window: { start: Date; end: Date },
    abortSignal: AbortSignal,
): Promise<Map<string, Map<number, number>>> {
    const values = new Map<string, Map<number, number>>();
    for (const batch of inBatches(queries, CLOUDWATCH_BATCH_LIMITS.getMetricData)) {
        let NextToken: string | undefined;
        do {
            const page = await bounded(
                client.send(
                    new GetMetricDataCommand({
                        MetricDataQueries: batch,
                        StartTime: window.start,
                        EndTime: window.end,
                        ScanBy: "TimestampAscending",
                        NextToken,
                    }),
                    { abortSignal },
                ),
                abortSignal,
            );
            for (const result of page.MetricDataResults ?? []) {
                const byTime = values.get(result.Id ?? "") ?? new Map<number, number>();
                (result.Timestamps ?? []).forEach((t, i) => byTime.set(new Date(t).getTime(), result.Values?.[i] ?? 0));
                values.set(result.Id ?? "", byTime);
            }
            NextToken = page.NextToken;
        } while (NextToken !== undefined);
    }
    return values;
}

/** Discovery then data: what both the publisher and the report evaluate. */
export async function queryTarget(
    client: CloudWatchClient,
    target: GpuCapacityTarget,
    window: { start: Date; end: Date },
    abortSignal: AbortSignal,
): Promise<{ plan: QueryPlan; values: Map<string, Map<number, number>>; dimensionNames: (string | undefined)[] }> {
    const discovered = await discoverGpuSeries(client, target, abortSignal);
    const plan = buildQueryPlan(target, discovered.series);
    const values = await fetchSeries(client, plan.queries, window, abortSignal);
    return { plan, values, dimensionNames: discovered.dimensionNames };
}

/** PutMetricData in batches of at most 1000 datums; returns how many requests failed (each is counted, none stops the others). */
export async function putDatums(
    client: CloudWatchClient,
    namespace: string,
    datums: readonly MetricDatum[],
    abortSignal: AbortSignal,
    onError: (error: unknown, batch: number) => void,
): Promise<number> {
    let failed = 0;
    for (const [index, batch] of inBatches(datums, CLOUDWATCH_BATCH_LIMITS.putMetricData).entries()) {
        try {
            await bounded(client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch }), { abortSignal }), abortSignal);
        } catch (error) {
            failed += 1;
            onError(error, index);
        }
    }
    return failed;
}
