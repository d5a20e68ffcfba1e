import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    InferenceComponentEndpoint,
    InferenceComponentEndpointArgs,
} from "../../../components/inferenceComponentEndpoint/InferenceComponentEndpoint";
import { buildComponentDeploymentConfig } from "../../../components/inferenceComponentEndpoint/rollback/componentDeploymentConfig";
import { inferenceComponentEndpointArgsProblems } from "../../../components/inferenceComponentEndpoint/validateInferenceComponentEndpointArgs";
import { loadStackConfig } from "../../../program/loadStackConfig";
import { readProject, readStackFile } from "../../../tools/synth/stackFile";
import { fixtureStackFile } from "../../support/fixtureStacks";
import { declaredWithDependencies } from "../../support/pulumiMocks";
import { NAMESPACE } from "../../support/stackConfig";
import { ROOT, synthStackOnce } from "../../support/synthCli";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-gpu";
const BASE: InferenceComponentEndpointArgs = {
    instanceType: "ml.g5.12xlarge",
    maxInstances: 2,
    inferenceComponents: [
        { name: "llm", model: { image: IMAGE }, acceleratorDevices: 2, minMemoryMb: 16384, copyCount: 2 },
        { name: "embedder", model: { image: IMAGE }, minMemoryMb: 4096 },
    ],
    captureDestination: {
        bucketName: "capture",
        prefix: "datacapture",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
    },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
    stackName: "dev",
};

/** The keys a GPU inference-component endpoint with every alarm at its default can roll back on. */
const ALLOWED =
    "one of this endpoint's alarm keys with a critical alarm: maxInvocation5XXErrorsPerMinute, maxInvocation4XXErrorRatePercent, " +
    "maxModelLatencyP99Microseconds, maxOverheadLatencyP99Microseconds, maxCpuUtilizationPercent";
const GPU_KEYS = ", maxGpuUtilizationPercent, maxGpuMemoryUtilizationPercent";

function problems(args: Partial<InferenceComponentEndpointArgs>) {
    return inferenceComponentEndpointArgsProblems("genai", { ...BASE, ...args });
}

describe("inference components: auto-rollback", () => {
    it("buildComponentDeploymentConfig: one copy per step and a 600 s bake by default; every field on request", () => {
        assert.deepStrictEqual(buildComponentDeploymentConfig({ alarms: ["x"] }, ["a", "b"]), {
            rollingUpdatePolicy: { maximumBatchSize: { type: "COPY_COUNT", value: 1 }, waitIntervalInSeconds: 600 },
            autoRollbackConfiguration: { alarms: [{ alarmName: "a" }, { alarmName: "b" }] },
        });
        assert.deepStrictEqual(
            buildComponentDeploymentConfig(
                {
                    alarms: ["x"],
                    maximumBatchSize: { type: "CAPACITY_PERCENT", value: 25 },
                    rollbackMaximumBatchSize: { type: "COPY_COUNT", value: 2 },
                    waitIntervalSeconds: 120,
                    maximumExecutionTimeoutSeconds: 3600,
                },
                ["a"],
            ).rollingUpdatePolicy,
            {
                maximumBatchSize: { type: "CAPACITY_PERCENT", value: 25 },
                waitIntervalInSeconds: 120,
                rollbackMaximumBatchSize: { type: "COPY_COUNT", value: 2 },
                maximumExecutionTimeoutInSeconds: 3600,
            },
        );
    });

    it("each component rolls back on its own alarms and the instances', never another component's, and waits for exactly those", async () => {
        const { resources, dependencies } = await declaredWithDependencies(
            () =>
                new InferenceComponentEndpoint("genai", {
                    ...BASE,
                    autoRollback: { alarms: ["maxInvocation5XXErrorsPerMinute", "maxCpuUtilizationPercent"], waitIntervalSeconds: 300 },
                }),
        );
        const components = resources.filter((r) => r.type === "aws-native:sagemaker:InferenceComponent");
        assert.deepStrictEqual(
            components.map((r) => [r.name, r.inputs.deploymentConfig]),
            ["embedder", "llm"].map((c) => [
                `genai-ic-${c}`,
                {
                    rollingUpdatePolicy: { maximumBatchSize: { type: "COPY_COUNT", value: 1 }, waitIntervalInSeconds: 300 },
                    autoRollbackConfiguration: {
                        alarms: [{ alarmName: `genai-${c}-Invocation5XXErrors` }, { alarmName: "genai-AllTraffic-CPUUtilization" }],
                    },
                },
            ]),
        );
        assert.deepStrictEqual(
            components.map((r) =>
                (dependencies.get(r.name) ?? [])
                    .filter((urn) => urn.includes("MetricAlarm"))
                    .map((urn) => urn.split("::").pop())
                    .sort(),
            ),
            [
                ["genai-alarm-cpu-utilization-AllTraffic", "genai-alarm-invocation5-xx-errors-embedder"],
                ["genai-alarm-cpu-utilization-AllTraffic", "genai-alarm-invocation5-xx-errors-llm"],
            ],
        );
    });

    it("without autoRollback no component has a deploymentConfig", async () => {
        const { resources } = await declaredWithDependencies(() => new InferenceComponentEndpoint("genai", BASE));
        assert.deepStrictEqual(
            resources.filter((r) => r.type === "aws-native:sagemaker:InferenceComponent").map((r) => r.inputs.deploymentConfig),
            [undefined, undefined],
        );
    });

    it("bad input: keys naming no critical alarm of this endpoint (off, warning-only, another kind's, GPU-only on CPU), sizes and times out of range", () => {
        const allowed = `${ALLOWED}${GPU_KEYS}`;
        assert.deepStrictEqual(
            problems({
                alarms: { maxDiskUtilizationPercent: false, maxMemoryUtilizationPercent: { warning: 80 } },
                autoRollback: {
                    alarms: [
                        "maxInvocationsPerInstancePerMinute",
                        "maxDiskUtilizationPercent",
                        "maxMemoryUtilizationPercent",
                        "minFreeGpus",
                        "maxModelLatencyP99Microseconds",
                        "maxModelLatencyP99Microseconds",
                    ],
                    maximumBatchSize: { type: "CAPACITY_PERCENT", value: 60 },
                    rollbackMaximumBatchSize: { type: "COPIES" as "COPY_COUNT", value: 1 },
                    waitIntervalSeconds: 3601,
                    maximumExecutionTimeoutSeconds: 300,
                },
            }),
            [
                { propertyPath: "autoRollback.alarms[0]", reason: `must be ${allowed} (got "maxInvocationsPerInstancePerMinute")` },
                {
                    propertyPath: "autoRollback.alarms[1]",
                    reason: `must name an alarm this endpoint declares: alarms.maxDiskUtilizationPercent is false, so the alarm does not exist; ${allowed}`,
                },
                {
                    propertyPath: "autoRollback.alarms[2]",
                    reason: `must name an alarm this endpoint declares: alarms.maxMemoryUtilizationPercent sets no critical level, and only critical alarms roll back; ${allowed}`,
                },
                { propertyPath: "autoRollback.alarms[3]", reason: `must be ${allowed} (got "minFreeGpus")` },
                { propertyPath: "autoRollback.alarms", reason: 'must not repeat a value (repeated: "maxModelLatencyP99Microseconds")' },
                {
                    propertyPath: "autoRollback.maximumBatchSize.value",
                    reason: "must be an integer from 5 to 50 with type CAPACITY_PERCENT, a percent of the component's copies (got 60)",
                },
                {
                    propertyPath: "autoRollback.rollbackMaximumBatchSize.type",
                    reason: 'must be one of "COPY_COUNT", "CAPACITY_PERCENT" (got "COPIES")',
                },
                { propertyPath: "autoRollback.waitIntervalSeconds", reason: "must be an integer from 0 to 3600 (got 3601)" },
                { propertyPath: "autoRollback.maximumExecutionTimeoutSeconds", reason: "must be an integer from 600 to 28800 (got 300)" },
            ],
        );
        assert.deepStrictEqual(
            problems({
                instanceType: "ml.m5.xlarge",
                inferenceComponents: [{ name: "a", model: { image: IMAGE }, minMemoryMb: 1024 }],
                autoRollback: { alarms: ["maxGpuUtilizationPercent"], maximumBatchSize: { type: "COPY_COUNT", value: 0 } },
            }),
            [
                {
                    propertyPath: "autoRollback.alarms[0]",
                    reason:
                        "must name an alarm this endpoint declares: no variant of this endpoint gets that alarm (GPU alarms need a GPU instance type); " +
                        `${ALLOWED}, maxMemoryUtilizationPercent, maxDiskUtilizationPercent`,
                },
                { propertyPath: "autoRollback.maximumBatchSize.value", reason: "must be an integer >= 1 (got 0)" },
            ],
        );
        assert.deepStrictEqual(problems({ autoRollback: { alarms: [] } }), [
            {
                propertyPath: "autoRollback.alarms",
                reason: "must be a non-empty list of this endpoint's alarm keys, e.g. [maxInvocation5XXErrorsPerMinute]",
            },
        ]);
        assert.deepStrictEqual(problems({ autoRollback: "yes" as never }), [
            {
                propertyPath: "autoRollback",
                reason: "must be an object: { alarms, maximumBatchSize, rollbackMaximumBatchSize, waitIntervalSeconds, maximumExecutionTimeoutSeconds }",
            },
        ]);
    });

    describe("the dev fixture stack", function () {
        this.timeout(120000);

        it("genai-dev's components roll back on their own 5xx and p99 model-latency alarms", async () => {
            const run = await synthStackOnce("dev");
            assert.strictEqual(run.status, 0, run.stderr);
            const resources: { type: string; name: string; inputs: Record<string, unknown> }[] = JSON.parse(
                fs.readFileSync(path.join(run.dir, "resources.json"), "utf8"),
            );
            assert.deepStrictEqual(
                resources
                    .filter((r) => r.type === "aws-native:sagemaker:InferenceComponent")
                    .map((r) => [r.inputs.inferenceComponentName, r.inputs.deploymentConfig]),
                ["embedder", "summarizer"].map((c) => [
                    `genai-dev-${c}`,
                    {
                        autoRollbackConfiguration: {
                            alarms: [{ alarmName: `genai-dev-${c}-Invocation5XXErrors` }, { alarmName: `genai-dev-${c}-ModelLatencyP99` }],
                        },
                        rollingUpdatePolicy: { maximumBatchSize: { type: "COPY_COUNT", value: 1 }, waitIntervalInSeconds: 600 },
                    },
                ]),
            );
        });

        it("reports a bad rollback key at its stack-file path", () => {
            const { config } = readStackFile(fixtureStackFile("dev"), readProject(ROOT));
            const key = `${NAMESPACE}:endpoints`;
            const endpoints = JSON.parse(config[key]);
            assert.strictEqual(endpoints[2].name, "genai-dev");
            endpoints[2].autoRollback.alarms[0] = "maxInvocationsPerInstancePerMinute";
            assert.throws(
                () => loadStackConfig(() => ({ ...config, [key]: JSON.stringify(endpoints) }), NAMESPACE),
                (error: { errors: unknown }) => {
                    assert.deepStrictEqual(error.errors, [
                        {
                            propertyPath: "sagemaker-monitoring:endpoints[2].autoRollback.alarms[0]",
                            reason: `must be ${ALLOWED}, maxMemoryUtilizationPercent, maxDiskUtilizationPercent${GPU_KEYS} (got "maxInvocationsPerInstancePerMinute")`,
                        },
                    ]);
                    return true;
                },
            );
        });
    });
});
