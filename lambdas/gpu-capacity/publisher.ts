/**
 * One scheduled run: evaluate every GPU endpoint of the configuration over the same window, publish
 * its capacity, cost and idle GPUs, and publish the run's error count. Bounded: the run stops
 * waiting at its deadline (the Lambda's remaining time less a margin); an endpoint that fails is
 * logged and counted and the others still publish. Idempotent per minute: the window and every
 * timestamp derive from the minute the run belongs to, so a retry writes the same datapoints.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { GpuCapacityConfig } from "../../domain/gpuCapacityContract";
import { MONITORING_DIMENSIONS, MONITORING_NAMESPACE, PUBLISHER_METRICS } from "../../domain/monitoringMetrics";
import { capacityDatums, computeCapacity, evaluationWindow, MetricDatum } from "./capacityModel";
import { putDatums, queryTarget } from "./cloudWatchCalls";

export interface PublisherLog {
    info(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
}

export interface PublisherDependencies {
    cloudWatch: CloudWatchClient;
    config: GpuCapacityConfig;
    now: () => Date;
    log: PublisherLog;
}

/** Time kept back from the Lambda's deadline to publish the error count. */
const DEADLINE_MARGIN_MS = 3000;

export interface RunSummary {
    endpoints: number;
    datums: number;
    errors: number;
}

function describe(error: unknown): string {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function publishCapacity(deps: PublisherDependencies, remainingMs: number): Promise<RunSummary> {
    const { cloudWatch, config, log } = deps;
    const now = deps.now();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error("deadline reached")), Math.max(0, remainingMs - DEADLINE_MARGIN_MS));
    let errors = 0;
    let published = 0;
    try {
        for (const target of config.targets) {
            try {
                const window = evaluationWindow(now, target.periodSeconds);
                const { plan, values, dimensionNames } = await queryTarget(cloudWatch, target, window, deadline.signal);
                const intervals = computeCapacity(target, plan, values, window.timestamps);
                const datums = capacityDatums(target, intervals);
                const failed = await putDatums(cloudWatch, MONITORING_NAMESPACE, datums, deadline.signal, (error, batch) =>
                    log.error("PutMetricData failed", { endpointName: target.endpointName, batch, error: describe(error) }),
                );
                errors += failed;
                published += datums.length;
                const last = intervals[intervals.length - 1];
                log.info("published", {
                    endpointName: target.endpointName,
                    gpuDimensions: dimensionNames,
                    window: { start: window.start.toISOString(), end: window.end.toISOString() },
                    datums: datums.length,
                    last: last === undefined ? null : { instances: last.instances, gpusInUse: last.gpusInUse, freeGpus: last.freeGpus },
                });
            } catch (error) {
                errors += 1;
                log.error("endpoint evaluation failed", { endpointName: target.endpointName, error: describe(error) });
            }
        }
    } finally {
        clearTimeout(timer);
    }
    await publishErrorCount(deps, now, errors);
    return { endpoints: config.targets.length, datums: published, errors };
}

/** PublisherErrors at the run's minute, 0 included (the alarm needs data); its own failure is logged. */
async function publishErrorCount(deps: PublisherDependencies, now: Date, errors: number): Promise<void> {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    const datum: MetricDatum = {
        MetricName: PUBLISHER_METRICS.errors,
        Dimensions: [{ Name: MONITORING_DIMENSIONS.publisher, Value: deps.config.publisher }],
        Timestamp: new Date(minute),
        Value: errors,
        Unit: "Count",
        StorageResolution: 60,
    };
    const failed = await putDatums(deps.cloudWatch, MONITORING_NAMESPACE, [datum], AbortSignal.timeout(DEADLINE_MARGIN_MS), (error) =>
        deps.log.error("publishing the error count failed", { error: describe(error) }),
    );
    if (failed > 0 || errors > 0) {
        deps.log.error("run finished with errors", { errors: errors + failed });
    }
}
