/** docs/components/async-endpoint.md: an asynchronous endpoint that scales to zero, with its alarms on an AlarmNotifications topic. */
import { AlarmNotifications, AsyncEndpoint, CaptureBucket } from "sagemaker-monitoring";

const capture = new CaptureBucket("capture", { endpointNames: ["doc-ocr"] });
const alarms = new AlarmNotifications("alarms", { emails: ["ml-oncall@example.com"] });

const ocr = new AsyncEndpoint("doc-ocr", {
    model: {
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/doc-ocr:1.4.0",
        modelDataUrl: "s3://ml-artifacts-123456789012/doc-ocr/1.4.0/model.tar.gz",
    },
    instanceType: "ml.g5.xlarge",
    captureDestination: capture.destination(),
    alarmTopicArn: alarms.topicArn,
    async: { maxConcurrentInvocationsPerInstance: 2 },
    scaling: { minCapacity: 0, maxCapacity: 8, targetBacklogPerInstance: 3 },
    alarms: {
        maxOldestRequestAgeSeconds: 3600,
        maxExpiredRequests: false,
        additional: [{ metricName: "ModelLatency", statistic: "Maximum", threshold: 60_000_000, evaluationPeriods: 5 }],
    },
    tags: { team: "documents" },
});

// Callers upload under this prefix and pass the object's URI as InputLocation.
export const inputLocationPrefix = ocr.inputLocationPrefix;
export const outputPath = ocr.outputPath;
export const successTopicArn = ocr.successTopicArn;
export const errorTopicArn = ocr.errorTopicArn;
