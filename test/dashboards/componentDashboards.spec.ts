import * as assert from "assert";
import { AsyncEndpoint } from "../../components/asyncEndpoint/AsyncEndpoint";
import { RealtimeEndpoint, RealtimeEndpointArgs } from "../../components/realtimeEndpoint/RealtimeEndpoint";
import { UnplacedWidget } from "../../dashboards/model";
import { declared, ofType } from "../support/pulumiMocks";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const ARGS: RealtimeEndpointArgs = {
    model: { image: IMAGE },
    instanceType: "ml.m5.large",
    captureDestination: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: KEY },
    metrics: { publishFrequencySeconds: 10 },
    stackName: "dev",
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
};
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

function inputErrors(fn: () => unknown): string[] {
    try {
        fn();
    } catch (error: any) {
        return error.errors.map((e: { propertyPath: string; reason: string }) => `${e.propertyPath}: ${e.reason}`);
    }
    throw new Error("expected an InputPropertiesError");
}

function graph(metrics: any[], title = "mine"): UnplacedWidget {
    return { type: "metric", width: 12, height: 6, properties: { title, view: "timeSeries", region: "us-east-1", metrics } };
}

describe("endpoint components' detail dashboards", () => {
    it("RealtimeEndpoint declares <name>-dashboard, named after the endpoint, periods at the publish frequency", async () => {
        const resources = await declared(() => new RealtimeEndpoint("churn", ARGS));
        const [dashboard] = ofType(resources, DASHBOARD);
        assert.deepStrictEqual([dashboard.name, dashboard.parent, dashboard.inputs.dashboardName], ["churn-dashboard", "churn", "churn"]);
        const body = JSON.parse(dashboard.inputs.dashboardBody);
        assert.deepStrictEqual(
            body.widgets.map((w: any) => [w.type, w.properties.title ?? w.properties.markdown.split("\n")[0], w.properties.period]),
            [
                ["text", "# Real-time endpoint churn", undefined],
                ["alarm", "Alarms of churn", undefined],
                ["metric", "Invocations", 10],
                ["metric", "Invocation errors (4XX, 5XX)", 10],
                ["metric", "ModelLatency (µs)", 10],
                ["metric", "OverheadLatency (µs)", 10],
                ["metric", "CPUUtilization per instance (%)", 10],
                ["metric", "MemoryUtilization per instance (%)", 10],
                ["metric", "DiskUtilization per instance (%)", 10],
            ],
        );
        assert.ok(
            body.widgets[0].properties.markdown.includes("[Capture s3://capture-bucket/datacapture/churn/]"),
            body.widgets[0].properties.markdown,
        );
    });

    it("AsyncEndpoint lists its alarms in an alarm-status widget, by exact ARN", async () => {
        const resources = await declared(
            () =>
                new AsyncEndpoint("scorer", {
                    ...ARGS,
                    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
                    alarms: { maxBacklogSize: 50 },
                }),
        );
        const body = JSON.parse(ofType(resources, DASHBOARD)[0].inputs.dashboardBody);
        const alarmWidget = body.widgets.find((w: any) => w.type === "alarm");
        assert.deepStrictEqual(alarmWidget.properties.alarms.slice(0, 2), [
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:scorer-ApproximateBacklogSize",
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:scorer-ApproximateAgeOfOldestRequest",
        ]);
        assert.deepStrictEqual(body.widgets.find((w: any) => w.properties.title === "Backlog size").properties.annotations, {
            horizontal: [{ label: "scorer-ApproximateBacklogSize", value: 50, fill: "above" }],
        });
    });

    it("dashboard: false declares none", async () => {
        const resources = await declared(() => new RealtimeEndpoint("churn", { ...ARGS, dashboard: false }));
        assert.deepStrictEqual(ofType(resources, DASHBOARD), []);
    });

    it("refuses a dashboard name outside CloudWatch's pattern, before anything is declared", () => {
        assert.deepStrictEqual(
            inputErrors(() => new RealtimeEndpoint("churn", { ...ARGS, dashboard: { name: "churn dashboard.v2" } })),
            [
                'dashboard.name: dashboard name must be 1-255 characters of A-Z, a-z, 0-9, "-" and "_" (got "churn dashboard.v2", 18 characters)',
            ],
        );
    });

    it("refuses extra widgets with an uppercase id, an undefined reference or a SEARCH over 1024 characters, at their paths", () => {
        const long = `SEARCH('{AWS/SageMaker,EndpointName} EndpointName="${"x".repeat(1000)}"', 'Sum', 60)`;
        const extraWidgets = [
            graph([["AWS/SageMaker", "Invocations", "EndpointName", "churn", { id: "m1" }], [{ expression: "m1 * 2", id: "Double" }]]),
            graph([[{ expression: "m1 + m2", id: "total" }]], "sum"),
            graph([[{ expression: long, id: "found" }]], "search"),
        ];
        assert.deepStrictEqual(
            inputErrors(() => new RealtimeEndpoint("churn", { ...ARGS, dashboard: { extraWidgets } })),
            [
                'dashboard.extraWidgets[0].properties.metrics[1][0].id: dashboard "churn", widget 8 "mine": id must start with a lowercase letter, then letters, digits or "_" (got "Double")',
                'dashboard.extraWidgets[1].properties.metrics[0][0].expression: dashboard "churn", widget 9 "sum": expression references "m1", "m2", not defined in this widget (defined: total)',
                'dashboard.extraWidgets[2].properties.metrics[0][0].expression: dashboard "churn", widget 10 "search": SEARCH query is 1044 characters; at most 1024',
            ],
        );
    });

    it("refuses more widgets than a dashboard may hold", () => {
        const extraWidgets = Array.from({ length: 495 }, (): UnplacedWidget => ({
            type: "text",
            width: 1,
            height: 1,
            properties: { markdown: "x" },
        }));
        assert.deepStrictEqual(
            inputErrors(() => new RealtimeEndpoint("churn", { ...ARGS, dashboard: { extraWidgets } })),
            ['dashboard.extraWidgets: dashboard "churn" has 503 widgets; CloudWatch allows at most 500'],
        );
    });
});
