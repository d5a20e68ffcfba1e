/** docs/components/capture-bucket.md: a created capture bucket, and one that uses a bucket and key another team owns. */
import * as pulumi from "@pulumi/pulumi";
import { CaptureBucket } from "sagemaker-monitoring";

const created = new CaptureBucket("capture", {
    prefix: "datacapture",
    expirationDays: 400,
    endpointNames: ["churn-prod", "fraud-prod"],
});

const shared = new CaptureBucket("shared-capture", {
    prefix: "teams/ml/datacapture",
    existing: {
        bucketName: "central-capture-123456789012",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/0b5e8f3a-9c1d-4e2f-8a7b-6c5d4e3f2a1b",
    },
});

export const capturePrefixes = created.capturePrefixes;
export const destinations = pulumi.all([created.destinationUri, shared.destinationUri]);
