import { DashboardAlarm } from "../../dashboards/alarmAnnotations";
import { EndpointDashboardInput } from "../../dashboards/endpointDashboard";

/** Hand-made endpoint descriptions whose dashboards are pinned in test/fixtures/dashboards/. */
const ARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";

function alarm(
    alarmName: string,
    metricName: string,
    dimensions: Record<string, string>,
    threshold: number,
    op = "GreaterThanThreshold",
): DashboardAlarm {
    return {
        alarmName,
        alarmArn: `${ARN}${alarmName}`,
        namespace: "AWS/SageMaker",
        metricName,
        dimensions,
        threshold,
        comparisonOperator: op,
    };
}

export const REALTIME_INPUT: EndpointDashboardInput = {
    dashboardName: "sagemaker-endpoint-churn-dev",
    region: "us-east-1",
    kind: "realtime",
    endpointName: "churn-dev",
    variants: [
        { name: "champion", instanceType: "ml.m5.large" },
        { name: "challenger", instanceType: "ml.m5.large" },
    ],
    periodSeconds: 60,
    perInstance: true,
    captureS3Uri: "s3://capture-bucket/datacapture/churn-dev/",
    alarms: [
        alarm("churn-dev-champion-Invocation5XXErrors", "Invocation5XXErrors", { EndpointName: "churn-dev", VariantName: "champion" }, 0),
    ],
};

export const ASYNC_INPUT: EndpointDashboardInput = {
    dashboardName: "sagemaker-endpoint-churn-batch-dev",
    region: "us-east-1",
    kind: "async",
    endpointName: "churn-batch-dev",
    variants: [{ name: "AllTraffic", instanceType: "ml.m5.large" }],
    periodSeconds: 10,
    perInstance: false,
    captureS3Uri: "s3://capture-bucket/datacapture/churn-batch-dev/",
    alarms: [
        alarm("churn-batch-dev-ApproximateBacklogSize", "ApproximateBacklogSize", { EndpointName: "churn-batch-dev" }, 50),
        alarm(
            "churn-batch-dev-AllTraffic-InvocationFailures",
            "InvocationFailures",
            { EndpointName: "churn-batch-dev", VariantName: "AllTraffic" },
            0,
        ),
    ],
};

/** A GPU endpoint with two inference components; GPU facts as the catalogue would give them. */
export const GPU_INPUT: EndpointDashboardInput = {
    dashboardName: "sagemaker-endpoint-llm-prod",
    region: "eu-west-1",
    kind: "realtime",
    endpointName: "llm-prod",
    variants: [{ name: "AllTraffic", instanceType: "ml.g5.12xlarge" }],
    periodSeconds: 10,
    perInstance: true,
    captureS3Uri: "s3://capture-bucket/datacapture/llm-prod/",
    alarms: [
        {
            alarmName: "llm-prod-FreeGpus",
            alarmArn: `${ARN.replace("us-east-1", "eu-west-1")}llm-prod-FreeGpus`,
            namespace: "SageMakerMonitoring",
            metricName: "FreeGpus",
            dimensions: { EndpointName: "llm-prod" },
            threshold: 1,
            comparisonOperator: "LessThanThreshold",
        },
    ],
    gpu: {
        instance: { gpusPerInstance: 4, hourlyPriceUsd: 7.09 },
        perGpuDimension: "AcceleratorId",
        inferenceComponents: [{ name: "llama-8b" }, { name: "mistral-7b" }],
    },
};
