import * as assert from "assert";
import { configProblems, loadConfig } from "../../support/stackConfig";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-gpu";
const entry = {
    name: "genai",
    kind: "inference-components",
    instanceType: "ml.g6.12xlarge",
    inferenceComponents: [{ name: "llm", model: { image: IMAGE }, acceleratorDevices: 2, minMemoryMb: 1024 }],
};

describe("stack file: inference-components entries", () => {
    it("reports GPU problems at stack-file paths, the stack's gpuCatalogue once at its own path", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [{ ...entry, instanceType: "ml.g7.xlarge", gpuAlarms: { minFreeGpus: -2 } }],
                gpuCatalogue: { "ml.g5.xlarge": { gpus: 0 } },
            }).map((p) => [p.propertyPath, p.reason.slice(0, 40)]),
            [
                ['sagemaker-monitoring:gpuCatalogue["ml.g5.xlarge"].gpus', "must be an integer >= 1 (got 0)"],
                ["sagemaker-monitoring:endpoints[0].gpuAlarms.minFreeGpus", "must be a number >= 0, or false to remov"],
                ["sagemaker-monitoring:endpoints[0].instanceType", "is a GPU instance type missing from the "],
            ],
        );
    });

    it("takes the one alarms block and autoRollback, refusing what the kind never publishes and realtime's traffic shifting", () => {
        const config = loadConfig({
            endpoints: [
                {
                    ...entry,
                    alarms: { maxModelLatencyP99Microseconds: { critical: 2000000, warning: 1000000 } },
                    autoRollback: { alarms: ["maxModelLatencyP99Microseconds"], maximumBatchSize: { type: "CAPACITY_PERCENT", value: 50 } },
                },
            ],
        });
        assert.deepStrictEqual(config.endpoints[0].alarms, { maxModelLatencyP99Microseconds: { critical: 2000000, warning: 1000000 } });
        assert.deepStrictEqual(config.endpoints[0].autoRollback, {
            alarms: ["maxModelLatencyP99Microseconds"],
            maximumBatchSize: { type: "CAPACITY_PERCENT", value: 50 },
        });
        assert.deepStrictEqual(
            configProblems({
                endpoints: [
                    {
                        ...entry,
                        alarms: { maxInvocationsPerInstancePerMinute: 10 },
                        autoRollback: { alarms: ["maxModelLatencyP99Microseconds"], trafficShifting: "LINEAR" },
                    },
                ],
            }).map((p) => [p.propertyPath, p.reason.slice(0, 60)]),
            [
                [
                    "sagemaker-monitoring:endpoints[0].autoRollback.trafficShifting",
                    "is not a known property (known: alarms, maximumBatchSize, ro",
                ],
                [
                    "sagemaker-monitoring:endpoints[0].alarms.maxInvocationsPerInstancePerMinute",
                    "is not an alarm of inference-component endpoints: Invocation",
                ],
            ],
        );
    });

    it("accepts a type the stack's gpuCatalogue supplies, and refuses realtime keys on the entry", () => {
        const config = loadConfig({
            endpoints: [{ ...entry, instanceType: "ml.g7.xlarge" }],
            gpuCatalogue: { "ml.g7.xlarge": { gpus: 8 } },
        });
        assert.deepStrictEqual(config.gpuCatalogue, { "ml.g7.xlarge": { gpus: 8 } });
        assert.deepStrictEqual(
            configProblems({ endpoints: [{ ...entry, model: { image: IMAGE } }] }).map((p) => p.propertyPath),
            ["sagemaker-monitoring:endpoints[0].model"],
        );
    });
});
