import * as assert from "assert";
import { InferenceComponentEndpoint } from "../../../components/inferenceComponentEndpoint/InferenceComponentEndpoint";
import { buildComponentAlarmDefinitions } from "../../../components/inferenceComponentEndpoint/componentAlarms";
import { inferenceComponentEndpointArgsProblems } from "../../../components/inferenceComponentEndpoint/validateInferenceComponentEndpointArgs";
import { InferenceComponentEndpointArgs } from "../../../components/inferenceComponentEndpoint/inferenceComponentEndpointArgs";
import { declared, ofType } from "../../support/pulumiMocks";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-gpu";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
const PAGER = "arn:aws:sns:us-east-1:123456789012:pager";
const CHAT = "arn:aws:sns:us-east-1:123456789012:chat";

const args: InferenceComponentEndpointArgs = {
    instanceType: "ml.g5.12xlarge",
    maxInstances: 2,
    inferenceComponents: [{ name: "llm", model: { image: IMAGE }, acceleratorDevices: 2, minMemoryMb: 16384 }],
    captureDestination: {
        bucketName: "capture-bucket",
        prefix: "datacapture",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
    },
    metrics: { publishFrequencySeconds: 10 },
    alarmTopicArn: TOPIC,
    stackName: "dev",
};

/** What each MetricAlarm watches and when it fires, by physical name; actions, names and runbooks are asserted separately. */
type Watch = [string, string, Record<string, string>, Record<string, string>, number, number, number, number, string, string];
const watchOf = (i: Record<string, any>): Watch => [
    i.namespace,
    i.metricName,
    i.dimensions,
    i.statistic === undefined ? { extendedStatistic: i.extendedStatistic } : { statistic: i.statistic },
    i.period,
    i.evaluationPeriods,
    i.datapointsToAlarm,
    i.threshold,
    i.comparisonOperator,
    i.treatMissingData,
];

const IC = { InferenceComponentName: "genai-llm" };
const VARIANT = { EndpointName: "genai", VariantName: "AllTraffic" };
const ENDPOINT = { EndpointName: "genai" };
const GT = "GreaterThanThreshold";

describe("inference-component endpoint alarms", () => {
    it("the real-time alarms per component (InferenceComponentName) and per instance (EndpointName + VariantName), and the GPU alarms: exact inputs", async () => {
        const resources = await declared(() => new InferenceComponentEndpoint("genai", args));
        const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const plain = Object.fromEntries(
            alarms.filter((a) => a.inputs.metricQueries === undefined).map((a) => [a.inputs.name, watchOf(a.inputs)]),
        );
        assert.deepStrictEqual(plain, {
            "genai-llm-Invocation5XXErrors": [
                "AWS/SageMaker",
                "Invocation5XXErrors",
                IC,
                { statistic: "Sum" },
                60,
                1,
                1,
                0,
                GT,
                "notBreaching",
            ],
            "genai-llm-ModelLatencyP99": [
                "AWS/SageMaker",
                "ModelLatency",
                IC,
                { extendedStatistic: "p99" },
                60,
                5,
                3,
                1000000,
                GT,
                "notBreaching",
            ],
            "genai-llm-OverheadLatencyP99": [
                "AWS/SageMaker",
                "OverheadLatency",
                IC,
                { extendedStatistic: "p99" },
                60,
                5,
                3,
                100000,
                GT,
                "notBreaching",
            ],
            // 48 vCPUs and 4 GPUs: CloudWatch sums 100 per vCPU and per GPU.
            "genai-AllTraffic-CPUUtilization": [
                "/aws/sagemaker/Endpoints",
                "CPUUtilization",
                VARIANT,
                { statistic: "Maximum" },
                60,
                5,
                5,
                4320,
                GT,
                "notBreaching",
            ],
            "genai-AllTraffic-MemoryUtilization": [
                "/aws/sagemaker/Endpoints",
                "MemoryUtilization",
                VARIANT,
                { statistic: "Maximum" },
                60,
                5,
                5,
                90,
                GT,
                "notBreaching",
            ],
            "genai-AllTraffic-DiskUtilization": [
                "/aws/sagemaker/Endpoints",
                "DiskUtilization",
                VARIANT,
                { statistic: "Maximum" },
                60,
                5,
                5,
                70,
                GT,
                "notBreaching",
            ],
            "genai-AllTraffic-GPUUtilization": [
                "/aws/sagemaker/Endpoints",
                "GPUUtilization",
                VARIANT,
                { statistic: "Maximum" },
                60,
                5,
                5,
                360,
                GT,
                "notBreaching",
            ],
            "genai-AllTraffic-GPUMemoryUtilization": [
                "/aws/sagemaker/Endpoints",
                "GPUMemoryUtilization",
                VARIANT,
                { statistic: "Maximum" },
                60,
                5,
                5,
                360,
                GT,
                "notBreaching",
            ],
            "genai-FreeGpus": [
                "SageMakerMonitoring",
                "FreeGpus",
                ENDPOINT,
                { statistic: "Minimum" },
                60,
                3,
                3,
                1,
                "LessThanThreshold",
                "breaching",
            ],
            "genai-IdleGpus": ["SageMakerMonitoring", "IdleGpus", ENDPOINT, { statistic: "Minimum" }, 60, 15, 15, 0, GT, "notBreaching"],
        });
        const rate = alarms.find((a) => a.inputs.name === "genai-llm-Invocation4XXErrorRate")!.inputs;
        assert.deepStrictEqual(
            { ...rate, alarmDescription: undefined, tags: undefined },
            {
                name: "genai-llm-Invocation4XXErrorRate",
                alarmDescription: undefined,
                metricQueries: [
                    {
                        id: "errors",
                        metric: { namespace: "AWS/SageMaker", metricName: "Invocation4XXErrors", dimensions: IC, stat: "Sum", period: 60 },
                        returnData: false,
                    },
                    {
                        id: "invocations",
                        metric: { namespace: "AWS/SageMaker", metricName: "Invocations", dimensions: IC, stat: "Sum", period: 60 },
                        returnData: false,
                    },
                    {
                        id: "expression",
                        expression: "IF(invocations > 0, 100 * errors / invocations, 0)",
                        label: "Invocation4XXErrors per Invocations (%)",
                        returnData: true,
                    },
                ],
                evaluationPeriods: 5,
                datapointsToAlarm: 3,
                threshold: 5,
                comparisonOperator: GT,
                treatMissingData: "notBreaching",
                alarmActions: [TOPIC],
                okActions: [TOPIC],
                tags: undefined,
            },
        );
        for (const alarm of alarms) {
            assert.deepStrictEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[TOPIC], [TOPIC]], alarm.name);
        }
        assert.strictEqual(
            alarms.find((a) => a.inputs.name === "genai-llm-Invocation5XXErrors")!.inputs.alarmDescription,
            "Inference component llm (genai-llm) of inference-component endpoint genai: requests were answered with a 5xx error (Invocation5XXErrors) in a 60-second period: the model container failed or was unreachable. " +
                "Check the container logs in /aws/sagemaker/InferenceComponents/genai-llm for exceptions and restarts, MemoryUtilization, and whether a deployment just started (roll it back).",
        );
    });

    it("warning levels and the endpoint's extra actions per level, on the GPU alarms as on the others; false removes an alarm", async () => {
        const resources = await declared(
            () =>
                new InferenceComponentEndpoint("genai", {
                    ...args,
                    gpuAlarms: { minFreeGpus: { critical: 1, warning: 2 }, maxIdleGpus: false },
                    alarms: {
                        maxModelLatencyP99Microseconds: { critical: 2_000_000, warning: 1_000_000 },
                        maxOverheadLatencyP99Microseconds: false,
                        actions: { critical: [PAGER], warning: [CHAT] },
                    },
                }),
        );
        const alarms = Object.fromEntries(
            ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => [
                a.name,
                [a.inputs.name, a.inputs.threshold, a.inputs.alarmActions, a.inputs.okActions],
            ]),
        );
        assert.deepStrictEqual(alarms["genai-alarm-free-gpus"], ["genai-FreeGpus", 1, [TOPIC, PAGER], [TOPIC, PAGER]]);
        assert.deepStrictEqual(alarms["genai-alarm-free-gpus-warning"], ["genai-FreeGpus-warning", 2, [TOPIC, CHAT], [TOPIC, CHAT]]);
        assert.deepStrictEqual(alarms["genai-alarm-model-latency-p99-llm"], [
            "genai-llm-ModelLatencyP99",
            2_000_000,
            [TOPIC, PAGER],
            [TOPIC, PAGER],
        ]);
        assert.deepStrictEqual(alarms["genai-alarm-model-latency-p99-llm-warning"], [
            "genai-llm-ModelLatencyP99-warning",
            1_000_000,
            [TOPIC, CHAT],
            [TOPIC, CHAT],
        ]);
        assert.deepStrictEqual(
            Object.keys(alarms).filter((name) => /idle-gpus|overhead-latency/.test(name)),
            [],
        );
    });

    it("one set of invocation alarms per component, named after the component in the endpoint", () => {
        const definitions = buildComponentAlarmDefinitions({
            endpointName: "genai",
            target: { variantName: "AllTraffic", instanceType: "ml.m5.xlarge" },
            components: [
                { name: "a", physicalName: "genai-a" },
                { name: "b", physicalName: "genai-b" },
            ],
            publish: { enhancedMetrics: true, publishFrequencySeconds: 60 },
        });
        assert.deepStrictEqual(
            definitions.map((d) => [d.id, d.alarmName]),
            [
                ["invocation5-xx-errors-a", "genai-a-Invocation5XXErrors"],
                ["invocation5-xx-errors-b", "genai-b-Invocation5XXErrors"],
                ["invocation4-xx-error-rate-a", "genai-a-Invocation4XXErrorRate"],
                ["invocation4-xx-error-rate-b", "genai-b-Invocation4XXErrorRate"],
                ["model-latency-p99-a", "genai-a-ModelLatencyP99"],
                ["model-latency-p99-b", "genai-b-ModelLatencyP99"],
                ["overhead-latency-p99-a", "genai-a-OverheadLatencyP99"],
                ["overhead-latency-p99-b", "genai-b-OverheadLatencyP99"],
                ["cpu-utilization-AllTraffic", "genai-AllTraffic-CPUUtilization"],
                ["memory-utilization-AllTraffic", "genai-AllTraffic-MemoryUtilization"],
                ["disk-utilization-AllTraffic", "genai-AllTraffic-DiskUtilization"],
            ],
        );
    });

    it("bad input: a metric the kind never publishes, another kind's alarm, a warning after critical, a period finer than the metric", () => {
        const problems = inferenceComponentEndpointArgsProblems("genai", {
            ...args,
            metrics: { enhancedMetrics: false, publishFrequencySeconds: 10 },
            gpuAlarms: { minFreeGpus: { critical: 2, warning: 1 } },
            alarms: {
                maxInvocationsPerInstancePerMinute: 100,
                maxBacklogSize: 5,
                maxModelLatencyP99Microseconds: { critical: 1000, periodSeconds: 10 },
            } as never,
        });
        const keys =
            "maxInvocation5XXErrorsPerMinute, maxInvocation4XXErrorRatePercent, maxModelLatencyP99Microseconds, maxOverheadLatencyP99Microseconds, " +
            "maxCpuUtilizationPercent, maxMemoryUtilizationPercent, maxDiskUtilizationPercent, maxGpuUtilizationPercent, maxGpuMemoryUtilizationPercent";
        assert.deepStrictEqual(problems, [
            {
                propertyPath: "alarms.maxModelLatencyP99Microseconds.periodSeconds",
                reason:
                    "must be at least 60 seconds: ModelLatency is published every 60 seconds here, so a 10-second period would mostly see no data " +
                    "(allowed: a multiple of 60; high-resolution periods need metrics.publishFrequencySeconds 10 or 30, and for invocation metrics of a real-time endpoint metrics.enhancedMetrics true)",
            },
            {
                propertyPath: "alarms.maxInvocationsPerInstancePerMinute",
                reason:
                    "is not an alarm of inference-component endpoints: InvocationsPerInstance counts the variant's requests per instance whatever model they go to; " +
                    `a component's load is InvocationsPerCopy, which its copy autoscaling (inferenceComponents[].autoscaling.targetInvocationsPerCopy) holds; alarms of inference-component endpoints: ${keys}`,
            },
            {
                propertyPath: "alarms.maxBacklogSize",
                reason: `is an alarm of asynchronous endpoints on ApproximateBacklogSize, which inference-component endpoints never publish, so it would never fire; alarms of inference-component endpoints: ${keys}`,
            },
            { propertyPath: "gpuAlarms.minFreeGpus.warning", reason: "must be above critical (2), so the warning comes first (got 1)" },
        ]);
    });
});
