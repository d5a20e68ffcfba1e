import { DashboardAlarm } from "./alarmAnnotations";
import { dashboardConsoleUrl, endpointConsoleUrl, logGroupConsoleUrl } from "./consoleLinks";
import { HEIGHTS, layoutRows, WIDTHS } from "./layout";
import { renderMetricsInsights, MetricsInsightsQuery } from "./expressions/metricsInsights";
import { GraphContext, metricGraph } from "./metricGraphs";
import { DASHBOARD_LIMITS } from "./limits";
import { DashboardDefinition, UnplacedWidget } from "./model";
import { SAGEMAKER_METRIC_NAMESPACE } from "../domain/sageMakerMetrics";

/** One endpoint's row of the stack summary. */
export interface SummaryEndpoint {
    endpointName: string;
    kind: "realtime" | "async";
    periodSeconds: number;
    /** Its detail dashboard, linked from the row; undefined when switched off. */
    detailDashboardName?: string;
    alarms: readonly DashboardAlarm[];
}

/** A capture forwarder, by the physical names its metrics and logs carry. */
export interface SummaryForwarder {
    functionName: string;
    logGroupName: string;
    deadLetterQueueName: string;
}

export interface SummaryDashboardInput {
    dashboardName: string;
    stack: string;
    region: string;
    endpoints: readonly SummaryEndpoint[];
    forwarders: readonly SummaryForwarder[];
    /** Every page's dashboard name, in order, when the summary spans several (planSummaryPages). @default one page */
    pageNames?: readonly string[];
}

/** The most widgets an endpoint's row takes (name, three graphs, alarm status): pages are planned before alarms are known. */
const MAX_ENDPOINT_ROW_WIDGETS = 5;
const FORWARDER_ROW_WIDGETS = 2;

/** The rows one page of the summary holds: endpoints [start, end), then forwarders [start, end). */
export interface SummaryPage {
    endpoints: { start: number; end: number };
    forwarders: { start: number; end: number };
}

const emptyRange = (at: number) => ({ start: at, end: at });

/**
 * Splits the summary's rows, whole rows only, over as few dashboards as CloudWatch's widget limit
 * allows, each with its header. It needs only the counts, so every page can be declared before the
 * endpoints' alarms resolve.
 */
export function planSummaryPages(
    endpointCount: number,
    forwarderCount: number,
    maxWidgets: number = DASHBOARD_LIMITS.maxWidgets,
): SummaryPage[] {
    const rows = [
        ...Array.from({ length: endpointCount }, (_, i) => ({ side: "endpoints" as const, index: i, widgets: MAX_ENDPOINT_ROW_WIDGETS })),
        ...Array.from({ length: forwarderCount }, (_, i) => ({ side: "forwarders" as const, index: i, widgets: FORWARDER_ROW_WIDGETS })),
    ];
    const pages: SummaryPage[] = [];
    let page: SummaryPage | undefined;
    let used = 0;
    for (const row of rows) {
        if (page === undefined || used + row.widgets > maxWidgets) {
            page =
                row.side === "endpoints"
                    ? { endpoints: emptyRange(row.index), forwarders: emptyRange(0) }
                    : { endpoints: emptyRange(endpointCount), forwarders: emptyRange(row.index) };
            pages.push(page);
            used = 1; // the page's header
        }
        page[row.side].end = row.index + 1;
        used += row.widgets;
    }
    return pages.length > 0 ? pages : [{ endpoints: emptyRange(0), forwarders: emptyRange(0) }];
}

/** The header's page line: where the other pages are. */
function pagesLine(region: string, dashboardName: string, pageNames: readonly string[] | undefined): string {
    if (pageNames === undefined || pageNames.length < 2) return "";
    const links = pageNames.map((name, i) => (name === dashboardName ? `${i + 1}` : `[${i + 1}](${dashboardConsoleUrl(region, name)})`));
    return ` Page ${pageNames.indexOf(dashboardName) + 1} of ${pageNames.length}: ${links.join(" · ")}.`;
}

/** The message of the forwarder's one summary line per invocation (lambdas/capture-forwarder/handler.ts). */
const FORWARDER_SUMMARY_MESSAGE = "capture-forwarder summary";

/**
 * A variant-level metric summed or averaged over the endpoint's variants with Metrics Insights:
 * SageMaker publishes these per variant only, so a metric entry with EndpointName alone finds nothing.
 */
function overVariants(context: GraphContext, title: string, metricName: string, fn: MetricsInsightsQuery["fn"]): UnplacedWidget {
    const expression = renderMetricsInsights({
        fn,
        metricName,
        namespace: SAGEMAKER_METRIC_NAMESPACE,
        schema: ["EndpointName", "VariantName"],
        where: { EndpointName: context.endpointName },
    });
    return metricGraph(context, {
        title,
        stat: fn === "AVG" ? "Average" : "Sum",
        width: "sixth",
        series: [],
        extraEntries: [[{ expression, id: "all", label: metricName, period: context.periodSeconds }]],
        extraGraphed: [{ namespace: SAGEMAKER_METRIC_NAMESPACE, metricName }],
    });
}

function endpointRow(region: string, endpoint: SummaryEndpoint): UnplacedWidget[] {
    const context: GraphContext = {
        region,
        endpointName: endpoint.endpointName,
        periodSeconds: endpoint.periodSeconds,
        alarms: endpoint.alarms,
    };
    const ns = SAGEMAKER_METRIC_NAMESPACE;
    const one = (metricName: string) => [{ namespace: ns, metricName, label: metricName }];
    const detail =
        endpoint.detailDashboardName === undefined ? "" : ` · [details](${dashboardConsoleUrl(region, endpoint.detailDashboardName)})`;
    const text: UnplacedWidget = {
        type: "text",
        width: WIDTHS.quarter,
        height: HEIGHTS.status,
        properties: {
            markdown: `### ${endpoint.endpointName}\n\n${endpoint.kind === "async" ? "async" : "real-time"} · [console](${endpointConsoleUrl(region, endpoint.endpointName)})${detail}`,
        },
    };
    const name = endpoint.endpointName;
    const graphs =
        endpoint.kind === "async"
            ? [
                  metricGraph(context, {
                      title: `${name}: backlog`,
                      stat: "Average",
                      width: "sixth",
                      series: one("ApproximateBacklogSize"),
                  }),
                  metricGraph(context, {
                      title: `${name}: oldest request (s)`,
                      stat: "Maximum",
                      width: "sixth",
                      series: one("ApproximateAgeOfOldestRequest"),
                  }),
                  overVariants(context, `${name}: failures`, "InvocationFailures", "SUM"),
              ]
            : [
                  overVariants(context, `${name}: invocations`, "Invocations", "SUM"),
                  overVariants(context, `${name}: 5XX`, "Invocation5XXErrors", "SUM"),
                  overVariants(context, `${name}: ModelLatency (µs)`, "ModelLatency", "AVG"),
              ];
    const status: UnplacedWidget[] =
        endpoint.alarms.length === 0
            ? []
            : [
                  {
                      type: "alarm",
                      width: WIDTHS.quarter,
                      height: HEIGHTS.status,
                      properties: { title: `${endpoint.endpointName}: alarms`, alarms: endpoint.alarms.map((a) => a.alarmArn) },
                  },
              ];
    return [text, ...graphs.map((g) => ({ ...g, height: HEIGHTS.status })), ...status];
}

/** Inferences delivered and dead-lettered (from the summary lines), and what waits in the dead-letter queue. */
function forwarderRow(region: string, forwarder: SummaryForwarder): UnplacedWidget[] {
    const query = [
        `SOURCE '${forwarder.logGroupName}'`,
        `filter message = "${FORWARDER_SUMMARY_MESSAGE}"`,
        "stats sum(inferencesSent) as delivered, sum(deadLettered) as deadLettered by bin(5m)",
    ].join(" | ");
    return [
        {
            type: "log",
            width: WIDTHS.half,
            height: HEIGHTS.graph,
            properties: { title: `${forwarder.functionName}: inferences delivered and dead-lettered`, query, region, view: "timeSeries" },
        },
        {
            type: "metric",
            width: WIDTHS.half,
            height: HEIGHTS.graph,
            properties: {
                title: `${forwarder.functionName}: dead letters (${forwarder.deadLetterQueueName})`,
                view: "timeSeries",
                region,
                period: 300,
                stat: "Sum",
                metrics: [
                    ["AWS/SQS", "NumberOfMessagesSent", "QueueName", forwarder.deadLetterQueueName, { label: "dead letters sent" }],
                    [
                        "AWS/SQS",
                        "ApproximateNumberOfMessagesVisible",
                        "QueueName",
                        forwarder.deadLetterQueueName,
                        { label: "waiting", stat: "Maximum" },
                    ],
                ],
            },
        },
    ];
}

/** The stack at a glance: one row per endpoint, then one per capture forwarder. */
export function buildSummaryDashboard(input: SummaryDashboardInput): DashboardDefinition {
    const header: UnplacedWidget = {
        type: "text",
        width: WIDTHS.full,
        height: 2,
        properties: {
            markdown: `# Stack ${input.stack}\n\n${input.endpoints.length} endpoints, ${input.forwarders.length} capture forwarders. Forwarder logs: ${
                input.forwarders.map((f) => `[${f.logGroupName}](${logGroupConsoleUrl(input.region, f.logGroupName)})`).join(", ") || "none"
            }.${pagesLine(input.region, input.dashboardName, input.pageNames)}`,
        },
    };
    const rows = [
        [header],
        ...input.endpoints.map((e) => endpointRow(input.region, e)),
        ...input.forwarders.map((f) => forwarderRow(input.region, f)),
    ];
    return { name: input.dashboardName, body: { widgets: layoutRows(rows) } };
}
