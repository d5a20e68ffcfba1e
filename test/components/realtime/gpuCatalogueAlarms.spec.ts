import * as assert from "assert";
import { RealtimeEndpoint, realtimeEndpointArgsProblems } from "../../../components/realtimeEndpoint/RealtimeEndpoint";
import { configProblems, loadConfig } from "../../support/stackConfig";
import { declared, ofType } from "../../support/pulumiMocks";

const IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-gpu";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
const DESTINATION = {
    bucketName: "capture",
    prefix: "datacapture",
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
};
/** A GPU type the built-in catalogue does not list. */
const G7 = "ml.g7.xlarge";
const MISSING =
    `is a GPU instance type missing from the GPU catalogue: add it to the stack's gpuCatalogue as { "${G7}": { gpus, hourlyUsd: { <region>: <USD> } } }, or use one of ` +
    "ml.g4dn.12xlarge, ml.g4dn.16xlarge, ml.g4dn.2xlarge, ml.g4dn.4xlarge, ml.g4dn.8xlarge, ml.g4dn.xlarge, ml.g5.12xlarge, ml.g5.16xlarge, ml.g5.24xlarge, ml.g5.2xlarge, ml.g5.48xlarge, ml.g5.4xlarge, ml.g5.8xlarge, ml.g5.xlarge, " +
    "ml.g6.12xlarge, ml.g6.16xlarge, ml.g6.24xlarge, ml.g6.2xlarge, ml.g6.48xlarge, ml.g6.4xlarge, ml.g6.8xlarge, ml.g6.xlarge, ml.g6e.12xlarge, ml.g6e.48xlarge, ml.g6e.xlarge, " +
    "ml.p3.16xlarge, ml.p3.2xlarge, ml.p3.8xlarge, ml.p4d.24xlarge, ml.p5.48xlarge; " +
    "or set alarms.maxGpuUtilizationPercent and alarms.maxGpuMemoryUtilizationPercent to false";

describe("real-time GPU alarms read the stack's effective GPU catalogue", () => {
    it("a type only in the stack's gpuCatalogue gets its GPU alarms, scaled by the override's GPUs per instance", async () => {
        const resources = await declared(
            () =>
                new RealtimeEndpoint("vision", {
                    model: { image: IMAGE },
                    instanceType: G7,
                    gpuCatalogue: { [G7]: { gpus: 2 } },
                    captureDestination: DESTINATION,
                    alarmTopicArn: TOPIC,
                    stackName: "dev",
                }),
        );
        const gpu = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").find(
            (r) => r.name === "vision-alarm-gpu-utilization-AllTraffic",
        );
        assert.deepStrictEqual(gpu?.inputs, {
            name: "vision-AllTraffic-GPUUtilization",
            alarmDescription:
                "Variant AllTraffic of real-time endpoint vision: GPU use (percent of all GPUs; CloudWatch sums 100 per GPU) of its busiest instance has been above 90 % (GPUUtilization, maximum) for 5 60-second periods. " +
                "Check InvocationsPerInstance and ModelLatency for saturation; add instances or choose an instance type with more GPUs.",
            namespace: "/aws/sagemaker/Endpoints",
            metricName: "GPUUtilization",
            dimensions: { EndpointName: "vision", VariantName: "AllTraffic" },
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            threshold: 180,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [TOPIC],
            okActions: [TOPIC],
            tags: { "sagemaker-monitoring:component": "realtime-endpoint" },
        });
        assert.deepStrictEqual(
            ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm")
                .map((r) => r.inputs.metricName)
                .filter((m) => m?.startsWith("GPU")),
            ["GPUMemoryUtilization", "GPUUtilization"],
        );
    });

    it("a GPU type missing from both catalogues is an input error at the path that set it, once, unless its GPU alarms are off", () => {
        const base = { model: { image: IMAGE }, instanceType: G7 };
        assert.deepStrictEqual(realtimeEndpointArgsProblems("vision", base), [{ propertyPath: "instanceType", reason: MISSING }]);
        assert.deepStrictEqual(
            realtimeEndpointArgsProblems("vision", {
                model: { image: IMAGE },
                instanceType: G7,
                variants: [{ name: "a" }, { name: "b" }, { name: "c", instanceType: G7 }],
            }).map((p) => p.propertyPath),
            ["instanceType", "variants[2].instanceType"],
        );
        assert.deepStrictEqual(
            realtimeEndpointArgsProblems("vision", {
                ...base,
                alarms: { maxGpuUtilizationPercent: false, maxGpuMemoryUtilizationPercent: false },
            }),
            [],
        );
    });

    it("the stack's gpuCatalogue reaches real-time entries; without it the entry's instanceType is the error", () => {
        const entry = { name: "vision", model: { image: IMAGE }, instanceType: G7 };
        assert.deepStrictEqual(loadConfig({ endpoints: [entry], gpuCatalogue: { [G7]: { gpus: 2 } } }).gpuCatalogue, { [G7]: { gpus: 2 } });
        assert.deepStrictEqual(configProblems({ endpoints: [entry] }), [
            { propertyPath: "sagemaker-monitoring:endpoints[0].instanceType", reason: MISSING },
        ]);
    });
});
