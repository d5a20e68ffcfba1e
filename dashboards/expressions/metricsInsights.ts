import { searchValueProblem } from "./search";

/**
 * A Metrics Insights query: `SELECT FN(metric) FROM SCHEMA("ns", Dim, ...) WHERE Dim = 'value'
 * [GROUP BY Dim, ...] [ORDER BY FN() DESC|ASC] [LIMIT n]`. Names that are not letters, digits and
 * underscores go in double quotes, values in single quotes; values with quotes or backslashes are
 * refused like in SEARCH.
 */
export interface MetricsInsightsQuery {
    fn: "AVG" | "COUNT" | "MAX" | "MIN" | "SUM";
    metricName: string;
    namespace: string;
    /** The SCHEMA's dimension names; empty: the bare namespace (any dimensions). */
    schema: readonly string[];
    where: Readonly<Record<string, string>>;
    groupBy?: readonly string[];
    orderBy?: { fn: MetricsInsightsQuery["fn"]; direction: "ASC" | "DESC" };
    limit?: number;
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = (n: string) => (PLAIN.test(n) ? n : `"${n}"`);
const unquote = (n: string) => n.replace(/^"(.*)"$/, "$1");

export function renderMetricsInsights(q: MetricsInsightsQuery): string {
    for (const value of [q.namespace, q.metricName, ...q.schema, ...Object.entries(q.where).flat(), ...(q.groupBy ?? [])]) {
        const problem = searchValueProblem(value);
        if (problem !== undefined) {
            throw new Error(`Metrics Insights value ${problem}`);
        }
    }
    const from = q.schema.length === 0 ? name(q.namespace) : `SCHEMA(${[`"${q.namespace}"`, ...q.schema.map(name)].join(", ")})`;
    const where = Object.entries(q.where).map(([k, v]) => `${name(k)} = '${v}'`);
    return [
        `SELECT ${q.fn}(${name(q.metricName)}) FROM ${from}`,
        ...(where.length === 0 ? [] : [`WHERE ${where.join(" AND ")}`]),
        ...(q.groupBy === undefined ? [] : [`GROUP BY ${q.groupBy.map(name).join(", ")}`]),
        ...(q.orderBy === undefined ? [] : [`ORDER BY ${q.orderBy.fn}() ${q.orderBy.direction}`]),
        ...(q.limit === undefined ? [] : [`LIMIT ${q.limit}`]),
    ].join(" ");
}

const IDENT = `(?:[A-Za-z_][A-Za-z0-9_]*|"[^"']+")`;
const QUERY = new RegExp(
    `^SELECT (AVG|COUNT|MAX|MIN|SUM)\\((${IDENT})\\) FROM (?:SCHEMA\\(("[^"']+")((?:, ${IDENT})*)\\)|(${IDENT}))` +
        `(?: WHERE (${IDENT} = '[^'"]*'(?: AND ${IDENT} = '[^'"]*')*))?` +
        `(?: GROUP BY (${IDENT}(?:, ${IDENT})*))?(?: ORDER BY (AVG|COUNT|MAX|MIN|SUM)\\(\\) (ASC|DESC))?(?: LIMIT (\\d+))?$`,
);

export function isMetricsInsights(expression: string): boolean {
    return /^\s*SELECT\s/i.test(expression);
}

/** Reads back what renderMetricsInsights writes; anything else (unbalanced quotes included) is a problem. */
export function parseMetricsInsights(text: string): MetricsInsightsQuery | { problem: string } {
    const m = QUERY.exec(text);
    if (m === null) {
        const quotes = (text.match(/'/g) ?? []).length % 2 !== 0 ? " (unbalanced single quotes)" : "";
        return { problem: `is not a Metrics Insights query this project can check${quotes}: ${text}` };
    }
    const list = (s: string | undefined) => (s === undefined || s === "" ? [] : s.replace(/^, /, "").split(", ").map(unquote));
    const where = m[6] === undefined ? [] : m[6].split(" AND ").map((c) => /^(.+) = '(.*)'$/.exec(c)!);
    return {
        fn: m[1] as MetricsInsightsQuery["fn"],
        metricName: unquote(m[2]),
        namespace: unquote(m[3] ?? m[5]),
        schema: m[3] === undefined ? [] : list(m[4]),
        where: Object.fromEntries(where.map((c) => [unquote(c[1]), c[2]])),
        ...(m[7] === undefined ? {} : { groupBy: list(m[7]) }),
        ...(m[8] === undefined ? {} : { orderBy: { fn: m[8] as MetricsInsightsQuery["fn"], direction: m[9] as "ASC" | "DESC" } }),
        ...(m[10] === undefined ? {} : { limit: Number(m[10]) }),
    };
}
