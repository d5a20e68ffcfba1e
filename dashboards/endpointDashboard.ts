import { DashboardAlarm } from "./alarmAnnotations";
import { endpointConsoleUrl, endpointLogGroup, logGroupConsoleUrl, s3PrefixConsoleUrl } from "./consoleLinks";
import { searchExpression } from "./expressions/search";
import { GpuEndpointInput, gpuRows } from "./gpuWidgets";
import { HEIGHTS, layoutRows, WIDTHS } from "./layout";
import { GraphContext, metricGraph, perVariant } from "./metricGraphs";
import { DashboardDefinition, UnplacedWidget } from "./model";
import { ASYNC_ENDPOINT_METRICS, SAGEMAKER_METRIC_NAMESPACE } from "../domain/sageMakerMetrics";
import { isGpuInstanceType } from "../domain/instanceTypes";

/** SageMaker's per-instance utilization namespace. */
const ENDPOINT_INSTANCE_NAMESPACE = "/aws/sagemaker/Endpoints";

/** Everything a detail dashboard shows about one endpoint, as plain values. */
export interface EndpointDashboardInput {
    dashboardName: string;
    region: string;
    kind: "realtime" | "async";
    endpointName: string;
    variants: readonly { name: string; instanceType: string }[];
    /** The endpoint's MetricPublishFrequencyInSeconds: every graph's period. */
    periodSeconds: number;
    /** Enhanced metrics publish per-instance series (InstanceId); without them the graphs show one line per variant. */
    perInstance: boolean;
    /** `s3://bucket/prefix/<endpoint>/`. */
    captureS3Uri: string;
    alarms: readonly DashboardAlarm[];
    /** Inference components and GPU capacity (GPU endpoints with inference components). */
    gpu?: GpuEndpointInput;
    /** Appended after the built-in widgets, one row. @default [] */
    extraWidgets?: readonly UnplacedWidget[];
}

/** The number of built-in widgets, so user-supplied ones can be mapped back to their own argument path. */
export interface BuiltDashboard extends DashboardDefinition {
    builtInWidgetCount: number;
}

function header(input: EndpointDashboardInput): UnplacedWidget {
    const { region, endpointName, kind, variants, periodSeconds } = input;
    const logGroup = endpointLogGroup(endpointName);
    const markdown = [
        `# ${kind === "async" ? "Async" : "Real-time"} endpoint ${endpointName}`,
        `[Endpoint](${endpointConsoleUrl(region, endpointName)}) · [Logs ${logGroup}](${logGroupConsoleUrl(region, logGroup)}) · ` +
            `[Capture ${input.captureS3Uri}](${s3PrefixConsoleUrl(region, input.captureS3Uri)})`,
        `Variants: ${variants.map((v) => `${v.name} (${v.instanceType})`).join(", ")}. Period ${periodSeconds} s.`,
    ].join("\n\n");
    return { type: "text", width: WIDTHS[input.alarms.length === 0 ? "full" : "half"], height: HEIGHTS.status, properties: { markdown } };
}

function alarmStatus(input: EndpointDashboardInput): UnplacedWidget[] {
    if (input.alarms.length === 0) {
        return [];
    }
    return [
        {
            type: "alarm",
            width: WIDTHS.half,
            height: HEIGHTS.status,
            properties: {
                title: `Alarms of ${input.endpointName}`,
                alarms: input.alarms.map((a) => a.alarmArn),
                sortBy: "stateUpdatedTimestamp",
            },
        },
    ];
}

function realtimeRow(context: GraphContext, variantNames: string[]): UnplacedWidget[] {
    const ns = SAGEMAKER_METRIC_NAMESPACE;
    return [
        metricGraph(context, { title: "Invocations", stat: "Sum", series: perVariant(ns, "Invocations", variantNames) }),
        metricGraph(context, {
            title: "Invocation errors (4XX, 5XX)",
            stat: "Sum",
            series: [
                ...perVariant(ns, "Invocation4XXErrors", variantNames, " 4XX"),
                ...perVariant(ns, "Invocation5XXErrors", variantNames, " 5XX"),
            ],
        }),
        metricGraph(context, { title: "ModelLatency (µs)", stat: "Average", series: perVariant(ns, "ModelLatency", variantNames) }),
        metricGraph(context, { title: "OverheadLatency (µs)", stat: "Average", series: perVariant(ns, "OverheadLatency", variantNames) }),
    ];
}

const ASYNC_FAILURE_COUNTERS = [
    "InvocationFailures",
    "ExpiredRequests",
    "RequestDownloadFailures",
    "ResponseUploadFailures",
    "NotificationFailures",
];

function asyncRows(context: GraphContext, variantNames: string[]): UnplacedWidget[][] {
    const ns = SAGEMAKER_METRIC_NAMESPACE;
    const endpointLevel = (metricName: (typeof ASYNC_ENDPOINT_METRICS)[number], title: string, stat: string) =>
        metricGraph(context, { title, stat, series: [{ namespace: ns, metricName, label: metricName }] });
    return [
        [
            endpointLevel("ApproximateBacklogSize", "Backlog size", "Average"),
            endpointLevel("ApproximateBacklogSizePerInstance", "Backlog per instance", "Average"),
            endpointLevel("ApproximateAgeOfOldestRequest", "Age of oldest request (s)", "Maximum"),
            endpointLevel("HasBacklogWithoutCapacity", "Backlog without capacity", "Maximum"),
        ],
        [
            metricGraph(context, { title: "TimeInBacklog (ms)", stat: "Average", series: perVariant(ns, "TimeInBacklog", variantNames) }),
            metricGraph(context, {
                title: "TotalProcessingTime (ms)",
                stat: "Average",
                series: perVariant(ns, "TotalProcessingTime", variantNames),
            }),
            metricGraph(context, {
                title: "Processed and errors",
                stat: "Sum",
                series: [
                    ...perVariant(ns, "InvocationsProcesssed", variantNames, " processed"),
                    ...perVariant(ns, "Invocation4XXErrors", variantNames, " 4XX"),
                    ...perVariant(ns, "Invocation5XXErrors", variantNames, " 5XX"),
                ],
            }),
            metricGraph(context, {
                title: "Failures",
                stat: "Sum",
                series: ASYNC_FAILURE_COUNTERS.flatMap((metric) => perVariant(ns, metric, variantNames, ` ${metric}`)),
            }),
        ],
    ];
}

/** CPU, memory, disk (and GPU on GPU types): one line per instance via SEARCH, or per variant. */
function utilizationRow(context: GraphContext, input: EndpointDashboardInput): UnplacedWidget[] {
    const variantNames = input.variants.map((v) => v.name);
    const metrics = ["CPUUtilization", "MemoryUtilization", "DiskUtilization"];
    if (input.variants.some((v) => isGpuInstanceType(v.instanceType))) {
        metrics.push("GPUUtilization");
    }
    const width = metrics.length === 4 ? "quarter" : "third";
    return metrics.map((metricName) => {
        const title = `${metricName} per ${input.perInstance ? "instance" : "variant"} (%)`;
        if (!input.perInstance) {
            return metricGraph(context, {
                title,
                stat: "Average",
                width,
                series: perVariant(ENDPOINT_INSTANCE_NAMESPACE, metricName, variantNames),
            });
        }
        const expression = searchExpression(
            {
                namespace: ENDPOINT_INSTANCE_NAMESPACE,
                dimensions: ["EndpointName", "InstanceId", "VariantName"],
                terms: { MetricName: metricName, EndpointName: input.endpointName },
            },
            "Average",
            context.periodSeconds,
        );
        return metricGraph(context, {
            title,
            stat: "Average",
            width,
            series: [],
            extraEntries: [[{ expression, id: "instances", label: "${PROP('Dim.InstanceId')}", period: context.periodSeconds }]],
            extraGraphed: [{ namespace: ENDPOINT_INSTANCE_NAMESPACE, metricName }],
        });
    });
}

/**
 * The detail dashboard of one endpoint: a header with console links and the alarm status, the
 * endpoint kind's traffic graphs, utilization per instance, GPU capacity and cost per inference
 * component when given, then the caller's extra widgets. Periods follow the publish frequency.
 */
export function buildEndpointDashboard(input: EndpointDashboardInput): BuiltDashboard {
    const context: GraphContext = {
        region: input.region,
        endpointName: input.endpointName,
        periodSeconds: input.periodSeconds,
        alarms: input.alarms,
    };
    const variantNames = input.variants.map((v) => v.name);
    const rows: UnplacedWidget[][] = [
        [header(input), ...alarmStatus(input)],
        ...(input.kind === "async" ? asyncRows(context, variantNames) : [realtimeRow(context, variantNames)]),
        utilizationRow(context, input),
        ...(input.gpu === undefined ? [] : gpuRows(context, input.gpu)),
    ];
    const builtInWidgetCount = rows.reduce((n, row) => n + row.length, 0);
    const extra = input.extraWidgets ?? [];
    const widgets = layoutRows(extra.length === 0 ? rows : [...rows, extra]);
    return { name: input.dashboardName, body: { widgets }, builtInWidgetCount };
}
