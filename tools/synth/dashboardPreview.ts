import { DashboardBody, isExpressionEntry, MetricsArrayEntry, Widget, widgetTitle } from "../../dashboards/model";

/** Pixels per grid row in the preview; columns are 1/24 of the page width, so the grid is to scale. */
const ROW_PX = 36;

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One line per metrics-array entry: the expression, or namespace, metric and dimensions. */
function describeEntry(entry: MetricsArrayEntry): string {
    if (isExpressionEntry(entry)) {
        const e = entry[0];
        const flags = [
            e.visible === false ? "hidden" : undefined,
            e.period === undefined ? undefined : `period ${e.period} s`,
            e.yAxis === "right" ? "right axis" : undefined,
        ];
        return `${e.id} = ${e.expression}${e.label ? ` "${e.label}"` : ""}${flags.some(Boolean) ? ` (${flags.filter(Boolean).join(", ")})` : ""}`;
    }
    const [namespace, metricName, ...rest] = entry;
    const options = rest.find((r) => typeof r === "object");
    const dims = rest.filter((r): r is string => typeof r === "string");
    const pairs = dims.flatMap((d, i) => (i % 2 === 0 ? [`${d}=${dims[i + 1]}`] : []));
    const label = options !== undefined && typeof options === "object" && options.label ? ` "${options.label}"` : "";
    return `${namespace} ${metricName} {${pairs.join(", ")}}${label}`;
}

/** The readable content of a widget: its queries, thresholds, alarms or text. */
function widgetLines(widget: Widget): string[] {
    switch (widget.type) {
        case "metric": {
            const p = widget.properties;
            const head = `${p.view}, ${p.stat ?? "default stat"}, period ${p.period ?? "auto"} s, ${p.region}`;
            const thresholds = (p.annotations?.horizontal ?? []).map((a) => `threshold ${a.value}: ${a.label ?? ""} (${a.fill ?? "line"})`);
            return [head, ...p.metrics.map(describeEntry), ...thresholds];
        }
        case "alarm":
            return widget.properties.alarms.map((arn) => `alarm ${arn.slice(arn.lastIndexOf(":") + 1)}`);
        case "log":
            return [widget.properties.query];
        case "text":
            return widget.properties.markdown.split("\n").filter((line) => line.trim() !== "");
    }
}

function widgetHtml(dashboard: string, widget: Widget): string {
    const style = `left:${(widget.x / 24) * 100}%;top:${widget.y * ROW_PX}px;width:${(widget.width / 24) * 100}%;height:${widget.height * ROW_PX}px`;
    const lines = widgetLines(widget).map((line) => `<li${line.startsWith("threshold ") ? ' class="threshold"' : ""}>${escape(line)}</li>`);
    return [
        `<div class="widget ${widget.type}" data-dashboard="${escape(dashboard)}" style="${style}">`,
        `<h3 class="title">${escape(widgetTitle(widget))}</h3><p class="type">${widget.type} · ${widget.width}×${widget.height} at (${widget.x}, ${widget.y})</p>`,
        `<ul>${lines.join("")}</ul></div>`,
    ].join("");
}

function dashboardHtml(d: { name: string; body: DashboardBody }): string {
    const rows = d.body.widgets.reduce((max, w) => Math.max(max, w.y + w.height), 0);
    return [
        `<section class="dashboard" id="${escape(d.name)}"><h2>${escape(d.name)} <small>${d.body.widgets.length} widgets</small></h2>`,
        `<div class="grid" style="height:${rows * ROW_PX}px">${d.body.widgets.map((w) => widgetHtml(d.name, w)).join("\n")}</div></section>`,
    ].join("\n");
}

const STYLE = [
    "body{font:13px system-ui,sans-serif;margin:16px;background:#f4f5f7;color:#16191f}",
    ".grid{position:relative;background:repeating-linear-gradient(90deg,#e9ebed 0,#e9ebed 1px,transparent 1px,transparent calc(100%/24))}",
    ".widget{position:absolute;box-sizing:border-box;border:1px solid #aab7b8;background:#fff;padding:4px 6px;overflow:auto}",
    ".widget.text{background:#fafafa}.widget.alarm{border-color:#d13212}.widget.log{border-color:#0073bb}",
    ".title{margin:0;font-size:13px}.type{margin:0;color:#687078;font-size:11px}",
    "ul{margin:2px 0 0;padding-left:14px;font:11px ui-monospace,monospace;word-break:break-all}.threshold{color:#d13212}",
];

/**
 * `dashboards/index.html`: every generated dashboard drawn to scale on the 24-column grid, each
 * widget with its title, type and queries (or alarms, log query, text) and alarm thresholds in red.
 * Self-contained: inline CSS, no script, no link, no network access.
 */
export function buildDashboardPreview(stack: string, dashboards: { name: string; body: DashboardBody }[]): string {
    return [
        "<!doctype html>",
        `<html lang="en"><head><meta charset="utf-8"><title>Dashboards: ${escape(stack)}</title><style>${STYLE.join("")}</style></head>`,
        `<body><h1>Dashboards of stack ${escape(stack)}</h1>`,
        dashboards.length === 0 ? "<p>This stack declares no dashboards.</p>" : dashboards.map(dashboardHtml).join("\n"),
        "</body></html>",
        "",
    ].join("\n");
}
