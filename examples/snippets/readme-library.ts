/** README.md, "Use it as a library": a capture bucket and one real-time endpoint that captures into it. */
import { AlarmNotifications, CaptureBucket, RealtimeEndpoint } from "sagemaker-monitoring";

const capture = new CaptureBucket("capture", { endpointNames: ["fraud-scorer"], expirationDays: 180 });
const alarms = new AlarmNotifications("alarms", { emails: ["ml-oncall@example.com"] });

const fraud = new RealtimeEndpoint("fraud-scorer", {
    model: {
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud-scorer:2.3.0",
        modelDataUrl: "s3://ml-artifacts-123456789012/fraud/2.3.0/model.tar.gz",
        environment: { SAGEMAKER_PROGRAM: "inference.py" },
    },
    instanceType: "ml.c5.xlarge",
    instanceCount: 2,
    captureDestination: capture.destination(),
    alarmTopicArn: alarms.topicArn,
    metrics: { publishFrequencySeconds: 10 },
    tags: { team: "fraud" },
});

export const endpointName = fraud.endpointName;
export const captureUri = fraud.captureS3Uri;
