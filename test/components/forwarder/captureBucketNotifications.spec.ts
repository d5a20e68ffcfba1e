import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CaptureForwarder, CaptureForwarderArgs } from "../../../components/captureForwarder/CaptureForwarder";
import { CaptureBucketNotifications } from "../../../components/captureForwarder/captureBucketNotifications";
import { declared, declaredWithDependencies, ofType } from "../../support/pulumiMocks";

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const baseArgs: CaptureForwarderArgs = {
    capture: {
        bucketName: "capture-bucket",
        prefix: "datacapture",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
    },
    sink: {
        kind: "arthur",
        host: "https://app.arthur.ai",
        modelId: "m",
        tokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf",
    },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
};
const OVERLAP_TAIL =
    'S3 would refuse the bucket\'s notification configuration ("Configuration is ambiguously defined"): give the forwarders disjoint endpoints';

describe("CaptureBucketNotifications", () => {
    it("gathers the rules of every forwarder on the bucket into one BucketNotification, declared after S3 may invoke each function", async () => {
        const { resources, dependencies } = await declaredWithDependencies(() => {
            const churn = new CaptureForwarder("arthur-churn", { ...baseArgs, endpointNames: ["churn", "churn-v2"] });
            const fraud = new CaptureForwarder("http-fraud", {
                ...baseArgs,
                endpointNames: ["fraud"],
                sink: { kind: "http", url: "https://ingest.example.com" },
                allowedHosts: ["ingest.example.com"],
            });
            new CaptureBucketNotifications("capture-notifications", {
                bucketName: "capture-bucket",
                forwarders: [churn, fraud],
                bucketCreatedHere: true,
            });
        });
        const notifications = ofType(resources, NOTIFICATION);
        assert.deepStrictEqual(
            notifications.map((n) => [n.name, n.parent, n.inputs]),
            [
                [
                    "capture-notifications-notification",
                    "capture-notifications",
                    {
                        bucket: "capture-bucket",
                        lambdaFunctions: [
                            {
                                id: "arthur-churn-churn",
                                lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn",
                                events: ["s3:ObjectCreated:*"],
                                filterPrefix: "datacapture/churn/",
                                filterSuffix: ".jsonl",
                            },
                            {
                                id: "arthur-churn-churn-v2",
                                lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn",
                                events: ["s3:ObjectCreated:*"],
                                filterPrefix: "datacapture/churn-v2/",
                                filterSuffix: ".jsonl",
                            },
                            {
                                id: "http-fraud-fraud",
                                lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:http-fraud",
                                events: ["s3:ObjectCreated:*"],
                                filterPrefix: "datacapture/fraud/",
                                filterSuffix: ".jsonl",
                            },
                        ],
                    },
                ],
            ],
        );
        const child = (type: string, name: string) =>
            `urn:pulumi:test::sagemaker-monitoring::sagemaker-monitoring:forwarding:CaptureForwarder$${type}::${name}`;
        assert.deepStrictEqual(
            [...dependencies.get("capture-notifications-notification")!].sort(),
            [
                child("aws:lambda/function:Function", "arthur-churn-function"),
                child("aws:lambda/function:Function", "http-fraud-function"),
                child("aws:lambda/permission:Permission", "arthur-churn-s3-invoke"),
                child("aws:lambda/permission:Permission", "http-fraud-s3-invoke"),
            ].sort(),
        );
    });

    it("refuses overlapping forwarders before declaring the notification, naming both", async () => {
        let caught: unknown;
        const resources = await declared(() => {
            const all = new CaptureForwarder("arthur-all", baseArgs);
            const churn = new CaptureForwarder("http-churn", {
                ...baseArgs,
                endpointNames: ["churn"],
                sink: { kind: "http", url: "https://ingest.example.com" },
                allowedHosts: ["ingest.example.com"],
            });
            try {
                new CaptureBucketNotifications("capture-notifications", {
                    bucketName: "capture-bucket",
                    forwarders: [all, churn],
                    bucketCreatedHere: true,
                });
            } catch (error) {
                caught = error;
            }
        });
        assert.deepStrictEqual(ofType(resources, NOTIFICATION), []);
        assert.ok(pulumi.InputPropertiesError.isInstance(caught));
        assert.strictEqual(
            (caught as Error).message,
            'CaptureBucketNotifications "capture-notifications": 1 invalid input:\n' +
                '  - forwarders[1]: "http-churn" overlaps forwarders[0] ("arthur-all") on bucket "capture-bucket": same event s3:ObjectCreated:*, ' +
                `prefixes "datacapture/" and "datacapture/churn/" overlap, suffixes ".jsonl" and ".jsonl" overlap; ${OVERLAP_TAIL}`,
        );
    });

    it("refuses an empty forwarder list, which would remove the bucket's triggers", async () => {
        let caught: unknown;
        await declared(() => {
            try {
                new CaptureBucketNotifications("capture-notifications", {
                    bucketName: "capture-bucket",
                    forwarders: [],
                    bucketCreatedHere: true,
                });
            } catch (error) {
                caught = error;
            }
        });
        assert.deepStrictEqual((caught as pulumi.InputPropertiesError).errors, [
            {
                propertyPath: "forwarders",
                reason: "must list at least one forwarder (a notification configuration without rules would remove the bucket's triggers)",
            },
        ]);
    });

    it("refuses a forwarder of another bucket, and an Output it cannot tell is the same bucket", async () => {
        let caught: unknown;
        const captureBucket = pulumi.output("capture-bucket");
        await declared(() => {
            const other = new CaptureForwarder("arthur-other", {
                ...baseArgs,
                capture: { ...baseArgs.capture, bucketName: "other-bucket" },
            });
            const late = new CaptureForwarder("arthur-late", {
                ...baseArgs,
                capture: { ...baseArgs.capture, bucketName: pulumi.output("capture-bucket") },
            });
            const same = new CaptureForwarder("arthur-same", {
                ...baseArgs,
                endpointNames: ["same"],
                capture: { ...baseArgs.capture, bucketName: captureBucket },
            });
            try {
                new CaptureBucketNotifications("plain", { bucketName: "capture-bucket", forwarders: [other], bucketCreatedHere: true });
            } catch (error) {
                caught = error;
            }
            assert.throws(
                () => new CaptureBucketNotifications("late", { bucketName: captureBucket, forwarders: [late], bucketCreatedHere: true }),
                (error: any) =>
                    error.message ===
                    'CaptureBucketNotifications "late": 1 invalid input:\n  - forwarders[0]: reads bucket a value known only at deploy time, not a value known only at deploy time: ' +
                        "only forwarders of this bucket can be in its notification configuration (pass the forwarders and this component the same bucketName Input)",
            );
            new CaptureBucketNotifications("same", { bucketName: captureBucket, forwarders: [same], bucketCreatedHere: true });
        });
        assert.deepStrictEqual((caught as pulumi.InputPropertiesError).errors, [
            {
                propertyPath: "forwarders[0]",
                reason: 'reads bucket "other-bucket", not "capture-bucket": only forwarders of this bucket can be in its notification configuration (pass the forwarders and this component the same bucketName Input)',
            },
        ]);
    });

    const EXISTING_REASON =
        'must be true to declare forwarders on bucket "team-capture", which this program did not create: a bucket has one notification configuration, ' +
        "and the forwarders' rules would replace it, deleting every other trigger (Lambda, SQS, SNS, EventBridge) its owner set up. " +
        "Set manageExistingNotifications: true once the bucket has no other triggers, or forward from a capture bucket this program creates";

    /** Declares one forwarder on the existing bucket "team-capture" and its notification configuration with `extra`; returns what was declared and what was thrown. */
    async function onExistingBucket(extra: Record<string, unknown>) {
        let caught: unknown;
        const resources = await declared(() => {
            const forwarder = new CaptureForwarder("arthur-churn", {
                ...baseArgs,
                endpointNames: ["churn"],
                capture: { ...baseArgs.capture, bucketName: "team-capture" },
            });
            try {
                new CaptureBucketNotifications("capture-notifications", {
                    bucketName: "team-capture",
                    forwarders: [forwarder],
                    ...extra,
                } as never);
            } catch (error) {
                caught = error;
            }
        });
        return {
            notifications: ofType(resources, NOTIFICATION),
            errors: caught === undefined ? undefined : (caught as pulumi.InputPropertiesError).errors,
        };
    }

    it("refuses a bucket this program did not create, whose other triggers it would delete, without the explicit opt-in", async () => {
        assert.deepStrictEqual(await onExistingBucket({ bucketCreatedHere: false }), {
            notifications: [],
            errors: [{ propertyPath: "manageExistingNotifications", reason: `${EXISTING_REASON} (got undefined)` }],
        });
        assert.deepStrictEqual(await onExistingBucket({ bucketCreatedHere: false, manageExistingNotifications: false }), {
            notifications: [],
            errors: [{ propertyPath: "manageExistingNotifications", reason: `${EXISTING_REASON} (got false)` }],
        });
    });

    it("declares the whole configuration of an existing bucket once told to manage it", async () => {
        const { notifications, errors } = await onExistingBucket({ bucketCreatedHere: false, manageExistingNotifications: true });
        assert.strictEqual(errors, undefined);
        assert.deepStrictEqual(
            notifications.map((n) => n.inputs),
            [
                {
                    bucket: "team-capture",
                    lambdaFunctions: [
                        {
                            id: "arthur-churn-churn",
                            lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn",
                            events: ["s3:ObjectCreated:*"],
                            filterPrefix: "datacapture/churn/",
                            filterSuffix: ".jsonl",
                        },
                    ],
                },
            ],
        );
    });

    it("requires saying whether this program created the bucket, and refuses the opt-in on a bucket it did", async () => {
        assert.deepStrictEqual(await onExistingBucket({}), {
            notifications: [],
            errors: [
                {
                    propertyPath: "bucketCreatedHere",
                    reason: "is required: true when this program created the bucket, false for an existing one (got undefined)",
                },
            ],
        });
        assert.deepStrictEqual(await onExistingBucket({ bucketCreatedHere: true, manageExistingNotifications: true }), {
            notifications: [],
            errors: [
                {
                    propertyPath: "manageExistingNotifications",
                    reason: "must not be set for a bucket this program created: its notification configuration is this component's already",
                },
            ],
        });
    });
});
