import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CaptureForwarder, CaptureForwarderArgs } from "../../../components/CaptureForwarder";
import { CaptureBucketNotifications } from "../../../components/forwarder/captureBucketNotifications";
import { declared, declaredWithDependencies, ofType } from "../../support/pulumiMocks";

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const baseArgs: CaptureForwarderArgs = {
    capture: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/capture" },
    sink: { kind: "arthur", host: "https://app.arthur.ai", modelId: "m", tokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf" },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
};
const OVERLAP_TAIL = 'S3 would refuse the bucket\'s notification configuration ("Configuration is ambiguously defined"): give the forwarders disjoint endpoints';

describe("CaptureBucketNotifications", () => {
    it("gathers the rules of every forwarder on the bucket into one BucketNotification, declared after S3 may invoke each function", async () => {
        const { resources, dependencies } = await declaredWithDependencies(() => {
            const churn = new CaptureForwarder("arthur-churn", { ...baseArgs, endpointNames: ["churn", "churn-v2"] });
            const fraud = new CaptureForwarder("http-fraud", { ...baseArgs, endpointNames: ["fraud"], sink: { kind: "http", url: "https://ingest.example.com" } });
            new CaptureBucketNotifications("capture-notifications", { bucketName: "capture-bucket", forwarders: [churn, fraud] });
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
                            { id: "arthur-churn-churn", lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn", events: ["s3:ObjectCreated:*"], filterPrefix: "datacapture/churn/", filterSuffix: ".jsonl" },
                            { id: "arthur-churn-churn-v2", lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn", events: ["s3:ObjectCreated:*"], filterPrefix: "datacapture/churn-v2/", filterSuffix: ".jsonl" },
                            { id: "http-fraud-fraud", lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:http-fraud", events: ["s3:ObjectCreated:*"], filterPrefix: "datacapture/fraud/", filterSuffix: ".jsonl" },
                        ],
                    },
                ],
            ],
        );
        const permission = (forwarder: string) => `urn:pulumi:test::sagemaker-monitoring::sagemaker-monitoring:forwarding:CaptureForwarder$aws:lambda/permission:Permission::${forwarder}-s3-invoke`;
        const dependsOn = dependencies.get("capture-notifications-notification")!;
        assert.ok([permission("arthur-churn"), permission("http-fraud")].every((urn) => dependsOn.includes(urn)), JSON.stringify(dependsOn));
    });

    it("refuses overlapping forwarders before declaring the notification, naming both", async () => {
        let caught: unknown;
        const resources = await declared(() => {
            const all = new CaptureForwarder("arthur-all", baseArgs);
            const churn = new CaptureForwarder("http-churn", { ...baseArgs, endpointNames: ["churn"], sink: { kind: "http", url: "https://ingest.example.com" } });
            try {
                new CaptureBucketNotifications("capture-notifications", { bucketName: "capture-bucket", forwarders: [all, churn] });
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
                new CaptureBucketNotifications("capture-notifications", { bucketName: "capture-bucket", forwarders: [] });
            } catch (error) {
                caught = error;
            }
        });
        assert.deepStrictEqual((caught as pulumi.InputPropertiesError).errors, [
            { propertyPath: "forwarders", reason: "must list at least one forwarder (a notification configuration without rules would remove the bucket's triggers)" },
        ]);
    });

    it("refuses a forwarder of another bucket, and an Output it cannot tell is the same bucket", async () => {
        let caught: unknown;
        const captureBucket = pulumi.output("capture-bucket");
        await declared(() => {
            const other = new CaptureForwarder("arthur-other", { ...baseArgs, capture: { ...baseArgs.capture, bucketName: "other-bucket" } });
            const late = new CaptureForwarder("arthur-late", { ...baseArgs, capture: { ...baseArgs.capture, bucketName: pulumi.output("capture-bucket") } });
            const same = new CaptureForwarder("arthur-same", { ...baseArgs, endpointNames: ["same"], capture: { ...baseArgs.capture, bucketName: captureBucket } });
            try {
                new CaptureBucketNotifications("plain", { bucketName: "capture-bucket", forwarders: [other] });
            } catch (error) {
                caught = error;
            }
            assert.throws(() => new CaptureBucketNotifications("late", { bucketName: captureBucket, forwarders: [late] }), /forwarders\[0\]: reads bucket a value known only at deploy time, not a value known only at deploy time/);
            new CaptureBucketNotifications("same", { bucketName: captureBucket, forwarders: [same] });
        });
        assert.deepStrictEqual((caught as pulumi.InputPropertiesError).errors, [
            {
                propertyPath: "forwarders[0]",
                reason: 'reads bucket "other-bucket", not "capture-bucket": only forwarders of this bucket can be in its notification configuration (pass the forwarders and this component the same bucketName Input)',
            },
        ]);
    });
});
