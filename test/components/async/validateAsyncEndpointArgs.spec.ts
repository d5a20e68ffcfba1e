import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AsyncEndpoint, AsyncEndpointArgs } from "../../../components/asyncEndpoint/AsyncEndpoint";
import { asyncEndpointArgsProblems } from "../../../components/asyncEndpoint/validateAsyncEndpointArgs";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const VALID_ASYNC_ARGS: AsyncEndpointArgs = {
    model: { image: IMAGE, modelDataUrl: "s3://models-bucket/churn/model.tar.gz" },
    instanceType: "ml.m5.large",
    captureDestination: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: KEY },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
};

function problems(args: Partial<AsyncEndpointArgs>) {
    return asyncEndpointArgsProblems("scorer", { ...VALID_ASYNC_ARGS, ...args } as AsyncEndpointArgs);
}

const NOT_PUBLISHED = (metric: string, allowed: string) =>
    `must not be ${metric}: asynchronous endpoints do not publish Invocations, InvocationsPerInstance or OverheadLatency, so an alarm on it never fires and a scaling policy on it never scales; use one of ${allowed}`;
const ALARM_METRICS =
    "ApproximateBacklogSize, ApproximateBacklogSizePerInstance, ApproximateAgeOfOldestRequest, HasBacklogWithoutCapacity, RequestDownloadFailures, ResponseUploadFailures, NotificationFailures, " +
    "RequestDownloadLatency, ResponseUploadLatency, ExpiredRequests, InvocationFailures, InvocationsProcesssed, TimeInBacklog, TotalProcessingTime, Invocation4XXErrors, Invocation5XXErrors, ModelLatency";
const SNS_REASON = (fault: string, got: string) =>
    `must be an SNS topic ARN arn:aws:sns:<region>:<account>:<topic name>, but ${fault} (got ${JSON.stringify(got)})`;

describe("AsyncEndpoint argument validation", () => {
    it("accepts valid arguments, including every option", () => {
        assert.deepStrictEqual(
            problems({
                async: {
                    maxConcurrentInvocationsPerInstance: 1000,
                    existingLocations: {
                        inputPrefix: "s3://io-bucket/in/",
                        outputPath: "s3://io-bucket/out",
                        failurePath: "s3://io-bucket/err",
                        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000004-0000-4000-8000-000000000004",
                    },
                    notifications: {
                        successTopicArn: "arn:aws:sns:us-east-1:123456789012:ok",
                        errorTopicArn: "arn:aws:sns:us-east-1:123456789012:err_name-2",
                        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e000000b-0000-4000-8000-00000000000b",
                        includeInferenceResponseIn: ["SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC"],
                    },
                },
                scaling: { minCapacity: 0, maxCapacity: 1 },
                alarms: {
                    maxBacklogSize: 0,
                    maxOldestRequestAgeSeconds: 0.5,
                    maxBacklogWithoutCapacitySeconds: 120,
                    maxInvocationFailures: false,
                    additional: [{ metricName: "ModelLatency", threshold: 0, periodSeconds: 120 }],
                },
            }),
            [],
        );
        assert.deepStrictEqual(problems({ async: { maxConcurrentInvocationsPerInstance: 1, expirationDays: 1, forceDestroy: true } }), []);
    });

    it("concurrency outside 1-1000", () => {
        for (const value of [0, 1001, 2.5]) {
            assert.deepStrictEqual(problems({ async: { maxConcurrentInvocationsPerInstance: value } }), [
                { propertyPath: "async.maxConcurrentInvocationsPerInstance", reason: `must be an integer from 1 to 1000 (got ${value})` },
            ]);
        }
    });

    it("malformed SNS topic ARNs: notification topics and the alarm topic", () => {
        assert.deepStrictEqual(
            problems({
                alarmTopicArn: "arn:aws:sqs:us-east-1:123456789012:alarms",
                async: {
                    notifications: {
                        successTopicArn: "arn:aws:sns:us-east-1:123:ok",
                        errorTopicArn: "arn:aws:sns:us-east-1:123456789012:bad/name",
                    },
                },
            }),
            [
                {
                    propertyPath: "alarmTopicArn",
                    reason: SNS_REASON('its service is "sqs", not sns', "arn:aws:sqs:us-east-1:123456789012:alarms"),
                },
                {
                    propertyPath: "async.notifications.successTopicArn",
                    reason: SNS_REASON('its account "123" is not a 12-digit account id', "arn:aws:sns:us-east-1:123:ok"),
                },
                {
                    propertyPath: "async.notifications.errorTopicArn",
                    reason: SNS_REASON(
                        'its resource "bad/name" is not of the form <topic name>',
                        "arn:aws:sns:us-east-1:123456789012:bad/name",
                    ),
                },
            ],
        );
    });

    it("output, failure and input locations that are not s3://, and a missing key", () => {
        const s3 = (got: string) =>
            `must be an S3 URI of the form s3://<bucket>/<key>, bucket 3-63 lowercase letters, digits, dots and hyphens (got ${JSON.stringify(got)})`;
        assert.deepStrictEqual(
            problems({
                async: {
                    existingLocations: {
                        inputPrefix: "io/in/",
                        outputPath: "https://io.s3.amazonaws.com/out",
                        failurePath: "s3:/io/err",
                    } as never,
                    expirationDays: 3,
                },
            }),
            [
                { propertyPath: "async.existingLocations.inputPrefix", reason: s3("io/in/") },
                { propertyPath: "async.existingLocations.outputPath", reason: s3("https://io.s3.amazonaws.com/out") },
                { propertyPath: "async.existingLocations.failurePath", reason: s3("s3:/io/err") },
                {
                    propertyPath: "async.existingLocations.kmsKeyArn",
                    reason: "is required with existingLocations: the KMS key SageMaker encrypts results with",
                },
                {
                    propertyPath: "async.expirationDays",
                    reason: "must not be set with existingLocations: it applies only to the bucket AsyncEndpoint creates",
                },
            ],
        );
    });

    it("notification options: key only with a passed-in topic, known and unique response topics", () => {
        assert.deepStrictEqual(
            problems({
                async: {
                    expirationDays: 0,
                    notifications: {
                        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e000000a-0000-4000-8000-00000000000a",
                        includeInferenceResponseIn: ["SUCCESS_NOTIFICATION_TOPIC", "SUCCESS", "SUCCESS_NOTIFICATION_TOPIC"] as never,
                    },
                },
            }),
            [
                { propertyPath: "async.expirationDays", reason: "must be an integer from 1 to 36500 (got 0)" },
                {
                    propertyPath: "async.notifications.kmsKeyArn",
                    reason: "must only be set with successTopicArn or errorTopicArn: created topics use their own key",
                },
                {
                    propertyPath: "async.notifications.includeInferenceResponseIn",
                    reason: 'must be a list of at most 2 of SUCCESS_NOTIFICATION_TOPIC, ERROR_NOTIFICATION_TOPIC (got ["SUCCESS_NOTIFICATION_TOPIC","SUCCESS","SUCCESS_NOTIFICATION_TOPIC"])',
                },
            ],
        );
        assert.deepStrictEqual(
            problems({ async: { notifications: { includeInferenceResponseIn: ["ERROR_NOTIFICATION_TOPIC", "ERROR"] as never } } }),
            [
                {
                    propertyPath: "async.notifications.includeInferenceResponseIn[1]",
                    reason: 'must be one of "SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC" (got "ERROR")',
                },
            ],
        );
        assert.deepStrictEqual(
            problems({
                async: { notifications: { includeInferenceResponseIn: ["ERROR_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC"] } },
            }),
            [
                {
                    propertyPath: "async.notifications.includeInferenceResponseIn",
                    reason: 'must not repeat a value (repeated: "ERROR_NOTIFICATION_TOPIC")',
                },
            ],
        );
    });

    it("negative thresholds, a capacity wait that is not a multiple of 60 or too short", () => {
        assert.deepStrictEqual(
            problems({
                alarms: {
                    maxBacklogSize: -1,
                    maxOldestRequestAgeSeconds: -0.5,
                    maxBacklogWithoutCapacitySeconds: 90,
                    maxInvocationFailures: 1.5,
                    maxNotificationFailures: -2,
                },
            }),
            [
                {
                    propertyPath: "alarms.maxBacklogSize",
                    reason: "must be a number >= 0, or false to remove the alarm, or { critical, warning } (got -1)",
                },
                {
                    propertyPath: "alarms.maxOldestRequestAgeSeconds",
                    reason: "must be a number >= 0, or false to remove the alarm, or { critical, warning } (got -0.5)",
                },
                {
                    propertyPath: "alarms.maxBacklogWithoutCapacitySeconds",
                    reason: "must be a multiple of 60 from 120 to 86400 seconds, longer than the 60-second scale-from-zero trigger, or false to remove the alarm, or { critical, warning } (got 90)",
                },
                {
                    propertyPath: "alarms.maxInvocationFailures",
                    reason: "must be an integer >= 0, or false to remove the alarm, or { critical, warning } (got 1.5)",
                },
                {
                    propertyPath: "alarms.maxNotificationFailures",
                    reason: "must be an integer >= 0, or false to remove the alarm, or { critical, warning } (got -2)",
                },
            ],
        );
        assert.deepStrictEqual(problems({ alarms: { maxBacklogWithoutCapacitySeconds: 60 } }), [
            {
                propertyPath: "alarms.maxBacklogWithoutCapacitySeconds",
                reason: "must be a multiple of 60 from 120 to 86400 seconds, longer than the 60-second scale-from-zero trigger, or false to remove the alarm, or { critical, warning } (got 60)",
            },
        ]);
    });

    it("additional alarms: never on Invocations, InvocationsPerInstance or OverheadLatency, and within CloudWatch's limits", () => {
        assert.deepStrictEqual(
            problems({
                alarms: {
                    additional: [
                        { metricName: "Invocations", threshold: 1 },
                        { metricName: "InvocationsPerInstance", threshold: 1 },
                        {
                            metricName: "OverheadLatency",
                            threshold: -1,
                            periodSeconds: 45,
                            statistic: "p99" as never,
                            comparisonOperator: ">" as never,
                            treatMissingData: "zero" as never,
                        },
                        { metricName: "TimeInBacklog", threshold: 1, periodSeconds: 3600, evaluationPeriods: 25 },
                        { metricName: "TimeInBacklog", threshold: 1, evaluationPeriods: 2, datapointsToAlarm: 3 },
                    ],
                },
            }),
            [
                { propertyPath: "alarms.additional[0].metricName", reason: NOT_PUBLISHED("Invocations", ALARM_METRICS) },
                { propertyPath: "alarms.additional[1].metricName", reason: NOT_PUBLISHED("InvocationsPerInstance", ALARM_METRICS) },
                { propertyPath: "alarms.additional[2].metricName", reason: NOT_PUBLISHED("OverheadLatency", ALARM_METRICS) },
                { propertyPath: "alarms.additional[2].threshold", reason: "must be a number >= 0 (got -1)" },
                {
                    propertyPath: "alarms.additional[2].comparisonOperator",
                    reason: 'must be one of "GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold" (got ">")',
                },
                {
                    propertyPath: "alarms.additional[2].statistic",
                    reason: 'must be one of "Average", "Sum", "Minimum", "Maximum", "SampleCount" (got "p99")',
                },
                {
                    propertyPath: "alarms.additional[2].treatMissingData",
                    reason: 'must be one of "breaching", "notBreaching", "ignore", "missing" (got "zero")',
                },
                {
                    propertyPath: "alarms.additional[2].periodSeconds",
                    reason: "must be 10, 30 or a positive multiple of 60 seconds (got 45)",
                },
                {
                    propertyPath: "alarms.additional[3].evaluationPeriods",
                    reason: "period x evaluation periods must be at most 86400 seconds (got 3600 x 25 = 90000)",
                },
                { propertyPath: "alarms.additional[4].datapointsToAlarm", reason: "must be an integer from 1 to 2 (got 3)" },
            ],
        );
    });

    it("the component throws one InputPropertiesError with every problem before declaring anything, wiring included", () => {
        let error: unknown;
        try {
            // No mock runtime here: reaching any resource registration would fail differently.
            new AsyncEndpoint("scorer", {
                ...VALID_ASYNC_ARGS,
                captureDestination: undefined as never,
                alarmTopicArn: undefined as never,
                instanceCount: 3,
                async: { maxConcurrentInvocationsPerInstance: 0 },
                scaling: { minCapacity: 2, maxCapacity: 0, metricName: "InvocationsPerInstance" },
                alarms: { maxOldestRequestAgeSeconds: -60 },
            });
        } catch (e) {
            error = e;
        }
        assert.ok(pulumi.InputPropertiesError.isInstance(error));
        assert.deepStrictEqual((error as pulumi.InputPropertiesError).errors, [
            {
                propertyPath: "captureDestination",
                reason: "is required: a CaptureBucket's destination() or { bucketName, prefix, kmsKeyArn }",
            },
            { propertyPath: "alarmTopicArn", reason: "is required: the SNS topic every alarm notifies, e.g. AlarmNotifications' topicArn" },
            { propertyPath: "async.maxConcurrentInvocationsPerInstance", reason: "must be an integer from 1 to 1000 (got 0)" },
            { propertyPath: "scaling.metricName", reason: NOT_PUBLISHED("InvocationsPerInstance", "ApproximateBacklogSizePerInstance") },
            { propertyPath: "scaling.maxCapacity", reason: "must be an integer >= 1 (got 0)" },
            {
                propertyPath: "alarms.maxOldestRequestAgeSeconds",
                reason: "must be a number >= 0, or false to remove the alarm, or { critical, warning } (got -60)",
            },
        ]);
        assert.match((error as Error).message, /^AsyncEndpoint "scorer": 6 invalid inputs:\n {2}- captureDestination: /);
    });
});
