/** docs/components/capture-forwarder.md: one forwarder per sink, each for its own endpoints' capture files. */
import * as pulumi from "@pulumi/pulumi";
import { AlarmNotifications, CaptureBucket, CaptureForwarder } from "sagemaker-monitoring";

const config = new pulumi.Config();
const capture = new CaptureBucket("capture", { endpointNames: ["churn", "fraud"] });
const alarms = new AlarmNotifications("alarms", { emails: ["ml-oncall@example.com"] });

const churn = new CaptureForwarder("arthur-churn-prod", {
    capture: capture.destination(),
    endpointNames: ["churn"],
    sink: {
        kind: "arthur",
        host: "https://app.arthur.ai",
        modelId: "8d3b6f0e-5c1a-4f7e-9a2b-1c0d9e8f7a6b",
        tokenSecretArn: config.require("arthurTokenSecretArn"),
    },
    alarmTopicArn: alarms.topicArn,
});

const fraud = new CaptureForwarder("http-fraud-prod", {
    capture: capture.destination(),
    endpointNames: ["fraud"],
    // No tokenSecretArn: an empty secret is created for the header's value; put the key in it after the first deployment.
    sink: { kind: "http", url: "https://ingest.example.com/v1", authHeaderName: "X-Api-Key" },
    // Any host but Arthur's cloud must be listed; the Lambda checks its URL against this list again at start-up.
    allowedHosts: ["ingest.example.com"],
    alarmTopicArn: alarms.topicArn,
    timeoutSeconds: 600,
    reservedConcurrency: 10,
});

export const deadLetterQueues = pulumi.all([churn.deadLetterQueueUrl, fraud.deadLetterQueueUrl]);
export const fraudTokenSecretArn = fraud.tokenSecretArn;
export const rules = [...churn.notificationRules, ...fraud.notificationRules];
