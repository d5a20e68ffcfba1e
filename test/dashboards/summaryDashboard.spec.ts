import * as assert from "assert";
import { dashboardProblems } from "../../dashboards/limits";
import { LogWidget, MetricWidget, widgetTitle } from "../../dashboards/model";
import { buildSummaryDashboard, planSummaryPages } from "../../dashboards/summaryDashboard";
import { ASYNC_INPUT } from "./goldenInputs";

describe("dashboards/summaryDashboard", () => {
    const built = buildSummaryDashboard({
        dashboardName: "sagemaker-monitoring-dev",
        stack: "dev",
        region: "us-east-1",
        endpoints: [
            { endpointName: "churn-dev", kind: "realtime", periodSeconds: 10, detailDashboardName: "churn-dev", alarms: [] },
            { endpointName: "churn-batch-dev", kind: "async", periodSeconds: 60, alarms: ASYNC_INPUT.alarms },
        ],
        forwarders: [
            {
                functionName: "arthur-churn-dev",
                logGroupName: "/aws/lambda/arthur-churn-dev",
                deadLetterQueueName: "arthur-churn-dev-dead-letters",
            },
        ],
    });

    it("has a header, one row per endpoint and one per forwarder, within CloudWatch's limits", () => {
        assert.deepStrictEqual(
            built.body.widgets.map((w) => [w.type, w.x, w.y, w.width, w.height, widgetTitle(w)]),
            [
                ["text", 0, 0, 24, 2, "Stack dev"],
                ["text", 0, 2, 6, 4, "churn-dev"],
                ["metric", 6, 2, 4, 4, "churn-dev: invocations"],
                ["metric", 10, 2, 4, 4, "churn-dev: 5XX"],
                ["metric", 14, 2, 4, 4, "churn-dev: ModelLatency (µs)"],
                ["text", 0, 6, 6, 4, "churn-batch-dev"],
                ["metric", 6, 6, 4, 4, "churn-batch-dev: backlog"],
                ["metric", 10, 6, 4, 4, "churn-batch-dev: oldest request (s)"],
                ["metric", 14, 6, 4, 4, "churn-batch-dev: failures"],
                ["alarm", 18, 6, 6, 4, "churn-batch-dev: alarms"],
                ["log", 0, 10, 12, 6, "arthur-churn-dev: inferences delivered and dead-lettered"],
                ["metric", 12, 10, 12, 6, "arthur-churn-dev: dead letters (arthur-churn-dev-dead-letters)"],
            ],
        );
        assert.deepStrictEqual(dashboardProblems(built.name, built.body), []);
    });

    it("sums variant-level metrics over the variants with Metrics Insights, at the endpoint's period", () => {
        const invocations = built.body.widgets[2] as MetricWidget;
        assert.deepStrictEqual(invocations.properties.metrics, [
            [
                {
                    expression: `SELECT SUM(Invocations) FROM SCHEMA("AWS/SageMaker", EndpointName, VariantName) WHERE EndpointName = 'churn-dev'`,
                    id: "all",
                    label: "Invocations",
                    period: 10,
                },
            ],
        ]);
        assert.deepStrictEqual((built.body.widgets[8] as MetricWidget).properties.annotations, {
            horizontal: [{ label: "churn-batch-dev-AllTraffic-InvocationFailures", value: 0, fill: "above" }],
        });
    });

    it("counts the forwarder's delivered and dead-lettered inferences from its summary lines", () => {
        assert.strictEqual(
            (built.body.widgets[10] as LogWidget).properties.query,
            `SOURCE '/aws/lambda/arthur-churn-dev' | filter message = "capture-forwarder summary" | stats sum(inferencesSent) as delivered, sum(deadLettered) as deadLettered by bin(5m)`,
        );
    });
});

describe("dashboards/summaryDashboard: pages", () => {
    it("plans whole rows over as few pages as 500 widgets allow: 99 endpoints a page (5 widgets each, 1 header), forwarders after", () => {
        assert.deepStrictEqual(planSummaryPages(2, 1), [{ endpoints: { start: 0, end: 2 }, forwarders: { start: 0, end: 1 } }]);
        assert.deepStrictEqual(planSummaryPages(200, 3), [
            { endpoints: { start: 0, end: 99 }, forwarders: { start: 0, end: 0 } },
            { endpoints: { start: 99, end: 198 }, forwarders: { start: 0, end: 0 } },
            { endpoints: { start: 198, end: 200 }, forwarders: { start: 0, end: 3 } },
        ]);
        assert.deepStrictEqual(planSummaryPages(99, 3), [
            { endpoints: { start: 0, end: 99 }, forwarders: { start: 0, end: 2 } },
            { endpoints: { start: 99, end: 99 }, forwarders: { start: 2, end: 3 } },
        ]);
        assert.deepStrictEqual(planSummaryPages(0, 0), [{ endpoints: { start: 0, end: 0 }, forwarders: { start: 0, end: 0 } }]);
    });

    it("links the other pages from each page's header, and a single page says nothing of pages", () => {
        const page = (dashboardName: string, pageNames?: string[]) =>
            buildSummaryDashboard({
                dashboardName,
                stack: "big",
                region: "us-east-1",
                endpoints: [],
                forwarders: [],
                ...(pageNames ? { pageNames } : {}),
            }).body.widgets[0].properties as { markdown: string };
        const names = ["sagemaker-monitoring-big", "sagemaker-monitoring-big-2"];
        assert.strictEqual(
            page(names[1], names).markdown,
            "# Stack big\n\n0 endpoints, 0 capture forwarders. Forwarder logs: none. Page 2 of 2: " +
                "[1](https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/sagemaker-monitoring-big) · 2.",
        );
        assert.strictEqual(page(names[0]).markdown, "# Stack big\n\n0 endpoints, 0 capture forwarders. Forwarder logs: none.");
    });
});
