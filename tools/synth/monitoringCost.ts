import { gpuPublisherCostLines } from "./gpuPublisherCost";
import { SynthResource } from "./synthResource";

/**
 * CloudWatch, KMS, Secrets Manager and PrivateLink list prices (us-east-1, USD per month) for the
 * monitoring a stack declares, the VPC endpoints that carry its logs and metrics included.
 * An estimate: free tiers are ignored, and SageMaker's own vended metrics cost nothing.
 */
const MONTHLY_PRICES_USD = {
    standardAlarmMetric: 0.1,
    highResolutionAlarmMetric: 0.3,
    dashboard: 3.0,
    kmsKey: 1.0,
    secret: 0.4,
    // AWS PrivateLink pricing (aws.amazon.com/privatelink/pricing, read 2026-12-05): an interface
    // endpoint is billed per hour in each Availability Zone, $0.01 in us-east-1 (x 730 hours a month),
    // plus $0.01 per GB processed (first PB a month in a region).
    interfaceEndpointZone: 0.01 * 730,
    interfaceEndpointGb: 0.01,
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

/** CloudWatch's always-free dashboards: 3 per account, each with up to 50 metrics. */
const FREE_DASHBOARDS = { count: 3, maxMetrics: 50 } as const;

function dashboardMetricCount(inputs: Record<string, any>): number {
    const body = typeof inputs.dashboardBody === "string" ? JSON.parse(inputs.dashboardBody) : { widgets: [] };
    return (body.widgets ?? []).reduce((n: number, w: any) => n + (w.type === "metric" ? (w.properties?.metrics?.length ?? 0) : 0), 0);
}

/**
 * Dashboards at $3 a month each, less the free tier: up to 3 dashboards of at most 50 metrics.
 * The free tier is the account's, so other stacks may already use it; the line says how many were declared.
 */
export function dashboardCostLine(resources: SynthResource[]): Omit<CostLine, "monthlyUsd"> {
    const dashboards = resources.filter((r) => r.type === "aws:cloudwatch/dashboard:Dashboard");
    const freeEligible = dashboards.filter((d) => dashboardMetricCount(d.inputs) <= FREE_DASHBOARDS.maxMetrics).length;
    const billed = dashboards.length - Math.min(freeEligible, FREE_DASHBOARDS.count);
    return {
        item: `dashboards beyond the free ${FREE_DASHBOARDS.count} of at most ${FREE_DASHBOARDS.maxMetrics} metrics (${dashboards.length} declared)`,
        count: billed,
        unitUsd: MONTHLY_PRICES_USD.dashboard,
    };
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
        dashboardCostLine(resources),
        { item: "KMS keys", count: count("aws:kms/key:Key"), unitUsd: MONTHLY_PRICES_USD.kmsKey },
        { item: "Secrets Manager secrets", count: count("aws:secretsmanager/secret:Secret"), unitUsd: MONTHLY_PRICES_USD.secret },
        {
            item: "interface VPC endpoints, per endpoint and zone",
            count: interfaceEndpointZones(resources),
            unitUsd: MONTHLY_PRICES_USD.interfaceEndpointZone,
        },
        // Traffic is not known offline: the per-GB price is shown, not added.
        {
            item: "interface VPC endpoint data, per GB processed (not estimated)",
            count: 0,
            unitUsd: MONTHLY_PRICES_USD.interfaceEndpointGb,
        },
        ...gpuPublisherCostLines(resources),
    ].map((line) => ({ ...line, monthlyUsd: round2(line.count * line.unitUsd) }));
    return { lines, totalUsd: round2(lines.reduce((sum, line) => sum + line.monthlyUsd, 0)) };
}

/** Endpoint-zone pairs of the interface endpoints: one billed network interface per subnet, one subnet per zone. */
function interfaceEndpointZones(resources: SynthResource[]): number {
    return resources
        .filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType === "Interface")
        .reduce((sum, r) => sum + (Array.isArray(r.inputs.subnetIds) ? r.inputs.subnetIds.length : 0), 0);
}

function round2(value: number): number {
    return Math.round(value * 100) / 100;
}
