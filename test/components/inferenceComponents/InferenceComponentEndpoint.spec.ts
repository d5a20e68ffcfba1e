import * as assert from "assert";
import {
    InferenceComponentEndpoint,
    InferenceComponentEndpointArgs,
} from "../../../components/inferenceComponentEndpoint/InferenceComponentEndpoint";
import { inferenceComponentEndpointArgsProblems } from "../../../components/inferenceComponentEndpoint/validateInferenceComponentEndpointArgs";
import { declared, ofType, resource } from "../../support/pulumiMocks";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-gpu";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";

const baseArgs: InferenceComponentEndpointArgs = {
    instanceType: "ml.g5.12xlarge",
    maxInstances: 2,
    inferenceComponents: [
        {
            name: "llm",
            label: "LLM",
            model: { image: IMAGE, modelDataUrl: "s3://models-bucket/llm/" },
            acceleratorDevices: 2,
            minMemoryMb: 16384,
            cpuCores: 8,
        },
        {
            name: "embedder",
            model: { image: IMAGE },
            minMemoryMb: 4096,
            autoscaling: { maxCopies: 2, targetInvocationsPerCopy: 100 },
        },
    ],
    captureDestination: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: KEY },
    metrics: { publishFrequencySeconds: 10 },
    alarmTopicArn: TOPIC,
    tags: { team: "ml" },
    stackName: "dev",
};

describe("InferenceComponentEndpoint", () => {
    it("declares a model-less config with managed instance scaling, one InferenceComponent per model, copy scaling and GPU alarms", async () => {
        const resources = await declared(() => new InferenceComponentEndpoint("genai", baseArgs));
        assert.deepStrictEqual(
            resources.map((r) => `${r.type}::${r.name}`),
            [
                "aws-native:sagemaker:Endpoint::genai-endpoint",
                "aws-native:sagemaker:EndpointConfig::genai-config",
                "aws-native:sagemaker:InferenceComponent::genai-ic-embedder",
                "aws-native:sagemaker:InferenceComponent::genai-ic-llm",
                "aws-native:sagemaker:Model::genai-model-embedder",
                "aws-native:sagemaker:Model::genai-model-llm",
                "aws:appautoscaling/policy:Policy::genai-ic-embedder-invocations-per-copy",
                "aws:appautoscaling/target:Target::genai-ic-embedder-scaling",
                "aws:cloudwatch/dashboard:Dashboard::genai-dashboard",
                "aws:cloudwatch/logGroup:LogGroup::genai-logs",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-cpu-utilization-AllTraffic",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-disk-utilization-AllTraffic",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-free-gpus",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-gpu-memory-utilization-AllTraffic",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-gpu-utilization-AllTraffic",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-idle-gpus",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-invocation4-xx-error-rate-embedder",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-invocation4-xx-error-rate-llm",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-invocation5-xx-errors-embedder",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-invocation5-xx-errors-llm",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-memory-utilization-AllTraffic",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-model-latency-p99-embedder",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-model-latency-p99-llm",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-overhead-latency-p99-embedder",
                "aws:cloudwatch/metricAlarm:MetricAlarm::genai-alarm-overhead-latency-p99-llm",
                "aws:iam/role:Role::genai-execution-role",
                "aws:iam/rolePolicy:RolePolicy::genai-execution-policy",
                "sagemaker-monitoring:endpoint:InferenceComponentEndpoint::genai",
            ],
        );
        const config = resource(resources, "aws-native:sagemaker:EndpointConfig", "genai-config").inputs;
        const role = resource(resources, "aws:iam/role:Role", "genai-execution-role").outputs;
        assert.strictEqual(config.executionRoleArn, role.arn);
        assert.deepStrictEqual(config.productionVariants, [
            {
                variantName: "AllTraffic",
                instanceType: "ml.g5.12xlarge",
                initialInstanceCount: 1,
                managedInstanceScaling: { status: "ENABLED", minInstanceCount: 1, maxInstanceCount: 2 },
                routingConfig: { routingStrategy: "LEAST_OUTSTANDING_REQUESTS" },
            },
        ]);
        // Data Capture and enhanced metrics exactly as on every endpoint; no volume key on g5 (instance store).
        assert.strictEqual(config.dataCaptureConfig.destinationS3Uri, "s3://capture-bucket/datacapture");
        assert.deepStrictEqual(config.metricsConfig, {
            enableEnhancedMetrics: true,
            metricPublishFrequencyInSeconds: 10,
            enableDetailedObservability: false,
        });
        assert.strictEqual(config.kmsKeyId, undefined);

        const llmModel = resource(resources, "aws-native:sagemaker:Model", "genai-model-llm").inputs;
        assert.strictEqual(llmModel.primaryContainer.environment.SAGEMAKER_MONITORING_VARIANT_NAME, "AllTraffic");
        assert.deepStrictEqual(resource(resources, "aws-native:sagemaker:InferenceComponent", "genai-ic-llm").inputs, {
            inferenceComponentName: "genai-llm",
            endpointName: "genai",
            variantName: "AllTraffic",
            specification: {
                modelName: llmModel.modelName,
                computeResourceRequirements: {
                    numberOfAcceleratorDevicesRequired: 2,
                    minMemoryRequiredInMb: 16384,
                    numberOfCpuCoresRequired: 8,
                },
            },
            runtimeConfig: { copyCount: 1 },
            tags: [
                { key: "sagemaker-monitoring:label", value: "LLM" },
                { key: "team", value: "ml" },
            ],
        });
        const embedder = resource(resources, "aws-native:sagemaker:InferenceComponent", "genai-ic-embedder").inputs;
        assert.deepStrictEqual(embedder.specification.computeResourceRequirements, {
            numberOfAcceleratorDevicesRequired: 1,
            minMemoryRequiredInMb: 4096,
        });
        assert.deepStrictEqual(embedder.tags[0], { key: "sagemaker-monitoring:label", value: "embedder" });
        assert.deepStrictEqual(resource(resources, "aws:appautoscaling/target:Target", "genai-ic-embedder-scaling").inputs, {
            serviceNamespace: "sagemaker",
            resourceId: "inference-component/genai-embedder",
            scalableDimension: "sagemaker:inference-component:DesiredCopyCount",
            minCapacity: 1,
            maxCapacity: 2,
            tags: { team: "ml", "sagemaker-monitoring:label": "embedder" },
        });
        assert.deepStrictEqual(resource(resources, "aws:appautoscaling/policy:Policy", "genai-ic-embedder-invocations-per-copy").inputs, {
            name: "genai-embedder-invocations-per-copy",
            policyType: "TargetTrackingScaling",
            resourceId: "inference-component/genai-embedder",
            scalableDimension: "sagemaker:inference-component:DesiredCopyCount",
            serviceNamespace: "sagemaker",
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "SageMakerInferenceComponentInvocationsPerCopy" },
                targetValue: 100,
                scaleInCooldown: 300,
                scaleOutCooldown: 60,
            },
        });
        assert.deepStrictEqual(
            ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm")
                .map((a) => [a.inputs.name, a.inputs.threshold, a.inputs.treatMissingData])
                .filter(([name]) => /Gpus$/.test(name)),
            [
                ["genai-FreeGpus", 1, "breaching"],
                ["genai-IdleGpus", 0, "notBreaching"],
            ],
        );
    });

    it("has no GPU alarms and no accelerators on a CPU instance type: only the component and CPU, memory and disk alarms", async () => {
        const args = {
            ...baseArgs,
            instanceType: "ml.m5.xlarge",
            maxInstances: undefined,
            inferenceComponents: [{ name: "m", model: { image: IMAGE }, minMemoryMb: 1024 }],
        };
        const resources = await declared(() => new InferenceComponentEndpoint("cpu", args));
        assert.deepStrictEqual(
            ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm")
                .map((a) => a.inputs.name)
                .sort(),
            [
                "cpu-AllTraffic-CPUUtilization",
                "cpu-AllTraffic-DiskUtilization",
                "cpu-AllTraffic-MemoryUtilization",
                "cpu-m-Invocation4XXErrorRate",
                "cpu-m-Invocation5XXErrors",
                "cpu-m-ModelLatencyP99",
                "cpu-m-OverheadLatencyP99",
            ],
        );
        const ic = resource(resources, "aws-native:sagemaker:InferenceComponent", "cpu-ic-m").inputs;
        assert.deepStrictEqual(ic.specification.computeResourceRequirements, { minMemoryRequiredInMb: 1024 });
    });

    describe("bad input", () => {
        const problems = (args: Partial<InferenceComponentEndpointArgs>) =>
            inferenceComponentEndpointArgsProblems("genai", { ...baseArgs, ...args } as InferenceComponentEndpointArgs);

        it("a GPU instance type missing from the catalogue, unless the stack supplies it", () => {
            const found = problems({ instanceType: "ml.g7.xlarge" });
            assert.deepStrictEqual(
                found.map((p) => p.propertyPath),
                ["instanceType"],
            );
            assert.ok(
                found[0].reason.startsWith(
                    'is a GPU instance type missing from the GPU catalogue: add it to the stack\'s gpuCatalogue as { "ml.g7.xlarge": ',
                ),
            );
            assert.deepStrictEqual(problems({ instanceType: "ml.g7.xlarge", gpuCatalogue: { "ml.g7.xlarge": { gpus: 8 } } }), []);
        });

        it("a component asking for more accelerators than one instance has", () => {
            const [llm, embedder] = baseArgs.inferenceComponents;
            assert.deepStrictEqual(problems({ inferenceComponents: [{ ...llm, acceleratorDevices: 5 }, embedder] }), [
                {
                    propertyPath: "inferenceComponents[0].acceleratorDevices",
                    reason: "must be at most 4, the GPUs of one ml.g5.12xlarge (got 5)",
                },
            ]);
        });

        it("a total across components above instances x GPUs", () => {
            const [llm, embedder] = baseArgs.inferenceComponents;
            assert.deepStrictEqual(problems({ maxInstances: 1, inferenceComponents: [{ ...llm, copyCount: 2 }, embedder] }), [
                {
                    propertyPath: "inferenceComponents",
                    reason: "need 6 GPUs at their most copies (llm: 2 x 2, embedder: 1 x 2), more than maxInstances x GPUs per ml.g5.12xlarge = 1 x 4 = 4: lower acceleratorDevices or copies, or raise maxInstances",
                },
            ]);
        });

        it("minFreeGpus below 0, and other values with their allowed values", () => {
            assert.deepStrictEqual(problems({ gpuAlarms: { minFreeGpus: -1, maxIdleGpus: false } }), [
                {
                    propertyPath: "gpuAlarms.minFreeGpus",
                    reason: "must be a number >= 0, or false to remove the alarm, or { critical, warning } (got -1)",
                },
            ]);
            assert.deepStrictEqual(
                problems({
                    routingStrategy: "ROUND_ROBIN" as never,
                    minInstances: 3,
                    inferenceComponents: [
                        { name: "x", model: { image: IMAGE }, minMemoryMb: 64, copyCount: 0 },
                        { name: "x", model: { image: IMAGE }, minMemoryMb: 128 },
                    ],
                }),
                [
                    { propertyPath: "maxInstances", reason: "must be at least minInstances (3) and instanceCount (3) (got 2)" },
                    {
                        propertyPath: "routingStrategy",
                        reason: 'must be one of "LEAST_OUTSTANDING_REQUESTS", "RANDOM" (got "ROUND_ROBIN")',
                    },
                    { propertyPath: "inferenceComponents[0].minMemoryMb", reason: "must be an integer >= 128 (got 64)" },
                    { propertyPath: "inferenceComponents[0].copyCount", reason: "must be an integer >= 1 (got 0)" },
                    {
                        propertyPath: "inferenceComponents[1].name",
                        reason: 'must be unique within the endpoint ("x" is also inferenceComponents[0].name)',
                    },
                ],
            );
        });
    });
});
