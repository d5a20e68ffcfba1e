import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { synthStackOnce } from "../support/synthCli";

/** What issue 11 says the synthesized stacks must show for GPU endpoints. */
describe("offline synth: GPU endpoints (dev and prod fixtures)", function () {
    this.timeout(120000);
    const read = async (stack: "dev" | "prod", file: string) => {
        const run = await synthStackOnce(stack);
        assert.strictEqual(run.status, 0, run.stderr);
        return JSON.parse(fs.readFileSync(path.join(run.dir, file), "utf8"));
    };

    it("dev has two InferenceComponents, the publisher Lambda on a one-minute schedule, and a free-GPU alarm treating missing data as breaching", async () => {
        const resources: any[] = await read("dev", "resources.json");
        const ofType = (type: string) => resources.filter((r) => r.type === type);
        assert.deepStrictEqual(
            ofType("aws-native:sagemaker:InferenceComponent").map((r) => r.inputs.inferenceComponentName),
            ["genai-dev-embedder", "genai-dev-summarizer"],
        );
        assert.deepStrictEqual(
            ofType("aws:lambda/function:Function").map((r) => r.name),
            ["arthur-churn-dev-function", "gpu-capacity-function"],
        );
        assert.deepStrictEqual(
            ofType("aws:cloudwatch/eventRule:EventRule").map((r) => [r.name, r.inputs.scheduleExpression]),
            [["gpu-capacity-schedule", "rate(1 minute)"]],
        );
        const free = ofType("aws:cloudwatch/metricAlarm:MetricAlarm").find((r) => r.name === "genai-dev-alarm-free-gpus");
        assert.deepStrictEqual(
            [free.inputs.namespace, free.inputs.metricName, free.inputs.dimensions, free.inputs.treatMissingData],
            ["SageMakerMonitoring", "FreeGpus", { EndpointName: "genai-dev" }, "breaching"],
        );
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: no alarm has a metric query containing SEARCH, and the pack reports no violation`, async () => {
            const resources: any[] = await read(stack, "resources.json");
            const alarms = resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
            assert.ok(alarms.length > 0);
            assert.deepStrictEqual(
                alarms.filter((a) => JSON.stringify(a.inputs).includes("SEARCH")).map((a) => a.name),
                [],
            );
            assert.deepStrictEqual(await read(stack, "policy.json"), { violations: [] });
        });
    }
});
