import * as assert from "assert";
import { buildAsyncInferenceConfig } from "../../../components/asyncEndpoint/asyncInferenceConfig";
import { asyncLocations } from "../../../components/asyncEndpoint/asyncLocations";
import { asyncMetricDimensions, asyncMetricRule } from "../../../components/asyncEndpoint/asyncMetrics";
import { buildNotificationKeyPolicy, buildNotificationTopicPolicy } from "../../../components/asyncEndpoint/notificationTopicPolicies";

const base = {
    outputPath: "s3://io-bucket/scorer/output",
    failurePath: "s3://io-bucket/scorer/failures",
    outputKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000008-0000-4000-8000-000000000008",
    successTopicArn: "arn:aws:sns:us-east-1:123456789012:ok",
    errorTopicArn: "arn:aws:sns:us-east-1:123456789012:err",
};

describe("async builders", () => {
    describe("buildAsyncInferenceConfig", () => {
        const cases: { name: string; input: Parameters<typeof buildAsyncInferenceConfig>[0]; expected: unknown }[] = [
            {
                name: "leaves ClientConfig and IncludeInferenceResponseIn out when unset, so SageMaker chooses and the hash ignores them",
                input: { ...base, includeInferenceResponseIn: [] },
                expected: {
                    outputConfig: {
                        s3OutputPath: base.outputPath,
                        s3FailurePath: base.failurePath,
                        kmsKeyId: base.outputKmsKeyArn,
                        notificationConfig: { successTopic: base.successTopicArn, errorTopic: base.errorTopicArn },
                    },
                },
            },
            {
                name: "sets concurrency and the topics that carry responses",
                input: {
                    ...base,
                    includeInferenceResponseIn: ["SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC"],
                    maxConcurrentInvocationsPerInstance: 1000,
                },
                expected: {
                    clientConfig: { maxConcurrentInvocationsPerInstance: 1000 },
                    outputConfig: {
                        s3OutputPath: base.outputPath,
                        s3FailurePath: base.failurePath,
                        kmsKeyId: base.outputKmsKeyArn,
                        notificationConfig: {
                            successTopic: base.successTopicArn,
                            errorTopic: base.errorTopicArn,
                            includeInferenceResponseIn: ["SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC"],
                        },
                    },
                },
            },
        ];
        for (const c of cases) {
            it(c.name, () => assert.deepStrictEqual(buildAsyncInferenceConfig(c.input), c.expected));
        }
    });

    it("lays out input, output and failure locations under the endpoint's folder", () => {
        assert.deepStrictEqual(asyncLocations("io-bucket", "scorer"), {
            inputPrefix: "s3://io-bucket/scorer/input/",
            outputPath: "s3://io-bucket/scorer/output",
            failurePath: "s3://io-bucket/scorer/failures",
        });
    });

    describe("asyncMetricDimensions: exactly what AWS publishes", () => {
        const cases: [string, Record<string, string>][] = [
            ["ApproximateBacklogSize", { EndpointName: "e" }],
            ["ApproximateBacklogSizePerInstance", { EndpointName: "e" }],
            ["ApproximateAgeOfOldestRequest", { EndpointName: "e" }],
            ["HasBacklogWithoutCapacity", { EndpointName: "e" }],
            ["InvocationFailures", { EndpointName: "e", VariantName: "v" }],
            ["InvocationsProcesssed", { EndpointName: "e", VariantName: "v" }],
            ["NotificationFailures", { EndpointName: "e", VariantName: "v" }],
            ["TimeInBacklog", { EndpointName: "e", VariantName: "v" }],
        ];
        for (const [metric, dimensions] of cases) {
            it(metric, () => assert.deepStrictEqual(asyncMetricDimensions(metric as never, "e", "v"), dimensions));
        }
    });

    describe("asyncMetricRule", () => {
        const notPublished = (metric: string) =>
            `must not be ${metric}: asynchronous endpoints do not publish Invocations, InvocationsPerInstance or OverheadLatency, so an alarm on it never fires and a scaling policy on it never scales; use one of ApproximateBacklogSizePerInstance`;
        it("refuses each real-time metric with the reason", () => {
            for (const metric of ["Invocations", "InvocationsPerInstance", "OverheadLatency"]) {
                assert.strictEqual(asyncMetricRule(metric, ["ApproximateBacklogSizePerInstance"]), notPublished(metric));
            }
        });
        it("accepts AWS's own spelling InvocationsProcesssed, and names the allowed list for anything else", () => {
            assert.strictEqual(asyncMetricRule("InvocationsProcesssed"), undefined);
            assert.strictEqual(
                asyncMetricRule("InvocationsProcessed", ["ApproximateBacklogSize", "InvocationsProcesssed"]),
                'must be a metric asynchronous endpoints publish, one of ApproximateBacklogSize, InvocationsProcesssed (got "InvocationsProcessed")',
            );
        });
    });

    describe("notification topic policies", () => {
        it("the key: the account administers it; only a passed-in execution role is named, through SNS only", () => {
            assert.deepStrictEqual(buildNotificationKeyPolicy("aws", "123456789012", "eu-west-1", []), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AccountAdministersKey",
                        Effect: "Allow",
                        Principal: { AWS: "arn:aws:iam::123456789012:root" },
                        Action: ["kms:*"],
                        Resource: ["*"],
                    },
                ],
            });
            assert.deepStrictEqual(
                buildNotificationKeyPolicy("aws", "123456789012", "eu-west-1", [
                    "arn:aws:iam::123456789012:role/z",
                    "arn:aws:iam::123456789012:role/a",
                ]).Statement[1],
                {
                    Sid: "ExecutionRolePublishesEncrypted",
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/z"] },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: ["*"],
                    Condition: { StringEquals: { "kms:ViaService": "sns.eu-west-1.amazonaws.com" } },
                },
            );
        });
        it("the topic: account principals through IAM, publishing only over TLS", () => {
            const arn = "arn:aws:sns:us-east-1:123456789012:ok";
            assert.deepStrictEqual(buildNotificationTopicPolicy("aws", "123456789012", arn), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AccountPublishesAndSubscribes",
                        Effect: "Allow",
                        Principal: { AWS: "arn:aws:iam::123456789012:root" },
                        Action: ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:Publish", "sns:Subscribe"],
                        Resource: [arn],
                    },
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: { AWS: "*" },
                        Action: ["sns:Publish"],
                        Resource: [arn],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            });
        });
    });
});
