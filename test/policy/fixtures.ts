/**
 * Compliant baselines: one per resource type the rules read, and a small stack that passes
 * every rule (including the prod rules when switched on). Tests change exactly one field.
 */
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { HarnessResource, urnOf, withField } from "./harness";

export const KMS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const ALARM_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:endpoint-alarms";
export const CAPTURE_BUCKET = "capture-bucket";
export const STEP_POLICY_ARN = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:async-scale-from-zero";
export const FORWARDER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:capture-forwarder";
export const FORWARDER_DLQ_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/capture-forwarder-dlq";
export const FORWARDER_FAILURES_ARN = "arn:aws:sqs:us-east-1:123456789012:capture-forwarder-failures";
/** The dataset lives beside capture, in the capture bucket, under this prefix. */
export const DATASET_PREFIX = "dataset";
export const CONNECTOR_PRINCIPAL = "arn:aws:iam::210987654321:role/arthur-connector";
export const CONNECTOR_EXTERNAL_ID = "arthur-churn-1234";

export const NATIVE_ENDPOINT_CONFIG = "aws-native:sagemaker:EndpointConfig";
export const CLASSIC_ENDPOINT_CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
export const NATIVE_MODEL = "aws-native:sagemaker:Model";
export const CLASSIC_MODEL = "aws:sagemaker/model:Model";

const dataCaptureConfig = () => ({
    enableCapture: true,
    initialSamplingPercentage: 100,
    destinationS3Uri: `s3://${CAPTURE_BUCKET}/capture`,
    kmsKeyId: KMS_KEY_ARN,
    captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
    captureContentTypeHeader: { jsonContentTypes: ["application/json"], csvContentTypes: ["text/csv"] },
});

/** aws-native EndpointConfig inputs, compliant with every resource rule. */
export function nativeEndpointConfig(): Record<string, any> {
    return {
        endpointConfigName: "realtime-config",
        kmsKeyId: KMS_KEY_ARN,
        productionVariants: [
            {
                variantName: "AllTraffic",
                modelName: "model",
                instanceType: "ml.m5.xlarge",
                initialInstanceCount: 2,
                initialVariantWeight: 1,
            },
        ],
        dataCaptureConfig: dataCaptureConfig(),
        metricsConfig: { enableEnhancedMetrics: true, metricPublishFrequencyInSeconds: 10 },
    };
}

/** Classic EndpointConfiguration inputs: compliant with every rule it can comply with (it has no metricsConfig). */
export function classicEndpointConfig(): Record<string, any> {
    return {
        name: "classic-config",
        kmsKeyArn: KMS_KEY_ARN,
        productionVariants: [
            {
                variantName: "AllTraffic",
                modelName: "model",
                instanceType: "ml.m5.xlarge",
                initialInstanceCount: 2,
                initialVariantWeight: 1,
            },
        ],
        dataCaptureConfig: dataCaptureConfig(),
    };
}

/** An async endpoint config on a GPU instance type with local NVMe storage (so no volume key). */
export function asyncEndpointConfig(): Record<string, any> {
    return {
        endpointConfigName: "async-config",
        productionVariants: [
            {
                variantName: "AllTraffic",
                modelName: "model",
                instanceType: "ml.g5.xlarge",
                initialInstanceCount: 2,
                initialVariantWeight: 1,
            },
        ],
        dataCaptureConfig: dataCaptureConfig(),
        metricsConfig: { enableEnhancedMetrics: true, metricPublishFrequencyInSeconds: 10 },
        asyncInferenceConfig: {
            clientConfig: { maxConcurrentInvocationsPerInstance: 4 },
            outputConfig: {
                s3OutputPath: `s3://${CAPTURE_BUCKET}/async-output`,
                s3FailurePath: `s3://${CAPTURE_BUCKET}/async-failure`,
                kmsKeyId: KMS_KEY_ARN,
            },
        },
    };
}

export function nativeModel(): Record<string, any> {
    return {
        modelName: "model",
        executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker-execution",
        primaryContainer: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1", modelDataUrl: "s3://models/model.tar.gz" },
        enableNetworkIsolation: true,
        vpcConfig: { subnets: ["subnet-0a1b2c"], securityGroupIds: ["sg-0a1b2c"] },
    };
}

export function classicModel(): Record<string, any> {
    return {
        name: "model",
        executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker-execution",
        primaryContainer: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1", modelDataUrl: "s3://models/model.tar.gz" },
        enableNetworkIsolation: true,
        vpcConfig: { subnets: ["subnet-0a1b2c"], securityGroupIds: ["sg-0a1b2c"] },
    };
}

/** A SynthResource the way the offline synth records it: outputs = inputs + id + arn. */
export function synthResource(type: string, name: string, inputs: Record<string, any>, outputs: Record<string, any> = {}): SynthResource {
    const service = type.split(":")[1].split("/")[0];
    return {
        type,
        name,
        urn: urnOf(type, name),
        parent: null,
        parentUrn: null,
        inputs,
        outputs: { ...inputs, id: name, arn: `arn:aws:${service}:us-east-1:123456789012:${name}`, ...outputs },
    };
}

const alarm = (name: string, inputs: Record<string, any>) =>
    synthResource("aws:cloudwatch/metricAlarm:MetricAlarm", name, {
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 1,
        threshold: 1,
        period: 60,
        statistic: "Maximum",
        alarmActions: [ALARM_TOPIC_ARN],
        ...inputs,
    });

export const policyJson = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** A stack that passes every rule, prod rules included (see PROD_RULES_ON). */
export function compliantStack(): SynthResource[] {
    return [
        synthResource(NATIVE_MODEL, "model", nativeModel()),
        synthResource(NATIVE_ENDPOINT_CONFIG, "realtime-config", nativeEndpointConfig()),
        synthResource("aws-native:sagemaker:Endpoint", "realtime-endpoint", {
            endpointName: "realtime-endpoint",
            endpointConfigName: "realtime-config",
        }),
        synthResource(NATIVE_ENDPOINT_CONFIG, "async-config", asyncEndpointConfig()),
        synthResource("aws-native:sagemaker:Endpoint", "async-endpoint", {
            endpointName: "async-endpoint",
            endpointConfigName: "async-config",
        }),
        alarm("realtime-latency", {
            namespace: "AWS/SageMaker",
            metricName: "ModelLatency",
            dimensions: { EndpointName: "realtime-endpoint", VariantName: "AllTraffic" },
        }),
        alarm("realtime-cpu", {
            metricQueries: [
                {
                    id: "cpu",
                    returnData: true,
                    metric: {
                        namespace: "/aws/sagemaker/Endpoints",
                        metricName: "CPUUtilization",
                        dimensions: { EndpointName: "realtime-endpoint", VariantName: "AllTraffic" },
                        period: 60,
                        stat: "Average",
                    },
                },
            ],
        }),
        alarm("async-backlog", {
            namespace: "AWS/SageMaker",
            metricName: "ApproximateBacklogSize",
            dimensions: { EndpointName: "async-endpoint" },
        }),
        alarm("async-oldest-request", {
            namespace: "AWS/SageMaker",
            metricName: "ApproximateAgeOfOldestRequest",
            dimensions: { EndpointName: "async-endpoint" },
        }),
        alarm("async-backlog-without-capacity", {
            namespace: "AWS/SageMaker",
            metricName: "HasBacklogWithoutCapacity",
            dimensions: { EndpointName: "async-endpoint" },
            alarmActions: [STEP_POLICY_ARN],
        }),
        alarm("async-free-gpus", {
            namespace: "SageMakerMonitoring",
            metricName: "FreeGpus",
            dimensions: { EndpointName: "async-endpoint" },
            comparisonOperator: "LessThanThreshold",
        }),
        synthResource("aws:appautoscaling/target:Target", "async-target", {
            resourceId: "endpoint/async-endpoint/variant/AllTraffic",
            scalableDimension: "sagemaker:variant:DesiredInstanceCount",
            serviceNamespace: "sagemaker",
            minCapacity: 0,
            maxCapacity: 2,
        }),
        synthResource("aws:appautoscaling/policy:Policy", "async-backlog-tracking", {
            policyType: "TargetTrackingScaling",
            resourceId: "endpoint/async-endpoint/variant/AllTraffic",
            scalableDimension: "sagemaker:variant:DesiredInstanceCount",
            serviceNamespace: "sagemaker",
            targetTrackingScalingPolicyConfiguration: {
                targetValue: 5,
                customizedMetricSpecification: {
                    metricName: "ApproximateBacklogSizePerInstance",
                    namespace: "AWS/SageMaker",
                    dimensions: [{ name: "EndpointName", value: "async-endpoint" }],
                    statistic: "Average",
                },
            },
        }),
        synthResource(
            "aws:appautoscaling/policy:Policy",
            "async-scale-from-zero",
            {
                policyType: "StepScaling",
                resourceId: "endpoint/async-endpoint/variant/AllTraffic",
                scalableDimension: "sagemaker:variant:DesiredInstanceCount",
                serviceNamespace: "sagemaker",
                stepScalingPolicyConfiguration: {
                    adjustmentType: "ChangeInCapacity",
                    stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
                },
            },
            { arn: STEP_POLICY_ARN },
        ),
        synthResource("aws:s3/bucket:Bucket", CAPTURE_BUCKET, { bucket: CAPTURE_BUCKET }),
        synthResource(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "capture-bucket-encryption",
            {
                bucket: CAPTURE_BUCKET,
                rules: [
                    {
                        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS_KEY_ARN },
                        bucketKeyEnabled: true,
                    },
                ],
            },
        ),
        synthResource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "capture-bucket-public-access", {
            bucket: CAPTURE_BUCKET,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }),
        synthResource("aws:s3/bucketPolicy:BucketPolicy", "capture-bucket-tls-only", {
            bucket: CAPTURE_BUCKET,
            policy: policyJson([
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [`arn:aws:s3:::${CAPTURE_BUCKET}`, `arn:aws:s3:::${CAPTURE_BUCKET}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ]),
        }),
        synthResource("aws:s3/bucketNotification:BucketNotification", "capture-bucket-notification", {
            bucket: CAPTURE_BUCKET,
            lambdaFunctions: [
                { lambdaFunctionArn: FORWARDER_ARN, events: ["s3:ObjectCreated:*"], filterPrefix: "capture/", filterSuffix: ".jsonl" },
            ],
        }),
        synthResource(
            "aws:sqs/queue:Queue",
            "capture-forwarder-dlq",
            { messageRetentionSeconds: 1209600, kmsMasterKeyId: KMS_KEY_ARN },
            { url: FORWARDER_DLQ_URL },
        ),
        synthResource(
            "aws:sqs/queue:Queue",
            "capture-forwarder-failures",
            { messageRetentionSeconds: 1209600, kmsMasterKeyId: KMS_KEY_ARN },
            { arn: FORWARDER_FAILURES_ARN },
        ),
        synthResource(
            "aws:lambda/function:Function",
            "capture-forwarder",
            {
                name: "capture-forwarder",
                runtime: "nodejs20.x",
                handler: "index.handler",
                role: "arn:aws:iam::123456789012:role/capture-forwarder",
                tags: { "sagemaker-monitoring:component": "capture-forwarder" },
                environment: { variables: { DEAD_LETTER_QUEUE_URL: FORWARDER_DLQ_URL } },
            },
            { arn: FORWARDER_ARN },
        ),
        synthResource("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "capture-forwarder-invoke", {
            functionName: "capture-forwarder",
            maximumRetryAttempts: 2,
            destinationConfig: { onFailure: { destination: FORWARDER_FAILURES_ARN } },
        }),
        synthResource("aws:iam/role:Role", "capture-forwarder-role", {
            assumeRolePolicy: policyJson([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]),
            inlinePolicies: [
                {
                    name: "read-capture",
                    policy: policyJson([
                        { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${CAPTURE_BUCKET}/capture/*`] },
                    ]),
                },
            ],
        }),
        synthResource("aws:iam/rolePolicy:RolePolicy", "capture-forwarder-metrics", {
            role: "capture-forwarder-role",
            // An object document, as @pulumi/aws also accepts.
            policy: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Action: "cloudwatch:PutMetricData",
                        Resource: "*",
                        Condition: { StringEquals: { "cloudwatch:namespace": "SageMakerMonitoring" } },
                    },
                ],
            },
        }),
        synthResource("aws:iam/policy:Policy", "sagemaker-execution", {
            policy: policyJson([
                { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
                {
                    Effect: "Allow",
                    Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    Resource: "arn:aws:ecr:us-east-1:123456789012:repository/model",
                },
            ]),
        }),
        ...datasetResources(),
    ];
}

/**
 * The dataset: a Glue table on the capture bucket, an Athena workgroup with KMS-encrypted results,
 * and a read-only connector role (tagged as connectors are) with its inline RolePolicy.
 */
export function datasetResources(): SynthResource[] {
    return [
        synthResource("aws:glue/catalogTable:CatalogTable", "realtime-dataset-table", {
            databaseName: "sagemaker_monitoring_test",
            name: "realtime_endpoint",
            tableType: "EXTERNAL_TABLE",
            parameters: { "projection.enabled": "true", classification: "parquet" },
            partitionKeys: [
                { name: "dt", type: "string" },
                { name: "hour", type: "string" },
            ],
            storageDescriptor: {
                location: `s3://${CAPTURE_BUCKET}/${DATASET_PREFIX}/realtime-endpoint/`,
                inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                columns: [{ name: "partner_inference_id", type: "string" }],
            },
        }),
        synthResource("aws:athena/workgroup:Workgroup", "dataset-workgroup", {
            name: "sagemaker-monitoring-test",
            configuration: {
                enforceWorkgroupConfiguration: true,
                resultConfiguration: {
                    outputLocation: `s3://${CAPTURE_BUCKET}/athena-results/`,
                    encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: KMS_KEY_ARN },
                },
            },
        }),
        synthResource("aws:iam/role:Role", "arthur-connector-role", {
            name: "arthur-connector",
            tags: { "sagemaker-monitoring:component": "dataset-connector" },
            assumeRolePolicy: policyJson([
                {
                    Effect: "Allow",
                    Principal: { AWS: CONNECTOR_PRINCIPAL },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": CONNECTOR_EXTERNAL_ID } },
                },
            ]),
        }),
        synthResource("aws:iam/rolePolicy:RolePolicy", "arthur-connector-read", {
            role: "arthur-connector",
            policy: policyJson([
                {
                    Sid: "ListDataset",
                    Effect: "Allow",
                    Action: "s3:ListBucket",
                    Resource: `arn:aws:s3:::${CAPTURE_BUCKET}`,
                    Condition: { StringLike: { "s3:prefix": [`${DATASET_PREFIX}/`, `${DATASET_PREFIX}/*`] } },
                },
                {
                    Sid: "ReadDataset",
                    Effect: "Allow",
                    Action: "s3:GetObject",
                    Resource: `arn:aws:s3:::${CAPTURE_BUCKET}/${DATASET_PREFIX}/*`,
                },
                { Sid: "DecryptDataset", Effect: "Allow", Action: "kms:Decrypt", Resource: KMS_KEY_ARN },
            ]),
        }),
    ];
}

/** Pack config switching every prod rule on with settings the compliant stack meets. */
export const PROD_RULES_ON = {
    "min-instance-count": { enabled: true, minimumInstanceCount: 2 },
    // The compliant stack's async endpoint scales to zero on purpose, as prod's does.
    "min-scaling-capacity": { enabled: true, minimumCapacity: 2, allowScaleToZeroForAsync: true },
    "model-network-isolation-and-vpc": { enabled: true },
    "allowed-instance-types": { enabled: true, allowedInstanceTypes: ["ml.m5.xlarge", "ml.g5.xlarge"] },
};

/** Stack rules see outputs: the harness view of synth resources. */
export function stackView(resources: SynthResource[]): HarnessResource[] {
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        props: r.outputs,
        parentUrn: r.parentUrn ?? undefined,
        propertyDependencies: r.propertyDependencies,
    }));
}

/** Replaces the resource named `name` by `change(resource)`. */
export function replaceResource(
    resources: SynthResource[],
    name: string,
    change: (resource: SynthResource) => SynthResource | undefined,
): SynthResource[] {
    return resources.flatMap((resource) => {
        if (resource.name !== name) {
            return [resource];
        }
        const changed = change(resource);
        return changed ? [changed] : [];
    });
}

/** `resources` with the field at `path` of resource `name` set to `value`, in its inputs and outputs alike. */
export function changeField(resources: SynthResource[], name: string, path: string, value: unknown): SynthResource[] {
    return replaceResource(resources, name, (r) => ({
        ...r,
        inputs: withField(r.inputs, path, value),
        outputs: withField(r.outputs, path, value),
    }));
}
