import * as assert from "assert";
import { stableHex } from "../../../tools/synth/mockState";
import * as pulumi from "@pulumi/pulumi";
import { declareStack, stackOutputs } from "../../../program/declareStack";
import { configProblems, loadConfig } from "../../support/stackConfig";
import { declared, ofType } from "../../support/pulumiMocks";

/** The name the mock completes from the io bucket's bucketPrefix, as S3 would. */
const IO_BUCKET = `scorer-io-${stableHex("scorer-io-bucket", 26)}`;

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const NS = "sagemaker-monitoring";

const load = loadConfig;
const problems = configProblems;

const asyncEntry = { name: "scorer", kind: "async", model: { image: IMAGE }, instanceType: "ml.m5.large" };

describe("stack config: kind async", () => {
    it("parses an async entry with its async, scaling and alarms blocks as written", () => {
        const entry = {
            ...asyncEntry,
            async: { maxConcurrentInvocationsPerInstance: 2 },
            scaling: { minCapacity: 0, maxCapacity: 2 },
            alarms: { maxBacklogSize: false, additional: [{ metricName: "TimeInBacklog", threshold: 600 }] },
        };
        assert.deepStrictEqual(load({ endpoints: [entry] }).endpoints, [entry]);
    });

    it("async and scaling are refused on a real-time entry, an async alarm key there names its metric, unknown keys inside them too", () => {
        assert.deepStrictEqual(
            problems({
                endpoints: [
                    {
                        name: "rt",
                        model: { image: IMAGE },
                        instanceType: "ml.m5.large",
                        async: {},
                        scaling: { minCapacity: 1 },
                        alarms: { maxBacklogSize: 5 },
                    },
                    { ...asyncEntry, async: { outputPath: "s3://x/y" }, scaling: { metric: "ApproximateBacklogSize" } },
                ],
            }),
            [
                {
                    propertyPath: `${NS}:endpoints[0].async`,
                    reason: 'is only valid with kind: async (this endpoint\'s kind is "realtime")',
                },
                {
                    propertyPath: `${NS}:endpoints[0].scaling`,
                    reason: 'is only valid with kind: async (this endpoint\'s kind is "realtime")',
                },
                {
                    propertyPath: `${NS}:endpoints[1].async.outputPath`,
                    reason: "is not a known property (known: maxConcurrentInvocationsPerInstance, existingLocations, expirationDays, forceDestroy, notifications)",
                },
                {
                    propertyPath: `${NS}:endpoints[1].scaling.metric`,
                    reason: 'is not a known property; did you mean "metricName"? (known: enabled, minCapacity, maxCapacity, metricName, targetBacklogPerInstance, scaleInCooldownSeconds, scaleOutCooldownSeconds)',
                },
                {
                    propertyPath: `${NS}:endpoints[0].alarms.maxBacklogSize`,
                    reason:
                        "is an alarm of asynchronous endpoints on ApproximateBacklogSize, which real-time endpoints never publish, so it would never fire; alarms of real-time endpoints: " +
                        "maxInvocation5XXErrorsPerMinute, maxInvocation4XXErrorRatePercent, maxModelLatencyP99Microseconds, maxOverheadLatencyP99Microseconds, maxCpuUtilizationPercent, " +
                        "maxMemoryUtilizationPercent, maxDiskUtilizationPercent, maxGpuUtilizationPercent, maxGpuMemoryUtilizationPercent, maxInvocationsPerInstancePerMinute",
                },
            ],
        );
    });

    it("every value problem of the issue at once, at its stack-file path", () => {
        const entry = {
            ...asyncEntry,
            instanceCount: 1,
            async: {
                maxConcurrentInvocationsPerInstance: 1001,
                existingLocations: {
                    inputPrefix: "s3://io-bucket/in/",
                    outputPath: "io-bucket/out",
                    failurePath: "s3://io-bucket/err",
                    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000004-0000-4000-8000-000000000004",
                },
                notifications: { successTopicArn: "arn:aws:sns:us-east-1:123456789012:ok", errorTopicArn: "sns:err" },
            },
            scaling: { minCapacity: 3, maxCapacity: 2, metricName: "InvocationsPerInstance" },
            alarms: { maxBacklogSize: -10, additional: [{ metricName: "OverheadLatency", threshold: 1 }] },
        };
        const paths = problems({ endpoints: [entry] }).map((p: any) => p.propertyPath);
        assert.deepStrictEqual(paths, [
            `${NS}:endpoints[0].async.maxConcurrentInvocationsPerInstance`,
            `${NS}:endpoints[0].async.existingLocations.outputPath`,
            `${NS}:endpoints[0].async.notifications.errorTopicArn`,
            `${NS}:endpoints[0].scaling.metricName`,
            `${NS}:endpoints[0].scaling.minCapacity`,
            `${NS}:endpoints[0].alarms.maxBacklogSize`,
            `${NS}:endpoints[0].alarms.additional[0].metricName`,
        ]);
        assert.deepStrictEqual(problems({ endpoints: [{ ...asyncEntry, scaling: { maxCapacity: 0 } }] }), [
            { propertyPath: `${NS}:endpoints[0].scaling.maxCapacity`, reason: "must be an integer >= 1 (got 0)" },
        ]);
    });

    it("declareStack wires an async entry to the stack's alarm topic and exports where callers upload", async () => {
        let outputs: ReturnType<typeof stackOutputs> | undefined;
        const resources = await declared(() => {
            outputs = stackOutputs(declareStack(load({ endpoints: [{ ...asyncEntry, scaling: { minCapacity: 0 } }] })));
        });
        const topicArn = "arn:aws:sns:us-east-1:123456789012:alarms-topic";
        const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const paging = alarms.filter((a) => !a.name.includes("scale-from-zero"));
        assert.deepStrictEqual(
            paging.map((a) => [a.parent, a.inputs.alarmActions, a.inputs.okActions]),
            paging.map(() => ["scorer", [topicArn], [topicArn]]),
        );
        assert.strictEqual(paging.length, 8);
        const endpoints = await new Promise<any>((resolve) => pulumi.output(outputs!.endpoints).apply(resolve));
        assert.deepStrictEqual(
            {
                inputLocationPrefix: endpoints.scorer.inputLocationPrefix,
                outputPath: endpoints.scorer.outputPath,
                failurePath: endpoints.scorer.failurePath,
                successTopicArn: endpoints.scorer.successTopicArn,
                errorTopicArn: endpoints.scorer.errorTopicArn,
            },
            {
                inputLocationPrefix: `s3://${IO_BUCKET}/scorer/input/`,
                outputPath: `s3://${IO_BUCKET}/scorer/output`,
                failurePath: `s3://${IO_BUCKET}/scorer/failures`,
                successTopicArn: "arn:aws:sns:us-east-1:123456789012:scorer-success-topic",
                errorTopicArn: "arn:aws:sns:us-east-1:123456789012:scorer-error-topic",
            },
        );
    });
});
