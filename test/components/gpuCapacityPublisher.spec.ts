import * as assert from "assert";
import {
    buildGpuCapacityRolePolicy,
    buildGpuCapacityTargets,
    buildPublisherErrorAlarm,
} from "../../components/gpuCapacityPublisher/gpuCapacityDocuments";
import { GpuCapacitySubject } from "../../components/inferenceComponentEndpoint/InferenceComponentEndpoint";
import { mergeGpuCatalogue } from "../../domain/gpuCatalogueRules";
import { parsePolicyDocument, wildcardProblems } from "../../domain/iamPolicyDocument";

const LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/gpu-capacity-dev";
const subject: GpuCapacitySubject = {
    endpointName: "genai-dev",
    variantName: "AllTraffic",
    instanceType: "ml.g5.12xlarge",
    gpusPerInstance: 4,
    catalogue: mergeGpuCatalogue(),
    periodSeconds: 10,
    components: [{ name: "genai-dev-a", label: "A" }],
};

describe("GpuCapacityPublisher documents", () => {
    it("may publish only to its namespace, read metrics where CloudWatch has no resource types, log only to its group", () => {
        const policy = buildGpuCapacityRolePolicy(LOGS);
        assert.deepStrictEqual(policy, {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "PublishOwnNamespaceOnly",
                    Effect: "Allow",
                    Action: ["cloudwatch:PutMetricData"],
                    Resource: ["*"],
                    Condition: { StringEquals: { "cloudwatch:namespace": "SageMakerMonitoring" } },
                },
                {
                    Sid: "ReadEndpointMetrics",
                    Effect: "Allow",
                    Action: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics"],
                    Resource: ["*"],
                },
                { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${LOGS}:*`] },
            ],
        });
        const parsed = parsePolicyDocument(policy);
        assert.ok("statements" in parsed);
        assert.deepStrictEqual(parsed.statements.flatMap(wildcardProblems), []);
    });

    it("prices each endpoint in the region, or names the gpuCatalogue entry to set", () => {
        assert.deepStrictEqual(buildGpuCapacityTargets([subject], "us-east-1"), {
            targets: [
                {
                    endpointName: "genai-dev",
                    variantName: "AllTraffic",
                    instanceType: "ml.g5.12xlarge",
                    gpusPerInstance: 4,
                    hourlyUsd: 7.09,
                    periodSeconds: 10,
                    components: [{ name: "genai-dev-a", label: "A" }],
                },
            ],
        });
        assert.deepStrictEqual(buildGpuCapacityTargets([subject], "eu-west-1"), {
            problems: [
                {
                    propertyPath: "endpoints[0].gpuCatalogue",
                    reason: '(genai-dev) has no hourly price for ml.g5.12xlarge in eu-west-1: set gpuCatalogue["ml.g5.12xlarge"].hourlyUsd["eu-west-1"] (priced regions: us-east-1)',
                },
            ],
        });
    });

    it("alarms: the exact definition of the publisher-error alarm (the free- and idle-GPU alarms: test/components/inferenceComponents/componentAlarms.spec.ts)", () => {
        const { description: errorText, ...errors } = buildPublisherErrorAlarm("gpu-capacity-dev");
        assert.deepStrictEqual(errors, {
            id: "errors",
            alarmName: "gpu-capacity-dev-PublisherErrors",
            namespace: "SageMakerMonitoring",
            metricName: "PublisherErrors",
            dimensions: { Publisher: "gpu-capacity-dev" },
            statistic: "Sum",
            periodSeconds: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
        });
        assert.match(errorText, /^GPU-capacity publisher gpu-capacity-dev failed/);
    });
});
