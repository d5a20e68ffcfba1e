import * as assert from "assert";
import { asyncEndpointBacklogAlarms, asyncEndpointNoInvocationMetrics } from "../../policy/rules/asyncEndpoints";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import {
    ALARM_TOPIC_ARN,
    changeField,
    CLASSIC_ENDPOINT_CONFIG,
    compliantStack,
    replaceResource,
    stackView,
    synthResource,
} from "./fixtures";
import { runStackPolicy, UNKNOWN_VALUE, urnOf, withUnknown } from "./harness";

const ASYNC_SET = [
    "async-config",
    "async-endpoint",
    "async-backlog",
    "async-oldest-request",
    "async-backlog-without-capacity",
    "async-target",
    "async-backlog-tracking",
    "async-scale-from-zero",
];

/** The small resource set of one async endpoint with its alarms and scaling. */
const asyncSet = (): SynthResource[] => compliantStack().filter((r) => ASYNC_SET.includes(r.name));
const endpointUrn = urnOf("aws-native:sagemaker:Endpoint", "async-endpoint");
const none = { kind: "violations", violations: [] };

const run = (policy: typeof asyncEndpointBacklogAlarms, resources: SynthResource[]) => runStackPolicy(policy, stackView(resources));
const withoutResource = (resources: SynthResource[], name: string) => replaceResource(resources, name, () => undefined);

describe("async-endpoint-backlog-alarms", () => {
    it("passes the compliant async set", () => {
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, asyncSet()), none);
    });

    it("missing ApproximateBacklogSize alarm", () => {
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, withoutResource(asyncSet(), "async-backlog")), {
            kind: "violations",
            violations: [
                {
                    urn: endpointUrn,
                    message:
                        'Async endpoint "async-endpoint" has no MetricAlarm on AWS/SageMaker ApproximateBacklogSize with dimension EndpointName=async-endpoint. ' +
                        'Remediation: add an aws.cloudwatch.MetricAlarm with namespace "AWS/SageMaker", metricName "ApproximateBacklogSize", dimensions { EndpointName: "async-endpoint" } and an alarm action.',
                },
            ],
        });
    });

    it("an ApproximateAgeOfOldestRequest alarm on another endpoint's name does not count", () => {
        const resources = changeField(asyncSet(), "async-oldest-request", "dimensions.EndpointName", "other-endpoint");
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, resources), {
            kind: "violations",
            violations: [
                {
                    urn: endpointUrn,
                    message:
                        'Async endpoint "async-endpoint" has no MetricAlarm on AWS/SageMaker ApproximateAgeOfOldestRequest with dimension EndpointName=async-endpoint. ' +
                        'Remediation: add an aws.cloudwatch.MetricAlarm with namespace "AWS/SageMaker", metricName "ApproximateAgeOfOldestRequest", dimensions { EndpointName: "async-endpoint" } and an alarm action.',
                },
            ],
        });
    });

    it("minCapacity 0 without a StepScaling policy", () => {
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, withoutResource(asyncSet(), "async-scale-from-zero")), {
            kind: "violations",
            violations: [
                {
                    urn: endpointUrn,
                    message:
                        'Scalable target endpoint/async-endpoint/variant/AllTraffic of async endpoint "async-endpoint" has minCapacity 0 but no StepScaling policy, so it never scales out from zero. ' +
                        'Remediation: add an aws.appautoscaling.Policy with policyType "StepScaling" and resourceId "endpoint/async-endpoint/variant/AllTraffic".',
                },
            ],
        });
    });

    it("minCapacity 0 with a HasBacklogWithoutCapacity alarm that does not trigger the step policy", () => {
        const resources = changeField(asyncSet(), "async-backlog-without-capacity", "alarmActions", [ALARM_TOPIC_ARN]);
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, resources), {
            kind: "violations",
            violations: [
                {
                    urn: endpointUrn,
                    message:
                        'Scalable target endpoint/async-endpoint/variant/AllTraffic of async endpoint "async-endpoint" has minCapacity 0 but no MetricAlarm on AWS/SageMaker HasBacklogWithoutCapacity (EndpointName=async-endpoint) whose alarmActions trigger its StepScaling policy. ' +
                        'Remediation: add a MetricAlarm on HasBacklogWithoutCapacity with dimensions { EndpointName: "async-endpoint" } and alarmActions [<the StepScaling policy\'s arn>].',
                },
            ],
        });
    });

    it("minCapacity 1 needs no scale-from-zero wiring", () => {
        const resources = withoutResource(
            withoutResource(changeField(asyncSet(), "async-target", "minCapacity", 1), "async-scale-from-zero"),
            "async-backlog-without-capacity",
        );
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, resources), none);
    });

    it("real-time endpoints need no backlog alarms", () => {
        const realtime = compliantStack().filter((r) => ["realtime-config", "realtime-endpoint"].includes(r.name));
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, realtime), none);
    });

    it("joins classic EndpointConfiguration and Endpoint by name", () => {
        const resources = [
            synthResource(CLASSIC_ENDPOINT_CONFIG, "classic-async-config", {
                name: "classic-async-config",
                productionVariants: [
                    { variantName: "AllTraffic", modelName: "model", instanceType: "ml.m5.xlarge", initialInstanceCount: 1 },
                ],
                asyncInferenceConfig: { outputConfig: { s3OutputPath: "s3://capture-bucket/async-output" } },
            }),
            synthResource("aws:sagemaker/endpoint:Endpoint", "classic-async-endpoint", {
                name: "classic-async",
                endpointConfigName: "classic-async-config",
            }),
        ];
        const outcome = run(asyncEndpointBacklogAlarms, resources);
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome,
            [
                'Async endpoint "classic-async" has no MetricAlarm on AWS/SageMaker ApproximateBacklogSize with dimension EndpointName=classic-async.',
                'Async endpoint "classic-async" has no MetricAlarm on AWS/SageMaker ApproximateAgeOfOldestRequest with dimension EndpointName=classic-async.',
            ],
        );
    });

    it("during preview (config name, async config and step-policy ARN unknown), the joins go through propertyDependencies and the rule runs", () => {
        const byName = (name: string) => compliantStack().find((r) => r.name === name)!;
        const preview = (resources: SynthResource[]) => {
            let changed = changeField(resources, "async-config", "endpointConfigName", UNKNOWN_VALUE);
            changed = changeField(changed, "async-config", "asyncInferenceConfig", UNKNOWN_VALUE);
            changed = changeField(changed, "async-endpoint", "endpointConfigName", UNKNOWN_VALUE);
            changed = changeField(changed, "async-scale-from-zero", "arn", UNKNOWN_VALUE);
            changed = changeField(changed, "async-backlog-without-capacity", "alarmActions", [UNKNOWN_VALUE]);
            return replaceResource(changed, "async-endpoint", (r) => ({
                ...r,
                propertyDependencies: { endpointConfigName: [byName("async-config").urn] },
            }));
        };
        const triggered = replaceResource(preview(asyncSet()), "async-backlog-without-capacity", (r) => ({
            ...r,
            propertyDependencies: { alarmActions: [byName("async-scale-from-zero").urn] },
        }));
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, triggered), none);
        // An unknown action that depends on no scaling policy cannot be the policy's ARN: the wiring is missing.
        const outcome = run(asyncEndpointBacklogAlarms, withoutResource(preview(asyncSet()), "async-oldest-request"));
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome,
            [
                'Async endpoint "async-endpoint" has no MetricAlarm on AWS/SageMaker ApproximateAgeOfOldestRequest with dimension EndpointName=async-endpoint.',
                'Scalable target endpoint/async-endpoint/variant/AllTraffic of async endpoint "async-endpoint" has minCapacity 0 but no MetricAlarm on AWS/SageMaker HasBacklogWithoutCapacity (EndpointName=async-endpoint) whose alarmActions trigger its StepScaling policy.',
            ],
        );
    });

    it("an endpoint name unknown during preview makes the rule 'can't run', not a violation", () => {
        const resources = replaceResource(asyncSet(), "async-endpoint", (r) => ({ ...r, outputs: withUnknown(r.outputs, "endpointName") }));
        assert.deepStrictEqual(run(asyncEndpointBacklogAlarms, resources), {
            kind: "unknown",
            message: "string value at .endpointName can't be known during preview",
        });
    });
});

describe("async-endpoint-no-invocation-metrics", () => {
    const invocationsAlarm = (name: string, metric: Record<string, any>) =>
        synthResource("aws:cloudwatch/metricAlarm:MetricAlarm", name, {
            alarmActions: [ALARM_TOPIC_ARN],
            threshold: 1,
            evaluationPeriods: 1,
            ...metric,
        });

    it("passes the compliant async set (it scales on ApproximateBacklogSizePerInstance)", () => {
        assert.deepStrictEqual(run(asyncEndpointNoInvocationMetrics, asyncSet()), none);
    });

    it("an alarm on Invocations of the async endpoint", () => {
        const alarm = invocationsAlarm("async-invocations", {
            namespace: "AWS/SageMaker",
            metricName: "Invocations",
            dimensions: { EndpointName: "async-endpoint", VariantName: "AllTraffic" },
        });
        assert.deepStrictEqual(run(asyncEndpointNoInvocationMetrics, [...asyncSet(), alarm]), {
            kind: "violations",
            violations: [
                {
                    urn: alarm.urn,
                    message:
                        'Alarm metric watches Invocations of async endpoint "async-endpoint", which async endpoints never publish, so the alarm never fires. ' +
                        "Remediation: use ApproximateBacklogSize, ApproximateAgeOfOldestRequest or ApproximateBacklogSizePerInstance instead.",
                },
            ],
        });
    });

    it("an OverheadLatency metric inside metricQueries", () => {
        const alarm = invocationsAlarm("async-overhead", {
            metricQueries: [
                {
                    id: "m1",
                    metric: {
                        namespace: "AWS/SageMaker",
                        metricName: "ModelLatency",
                        dimensions: { EndpointName: "async-endpoint" },
                        period: 60,
                        stat: "p99",
                    },
                },
                {
                    id: "m2",
                    metric: {
                        namespace: "AWS/SageMaker",
                        metricName: "OverheadLatency",
                        dimensions: { EndpointName: "async-endpoint" },
                        period: 60,
                        stat: "p99",
                    },
                },
                { id: "e1", expression: "m1 + m2", returnData: true },
            ],
        });
        assert.deepStrictEqual(run(asyncEndpointNoInvocationMetrics, [...asyncSet(), alarm]), {
            kind: "violations",
            violations: [
                {
                    urn: alarm.urn,
                    message:
                        'Alarm metricQueries[1].metric watches OverheadLatency of async endpoint "async-endpoint", which async endpoints never publish, so the alarm never fires. ' +
                        "Remediation: use ApproximateBacklogSize, ApproximateAgeOfOldestRequest or ApproximateBacklogSizePerInstance instead.",
                },
            ],
        });
    });

    it("target tracking on the predefined SageMakerVariantInvocationsPerInstance", () => {
        const resources = changeField(asyncSet(), "async-backlog-tracking", "targetTrackingScalingPolicyConfiguration", {
            targetValue: 100,
            predefinedMetricSpecification: { predefinedMetricType: "SageMakerVariantInvocationsPerInstance" },
        });
        assert.deepStrictEqual(run(asyncEndpointNoInvocationMetrics, resources), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws:appautoscaling/policy:Policy", "async-backlog-tracking"),
                    message:
                        'Scaling policy on endpoint/async-endpoint/variant/AllTraffic tracks SageMakerVariantInvocationsPerInstance, but async endpoint "async-endpoint" does not publish InvocationsPerInstance. ' +
                        "Remediation: track a customized metric on ApproximateBacklogSizePerInstance (namespace AWS/SageMaker, dimension EndpointName) instead.",
                },
            ],
        });
    });

    it("target tracking on a customized InvocationsPerInstance metric", () => {
        const resources = changeField(
            asyncSet(),
            "async-backlog-tracking",
            "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metricName",
            "InvocationsPerInstance",
        );
        assert.deepStrictEqual(run(asyncEndpointNoInvocationMetrics, resources), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf("aws:appautoscaling/policy:Policy", "async-backlog-tracking"),
                    message:
                        'Scaling policy targetTrackingScalingPolicyConfiguration.customizedMetricSpecification uses InvocationsPerInstance of async endpoint "async-endpoint", which async endpoints never publish. ' +
                        "Remediation: use ApproximateBacklogSize, ApproximateAgeOfOldestRequest or ApproximateBacklogSizePerInstance instead.",
                },
            ],
        });
    });

    it("Invocations alarms on real-time endpoints are fine", () => {
        const realtime = compliantStack().filter((r) => ["realtime-config", "realtime-endpoint"].includes(r.name));
        const alarm = invocationsAlarm("realtime-invocations", {
            namespace: "AWS/SageMaker",
            metricName: "Invocations",
            dimensions: { EndpointName: "realtime-endpoint", VariantName: "AllTraffic" },
        });
        assert.deepStrictEqual(run(asyncEndpointNoInvocationMetrics, [...asyncSet(), ...realtime, alarm]), none);
    });
});
