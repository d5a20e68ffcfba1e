import { gpuPublisherCostLines } from "./gpuPublisherCost";
import { SynthResource } from "./synthResource";

/**
 * CloudWatch and KMS list prices (us-east-1, USD per month) for the monitoring a stack declares.
 * An estimate: free tiers are ignored, and SageMaker's own vended metrics cost nothing.
 */
const MONTHLY_PRICES_USD = {
    standardAlarmMetric: 0.1,
    highResolutionAlarmMetric: 0.3,
    dashboard: 3.0,
    kmsKey: 1.0,
    secret: 0.4,
} as const;

export interface CostLine {
    item: string;
    count: number;
    unitUsd: number;
    monthlyUsd: number;
}

function alarmMetricCount(inputs: Record<string, any>): number {
    const queries: any[] = inputs.metricQueries ?? [];
    return queries.length === 0 ? 1 : queries.filter((q) => q.metric !== undefined).length;
}

function isHighResolution(inputs: Record<string, any>): boolean {
    const periods: number[] = [inputs.period, ...(inputs.metricQueries ?? []).map((q: any) => q.metric?.period)].filter(
        (p) => typeof p === "number",
    );
    return periods.some((p) => p < 60);
}

export function estimateMonitoringCost(resources: SynthResource[]): { lines: CostLine[]; totalUsd: number } {
    let standard = 0;
    let high = 0;
    for (const r of resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")) {
        if (isHighResolution(r.inputs)) {
            high += alarmMetricCount(r.inputs);
        } else {
            standard += alarmMetricCount(r.inputs);
        }
    }
    const count = (type: string) => resources.filter((r) => r.type === type).length;
    const lines: CostLine[] = [
        { item: "alarm metrics, standard resolution", count: standard, unitUsd: MONTHLY_PRICES_USD.standardAlarmMetric },
        { item: "alarm metrics, high resolution", count: high, unitUsd: MONTHLY_PRICES_USD.highResolutionAlarmMetric },
        { item: "dashboards", count: count("aws:cloudwatch/dashboard:Dashboard"), unitUsd: MONTHLY_PRICES_USD.dashboard },
        { item: "KMS keys", count: count("aws:kms/key:Key"), unitUsd: MONTHLY_PRICES_USD.kmsKey },
        { item: "Secrets Manager secrets", count: count("aws:secretsmanager/secret:Secret"), unitUsd: MONTHLY_PRICES_USD.secret },
        ...gpuPublisherCostLines(resources),
    ].map((line) => ({ ...line, monthlyUsd: round2(line.count * line.unitUsd) }));
    return { lines, totalUsd: round2(lines.reduce((sum, line) => sum + line.monthlyUsd, 0)) };
}

function round2(value: number): number {
    return Math.round(value * 100) / 100;
}
