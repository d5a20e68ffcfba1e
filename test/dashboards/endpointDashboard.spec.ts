import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { buildEndpointDashboard, EndpointDashboardInput } from "../../dashboards/endpointDashboard";
import { parseMath } from "../../dashboards/expressions/parseMath";
import { searchCalls } from "../../dashboards/expressions/mathAst";
import { parseSearchQuery } from "../../dashboards/expressions/search";
import { dashboardProblems } from "../../dashboards/limits";
import { DashboardBody, isExpressionEntry, MetricWidget } from "../../dashboards/model";
import { ASYNC_INPUT, GPU_INPUT, REALTIME_INPUT } from "./goldenInputs";

const GOLDENS = path.join(__dirname, "..", "fixtures", "dashboards");

function expressions(body: DashboardBody): string[] {
    return body.widgets
        .filter((w): w is MetricWidget => w.type === "metric")
        .flatMap((w) => w.properties.metrics.filter(isExpressionEntry).map((e) => e[0].expression));
}

const CASES: [string, EndpointDashboardInput][] = [
    ["realtime", REALTIME_INPUT],
    ["async", ASYNC_INPUT],
    ["gpu", GPU_INPUT],
];

describe("dashboards/endpointDashboard", () => {
    for (const [file, input] of CASES) {
        describe(`${file} endpoint ${input.endpointName}`, () => {
            const built = buildEndpointDashboard(input);

            it(`matches the reviewed body in test/fixtures/dashboards/${file}.json exactly`, () => {
                assert.deepStrictEqual(built.body, JSON.parse(fs.readFileSync(path.join(GOLDENS, `${file}.json`), "utf8")));
                assert.strictEqual(built.name, input.dashboardName);
            });

            it("passes every limit check, and every SEARCH names the endpoint or one of its inference components", () => {
                assert.deepStrictEqual(dashboardProblems(built.name, built.body), []);
                const named = [input.endpointName, ...(input.gpu?.inferenceComponents.map((c) => c.name) ?? [])];
                for (const expression of expressions(built.body)) {
                    for (const search of searchCalls(parseMath(expression))) {
                        const query = search.args[0];
                        const parsed = query.kind === "string" ? parseSearchQuery(query.value) : { problem: "no query" };
                        assert.ok(!("problem" in parsed), expression);
                        const terms = "problem" in parsed ? {} : parsed.terms;
                        assert.ok(named.includes(terms.EndpointName ?? terms.InferenceComponentName ?? ""), expression);
                    }
                }
            });

            it(`graphs every metric at the endpoint's publish frequency (${input.periodSeconds} s)`, () => {
                const periods = built.body.widgets.filter((w): w is MetricWidget => w.type === "metric").map((w) => w.properties.period);
                assert.deepStrictEqual([...new Set(periods)], [input.periodSeconds]);
            });
        });
    }

    it("draws a threshold line on the graph of every alarmed metric, shaded on the side that fires", () => {
        const annotated = buildEndpointDashboard(ASYNC_INPUT)
            .body.widgets.filter((w): w is MetricWidget => w.type === "metric" && w.properties.annotations !== undefined)
            .map((w) => [w.properties.title, w.properties.annotations]);
        assert.deepStrictEqual(annotated, [
            ["Backlog size", { horizontal: [{ label: "churn-batch-dev-ApproximateBacklogSize", value: 50, fill: "above" }] }],
            ["Failures", { horizontal: [{ label: "churn-batch-dev-AllTraffic-InvocationFailures", value: 0, fill: "above" }] }],
        ]);
    });

    it("holds a RUNNING_SUM cost series per inference component on a GPU endpoint", () => {
        const cumulative = buildEndpointDashboard(GPU_INPUT)
            .body.widgets.filter((w): w is MetricWidget => w.type === "metric")
            .flatMap((w) =>
                w.properties.metrics
                    .filter(isExpressionEntry)
                    .filter((e) => e[0].expression.startsWith("RUNNING_SUM("))
                    .map(() => w.properties.title),
            );
        assert.deepStrictEqual(cumulative, ["llama-8b: cost (USD)", "mistral-7b: cost (USD)"]);
    });

    it("appends extra widgets as a last row and counts the built-in ones", () => {
        const extra = { type: "text" as const, width: 24, height: 2, properties: { markdown: "# Runbook" } };
        const built = buildEndpointDashboard({ ...REALTIME_INPUT, extraWidgets: [extra] });
        assert.strictEqual(built.builtInWidgetCount, 9);
        assert.deepStrictEqual(built.body.widgets.slice(9), [{ ...extra, x: 0, y: 16 }]);
    });
});
