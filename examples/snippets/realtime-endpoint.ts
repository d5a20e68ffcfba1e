/** docs/components/realtime-endpoint.md: an A/B test of two models, and checking arguments without declaring anything. */
import * as pulumi from "@pulumi/pulumi";
import {
    AlarmNotifications,
    CaptureBucket,
    RealtimeEndpoint,
    RealtimeEndpointArgs,
    validateRealtimeEndpointArgs,
} from "sagemaker-monitoring";

const capture = new CaptureBucket("capture", { endpointNames: ["churn"] });
const alarms = new AlarmNotifications("alarms");

const args: RealtimeEndpointArgs = {
    model: {
        image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        modelDataUrl: "s3://ml-models-123456789012/churn/xgboost/model.tar.gz",
    },
    instanceType: "ml.m5.large",
    variants: [
        { name: "champion", weight: 0.9 },
        {
            name: "challenger",
            weight: 0.1,
            model: {
                image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                modelDataUrl: "s3://ml-models-123456789012/churn/xgboost-v2/model.tar.gz",
            },
        },
    ],
    captureDestination: capture.destination(),
    alarmTopicArn: alarms.topicArn,
    dataCapture: { samplingPercentage: 100, jsonContentTypes: ["application/json", "application/jsonlines"] },
    metrics: { detailedObservability: true },
};

// Throws one pulumi.InputPropertiesError listing every problem; the constructor runs the same check.
validateRealtimeEndpointArgs("churn", args);
const churn = new RealtimeEndpoint("churn", args);

export const variantDimensions = churn.metricDimensions.apply((d) => d.variants);
export const stack = pulumi.getStack();
