/** docs/components/async-output-bucket.md: the bucket declared on its own, its locations handed to an AsyncEndpoint. */
import { AlarmNotifications, AsyncEndpoint, AsyncOutputBucket, CaptureBucket } from "sagemaker-monitoring";

const io = new AsyncOutputBucket("transcribe-io", { endpointName: "transcribe", expirationDays: 7 });

const capture = new CaptureBucket("capture", { endpointNames: ["transcribe"] });
const alarms = new AlarmNotifications("alarms", {});

const transcribe = new AsyncEndpoint("transcribe", {
    model: { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/transcribe:3.0.1" },
    instanceType: "ml.g5.2xlarge",
    captureDestination: capture.destination(),
    alarmTopicArn: alarms.topicArn,
    async: {
        existingLocations: {
            inputPrefix: io.inputPrefix,
            outputPath: io.outputPath,
            failurePath: io.failurePath,
            kmsKeyArn: io.kmsKeyArn,
        },
    },
});

export const uploadTo = transcribe.inputLocationPrefix;
