import * as assert from "assert";
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import {
    buildQueryPlan,
    capacityDatums,
    computeCapacity,
    costPerInterval,
    evaluationWindow,
    gpuSeries,
    inBatches,
    MetricDatum,
} from "../../../lambdas/gpu-capacity/capacityModel";
import { putDatums } from "../../../lambdas/gpu-capacity/cloudWatchCalls";
import { publishCapacity } from "../../../lambdas/gpu-capacity/publisher";
import { metricDataResults, NOW, series, TARGET, TIMESTAMPS, WINDOW_END, WINDOW_START } from "./fixtures";

const cw = mockClient(CloudWatchClient);

function listed(gpuDimension = "GpuId") {
    cw.on(ListMetricsCommand, { Dimensions: [{ Name: "InferenceComponentName", Value: "genai-dev-summarizer" }] }).resolves({
        Metrics: [
            series("genai-dev-summarizer", "i-1", gpuDimension, "1"),
            series("genai-dev-summarizer", "i-1", gpuDimension, "0"),
            // An aggregate over GPUs: never counted, or the GPUs would count twice.
            {
                Namespace: "/aws/sagemaker/InferenceComponents",
                MetricName: "GPUUtilizationNormalized",
                Dimensions: [{ Name: "InferenceComponentName", Value: "genai-dev-summarizer" }],
            },
        ],
    });
    cw.on(ListMetricsCommand, { Dimensions: [{ Name: "InferenceComponentName", Value: "genai-dev-embedder" }] }).resolves({
        Metrics: [series("genai-dev-embedder", "i-1", gpuDimension, "2")],
    });
}

const logs: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
const log = {
    info: (message: string, fields?: Record<string, unknown>) => logs.push({ level: "info", message, fields }),
    error: (message: string, fields?: Record<string, unknown>) => logs.push({ level: "error", message, fields }),
};
const deps = (targets = [TARGET]) => ({
    cloudWatch: new CloudWatchClient({ region: "us-east-1" }),
    config: { targets, publisher: "gpu-capacity-dev" },
    now: () => NOW,
    log,
});

const gpuDims = (component: string, gpuDimension: string, gpu: string) => [
    { Name: gpuDimension, Value: gpu },
    { Name: "InferenceComponentName", Value: component },
    { Name: "InstanceId", Value: "i-1" },
];

describe("GPU-capacity publisher", () => {
    beforeEach(() => {
        cw.reset();
        cw.on(PutMetricDataCommand).resolves({});
        logs.length = 0;
    });

    it("discovers each component's per-GPU series with ListMetrics, the GPU dimension's name never assumed", async () => {
        for (const name of ["GpuId", "AcceleratorId"]) {
            cw.reset();
            cw.on(PutMetricDataCommand).resolves({});
            listed(name);
            cw.on(GetMetricDataCommand).resolves({ MetricDataResults: metricDataResults() });
            await publishCapacity(deps(), 60_000);
            assert.deepStrictEqual(
                cw.commandCalls(ListMetricsCommand).map((c) => c.args[0].input),
                ["genai-dev-summarizer", "genai-dev-embedder"].map((component) => ({
                    Namespace: "/aws/sagemaker/InferenceComponents",
                    MetricName: "GPUUtilizationNormalized",
                    Dimensions: [{ Name: "InferenceComponentName", Value: component }],
                    RecentlyActive: "PT3H",
                    NextToken: undefined,
                })),
            );
            const queried = cw
                .commandCalls(GetMetricDataCommand)[0]
                .args[0].input.MetricDataQueries!.map((q) => q.MetricStat!.Metric!.Dimensions);
            assert.deepStrictEqual(queried[1], gpuDims("genai-dev-summarizer", name, "0"));
        }
        assert.deepStrictEqual(gpuSeries([{ Dimensions: [{ Name: "InferenceComponentName", Value: "x" }] }]), { series: [] });
    });

    it("asks GetMetricData for SampleCount of the instances and SampleCount and Maximum of each GPU series, at the endpoint's period, over the last whole minute", async () => {
        listed();
        cw.on(GetMetricDataCommand).resolves({ MetricDataResults: metricDataResults() });
        await publishCapacity(deps(), 60_000);
        const calls = cw.commandCalls(GetMetricDataCommand);
        assert.strictEqual(calls.length, 1);
        const query = (Id: string, Namespace: string, MetricName: string, Dimensions: object[], Stat: string) => ({
            Id,
            MetricStat: { Metric: { Namespace, MetricName, Dimensions }, Period: 10, Stat },
            ReturnData: true,
        });
        const gpu = "/aws/sagemaker/InferenceComponents";
        assert.deepStrictEqual(calls[0].args[0].input, {
            MetricDataQueries: [
                query(
                    "i",
                    "/aws/sagemaker/Endpoints",
                    "CPUUtilizationNormalized",
                    [
                        { Name: "EndpointName", Value: "genai-dev" },
                        { Name: "VariantName", Value: "AllTraffic" },
                    ],
                    "SampleCount",
                ),
                query("c0n0", gpu, "GPUUtilizationNormalized", gpuDims("genai-dev-summarizer", "GpuId", "0"), "SampleCount"),
                query("c0x0", gpu, "GPUUtilizationNormalized", gpuDims("genai-dev-summarizer", "GpuId", "0"), "Maximum"),
                query("c0n1", gpu, "GPUUtilizationNormalized", gpuDims("genai-dev-summarizer", "GpuId", "1"), "SampleCount"),
                query("c0x1", gpu, "GPUUtilizationNormalized", gpuDims("genai-dev-summarizer", "GpuId", "1"), "Maximum"),
                query("c1n0", gpu, "GPUUtilizationNormalized", gpuDims("genai-dev-embedder", "GpuId", "2"), "SampleCount"),
                query("c1x0", gpu, "GPUUtilizationNormalized", gpuDims("genai-dev-embedder", "GpuId", "2"), "Maximum"),
            ],
            StartTime: WINDOW_START,
            EndTime: WINDOW_END,
            ScanBy: "TimestampAscending",
            NextToken: undefined,
        });
        assert.ok(!JSON.stringify(calls[0].args[0].input).includes("SEARCH"));
    });

    it("computes instances, GPUs in use, free and idle GPUs and each component's cost per interval", () => {
        const plan = buildQueryPlan(TARGET, [[gpuDims("s", "GpuId", "0"), gpuDims("s", "GpuId", "1")], [gpuDims("e", "GpuId", "2")]]);
        const values = new Map(metricDataResults().map((r) => [r.Id, new Map(r.Timestamps.map((t, i) => [t.getTime(), r.Values[i]]))]));
        const [first] = computeCapacity(TARGET, plan, values, [TIMESTAMPS[0].getTime()]);
        assert.deepStrictEqual(first, {
            timestamp: TIMESTAMPS[0].getTime(),
            instances: 1,
            gpuCapacity: 4,
            gpusInUse: 3,
            freeGpus: 1,
            idleGpus: 1,
            components: [
                { name: "genai-dev-summarizer", label: "Summarizer", gpusInUse: 2, idleGpus: 1, costUsd: (2 * 7.09) / 4 / 360 },
                { name: "genai-dev-embedder", label: "Embeddings", gpusInUse: 1, idleGpus: 0, costUsd: (1 * 7.09) / 4 / 360 },
            ],
        });
        // An hour of one whole instance costs its hourly price.
        assert.strictEqual(Math.round(costPerInterval(4, 7.09, 4, 10) * 360 * 1e9) / 1e9, 7.09);
        // No instance data at all: capacity 0, never negative free GPUs.
        const [empty] = computeCapacity(TARGET, plan, new Map(), [0]);
        assert.deepStrictEqual([empty.instances, empty.gpuCapacity, empty.gpusInUse, empty.freeGpus], [0, 0, 0, 0]);
    });

    it("publishes every interval at high resolution under EndpointName and InferenceComponentName, timestamps from the minute, then the error count", async () => {
        listed();
        cw.on(GetMetricDataCommand).resolves({ MetricDataResults: metricDataResults() });
        const summary = await publishCapacity(deps(), 60_000);
        assert.deepStrictEqual(
            logs.filter((l) => l.level === "error"),
            [],
        );
        assert.deepStrictEqual(summary, { endpoints: 1, datums: 66, errors: 0 });
        const puts = cw.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
        assert.deepStrictEqual(
            puts.map((p) => [p.Namespace, p.MetricData!.length]),
            [
                ["SageMakerMonitoring", 66],
                ["SageMakerMonitoring", 1],
            ],
        );
        const endpoint = { Name: "EndpointName", Value: "genai-dev" };
        const at = TIMESTAMPS[0];
        const d = (MetricName: string, Dimensions: object[], Value: number, Unit = "Count") => ({
            MetricName,
            Dimensions,
            Timestamp: at,
            Value,
            Unit,
            StorageResolution: 1,
        });
        const summarizer = [endpoint, { Name: "InferenceComponentName", Value: "genai-dev-summarizer" }];
        const embedder = [endpoint, { Name: "InferenceComponentName", Value: "genai-dev-embedder" }];
        assert.deepStrictEqual(puts[0].MetricData!.slice(0, 11), [
            d("Instances", [endpoint], 1),
            d("GpuCapacity", [endpoint], 4),
            d("GpusInUse", [endpoint], 3),
            d("FreeGpus", [endpoint], 1),
            d("IdleGpus", [endpoint], 1),
            d("GpusInUse", summarizer, 2),
            d("IdleGpus", summarizer, 1),
            d("CostUsd", summarizer, (2 * 7.09) / 4 / 360, "None"),
            d("GpusInUse", embedder, 1),
            d("IdleGpus", embedder, 0),
            d("CostUsd", embedder, (1 * 7.09) / 4 / 360, "None"),
        ]);
        assert.deepStrictEqual(
            puts[0].MetricData!.map((m) => m.Timestamp!.toISOString()).filter((t, i, all) => all.indexOf(t) === i),
            TIMESTAMPS.map((t) => t.toISOString()),
        );
        assert.deepStrictEqual(puts[1].MetricData, [
            {
                MetricName: "PublisherErrors",
                Dimensions: [{ Name: "Publisher", Value: "gpu-capacity-dev" }],
                Timestamp: new Date("2026-12-05T12:05:00Z"),
                Value: 0,
                Unit: "Count",
                StorageResolution: 60,
            },
        ]);
    });

    it("a retry in the same minute writes the same datapoints; at 60 s standard resolution", async () => {
        listed();
        cw.on(GetMetricDataCommand).resolves({ MetricDataResults: metricDataResults([WINDOW_START]) });
        const target = { ...TARGET, periodSeconds: 60 };
        await publishCapacity(deps([target]), 60_000);
        await publishCapacity({ ...deps([target]), now: () => new Date("2026-12-05T12:05:59Z") }, 60_000);
        const puts = cw.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
        assert.deepStrictEqual(puts[0], puts[2]);
        assert.deepStrictEqual(puts[1], puts[3]);
        assert.deepStrictEqual(
            [...new Set(puts[0].MetricData!.map((m) => `${m.Timestamp!.toISOString()} ${m.StorageResolution}`))],
            ["2026-12-05T12:02:00.000Z 60"],
        );
        assert.deepStrictEqual(evaluationWindow(new Date("2026-12-05T12:05:59Z"), 300), {
            start: new Date("2026-12-05T11:55:00Z"),
            end: new Date("2026-12-05T12:00:00Z"),
            timestamps: [Date.parse("2026-12-05T11:55:00Z")],
        });
    });

    it("logs and counts every error, publishes the count, and still publishes the other endpoints", async () => {
        listed();
        const broken = { ...TARGET, endpointName: "broken", components: [] };
        cw.on(GetMetricDataCommand, { StartTime: WINDOW_START }).callsFake(async (input) => {
            if (input.MetricDataQueries[0].MetricStat.Metric.Dimensions[0].Value === "broken") {
                throw Object.assign(new Error("Rate exceeded"), { name: "Throttling" });
            }
            return { MetricDataResults: metricDataResults() };
        });
        const summary = await publishCapacity(deps([broken, TARGET]), 60_000);
        assert.deepStrictEqual(summary, { endpoints: 2, datums: 66, errors: 1 });
        assert.deepStrictEqual(
            logs.filter((l) => l.level === "error"),
            [
                {
                    level: "error",
                    message: "endpoint evaluation failed",
                    fields: { endpointName: "broken", error: "Throttling: Rate exceeded" },
                },
                { level: "error", message: "run finished with errors", fields: { errors: 1 } },
            ],
        );
        const puts = cw.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
        assert.deepStrictEqual(puts[puts.length - 1].MetricData![0].Value, 1);
    });

    it("stops waiting at the deadline: a call still running is aborted and counted", async () => {
        listed();
        cw.on(GetMetricDataCommand).callsFake(() => new Promise(() => undefined));
        const summary = await publishCapacity(deps(), 3050);
        assert.deepStrictEqual(summary, { endpoints: 1, datums: 0, errors: 1 });
    });

    it("PutMetricData takes at most 1000 datums a request; a failed batch is counted and the others still go", async () => {
        const datums: MetricDatum[] = Array.from({ length: 2500 }, (_, i) => ({
            MetricName: "FreeGpus",
            Dimensions: [],
            Timestamp: new Date(i * 1000),
            Value: i,
            Unit: "Count",
            StorageResolution: 1,
        }));
        assert.deepStrictEqual(
            inBatches(datums, 1000).map((b) => b.length),
            [1000, 1000, 500],
        );
        let call = 0;
        cw.on(PutMetricDataCommand).callsFake(async () => {
            call += 1;
            if (call === 2) throw new Error("InternalFailure");
            return {};
        });
        const failed: number[] = [];
        const count = await putDatums(
            new CloudWatchClient({ region: "us-east-1" }),
            "SageMakerMonitoring",
            datums,
            new AbortController().signal,
            (_e, batch) => failed.push(batch),
        );
        assert.deepStrictEqual([count, failed], [1, [1]]);
        assert.deepStrictEqual(
            cw.commandCalls(PutMetricDataCommand).map((c) => [c.args[0].input.MetricData!.length, c.args[0].input.MetricData![0].Value]),
            [
                [1000, 0],
                [1000, 1000],
                [500, 2000],
            ],
        );
        assert.deepStrictEqual(capacityDatums(TARGET, []), []);
    });
});
