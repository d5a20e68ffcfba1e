import * as assert from "assert";
import { endpointRollbackAlarmsExist } from "../../policy/rules/endpointRollbackAlarms";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { changeField, compliantStack, stackView, synthResource } from "./fixtures";
import { runStackPolicy, UNKNOWN_VALUE, urnOf } from "./harness";

const none = { kind: "violations", violations: [] };
const ROLLBACK = "deploymentConfig.autoRollbackConfiguration.alarms";
const named = (resources: SynthResource[], alarmNames: Record<string, string>) =>
    Object.entries(alarmNames).reduce((stack, [resource, alarmName]) => changeField(stack, resource, "name", alarmName), resources);
/** The real-time endpoint and its two alarms, named as the components name them, rolling back on `alarms`. */
const rollbackSet = (alarms: unknown[]) =>
    changeField(
        named(
            compliantStack().filter((r) =>
                ["realtime-config", "realtime-endpoint", "realtime-latency", "realtime-cpu", "async-backlog"].includes(r.name),
            ),
            { "realtime-latency": "realtime-ModelLatency", "realtime-cpu": "realtime-CPUUtilization", "async-backlog": "async-Backlog" },
        ),
        "realtime-endpoint",
        ROLLBACK,
        alarms,
    );
const run = (resources: SynthResource[]) => runStackPolicy(endpointRollbackAlarmsExist, stackView(resources));

describe("endpoint-rollback-alarms-exist", () => {
    it("passes an endpoint rolling back on alarms of the stack (classic name)", () => {
        assert.deepStrictEqual(run(rollbackSet([{ alarmName: "realtime-ModelLatency" }, { alarmName: "realtime-CPUUtilization" }])), none);
    });

    it("the compliant stack (no deploymentConfig) passes", () => {
        assert.deepStrictEqual(run(compliantStack()), none);
    });

    it("an alarm named by alarmName counts too", () => {
        const resources = changeField(rollbackSet([{ alarmName: "latency" }]), "realtime-latency", "alarmName", "latency");
        assert.deepStrictEqual(run(resources), none);
    });

    it("a rollback alarm missing from the stack: one violation naming the endpoint, the alarm and the alarms watching the endpoint", () => {
        const resources = rollbackSet([{ alarmName: "realtime-ModelLatency" }, { alarmName: "realtime-ModelLatencyP99" }]);
        assert.deepStrictEqual(run(resources), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws-native:sagemaker:Endpoint", "realtime-endpoint"),
                    message:
                        'Endpoint "realtime-endpoint" rolls back on alarm "realtime-ModelLatencyP99" (deploymentConfig.autoRollbackConfiguration.alarms[1].alarmName), ' +
                        "which is no MetricAlarm of this stack, so its deployments have no guardrail. " +
                        "Remediation: set deploymentConfig.autoRollbackConfiguration.alarms[1].alarmName to one of the stack's alarms watching this endpoint " +
                        '(realtime-CPUUtilization, realtime-ModelLatency), or declare a MetricAlarm named "realtime-ModelLatencyP99".',
                },
            ],
        });
    });

    it("checks the classic aws:sagemaker/endpoint:Endpoint too", () => {
        const classic = synthResource("aws:sagemaker/endpoint:Endpoint", "classic-endpoint", {
            name: "classic-endpoint",
            endpointConfigName: "elsewhere",
            deploymentConfig: { autoRollbackConfiguration: { alarms: [{ alarmName: "classic-errors" }] } },
        });
        const outcome = run([...rollbackSet([]), classic]);
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => [v.urn, v.message.split(" Remediation:")[0]]) : outcome,
            [
                [
                    urnOf("aws:sagemaker/endpoint:Endpoint", "classic-endpoint"),
                    'Endpoint "classic-endpoint" rolls back on alarm "classic-errors" (deploymentConfig.autoRollbackConfiguration.alarms[0].alarmName), ' +
                        "which is no MetricAlarm of this stack, so its deployments have no guardrail.",
                ],
            ],
        );
    });

    describe("inference components", () => {
        /** The rollback set with an inference component of realtime-endpoint, its own 5xx alarm, rolling back on `alarms`. */
        const withComponent = (alarms: unknown[]) => {
            const ownAlarm = synthResource("aws:cloudwatch/metricAlarm:MetricAlarm", "llm-5xx", {
                name: "realtime-endpoint-llm-Invocation5XXErrors",
                namespace: "AWS/SageMaker",
                metricName: "Invocation5XXErrors",
                dimensions: { InferenceComponentName: "realtime-endpoint-llm" },
                statistic: "Sum",
                period: 60,
                evaluationPeriods: 1,
                threshold: 0,
                comparisonOperator: "GreaterThanThreshold",
            });
            const component = synthResource("aws-native:sagemaker:InferenceComponent", "realtime-ic-llm", {
                inferenceComponentName: "realtime-endpoint-llm",
                endpointName: "realtime-endpoint",
                deploymentConfig: {
                    rollingUpdatePolicy: { maximumBatchSize: { type: "COPY_COUNT", value: 1 }, waitIntervalInSeconds: 600 },
                    autoRollbackConfiguration: { alarms },
                },
            });
            return [...rollbackSet([]), ownAlarm, component];
        };

        it("passes a component rolling back on its own alarm and an alarm of its endpoint's instances", () => {
            assert.deepStrictEqual(
                run(withComponent([{ alarmName: "realtime-endpoint-llm-Invocation5XXErrors" }, { alarmName: "realtime-CPUUtilization" }])),
                none,
            );
        });

        it("a missing alarm: one violation naming the component, the path and the alarms watching it or its endpoint", () => {
            assert.deepStrictEqual(
                run(
                    withComponent([
                        { alarmName: "realtime-endpoint-llm-Invocation5XXErrors" },
                        { alarmName: "realtime-endpoint-llm-ModelLatencyP99" },
                    ]),
                ),
                {
                    kind: "violations",
                    violations: [
                        {
                            urn: urnOf("aws-native:sagemaker:InferenceComponent", "realtime-ic-llm"),
                            message:
                                'Inference component "realtime-endpoint-llm" rolls back on alarm "realtime-endpoint-llm-ModelLatencyP99" ' +
                                "(deploymentConfig.autoRollbackConfiguration.alarms[1].alarmName), which is no MetricAlarm of this stack, so its deployments have no guardrail. " +
                                "Remediation: set deploymentConfig.autoRollbackConfiguration.alarms[1].alarmName to one of the stack's alarms watching this " +
                                "inference component or its endpoint (realtime-CPUUtilization, realtime-ModelLatency, realtime-endpoint-llm-Invocation5XXErrors), " +
                                'or declare a MetricAlarm named "realtime-endpoint-llm-ModelLatencyP99".',
                        },
                    ],
                },
            );
        });

        it("during preview: an unknown rollback alarm name of a component reports nothing", () => {
            assert.deepStrictEqual(run(withComponent([{ alarmName: UNKNOWN_VALUE }])), none);
        });
    });

    it("during preview: unknown rollback alarm names, or an alarm whose name is unknown, report nothing", () => {
        const unknownRollback = rollbackSet([{ alarmName: UNKNOWN_VALUE }, { alarmName: "realtime-ModelLatency" }]);
        const unknownList = changeField(rollbackSet([]), "realtime-endpoint", ROLLBACK, UNKNOWN_VALUE);
        const unknownAlarmName = changeField(rollbackSet([{ alarmName: "not-yet-named" }]), "realtime-cpu", "name", UNKNOWN_VALUE);
        assert.deepStrictEqual([run(unknownRollback), run(unknownList), run(unknownAlarmName)], [none, none, none]);
    });
});
