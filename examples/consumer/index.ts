/**
 * A Pulumi program that uses sagemaker-monitoring as an installed package: a capture bucket, a
 * real-time and an asynchronous endpoint capturing into it, an alarm topic, and a forwarder that
 * sends the real-time endpoint's captured inferences to Arthur.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    AlarmNotifications,
    AsyncEndpoint,
    CaptureBucket,
    CaptureBucketNotifications,
    CaptureForwarder,
    RealtimeEndpoint,
} from "sagemaker-monitoring";

const config = new pulumi.Config();
/** ECR image of the model server, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.0`. */
const image = config.require("image");
/** `s3://` URL of the model artifacts (`model.tar.gz`). */
const modelDataUrl = config.require("modelDataUrl");
/** The Arthur model the real-time endpoint's inferences belong to. */
const arthurModelId = config.require("arthurModelId");
const arthurHost = config.get("arthurHost") ?? "https://app.arthur.ai";

const alarms = new AlarmNotifications("alarms");
const capture = new CaptureBucket("capture", { endpointNames: ["churn", "churn-batch"] });
const model = { image, modelDataUrl };

const realtime = new RealtimeEndpoint("churn", {
    model,
    instanceType: "ml.m5.large",
    captureDestination: capture.destination(),
    alarmTopicArn: alarms.topicArn,
    // Sample half of the requests instead of the default 100 %.
    dataCapture: { samplingPercentage: 50 },
});

const batch = new AsyncEndpoint("churn-batch", {
    model,
    instanceType: "ml.m5.xlarge",
    captureDestination: capture.destination(),
    alarmTopicArn: alarms.topicArn,
});

// The Arthur API token goes into the secret the forwarder creates, after the first `pulumi up`.
const forwarder = new CaptureForwarder("to-arthur", {
    capture: capture.destination(),
    endpointNames: ["churn"],
    sink: { kind: "arthur", host: arthurHost, modelId: arthurModelId },
    alarmTopicArn: alarms.topicArn,
});

// A bucket has one notification configuration: it triggers every forwarder on the bucket.
new CaptureBucketNotifications("capture-notifications", {
    bucketName: capture.bucketName,
    forwarders: [forwarder],
    bucketCreatedHere: true,
});

export const captureBucketName = capture.bucketName;
export const capturePrefixes = capture.capturePrefixes;
export const alarmTopicArn = alarms.topicArn;
export const realtimeEndpointName = realtime.endpointName;
export const asyncInputLocationPrefix = batch.inputLocationPrefix;
export const forwarderFunctionName = forwarder.functionName;
export const forwarderTokenSecretArn = forwarder.tokenSecretArn;
