import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CaptureBucket } from "../../components/captureBucket/CaptureBucket";
import { stableHex } from "../../tools/synth/mockState";
import { declared, resource } from "../support/pulumiMocks";

/** The name the mock completes from bucketPrefix "capture-", as S3 would. */
const BUCKET = `capture-${stableHex("capture-bucket", 26)}`;

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("CaptureBucket", () => {
    it("declares a KMS-encrypted, private, TLS-only, versioned, expiring bucket", async () => {
        let prefixes: Promise<Record<string, string>> | undefined;
        const resources = await declared(() => {
            const bucket = new CaptureBucket("capture", {
                endpointNames: ["b-endpoint", "a-endpoint"],
                expirationDays: 30,
                tags: { team: "ml" },
            });
            prefixes = outputValue(bucket.capturePrefixes);
        });
        const tags = { team: "ml", "sagemaker-monitoring:component": "capture-bucket" };
        const key = resource(resources, "aws:kms/key:Key", "capture-key");
        const { policy, ...keyInputs } = key.inputs;
        assert.deepStrictEqual(keyInputs, {
            description:
                "Encrypts SageMaker Data Capture files in capture, and by default the ML storage volumes and container log groups of the endpoints capturing here",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            tags,
        });
        // CloudWatch Logs may use the key for exactly the endpoints' container log groups.
        assert.deepStrictEqual(JSON.parse(policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AccountAdministersKey",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: ["kms:*"],
                    Resource: ["*"],
                },
                {
                    Sid: "CloudWatchLogsEncryptsEndpointLogGroups",
                    Effect: "Allow",
                    Principal: { Service: "logs.us-east-1.amazonaws.com" },
                    Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
                    Resource: ["*"],
                    Condition: {
                        ArnEquals: {
                            "kms:EncryptionContext:aws:logs:arn": [
                                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/a-endpoint",
                                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/b-endpoint",
                            ],
                        },
                    },
                },
            ],
        });
        assert.deepStrictEqual(resource(resources, "aws:s3/bucket:Bucket", "capture-bucket").inputs, {
            bucketPrefix: "capture-",
            forceDestroy: false,
            tags,
        });
        assert.deepStrictEqual(
            resource(
                resources,
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "capture-encryption",
            ).inputs,
            {
                bucket: BUCKET,
                rules: [
                    {
                        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.outputs.arn },
                        bucketKeyEnabled: true,
                    },
                ],
            },
        );
        assert.deepStrictEqual(
            resource(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "capture-public-access-block").inputs,
            {
                bucket: BUCKET,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
        );
        assert.deepStrictEqual(resource(resources, "aws:s3/bucketVersioning:BucketVersioning", "capture-versioning").inputs, {
            bucket: BUCKET,
            versioningConfiguration: { status: "Enabled" },
        });
        assert.deepStrictEqual(resource(resources, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "capture-ownership").inputs, {
            bucket: BUCKET,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        });
        assert.deepStrictEqual(
            resource(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "capture-lifecycle").inputs,
            {
                bucket: BUCKET,
                rules: [
                    {
                        id: "expire-after-retention",
                        status: "Enabled",
                        filter: { prefix: "" },
                        expiration: { days: 30 },
                        noncurrentVersionExpiration: { noncurrentDays: 1 },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
        );
        assert.deepStrictEqual(
            JSON.parse(resource(resources, "aws:s3/bucketPolicy:BucketPolicy", "capture-tls-only-policy").inputs.policy),
            {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: { AWS: "*" },
                        Action: ["s3:*"],
                        Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            },
        );
        assert.deepStrictEqual(await prefixes, {
            "a-endpoint": `s3://${BUCKET}/datacapture/a-endpoint/`,
            "b-endpoint": `s3://${BUCKET}/datacapture/b-endpoint/`,
        });
    });

    it("uses an existing bucket and key without creating any", async () => {
        let destination: Promise<string> | undefined;
        const resources = await declared(() => {
            const bucket = new CaptureBucket("capture", {
                prefix: "dc",
                existing: {
                    bucketName: "team-capture",
                    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
                },
            });
            destination = outputValue(bucket.destinationUri);
        });
        assert.deepStrictEqual(
            resources.map((r) => r.type),
            ["sagemaker-monitoring:storage:CaptureBucket"],
        );
        assert.strictEqual(await destination, "s3://team-capture/dc");
    });

    it("rejects every bad argument at once", () => {
        assert.throws(
            () =>
                new CaptureBucket("capture", {
                    prefix: "/x",
                    expirationDays: 0,
                    endpointNames: ["a_b"],
                    existing: { bucketName: "Bad", kmsKeyArn: "k" },
                }),
            (error: any) => {
                assert.deepStrictEqual(
                    error.errors.map((e: any) => e.propertyPath),
                    ["prefix", "expirationDays", "expirationDays", "endpointNames[0]", "existing.bucketName", "existing.kmsKeyArn"],
                );
                assert.strictEqual(
                    error.errors[2].reason,
                    "must not be set with `existing`: the lifecycle of an existing bucket is its owner's",
                );
                return true;
            },
        );
    });
});
