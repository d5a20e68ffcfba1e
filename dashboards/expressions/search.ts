import { call, MathNode, num, renderMath, str } from "./mathAst";

/**
 * `SEARCH('{Namespace,Dim1,...} Key="value" ...', 'Statistic', period)`. The query is ONE string in
 * single quotes; inside it, names and values are in double quotes. A single quote inside the query
 * would end the string early (AWS's own GPU sample does exactly that and cannot run), so values
 * with quotes or backslashes are refused rather than escaped: CloudWatch documents no escape.
 */
export interface SearchQuery {
    namespace: string;
    /** The metric schema's dimension names: only series with exactly these dimensions match. */
    dimensions: readonly string[];
    /** Exact-match terms, `Key="value"`, e.g. `{ MetricName: "CPUUtilization", EndpointName: "churn" }`. */
    terms: Readonly<Record<string, string>>;
}

/** CloudWatch's limit on a SEARCH query string. */
export const MAX_SEARCH_QUERY_LENGTH = 1024;

const PLAIN_NAME = /^[A-Za-z0-9_]+$/;
const FORBIDDEN = /['"\\\n\r\t]/;

/** Why `value` cannot appear in a search query, or undefined. */
export function searchValueProblem(value: string): string | undefined {
    return FORBIDDEN.test(value)
        ? `must not contain quotes, backslashes or line breaks, which a SEARCH query cannot carry (got ${JSON.stringify(value)})`
        : undefined;
}

function quoted(name: string): string {
    return PLAIN_NAME.test(name) ? name : `"${name}"`;
}

/** The query text between SEARCH's single quotes. Throws on a value it cannot carry (a builder bug). */
export function renderSearchQuery(query: SearchQuery): string {
    const all = [query.namespace, ...query.dimensions, ...Object.entries(query.terms).flat()];
    for (const value of all) {
        const problem = searchValueProblem(value);
        if (problem !== undefined) {
            throw new Error(`SEARCH query value ${problem}`);
        }
    }
    const schema = `{${[query.namespace, ...query.dimensions].map(quoted).join(",")}}`;
    const terms = Object.entries(query.terms).map(([key, value]) => `${key}="${value}"`);
    return [schema, ...terms].join(" ");
}

/** A SEARCH call as a math node, to nest in other expressions. */
export function searchNode(query: SearchQuery, statistic: string, periodSeconds: number): MathNode {
    return call("SEARCH", str(renderSearchQuery(query)), str(statistic), num(periodSeconds));
}

export function searchExpression(query: SearchQuery, statistic: string, periodSeconds: number): string {
    return renderMath(searchNode(query, statistic, periodSeconds));
}

/** Quoting any search query needs: balanced double quotes and braces, no single quote (it would end the string). */
export function searchQueryQuotingProblem(text: string): string | undefined {
    if ((text.match(/"/g) ?? []).length % 2 !== 0) {
        return `has unbalanced double quotes: ${text}`;
    }
    const outsideQuotes = text.replace(/"[^"]*"/g, "");
    if ((outsideQuotes.match(/\{/g) ?? []).length !== (outsideQuotes.match(/\}/g) ?? []).length) {
        return `has unbalanced braces around its metric schema: ${text}`;
    }
    return undefined;
}

/** What a search query string holds: the schema and the exact-match terms, or why it is malformed. */
export function parseSearchQuery(text: string): SearchQuery | { problem: string } {
    const quoting = searchQueryQuotingProblem(text);
    if (quoting !== undefined) {
        return { problem: quoting };
    }
    const match = /^\{([^}]*)\}((?: [A-Za-z0-9_.:]+="[^"]*")*)$/.exec(text);
    if (match === null) {
        return { problem: `is not "{Namespace,Dimension,...} Key=\\"value\\" ...": ${text}` };
    }
    const names = match[1].split(",").map((n) => n.replace(/^"(.*)"$/, "$1"));
    const terms = Object.fromEntries([...match[2].matchAll(/ ([A-Za-z0-9_.:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    return { namespace: names[0], dimensions: names.slice(1), terms };
}
