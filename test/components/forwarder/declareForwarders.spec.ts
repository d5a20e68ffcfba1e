import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CaptureBucket } from "../../../components/captureBucket/CaptureBucket";
import { declareForwarders, ExistingCaptureBucketEntry } from "../../../program/declareForwarders";
import { ForwarderEntry } from "../../../program/forwarderSchema";
import { declared, ofType } from "../../support/pulumiMocks";

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005";
const ENTRY: ForwarderEntry = {
    name: "arthur-churn",
    endpoints: ["churn"],
    sink: {
        kind: "arthur",
        host: "https://app.arthur.ai",
        modelId: "m",
        tokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf",
    },
};
const RULE = {
    id: "arthur-churn-churn",
    lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn",
    events: ["s3:ObjectCreated:*"],
    filterPrefix: "datacapture/churn/",
    filterSuffix: ".jsonl",
};

/** Declares the stack's forwarders on an existing bucket "team-capture"; returns the notification inputs and the error, if any. */
async function onExistingBucket(existing: ExistingCaptureBucketEntry | undefined) {
    let caught: unknown;
    const resources = await declared(() => {
        const bucket = new CaptureBucket("capture", { existing: { bucketName: "team-capture", kmsKeyArn: KEY } });
        try {
            declareForwarders([ENTRY], {}, bucket, "arn:aws:sns:us-east-1:123456789012:alarms", existing);
        } catch (error) {
            caught = error;
        }
    });
    return {
        notifications: ofType(resources, NOTIFICATION).map((n) => n.inputs),
        errors: caught === undefined ? undefined : (caught as pulumi.InputPropertiesError).errors.map((e) => e.propertyPath),
    };
}

describe("declareForwarders", () => {
    it("declares the existing bucket's notification configuration when the stack lets it manage it", async () => {
        assert.deepStrictEqual(await onExistingBucket({ bucketName: "team-capture", manageNotifications: true }), {
            notifications: [{ bucket: "team-capture", lambdaFunctions: [RULE] }],
            errors: undefined,
        });
    });

    it("refuses, before declaring the notification, an existing bucket the stack did not let it manage", async () => {
        assert.deepStrictEqual(await onExistingBucket({ bucketName: "team-capture" }), {
            notifications: [],
            errors: ["manageExistingNotifications"],
        });
    });

    it("treats the bucket as created by the stack when no existing bucket is passed", async () => {
        assert.deepStrictEqual(await onExistingBucket(undefined), {
            notifications: [{ bucket: "team-capture", lambdaFunctions: [RULE] }],
            errors: undefined,
        });
    });
});
