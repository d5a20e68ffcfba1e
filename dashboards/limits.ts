import { MathNode, referencedIds, searchCalls } from "./expressions/mathAst";
import { isMetricsInsights, parseMetricsInsights } from "./expressions/metricsInsights";
import { MathSyntaxError, parseMath } from "./expressions/parseMath";
import { MAX_SEARCH_QUERY_LENGTH, searchQueryQuotingProblem } from "./expressions/search";
import { GRID_COLUMNS } from "./layout";
import { DashboardBody, isExpressionEntry, MetricsArrayEntry, MetricWidget, Widget, widgetTitle } from "./model";

/** CloudWatch's limits on a dashboard (PutDashboard, "Dashboard Body Structure and Syntax", metric math). */
export const DASHBOARD_LIMITS = {
    maxWidgets: 500,
    maxMetricsPerWidget: 500,
    maxMetricsPerDashboard: 2500,
    maxExpressionLength: 2048,
    maxSearchQueryLength: MAX_SEARCH_QUERY_LENGTH,
    maxAlarmsPerWidget: 100,
    maxNameLength: 255,
    maxHeight: 1000,
} as const;

/** PutDashboard's DashboardName: letters, digits, "-" and "_". */
const DASHBOARD_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A metrics-array id: a lowercase letter first, then letters, digits and underscores. */
const EXPRESSION_ID_PATTERN = /^[a-z][A-Za-z0-9_]*$/;

/** One broken limit: where (relative to the dashboard's arguments) and which rule. Same shape as components' Problem. */
export interface DashboardProblem {
    propertyPath: string;
    reason: string;
}

/** Why `name` cannot be a dashboard name, or undefined. */
export function dashboardNameProblem(name: string): string | undefined {
    if (name.length < 1 || name.length > DASHBOARD_LIMITS.maxNameLength || !DASHBOARD_NAME_PATTERN.test(name)) {
        return `must be 1-${DASHBOARD_LIMITS.maxNameLength} characters of A-Z, a-z, 0-9, "-" and "_" (got ${JSON.stringify(name)}, ${name.length} characters)`;
    }
    return undefined;
}

export interface LimitCheckOptions {
    /** Where the dashboard's name came from. @default "dashboardName" */
    namePath?: string;
    /** Where widget `index` came from (user-supplied widgets map to their own argument). @default `widgets[index]` */
    widgetPath?: (index: number) => string;
}

/**
 * Every CloudWatch limit `body` breaks, each naming the dashboard and the widget (index and title):
 * counts, grid placement and overlaps, expression ids, lengths, references, SEARCH quoting.
 */
export function dashboardProblems(name: string, body: DashboardBody, options: LimitCheckOptions = {}): DashboardProblem[] {
    const problems: DashboardProblem[] = [];
    const nameReason = dashboardNameProblem(name);
    if (nameReason !== undefined) {
        problems.push({ propertyPath: options.namePath ?? "dashboardName", reason: `dashboard name ${nameReason}` });
    }
    const widgetPath = options.widgetPath ?? ((i: number) => `widgets[${i}]`);
    const { widgets } = body;
    if (widgets.length > DASHBOARD_LIMITS.maxWidgets) {
        problems.push({
            propertyPath: "widgets",
            reason: `dashboard "${name}" has ${widgets.length} widgets; CloudWatch allows at most ${DASHBOARD_LIMITS.maxWidgets}`,
        });
    }
    let totalMetrics = 0;
    widgets.forEach((widget, index) => {
        const where = (path: string) => `${widgetPath(index)}${path}`;
        const about = `dashboard "${name}", widget ${index} "${widgetTitle(widget)}"`;
        const add = (path: string, reason: string) => problems.push({ propertyPath: where(path), reason: `${about}: ${reason}` });
        placementProblems(widget, add);
        if (widget.type === "metric") {
            totalMetrics += widget.properties.metrics.length;
            metricWidgetProblems(widget, add);
        }
        if (widget.type === "alarm" && widget.properties.alarms.length > DASHBOARD_LIMITS.maxAlarmsPerWidget) {
            add(".properties.alarms", `shows ${widget.properties.alarms.length} alarms; at most ${DASHBOARD_LIMITS.maxAlarmsPerWidget}`);
        }
    });
    if (totalMetrics > DASHBOARD_LIMITS.maxMetricsPerDashboard) {
        problems.push({
            propertyPath: "widgets",
            reason: `dashboard "${name}" has ${totalMetrics} metrics and expressions; at most ${DASHBOARD_LIMITS.maxMetricsPerDashboard}`,
        });
    }
    overlapProblems(name, widgets, widgetPath, problems);
    return problems;
}

type Add = (path: string, reason: string) => void;

function placementProblems(widget: Widget, add: Add): void {
    const { x, y, width, height } = widget;
    if (!Number.isInteger(width) || width < 1 || width > GRID_COLUMNS) {
        add(".width", `width must be an integer 1-${GRID_COLUMNS} (got ${width})`);
    }
    if (!Number.isInteger(height) || height < 1 || height > DASHBOARD_LIMITS.maxHeight) {
        add(".height", `height must be an integer 1-${DASHBOARD_LIMITS.maxHeight} (got ${height})`);
    }
    if (!Number.isInteger(x) || x < 0 || x + width > GRID_COLUMNS) {
        add(".x", `x must be an integer from 0 with x + width at most ${GRID_COLUMNS} (got x ${x}, width ${width})`);
    }
    if (!Number.isInteger(y) || y < 0) {
        add(".y", `y must be a non-negative integer (got ${y})`);
    }
}

function overlapProblems(name: string, widgets: Widget[], widgetPath: (i: number) => string, problems: DashboardProblem[]): void {
    for (let i = 0; i < widgets.length; i++) {
        for (let j = i + 1; j < widgets.length; j++) {
            const a = widgets[i];
            const b = widgets[j];
            if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
                problems.push({
                    propertyPath: widgetPath(j),
                    reason: `dashboard "${name}", widget ${j} "${widgetTitle(b)}" overlaps widget ${i} "${widgetTitle(a)}" (x ${b.x}, y ${b.y}, ${b.width}x${b.height} against x ${a.x}, y ${a.y}, ${a.width}x${a.height})`,
                });
            }
        }
    }
}

function entryId(entry: MetricsArrayEntry): string | undefined {
    if (isExpressionEntry(entry)) {
        return entry[0].id;
    }
    const last = entry[entry.length - 1];
    return typeof last === "object" ? last.id : undefined;
}

function metricWidgetProblems(widget: MetricWidget, add: Add): void {
    const { metrics } = widget.properties;
    if (metrics.length > DASHBOARD_LIMITS.maxMetricsPerWidget) {
        add(".properties.metrics", `has ${metrics.length} metrics and expressions; at most ${DASHBOARD_LIMITS.maxMetricsPerWidget}`);
    }
    const defined = new Set<string>();
    metrics.forEach((entry, i) => {
        const id = entryId(entry);
        const path = isExpressionEntry(entry) ? `.properties.metrics[${i}][0].id` : `.properties.metrics[${i}]`;
        if (id === undefined) {
            if (isExpressionEntry(entry)) add(path, "an expression needs an id");
            return;
        }
        if (!EXPRESSION_ID_PATTERN.test(id)) {
            add(path, `id must start with a lowercase letter, then letters, digits or "_" (got "${id}")`);
        }
        if (defined.has(id)) {
            add(path, `id "${id}" is used twice; ids must be unique within a widget`);
        }
        defined.add(id);
    });
    metrics.forEach((entry, i) => {
        if (isExpressionEntry(entry)) {
            expressionProblems(entry[0].expression, defined, (reason) => add(`.properties.metrics[${i}][0].expression`, reason));
        }
    });
}

function expressionProblems(expression: string, defined: Set<string>, add: (reason: string) => void): void {
    if (expression.length > DASHBOARD_LIMITS.maxExpressionLength) {
        add(`expression is ${expression.length} characters; at most ${DASHBOARD_LIMITS.maxExpressionLength}`);
    }
    if (isMetricsInsights(expression)) {
        const parsed = parseMetricsInsights(expression);
        if ("problem" in parsed) add(`expression ${parsed.problem}`);
        return;
    }
    let tree: MathNode;
    try {
        tree = parseMath(expression);
    } catch (error) {
        if (!(error instanceof MathSyntaxError)) throw error;
        add(`expression cannot be read (${error.message}): ${expression}`);
        return;
    }
    const undefinedIds = [...new Set(referencedIds(tree).filter((id) => !defined.has(id)))];
    if (undefinedIds.length > 0) {
        add(
            `expression references ${undefinedIds.map((id) => `"${id}"`).join(", ")}, not defined in this widget (defined: ${[...defined].join(", ") || "none"})`,
        );
    }
    for (const search of searchCalls(tree)) {
        const [query, statistic] = search.args;
        if (query?.kind !== "string" || statistic?.kind !== "string") {
            add("SEARCH takes a query string and a statistic, each in single quotes");
            continue;
        }
        if (query.value.length > DASHBOARD_LIMITS.maxSearchQueryLength) {
            add(`SEARCH query is ${query.value.length} characters; at most ${DASHBOARD_LIMITS.maxSearchQueryLength}`);
        }
        const quoting = searchQueryQuotingProblem(query.value);
        if (quoting !== undefined) add(`SEARCH query ${quoting}`);
    }
}
