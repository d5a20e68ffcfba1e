import { DashboardAlarm, thresholdAnnotations } from "./alarmAnnotations";
import { HEIGHTS, WidthName, WIDTHS } from "./layout";
import { MetricEntry, MetricsArrayEntry, MetricWidget, UnplacedWidget } from "./model";

/** Where and how often a dashboard reads one endpoint's metrics. */
export interface GraphContext {
    region: string;
    endpointName: string;
    /** Every graph's period: the endpoint's MetricPublishFrequencyInSeconds. */
    periodSeconds: number;
    alarms: readonly DashboardAlarm[];
}

/** One metric of one endpoint, optionally of one variant. */
export interface SeriesSpec {
    namespace: string;
    metricName: string;
    variantName?: string;
    label: string;
}

function metricEntry(endpointName: string, spec: SeriesSpec): MetricEntry {
    const dims = spec.variantName === undefined ? [] : ["VariantName", spec.variantName];
    return [spec.namespace, spec.metricName, "EndpointName", endpointName, ...dims, { label: spec.label }];
}

export interface GraphSpec {
    title: string;
    stat: string;
    series: readonly SeriesSpec[];
    width?: WidthName;
    /** Entries that are not plain metrics (expressions). */
    extraEntries?: readonly MetricsArrayEntry[];
    /** The metrics the extra entries draw, for threshold annotations. */
    extraGraphed?: readonly { namespace: string; metricName: string }[];
    view?: MetricWidget["properties"]["view"];
}

/** A time-series graph of the endpoint's metrics, with a threshold line for every alarm on them. */
export function metricGraph(context: GraphContext, spec: GraphSpec): UnplacedWidget {
    const graphed = [...spec.series, ...(spec.extraGraphed ?? [])].map((s) => ({
        namespace: s.namespace,
        metricName: s.metricName,
        endpointName: context.endpointName,
    }));
    const horizontal = thresholdAnnotations(context.alarms, graphed);
    return {
        type: "metric",
        width: WIDTHS[spec.width ?? "quarter"],
        height: HEIGHTS.graph,
        properties: {
            title: spec.title,
            view: spec.view ?? "timeSeries",
            region: context.region,
            period: context.periodSeconds,
            stat: spec.stat,
            metrics: [...spec.series.map((s) => metricEntry(context.endpointName, s)), ...(spec.extraEntries ?? [])],
            ...(horizontal.length === 0 ? {} : { annotations: { horizontal } }),
        },
    };
}

/** The same metric for each variant. */
export function perVariant(namespace: string, metricName: string, variantNames: readonly string[], suffix = ""): SeriesSpec[] {
    return variantNames.map((variantName) => ({ namespace, metricName, variantName, label: `${variantName}${suffix}` }));
}
