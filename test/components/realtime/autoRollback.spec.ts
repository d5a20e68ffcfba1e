import * as assert from "assert";
import {
    RealtimeEndpoint,
    RealtimeEndpointArgs,
    validateRealtimeEndpointArgs,
} from "../../../components/realtimeEndpoint/RealtimeEndpoint";
import { buildDeploymentConfig } from "../../../components/realtimeEndpoint/rollback/deploymentConfig";
import { declaredWithDependencies } from "../../support/pulumiMocks";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const BASE: RealtimeEndpointArgs = {
    model: { image: IMAGE },
    instanceType: "ml.m5.large",
    variants: [{ name: "blue" }, { name: "green" }],
    captureDestination: {
        bucketName: "capture",
        prefix: "datacapture",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
    },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
    stackName: "dev",
};

function problems(args: Partial<RealtimeEndpointArgs>): { propertyPath: string; reason: string }[] {
    try {
        validateRealtimeEndpointArgs("churn", { ...BASE, ...args } as RealtimeEndpointArgs);
    } catch (error: any) {
        return error.errors;
    }
    return [];
}

describe("auto-rollback", () => {
    it("buildDeploymentConfig: canary by default, linear and all-at-once on request, the alarms by name", () => {
        assert.deepStrictEqual(buildDeploymentConfig({ alarms: ["x"] }, ["a", "b"]), {
            blueGreenUpdatePolicy: {
                trafficRoutingConfiguration: {
                    type: "CANARY",
                    waitIntervalInSeconds: 600,
                    canarySize: { type: "CAPACITY_PERCENT", value: 10 },
                },
                terminationWaitInSeconds: 0,
            },
            autoRollbackConfiguration: { alarms: [{ alarmName: "a" }, { alarmName: "b" }] },
        });
        assert.deepStrictEqual(
            buildDeploymentConfig({ alarms: ["x"], trafficShifting: "LINEAR", waitIntervalSeconds: 300, terminationWaitSeconds: 120 }, [
                "a",
            ]).blueGreenUpdatePolicy,
            {
                trafficRoutingConfiguration: {
                    type: "LINEAR",
                    waitIntervalInSeconds: 300,
                    linearStepSize: { type: "CAPACITY_PERCENT", value: 20 },
                },
                terminationWaitInSeconds: 120,
            },
        );
        assert.deepStrictEqual(buildDeploymentConfig({ alarms: ["x"], trafficShifting: "ALL_AT_ONCE" }, ["a"]).blueGreenUpdatePolicy, {
            trafficRoutingConfiguration: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 600 },
            terminationWaitInSeconds: 0,
        });
    });

    it("the endpoint lists the critical alarms of the chosen keys on every variant, and waits for exactly those alarms", async () => {
        const { resources, dependencies } = await declaredWithDependencies(
            () =>
                new RealtimeEndpoint("churn", {
                    ...BASE,
                    alarms: { maxModelLatencyP99Microseconds: { warning: 500000, critical: 800000 } },
                    autoRollback: { alarms: ["maxInvocation5XXErrorsPerMinute", "maxModelLatencyP99Microseconds"], stepPercent: 25 },
                }),
        );
        const endpoint = resources.find((r) => r.type === "aws-native:sagemaker:Endpoint")!;
        assert.deepStrictEqual(endpoint.inputs.deploymentConfig, {
            blueGreenUpdatePolicy: {
                trafficRoutingConfiguration: {
                    type: "CANARY",
                    waitIntervalInSeconds: 600,
                    canarySize: { type: "CAPACITY_PERCENT", value: 25 },
                },
                terminationWaitInSeconds: 0,
            },
            autoRollbackConfiguration: {
                alarms: [
                    { alarmName: "churn-blue-Invocation5XXErrors" },
                    { alarmName: "churn-green-Invocation5XXErrors" },
                    { alarmName: "churn-blue-ModelLatencyP99" },
                    { alarmName: "churn-green-ModelLatencyP99" },
                ],
            },
        });
        const alarmDependencies = (dependencies.get("churn-endpoint") ?? [])
            .filter((urn) => urn.includes("MetricAlarm"))
            .map((urn) => urn.split("::").pop());
        assert.deepStrictEqual(alarmDependencies.sort(), [
            "churn-alarm-invocation5-xx-errors-blue",
            "churn-alarm-invocation5-xx-errors-green",
            "churn-alarm-model-latency-p99-blue",
            "churn-alarm-model-latency-p99-green",
        ]);
    });

    it("without autoRollback the endpoint has no deploymentConfig", async () => {
        const { resources } = await declaredWithDependencies(() => new RealtimeEndpoint("churn", BASE));
        assert.strictEqual(resources.find((r) => r.type === "aws-native:sagemaker:Endpoint")!.inputs.deploymentConfig, undefined);
    });

    it("bad input: keys that name no critical alarm of this endpoint, too many alarms, out-of-range steps and waits", () => {
        const allowed =
            "one of this endpoint's alarm keys with a critical alarm: maxInvocation5XXErrorsPerMinute, maxInvocation4XXErrorRatePercent, maxModelLatencyP99Microseconds, " +
            "maxOverheadLatencyP99Microseconds, maxCpuUtilizationPercent, maxMemoryUtilizationPercent, maxDiskUtilizationPercent";
        assert.deepStrictEqual(
            problems({
                alarms: { maxDiskUtilizationPercent: false, maxMemoryUtilizationPercent: { warning: 80 } },
                autoRollback: {
                    alarms: [
                        "maxBacklogSize",
                        "maxDiskUtilizationPercent",
                        "maxGpuUtilizationPercent",
                        "maxMemoryUtilizationPercent",
                        "maxInvocationsPerInstancePerMinute",
                    ],
                    stepPercent: 60,
                    waitIntervalSeconds: 7200,
                },
            }),
            [
                {
                    propertyPath: "autoRollback.alarms[0]",
                    reason: `must be ${allowed.replace(", maxMemoryUtilizationPercent, maxDiskUtilizationPercent", "")} (got "maxBacklogSize")`,
                },
                {
                    propertyPath: "autoRollback.alarms[1]",
                    reason: `must name an alarm this endpoint declares: alarms.maxDiskUtilizationPercent is false, so the alarm does not exist; ${allowed.replace(", maxMemoryUtilizationPercent, maxDiskUtilizationPercent", "")}`,
                },
                {
                    propertyPath: "autoRollback.alarms[2]",
                    reason: `must name an alarm this endpoint declares: no variant of this endpoint gets that alarm (GPU alarms need a GPU instance type); ${allowed.replace(", maxMemoryUtilizationPercent, maxDiskUtilizationPercent", "")}`,
                },
                {
                    propertyPath: "autoRollback.alarms[3]",
                    reason: `must name an alarm this endpoint declares: alarms.maxMemoryUtilizationPercent sets no critical level, and only critical alarms roll back; ${allowed.replace(", maxMemoryUtilizationPercent, maxDiskUtilizationPercent", "")}`,
                },
                {
                    propertyPath: "autoRollback.alarms[4]",
                    reason: `must name an alarm this endpoint declares: alarms.maxInvocationsPerInstancePerMinute is false, so the alarm does not exist; ${allowed.replace(", maxMemoryUtilizationPercent, maxDiskUtilizationPercent", "")}`,
                },
                { propertyPath: "autoRollback.stepPercent", reason: "must be an integer from 1 to 50 (got 60)" },
                { propertyPath: "autoRollback.waitIntervalSeconds", reason: "must be an integer from 0 to 3600 (got 7200)" },
            ],
        );
        assert.deepStrictEqual(
            problems({
                variants: [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }],
                autoRollback: {
                    alarms: ["maxInvocation5XXErrorsPerMinute", "maxModelLatencyP99Microseconds", "maxCpuUtilizationPercent"],
                    trafficShifting: "ALL_AT_ONCE",
                    stepPercent: 10,
                },
            }),
            [
                { propertyPath: "autoRollback.alarms", reason: "must name at most 10 alarms in all, one per variant per key (got 12)" },
                {
                    propertyPath: "autoRollback.stepPercent",
                    reason: "must be left out with trafficShifting ALL_AT_ONCE, which moves all traffic in one step",
                },
            ],
        );
        assert.deepStrictEqual(problems({ autoRollback: { alarms: [] } }), [
            {
                propertyPath: "autoRollback.alarms",
                reason: "must be a non-empty list of this endpoint's alarm keys, e.g. [maxInvocation5XXErrorsPerMinute]",
            },
        ]);
    });
});
