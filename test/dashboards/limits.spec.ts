import * as assert from "assert";
import { layoutRows, WIDTHS } from "../../dashboards/layout";
import { dashboardProblems } from "../../dashboards/limits";
import { DashboardBody, MetricWidget, UnplacedWidget } from "../../dashboards/model";

function graph(title: string, metrics: MetricWidget["properties"]["metrics"], width = 6): UnplacedWidget {
    return {
        type: "metric",
        width,
        height: 6,
        properties: { title, view: "timeSeries", region: "us-east-1", period: 60, stat: "Sum", metrics },
    };
}

const TEXT: UnplacedWidget = { type: "text", width: 24, height: 2, properties: { markdown: "# Header\n\ntext" } };

describe("dashboards/layout", () => {
    it("packs rows left to right, wraps at 24 columns, and stacks rows by their tallest widget", () => {
        const placed = layoutRows([[TEXT], [graph("a", []), graph("b", [], 12), graph("c", [], 12)], [graph("d", [], 8)]]);
        assert.deepStrictEqual(
            placed.map((w) => [w.x, w.y, w.width, w.height]),
            [
                [0, 0, 24, 2],
                [0, 2, 6, 6],
                [6, 2, 12, 6],
                [0, 8, 12, 6],
                [0, 14, 8, 6],
            ],
        );
        assert.deepStrictEqual(WIDTHS, { full: 24, half: 12, third: 8, quarter: 6, sixth: 4 });
    });
});

describe("dashboards/limits", () => {
    it("accepts a body the layout built", () => {
        const body: DashboardBody = {
            widgets: layoutRows([[TEXT], [graph("a", [["AWS/SQS", "NumberOfMessagesSent", "QueueName", "q"]])]]),
        };
        assert.deepStrictEqual(dashboardProblems("ok-name_1", body), []);
    });

    it("names the dashboard pattern and length", () => {
        assert.deepStrictEqual(dashboardProblems("churn dev", { widgets: [] }), [
            {
                propertyPath: "dashboardName",
                reason: 'dashboard name must be 1-255 characters of A-Z, a-z, 0-9, "-" and "_" (got "churn dev", 9 characters)',
            },
        ]);
        assert.strictEqual(dashboardProblems("a".repeat(256), { widgets: [] }).length, 1);
        assert.deepStrictEqual(dashboardProblems("a".repeat(255), { widgets: [] }), []);
    });

    it("counts widgets and metrics per widget and per dashboard", () => {
        const entry = (i: number): [string, string, string, string] => ["AWS/SQS", "NumberOfMessagesSent", "QueueName", `q${i}`];
        const crowded = graph(
            "crowded",
            Array.from({ length: 501 }, (_, i) => entry(i)),
            1,
        );
        const many = layoutRows([Array.from({ length: 501 }, () => ({ ...TEXT, width: 1, height: 1 }))]);
        const problems = dashboardProblems("d", {
            widgets: [...many.slice(0, 500), ...layoutRows([[], [], [crowded]]).map((w) => ({ ...w, y: 1000 }))],
        });
        assert.deepStrictEqual(
            problems.map((p) => `${p.propertyPath}: ${p.reason}`),
            [
                'widgets: dashboard "d" has 501 widgets; CloudWatch allows at most 500',
                'widgets[500].properties.metrics: dashboard "d", widget 500 "crowded": has 501 metrics and expressions; at most 500',
            ],
        );
        const fat = Array.from({ length: 6 }, (_, w) =>
            graph(
                `g${w}`,
                Array.from({ length: 450 }, (_, i) => entry(i)),
                4,
            ),
        );
        assert.deepStrictEqual(
            dashboardProblems("d", { widgets: layoutRows([fat]) }).map((p) => p.reason),
            ['dashboard "d" has 2700 metrics and expressions; at most 2500'],
        );
    });

    it("checks widths, placement and overlaps", () => {
        const a = { ...layoutRows([[graph("a", [])]])[0] };
        const wide = { ...a, x: 20, width: 25 };
        const overlapping = { ...a, x: 3, properties: { ...(a as MetricWidget).properties, title: "b" } };
        assert.deepStrictEqual(
            dashboardProblems("d", { widgets: [a, wide as typeof a, overlapping as typeof a] }).map(
                (p) => `${p.propertyPath}: ${p.reason}`,
            ),
            [
                'widgets[1].width: dashboard "d", widget 1 "a": width must be an integer 1-24 (got 25)',
                'widgets[1].x: dashboard "d", widget 1 "a": x must be an integer from 0 with x + width at most 24 (got x 20, width 25)',
                'widgets[2]: dashboard "d", widget 2 "b" overlaps widget 0 "a" (x 3, y 0, 6x6 against x 0, y 0, 6x6)',
            ],
        );
    });

    it("checks expression ids, references, lengths and SEARCH quoting, at the path a caller maps", () => {
        const longQuery = `{AWS/SQS,QueueName} QueueName="${"q".repeat(1000)}"`;
        const widget = graph("user graph", [
            ["AWS/SQS", "NumberOfMessagesSent", "QueueName", "q", { id: "m1" }],
            [{ expression: "m1 * 2", id: "Total" }],
            [{ expression: "m1 + missing", id: "sum" }],
            [{ expression: "m1 * 3", id: "sum" }],
            [{ expression: `SEARCH('${longQuery}', 'Sum', 60)`, id: "search1" }],
            [{ expression: `SEARCH('{AWS/SQS,QueueName} QueueName="q', 'Sum', 60)`, id: "search2" }],
            [{ expression: `m1 + ${"1 + ".repeat(600)}1`, id: "long" }],
        ]);
        const problems = dashboardProblems("d", { widgets: layoutRows([[widget]]) }, { widgetPath: (i) => `extraWidgets[${i}]` });
        assert.deepStrictEqual(
            problems.map((p) => `${p.propertyPath}: ${p.reason.replace('dashboard "d", widget 0 "user graph": ', "")}`),
            [
                'extraWidgets[0].properties.metrics[1][0].id: id must start with a lowercase letter, then letters, digits or "_" (got "Total")',
                'extraWidgets[0].properties.metrics[3][0].id: id "sum" is used twice; ids must be unique within a widget',
                'extraWidgets[0].properties.metrics[2][0].expression: expression references "missing", not defined in this widget (defined: m1, Total, sum, search1, search2, long)',
                "extraWidgets[0].properties.metrics[4][0].expression: SEARCH query is 1032 characters; at most 1024",
                `extraWidgets[0].properties.metrics[5][0].expression: SEARCH query has unbalanced double quotes: {AWS/SQS,QueueName} QueueName="q`,
                "extraWidgets[0].properties.metrics[6][0].expression: expression is 2406 characters; at most 2048",
            ],
        );
    });
});
