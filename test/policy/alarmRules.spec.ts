import * as assert from "assert";
import { FREE_GPUS_METRIC } from "../../domain/monitoringMetrics";
import { alarmDimensionsMatchEndpoint } from "../../policy/rules/alarmDimensions";
import { gpuEndpointFreeGpuAlarm } from "../../policy/rules/gpuFreeGpuAlarm";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { changeField, compliantStack, replaceResource, stackView, synthResource } from "./fixtures";
import { runStackPolicy, UNKNOWN_VALUE, urnOf } from "./harness";

const none = { kind: "violations", violations: [] };
const pick = (names: string[]): SynthResource[] => compliantStack().filter((r) => names.includes(r.name));

describe("monitoringMetrics", () => {
    it("names the derived free-GPU metric once, for the publisher and the rule", () => {
        assert.deepStrictEqual(FREE_GPUS_METRIC, {
            namespace: "SageMakerMonitoring",
            metricName: "FreeGpus",
            endpointDimension: "EndpointName",
        });
    });
});

describe("gpu-endpoint-free-gpu-alarm", () => {
    const gpuSet = () => pick(["async-config", "async-endpoint", "async-free-gpus"]);
    const run = (resources: SynthResource[]) => runStackPolicy(gpuEndpointFreeGpuAlarm, stackView(resources));

    it("passes a GPU endpoint (ml.g5) with its FreeGpus alarm", () => {
        assert.deepStrictEqual(run(gpuSet()), none);
    });

    it("a GPU endpoint without a FreeGpus alarm", () => {
        assert.deepStrictEqual(run(pick(["async-config", "async-endpoint"])), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws-native:sagemaker:Endpoint", "async-endpoint"),
                    message:
                        'GPU endpoint "async-endpoint" on ml.g5.xlarge has no MetricAlarm on SageMakerMonitoring FreeGpus with dimension EndpointName=async-endpoint. ' +
                        'Remediation: add an aws.cloudwatch.MetricAlarm with namespace "SageMakerMonitoring", metricName "FreeGpus", dimensions { EndpointName: "async-endpoint" } and an alarm action.',
                },
            ],
        });
    });

    it("a FreeGpus alarm in the wrong namespace does not count", () => {
        const resources = changeField(gpuSet(), "async-free-gpus", "namespace", "Custom/Gpu");
        const outcome = run(resources);
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome,
            [
                'GPU endpoint "async-endpoint" on ml.g5.xlarge has no MetricAlarm on SageMakerMonitoring FreeGpus with dimension EndpointName=async-endpoint.',
            ],
        );
    });

    it("CPU endpoints need no FreeGpus alarm", () => {
        assert.deepStrictEqual(run(pick(["realtime-config", "realtime-endpoint"])), none);
    });

    it("ml.p* variants are GPU endpoints too", () => {
        const resources = changeField(
            pick(["realtime-config", "realtime-endpoint"]),
            "realtime-config",
            "productionVariants[0].instanceType",
            "ml.p4d.24xlarge",
        );
        const outcome = run(resources);
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome,
            [
                'GPU endpoint "realtime-endpoint" on ml.p4d.24xlarge has no MetricAlarm on SageMakerMonitoring FreeGpus with dimension EndpointName=realtime-endpoint.',
            ],
        );
    });
});

describe("alarm-dimensions-match-endpoint", () => {
    const alarmSet = () => pick(["realtime-config", "realtime-endpoint", "realtime-latency", "realtime-cpu"]);
    const run = (resources: SynthResource[]) => runStackPolicy(alarmDimensionsMatchEndpoint, stackView(resources));

    it("passes alarms naming the stack's endpoint (AWS/SageMaker and /aws/sagemaker/Endpoints in metricQueries)", () => {
        assert.deepStrictEqual(run(alarmSet()), none);
    });

    it("the compliant stack passes (a FreeGpus alarm in SageMakerMonitoring is not a SageMaker namespace)", () => {
        assert.deepStrictEqual(run(compliantStack()), none);
    });

    it("an EndpointName that matches no endpoint of the stack", () => {
        assert.deepStrictEqual(run(changeField(alarmSet(), "realtime-latency", "dimensions.EndpointName", "realtime-endpont")), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws:cloudwatch/metricAlarm:MetricAlarm", "realtime-latency"),
                    message:
                        'Alarm metric (AWS/SageMaker ModelLatency) has EndpointName "realtime-endpont", which matches no endpoint of this stack. ' +
                        "Remediation: set dimensions.EndpointName to one of this stack's endpoints (realtime-endpoint).",
                },
            ],
        });
    });

    it("a metricQueries metric without EndpointName", () => {
        assert.deepStrictEqual(
            run(changeField(alarmSet(), "realtime-cpu", "metricQueries[0].metric.dimensions", { VariantName: "AllTraffic" })),
            {
                kind: "violations",
                violations: [
                    {
                        urn: urnOf("aws:cloudwatch/metricAlarm:MetricAlarm", "realtime-cpu"),
                        message:
                            "Alarm metricQueries[0].metric (/aws/sagemaker/Endpoints CPUUtilization) has no EndpointName dimension. " +
                            "Remediation: set dimensions.EndpointName to one of this stack's endpoints (realtime-endpoint).",
                    },
                ],
            },
        );
    });

    it("an alarm without actions", () => {
        assert.deepStrictEqual(run(changeField(alarmSet(), "realtime-latency", "alarmActions", [])), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws:cloudwatch/metricAlarm:MetricAlarm", "realtime-latency"),
                    message:
                        'Alarm on endpoint "realtime-endpoint" has no alarmActions, so nobody is notified when it fires. Remediation: add at least one alarm action (e.g. an SNS topic ARN).',
                },
            ],
        });
    });

    it("a VariantName that is not a variant of the endpoint (a stale name after a rename)", () => {
        assert.deepStrictEqual(run(changeField(alarmSet(), "realtime-latency", "dimensions.VariantName", "Blue")), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws:cloudwatch/metricAlarm:MetricAlarm", "realtime-latency"),
                    message:
                        'Alarm metric (AWS/SageMaker ModelLatency) has VariantName "Blue", which is not a variant of endpoint "realtime-endpoint" (variants: AllTraffic). ' +
                        "Remediation: set dimensions.VariantName to one of AllTraffic.",
                },
            ],
        });
    });

    it("shadow variants are variants too", () => {
        const resources = changeField(alarmSet(), "realtime-config", "shadowProductionVariants", [
            { variantName: "Shadow", modelName: "model", instanceType: "ml.m5.xlarge", initialInstanceCount: 1 },
        ]);
        assert.deepStrictEqual(run(changeField(resources, "realtime-latency", "dimensions.VariantName", "Shadow")), none);
    });

    it("ApproximateBacklogSize with a VariantName never fires: SageMaker publishes it per endpoint", () => {
        const asyncAlarms = pick(["async-config", "async-endpoint", "async-backlog"]);
        assert.deepStrictEqual(run(changeField(asyncAlarms, "async-backlog", "dimensions.VariantName", "AllTraffic")), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws:cloudwatch/metricAlarm:MetricAlarm", "async-backlog"),
                    message:
                        'Alarm metric (AWS/SageMaker ApproximateBacklogSize) on endpoint "async-endpoint" has dimensions EndpointName, VariantName, but SageMaker publishes ApproximateBacklogSize with EndpointName only, so the alarm never receives data. ' +
                        "Remediation: remove VariantName from dimensions.",
                },
            ],
        });
    });

    it("a per-variant metric without VariantName never fires either (ModelLatency, and CPUUtilization in metricQueries)", () => {
        let resources = changeField(alarmSet(), "realtime-latency", "dimensions", { EndpointName: "realtime-endpoint" });
        resources = changeField(resources, "realtime-cpu", "metricQueries[0].metric.dimensions", {
            EndpointName: "realtime-endpoint",
            Host: "i-1",
        });
        const outcome = run(resources);
        assert.deepStrictEqual(outcome.kind === "violations" ? outcome.violations.map((v) => v.message) : outcome, [
            'Alarm metric (AWS/SageMaker ModelLatency) on endpoint "realtime-endpoint" has dimensions EndpointName, but SageMaker publishes ModelLatency with EndpointName, VariantName (optionally InstanceId, ContainerName, AcceleratorId, GpuId), so the alarm never receives data. ' +
                "Remediation: add dimensions.VariantName (one of AllTraffic).",
            'Alarm metricQueries[0].metric (/aws/sagemaker/Endpoints CPUUtilization) on endpoint "realtime-endpoint" has dimensions EndpointName, Host, but SageMaker publishes CPUUtilization with EndpointName, VariantName (optionally InstanceId, ContainerName, AcceleratorId, GpuId), so the alarm never receives data. ' +
                "Remediation: remove Host from dimensions; add dimensions.VariantName (one of AllTraffic).",
        ]);
    });

    it("per-instance series of enhanced metrics (InstanceId) are accepted; metrics outside the catalog get only the name checks", () => {
        let resources = changeField(alarmSet(), "realtime-latency", "dimensions.InstanceId", "i-0abc");
        resources = changeField(resources, "realtime-cpu", "metricQueries[0].metric.metricName", "SomeNewMetric");
        resources = changeField(resources, "realtime-cpu", "metricQueries[0].metric.dimensions", { EndpointName: "realtime-endpoint" });
        assert.deepStrictEqual(run(resources), none);
    });

    it("during preview: actions and the config name unknown, the endpoint-config join and the action check still run", () => {
        const config = compliantStack().find((r) => r.name === "realtime-config")!;
        let resources = changeField(alarmSet(), "realtime-config", "endpointConfigName", UNKNOWN_VALUE);
        resources = changeField(resources, "realtime-endpoint", "endpointConfigName", UNKNOWN_VALUE);
        resources = replaceResource(resources, "realtime-endpoint", (r) => ({
            ...r,
            propertyDependencies: { endpointConfigName: [config.urn] },
        }));
        resources = changeField(resources, "realtime-cpu", "alarmActions", [UNKNOWN_VALUE]);
        resources = changeField(resources, "realtime-latency", "dimensions.VariantName", "Blue");
        const outcome = run(resources);
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome,
            [
                'Alarm metric (AWS/SageMaker ModelLatency) has VariantName "Blue", which is not a variant of endpoint "realtime-endpoint" (variants: AllTraffic).',
            ],
        );
    });

    describe("inference components (invocation metrics published with InferenceComponentName alone)", () => {
        const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
        const component = (name: string) =>
            synthResource("aws-native:sagemaker:InferenceComponent", `ic-${name}`, {
                endpointName: "realtime-endpoint",
                inferenceComponentName: name,
            });
        const alarm = (name: string, metricName: string, dimensions: Record<string, string>) =>
            synthResource("aws:cloudwatch/metricAlarm:MetricAlarm", name, {
                namespace: "AWS/SageMaker",
                metricName,
                dimensions,
                extendedStatistic: "p99",
                alarmActions: [TOPIC],
            });
        const messages = (resources: SynthResource[]) => {
            const outcome = run(resources);
            return outcome.kind === "violations" ? outcome.violations.map((v) => v.message) : outcome;
        };

        it("an alarm naming one of the stack's components passes, with enhanced metrics' InstanceId too", () => {
            const resources = [
                ...alarmSet(),
                component("realtime-endpoint-llm"),
                alarm("llm-latency", "ModelLatency", { InferenceComponentName: "realtime-endpoint-llm" }),
                alarm("llm-latency-instance", "ModelLatency", { InferenceComponentName: "realtime-endpoint-llm", InstanceId: "i-0abc" }),
            ];
            assert.deepStrictEqual(run(resources), none);
        });

        it("an unknown component, a metric not published per component, and an extra dimension", () => {
            const resources = [
                ...alarmSet(),
                component("realtime-endpoint-llm"),
                alarm("typo", "ModelLatency", { InferenceComponentName: "realtime-endpoint-lm" }),
                alarm("per-instance", "InvocationsPerInstance", { InferenceComponentName: "realtime-endpoint-llm" }),
                alarm("variant", "ModelLatency", { InferenceComponentName: "realtime-endpoint-llm", VariantName: "AllTraffic" }),
            ];
            assert.deepStrictEqual(messages(resources), [
                'Alarm metric (AWS/SageMaker ModelLatency) has InferenceComponentName "realtime-endpoint-lm", which matches no inference component of this stack. ' +
                    "Remediation: set dimensions.InferenceComponentName to one of this stack's inference components (realtime-endpoint-llm).",
                'Alarm metric (AWS/SageMaker InvocationsPerInstance) has InferenceComponentName "realtime-endpoint-llm", but SageMaker does not publish InvocationsPerInstance per inference component, so the alarm never receives data. ' +
                    "Remediation: watch an invocation metric (Invocations, Invocation4XXErrors, Invocation5XXErrors, ModelLatency, OverheadLatency, ...) per component, or the endpoint's metric with EndpointName and VariantName.",
                'Alarm metric (AWS/SageMaker ModelLatency) on inference component "realtime-endpoint-llm" has dimensions InferenceComponentName, VariantName, but SageMaker publishes ModelLatency with InferenceComponentName (optionally InstanceId, ContainerId), so the alarm never receives data. ' +
                    "Remediation: remove VariantName from dimensions.",
            ]);
        });

        it("during preview, an unknown component name skips the name check only", () => {
            const unknown = changeField([component("x")], "ic-x", "inferenceComponentName", UNKNOWN_VALUE);
            assert.deepStrictEqual(
                run([...alarmSet(), ...unknown, alarm("any", "ModelLatency", { InferenceComponentName: "anything" })]),
                none,
            );
        });
    });

    it("alarms on other namespaces are not its business", () => {
        const lambdaAlarm = synthResource("aws:cloudwatch/metricAlarm:MetricAlarm", "forwarder-errors", {
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: "capture-forwarder" },
            alarmActions: [],
        });
        assert.deepStrictEqual(run([...alarmSet(), lambdaAlarm]), none);
    });
});
