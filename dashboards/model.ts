/**
 * A typed model of the CloudWatch dashboard body ("Dashboard Body Structure and Syntax"): the
 * widgets this project draws (metric, text, alarm status and Logs Insights), the metrics array with
 * its metric and expression entries, horizontal annotations, and per-widget period, stat, region
 * and view. Property names are CloudWatch's own, so a body serializes with JSON.stringify as is.
 */

/** A widget's place on the 24-column grid. */
export interface WidgetPlacement {
    x: number;
    y: number;
    /** 1-24 columns. */
    width: number;
    /** 1-1000 rows. */
    height: number;
}

export type YAxisSide = "left" | "right";

/** Rendering options a metric entry may end with. */
export interface MetricEntryOptions {
    id?: string;
    label?: string;
    visible?: boolean;
    period?: number;
    stat?: string;
    yAxis?: YAxisSide;
    color?: string;
    region?: string;
}

/** `[namespace, metricName, dim1Name, dim1Value, ..., options?]`. */
export type MetricEntry = [string, string, ...(string | MetricEntryOptions)[]];

/** A metric math, SEARCH or Metrics Insights expression. */
export interface ExpressionOptions {
    expression: string;
    id: string;
    label?: string;
    /** false draws nothing: an input of other expressions. @default true */
    visible?: boolean;
    period?: number;
    yAxis?: YAxisSide;
    color?: string;
    region?: string;
}

/** `[{ expression, id, ... }]`: an expression entry is a one-element array. */
export type ExpressionEntry = [ExpressionOptions];

export type MetricsArrayEntry = MetricEntry | ExpressionEntry;

export interface HorizontalAnnotation {
    value: number;
    label?: string;
    color?: string;
    /** Shades the breaching side. */
    fill?: "above" | "below" | "between" | "none";
    visible?: boolean;
    yAxis?: YAxisSide;
}

export interface YAxisRange {
    min?: number;
    max?: number;
    label?: string;
    showUnits?: boolean;
}

export type MetricView = "timeSeries" | "singleValue" | "bar" | "pie" | "gauge" | "table";

export interface MetricWidgetProperties {
    title: string;
    metrics: MetricsArrayEntry[];
    /** Required by CloudWatch for metric widgets. */
    region: string;
    view: MetricView;
    stacked?: boolean;
    period?: number;
    stat?: string;
    annotations?: { horizontal?: HorizontalAnnotation[] };
    yAxis?: { left?: YAxisRange; right?: YAxisRange };
    legend?: { position: "bottom" | "right" | "hidden" };
    setPeriodToTimeRange?: boolean;
}

export interface MetricWidget extends WidgetPlacement {
    type: "metric";
    properties: MetricWidgetProperties;
}

export interface TextWidget extends WidgetPlacement {
    type: "text";
    properties: { markdown: string; background?: "solid" | "transparent" };
}

export interface AlarmWidget extends WidgetPlacement {
    type: "alarm";
    properties: {
        title: string;
        /** Alarm ARNs, at most 100. */
        alarms: string[];
        sortBy?: "default" | "stateUpdatedTimestamp" | "timestamp";
        states?: ("ALARM" | "INSUFFICIENT_DATA" | "OK")[];
    };
}

/** A Logs Insights query: `SOURCE '<log group>' | <query>`. */
export interface LogWidget extends WidgetPlacement {
    type: "log";
    properties: { title: string; query: string; region: string; view: "table" | "timeSeries" | "bar" | "pie"; stacked?: boolean };
}

export type Widget = MetricWidget | TextWidget | AlarmWidget | LogWidget;

export interface DashboardBody {
    start?: string;
    periodOverride?: "auto" | "inherit";
    widgets: Widget[];
}

/** A dashboard to declare: its physical name and its body. */
export interface DashboardDefinition {
    name: string;
    body: DashboardBody;
}

/** A widget without its place: what builders return and the layout places. */
export type UnplacedWidget = Widget extends infer W ? (W extends Widget ? Omit<W, "x" | "y"> : never) : never;

export function isExpressionEntry(entry: MetricsArrayEntry): entry is ExpressionEntry {
    return entry.length === 1 && typeof entry[0] === "object";
}

/** The title shown for any widget (text widgets: the first markdown heading or line). */
export function widgetTitle(widget: Widget | UnplacedWidget): string {
    if (widget.type === "text") {
        const first = widget.properties.markdown.split("\n").find((line) => line.trim() !== "") ?? "";
        return first.replace(/^#+\s*/, "");
    }
    return widget.properties.title;
}
