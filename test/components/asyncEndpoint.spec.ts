import * as assert from "assert";
import { stableHex } from "../../tools/synth/mockState";
import * as pulumi from "@pulumi/pulumi";
import { AsyncEndpoint, AsyncEndpointArgs } from "../../components/asyncEndpoint/AsyncEndpoint";
import { SynthResource } from "../../tools/synth/synthResource";
import { declaredWithDependencies, ofType, resource } from "../support/pulumiMocks";

/** Names the mock completes from bucketPrefix and namePrefix, as S3 and IAM would. */
const IO_BUCKET = `scorer-io-${stableHex("scorer-io-bucket", 26)}`;
const ROLE_NAME = `scorer-${stableHex("scorer-execution-role", 26)}`;

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const CAPTURE_KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const ALARMS = "arn:aws:sns:us-east-1:123456789012:alarms";
const ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";
const POLICY_TYPE = "aws:appautoscaling/policy:Policy";
const TARGET_TYPE = "aws:appautoscaling/target:Target";
const TAGS = { team: "ml", "sagemaker-monitoring:component": "async-endpoint" };
const baseArgs: AsyncEndpointArgs = {
    model: { image: IMAGE, modelDataUrl: "s3://models-bucket/churn/model.tar.gz" },
    instanceType: "ml.m5.large",
    captureDestination: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: CAPTURE_KEY },
    alarmTopicArn: ALARMS,
    tags: { team: "ml" },
    stackName: "dev",
};

/** Declares the endpoint and records, per logical name, the URNs each registration depends on. */
async function declareAsync(args: AsyncEndpointArgs) {
    let component: AsyncEndpoint | undefined;
    const { resources, dependencies } = await declaredWithDependencies(() => (component = new AsyncEndpoint("scorer", args)));
    return { resources, dependencies, component: component! };
}

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** The alarm fields the issue asks to pin, in one row per alarm. */
function alarmRows(resources: SynthResource[]) {
    return ofType(resources, ALARM_TYPE).map(({ inputs: a }) => ({
        name: a.name,
        metric: `${a.namespace} ${a.metricName}`,
        dimensions: a.dimensions,
        statistic: a.statistic,
        period: a.period,
        threshold: a.threshold,
        comparison: a.comparisonOperator,
        evaluationPeriods: a.evaluationPeriods,
        datapointsToAlarm: a.datapointsToAlarm,
        missing: a.treatMissingData,
        alarmActions: a.alarmActions,
        okActions: a.okActions,
    }));
}

const EP = { EndpointName: "scorer" };
const VARIANT = { EndpointName: "scorer", VariantName: "AllTraffic" };
const paged = { alarmActions: [ALARMS], okActions: [ALARMS] };
const failure = (metricName: string, threshold = 0) => ({
    name: `scorer-AllTraffic-${metricName}`,
    metric: `AWS/SageMaker ${metricName}`,
    dimensions: VARIANT,
    statistic: "Sum",
    period: 300,
    threshold,
    comparison: "GreaterThanThreshold",
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    missing: "notBreaching",
    ...paged,
});

describe("AsyncEndpoint", () => {
    it("declares the shared endpoint resources plus bucket, topics, scaling and alarms, nothing else", async () => {
        const { resources } = await declareAsync(baseArgs);
        assert.deepStrictEqual(
            resources.map((r) => `${r.type}::${r.name}::${r.parent}`),
            [
                "aws-native:sagemaker:Endpoint::scorer-endpoint::scorer",
                "aws-native:sagemaker:EndpointConfig::scorer-config::scorer",
                "aws-native:sagemaker:Model::scorer-model-AllTraffic::scorer",
                "aws:appautoscaling/policy:Policy::scorer-scaling-AllTraffic-backlog::scorer",
                "aws:appautoscaling/target:Target::scorer-scaling-AllTraffic::scorer",
                "aws:cloudwatch/dashboard:Dashboard::scorer-dashboard::scorer",
                "aws:cloudwatch/logGroup:LogGroup::scorer-logs::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-approximate-age-of-oldest-request::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-approximate-backlog-size::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-expired-requests-AllTraffic::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-has-backlog-without-capacity::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-invocation-failures-AllTraffic::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-notification-failures-AllTraffic::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-request-download-failures-AllTraffic::scorer",
                "aws:cloudwatch/metricAlarm:MetricAlarm::scorer-alarm-response-upload-failures-AllTraffic::scorer",
                "aws:iam/role:Role::scorer-execution-role::scorer",
                "aws:iam/rolePolicy:RolePolicy::scorer-execution-policy::scorer",
                "aws:kms/key:Key::scorer-io-key::scorer-io",
                "aws:kms/key:Key::scorer-notifications-key::scorer",
                "aws:s3/bucket:Bucket::scorer-io-bucket::scorer-io",
                "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration::scorer-io-lifecycle::scorer-io",
                "aws:s3/bucketOwnershipControls:BucketOwnershipControls::scorer-io-ownership::scorer-io",
                "aws:s3/bucketPolicy:BucketPolicy::scorer-io-tls-only-policy::scorer-io",
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::scorer-io-public-access-block::scorer-io",
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::scorer-io-encryption::scorer-io",
                "aws:s3/bucketVersioning:BucketVersioning::scorer-io-versioning::scorer-io",
                "aws:sns/topic:Topic::scorer-error-topic::scorer",
                "aws:sns/topic:Topic::scorer-success-topic::scorer",
                "aws:sns/topicPolicy:TopicPolicy::scorer-error-topic-policy::scorer",
                "aws:sns/topicPolicy:TopicPolicy::scorer-success-topic-policy::scorer",
                "sagemaker-monitoring:endpoint:AsyncEndpoint::scorer::null",
                "sagemaker-monitoring:storage:AsyncOutputBucket::scorer-io::scorer",
            ],
        );
    });

    it("the endpoint config carries the async config: paths in the created bucket, its key, both created topics", async () => {
        const { resources } = await declareAsync({
            ...baseArgs,
            async: { maxConcurrentInvocationsPerInstance: 4, notifications: { includeInferenceResponseIn: ["ERROR_NOTIFICATION_TOPIC"] } },
        });
        const ioKey = resource(resources, "aws:kms/key:Key", "scorer-io-key").outputs.arn;
        assert.deepStrictEqual(resource(resources, "aws-native:sagemaker:EndpointConfig", "scorer-config").inputs.asyncInferenceConfig, {
            clientConfig: { maxConcurrentInvocationsPerInstance: 4 },
            outputConfig: {
                s3OutputPath: `s3://${IO_BUCKET}/scorer/output`,
                s3FailurePath: `s3://${IO_BUCKET}/scorer/failures`,
                kmsKeyId: ioKey,
                notificationConfig: {
                    successTopic: "arn:aws:sns:us-east-1:123456789012:scorer-success-topic",
                    errorTopic: "arn:aws:sns:us-east-1:123456789012:scorer-error-topic",
                    includeInferenceResponseIn: ["ERROR_NOTIFICATION_TOPIC"],
                },
            },
        });
        const notificationsKey = resource(resources, "aws:kms/key:Key", "scorer-notifications-key");
        for (const kind of ["success", "error"]) {
            assert.deepStrictEqual(resource(resources, "aws:sns/topic:Topic", `scorer-${kind}-topic`).inputs, {
                kmsMasterKeyId: notificationsKey.outputs.arn,
                tags: TAGS,
            });
        }
        assert.deepStrictEqual(
            resource(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "scorer-io-public-access-block").inputs,
            {
                bucket: IO_BUCKET,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
        );
        assert.deepStrictEqual(
            resource(
                resources,
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "scorer-io-encryption",
            ).inputs.rules,
            [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ioKey }, bucketKeyEnabled: true }],
        );
    });

    it("the created role reads the input prefix, writes output and failure paths, uses both keys and publishes to both topics", async () => {
        const { resources } = await declareAsync(baseArgs);
        const policy = JSON.parse(resource(resources, "aws:iam/rolePolicy:RolePolicy", "scorer-execution-policy").inputs.policy);
        const statement = (sid: string) => policy.Statement.find((s: any) => s.Sid === sid);
        const keys = ["scorer-io-key", "scorer-notifications-key"].map((k) => resource(resources, "aws:kms/key:Key", k).outputs.arn);
        assert.deepStrictEqual(statement("ReadModelArtifacts").Resource, [
            "arn:aws:s3:::models-bucket/churn/model.tar.gz",
            `arn:aws:s3:::${IO_BUCKET}/scorer/input/*`,
        ]);
        assert.deepStrictEqual(statement("WriteCaptureAndOutputs").Resource, [
            "arn:aws:s3:::capture-bucket/datacapture/scorer/*",
            `arn:aws:s3:::${IO_BUCKET}/scorer/failures/*`,
            `arn:aws:s3:::${IO_BUCKET}/scorer/output/*`,
        ]);
        assert.deepStrictEqual(statement("EncryptWithOwnKeys").Resource, [CAPTURE_KEY, ...keys].sort());
        assert.deepStrictEqual(statement("PublishOwnNotifications"), {
            Sid: "PublishOwnNotifications",
            Effect: "Allow",
            Action: ["sns:Publish"],
            Resource: ["arn:aws:sns:us-east-1:123456789012:scorer-error-topic", "arn:aws:sns:us-east-1:123456789012:scorer-success-topic"],
        });
    });

    it("scaling with the defaults: the scalable target (after the endpoint) and target tracking on the backlog, no step policy", async () => {
        const { resources, dependencies } = await declareAsync(baseArgs);
        assert.deepStrictEqual(resource(resources, TARGET_TYPE, "scorer-scaling-AllTraffic").inputs, {
            serviceNamespace: "sagemaker",
            resourceId: "endpoint/scorer/variant/AllTraffic",
            scalableDimension: "sagemaker:variant:DesiredInstanceCount",
            minCapacity: 1,
            maxCapacity: 4,
            tags: TAGS,
        });
        assert.deepStrictEqual(dependencies.get("scorer-scaling-AllTraffic"), [
            "urn:pulumi:test::sagemaker-monitoring::sagemaker-monitoring:endpoint:AsyncEndpoint$aws-native:sagemaker:Endpoint::scorer-endpoint",
        ]);
        assert.deepStrictEqual(
            ofType(resources, POLICY_TYPE).map((p) => p.inputs),
            [
                {
                    name: "scorer-AllTraffic-backlog-target-tracking",
                    policyType: "TargetTrackingScaling",
                    resourceId: "endpoint/scorer/variant/AllTraffic",
                    scalableDimension: "sagemaker:variant:DesiredInstanceCount",
                    serviceNamespace: "sagemaker",
                    targetTrackingScalingPolicyConfiguration: {
                        targetValue: 5,
                        customizedMetricSpecification: {
                            metricName: "ApproximateBacklogSizePerInstance",
                            namespace: "AWS/SageMaker",
                            dimensions: [{ name: "EndpointName", value: "scorer" }],
                            statistic: "Average",
                        },
                        scaleInCooldown: 600,
                        scaleOutCooldown: 300,
                    },
                },
            ],
        );
    });

    it("every alarm: metric, namespace, dimensions, statistic, period, threshold, comparison, evaluation, missing data, actions", async () => {
        const { resources } = await declareAsync({ ...baseArgs, alarms: { maxBacklogSize: 40, maxInvocationFailures: 2 } });
        assert.deepStrictEqual(alarmRows(resources), [
            {
                name: "scorer-ApproximateAgeOfOldestRequest",
                metric: "AWS/SageMaker ApproximateAgeOfOldestRequest",
                dimensions: EP,
                statistic: "Maximum",
                period: 60,
                threshold: 1800,
                comparison: "GreaterThanThreshold",
                evaluationPeriods: 1,
                datapointsToAlarm: 1,
                missing: "notBreaching",
                ...paged,
            },
            {
                name: "scorer-ApproximateBacklogSize",
                metric: "AWS/SageMaker ApproximateBacklogSize",
                dimensions: EP,
                statistic: "Average",
                period: 60,
                threshold: 40,
                comparison: "GreaterThanThreshold",
                evaluationPeriods: 5,
                datapointsToAlarm: 5,
                missing: "notBreaching",
                ...paged,
            },
            failure("ExpiredRequests"),
            {
                name: "scorer-HasBacklogWithoutCapacity",
                metric: "AWS/SageMaker HasBacklogWithoutCapacity",
                dimensions: EP,
                statistic: "Average",
                period: 60,
                threshold: 1,
                comparison: "GreaterThanOrEqualToThreshold",
                evaluationPeriods: 15,
                datapointsToAlarm: 15,
                missing: "notBreaching",
                ...paged,
            },
            failure("InvocationFailures", 2),
            failure("NotificationFailures"),
            failure("RequestDownloadFailures"),
            failure("ResponseUploadFailures"),
        ]);
        for (const alarm of ofType(resources, ALARM_TYPE)) {
            assert.deepStrictEqual([typeof alarm.inputs.alarmDescription, alarm.inputs.tags], ["string", TAGS]);
        }
    });

    it("min 0: a step policy scales out from zero, triggered by HasBacklogWithoutCapacity whose only action is that policy", async () => {
        const { resources } = await declareAsync({
            ...baseArgs,
            scaling: { minCapacity: 0, maxCapacity: 3, scaleOutCooldownSeconds: 120 },
        });
        assert.deepStrictEqual(resource(resources, TARGET_TYPE, "scorer-scaling-AllTraffic").inputs.minCapacity, 0);
        const step = resource(resources, POLICY_TYPE, "scorer-scaling-AllTraffic-from-zero");
        assert.deepStrictEqual(step.inputs, {
            name: "scorer-AllTraffic-scale-from-zero",
            policyType: "StepScaling",
            resourceId: "endpoint/scorer/variant/AllTraffic",
            scalableDimension: "sagemaker:variant:DesiredInstanceCount",
            serviceNamespace: "sagemaker",
            stepScalingPolicyConfiguration: {
                adjustmentType: "ChangeInCapacity",
                cooldown: 120,
                metricAggregationType: "Average",
                stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
            },
        });
        const trigger = resource(resources, ALARM_TYPE, "scorer-alarm-scale-from-zero-AllTraffic");
        assert.deepStrictEqual(trigger.inputs, {
            name: "scorer-AllTraffic-scale-from-zero",
            alarmDescription:
                "Scaling trigger for variant AllTraffic of async endpoint scorer, not a page: requests are queued while the endpoint has no instance (HasBacklogWithoutCapacity >= 1), " +
                "so the step policy adds one. If it stays in ALARM, see the scorer-HasBacklogWithoutCapacity alarm.",
            namespace: "AWS/SageMaker",
            metricName: "HasBacklogWithoutCapacity",
            dimensions: EP,
            statistic: "Average",
            period: 60,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "missing",
            alarmActions: [step.outputs.arn],
            okActions: [],
            tags: TAGS,
        });
        assert.deepStrictEqual(
            step.outputs.arn,
            "arn:aws:appautoscaling:us-east-1:123456789012:policy/scorer-scaling-AllTraffic-from-zero",
        );
    });

    it("one scalable target, policy pair and trigger per variant; failure alarms per variant", async () => {
        const { resources } = await declareAsync({
            ...baseArgs,
            variants: [{ name: "blue" }, { name: "green", weight: 0 }],
            scaling: { minCapacity: 0 },
        });
        assert.deepStrictEqual(
            ofType(resources, TARGET_TYPE).map((t) => t.inputs.resourceId),
            ["endpoint/scorer/variant/blue", "endpoint/scorer/variant/green"],
        );
        assert.deepStrictEqual(
            ofType(resources, POLICY_TYPE).map((p) => `${p.inputs.policyType} ${p.inputs.resourceId}`),
            [
                "TargetTrackingScaling endpoint/scorer/variant/blue",
                "StepScaling endpoint/scorer/variant/blue",
                "TargetTrackingScaling endpoint/scorer/variant/green",
                "StepScaling endpoint/scorer/variant/green",
            ],
        );
        assert.deepStrictEqual(
            ofType(resources, ALARM_TYPE)
                .filter((a) => a.inputs.metricName === "InvocationFailures" || a.name.includes("scale-from-zero"))
                .map((a) => [a.inputs.name, a.inputs.dimensions, a.inputs.alarmActions]),
            [
                ["scorer-blue-InvocationFailures", { EndpointName: "scorer", VariantName: "blue" }, [ALARMS]],
                ["scorer-green-InvocationFailures", { EndpointName: "scorer", VariantName: "green" }, [ALARMS]],
                ["scorer-blue-scale-from-zero", EP, ["arn:aws:appautoscaling:us-east-1:123456789012:policy/scorer-scaling-blue-from-zero"]],
                [
                    "scorer-green-scale-from-zero",
                    EP,
                    ["arn:aws:appautoscaling:us-east-1:123456789012:policy/scorer-scaling-green-from-zero"],
                ],
            ],
        );
    });

    it("scaling off declares no scalable target or policy; disabled alarms are not declared", async () => {
        const { resources } = await declareAsync({
            ...baseArgs,
            scaling: { enabled: false },
            alarms: {
                maxOldestRequestAgeSeconds: false,
                maxBacklogWithoutCapacitySeconds: false,
                maxExpiredRequests: false,
                maxRequestDownloadFailures: false,
                maxResponseUploadFailures: false,
                maxNotificationFailures: false,
                maxInvocationFailures: false,
            },
        });
        assert.deepStrictEqual([...ofType(resources, TARGET_TYPE), ...ofType(resources, POLICY_TYPE)], []);
        assert.deepStrictEqual(
            ofType(resources, ALARM_TYPE).map((a) => a.inputs.name),
            ["scorer-ApproximateBacklogSize"],
        );
    });

    it("existing locations, topics and role: no bucket, no topic, no role; the given values are used as they are", async () => {
        const existing = {
            inputPrefix: "s3://shared-io/scorer/in/",
            outputPath: "s3://shared-io/scorer/out",
            failurePath: "s3://shared-io/scorer/err",
            kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000004-0000-4000-8000-000000000004",
        };
        const topics = {
            successTopicArn: "arn:aws:sns:us-east-1:123456789012:ok",
            errorTopicArn: "arn:aws:sns:us-east-1:123456789012:err",
        };
        const { resources, component } = await declareAsync({
            ...baseArgs,
            executionRoleArn: "arn:aws:iam::123456789012:role/scorer",
            async: { existingLocations: existing, notifications: topics },
        });
        assert.deepStrictEqual(
            resources.filter((r) => !r.type.startsWith("aws:cloudwatch") && !r.type.startsWith("aws:appautoscaling")).map((r) => r.type),
            [
                "aws-native:sagemaker:Endpoint",
                "aws-native:sagemaker:EndpointConfig",
                "aws-native:sagemaker:Model",
                "sagemaker-monitoring:endpoint:AsyncEndpoint",
            ],
        );
        assert.deepStrictEqual(resource(resources, "aws-native:sagemaker:EndpointConfig", "scorer-config").inputs.asyncInferenceConfig, {
            outputConfig: {
                s3OutputPath: existing.outputPath,
                s3FailurePath: existing.failurePath,
                kmsKeyId: existing.kmsKeyArn,
                notificationConfig: { successTopic: topics.successTopicArn, errorTopic: topics.errorTopicArn },
            },
        });
        assert.deepStrictEqual(
            await resolved(
                pulumi.all([
                    component.inputLocationPrefix,
                    component.outputPath,
                    component.failurePath,
                    component.outputKmsKeyArn,
                    component.successTopicArn,
                    component.errorTopicArn,
                    component.roleArn,
                ]),
            ),
            [
                existing.inputPrefix,
                existing.outputPath,
                existing.failurePath,
                existing.kmsKeyArn,
                topics.successTopicArn,
                topics.errorTopicArn,
                "arn:aws:iam::123456789012:role/scorer",
            ],
        );
    });

    it("a passed-in execution role is named in the key policy of topics it creates", async () => {
        const { resources } = await declareAsync({
            ...baseArgs,
            executionRoleArn: "arn:aws:iam::123456789012:role/scorer",
            async: { notifications: { errorTopicArn: "arn:aws:sns:us-east-1:123456789012:err" } },
        });
        assert.deepStrictEqual(
            ofType(resources, "aws:sns/topic:Topic").map((t) => t.name),
            ["scorer-success-topic"],
        );
        const keyPolicy = JSON.parse(resource(resources, "aws:kms/key:Key", "scorer-notifications-key").inputs.policy);
        assert.deepStrictEqual(keyPolicy.Statement[1].Principal, { AWS: ["arn:aws:iam::123456789012:role/scorer"] });
    });

    it("outputs: everything RealtimeEndpoint outputs, plus where to upload, where results land and the topics", async () => {
        const { component } = await declareAsync(baseArgs);
        assert.deepStrictEqual(
            await resolved(
                pulumi.output({
                    endpointName: component.endpointName,
                    captureS3Uri: component.captureS3Uri,
                    roleArn: component.roleArn,
                    metricDimensions: component.metricDimensions,
                    inputLocationPrefix: component.inputLocationPrefix,
                    outputPath: component.outputPath,
                    failurePath: component.failurePath,
                    successTopicArn: component.successTopicArn,
                    errorTopicArn: component.errorTopicArn,
                    alarmNames: component.alarmNames,
                }),
            ),
            {
                endpointName: "scorer",
                captureS3Uri: "s3://capture-bucket/datacapture/scorer/",
                roleArn: `arn:aws:iam::123456789012:role/${ROLE_NAME}`,
                metricDimensions: { endpoint: EP, variants: [VARIANT] },
                inputLocationPrefix: `s3://${IO_BUCKET}/scorer/input/`,
                outputPath: `s3://${IO_BUCKET}/scorer/output`,
                failurePath: `s3://${IO_BUCKET}/scorer/failures`,
                successTopicArn: "arn:aws:sns:us-east-1:123456789012:scorer-success-topic",
                errorTopicArn: "arn:aws:sns:us-east-1:123456789012:scorer-error-topic",
                alarmNames: [
                    "scorer-ApproximateBacklogSize",
                    "scorer-ApproximateAgeOfOldestRequest",
                    "scorer-HasBacklogWithoutCapacity",
                    "scorer-AllTraffic-InvocationFailures",
                    "scorer-AllTraffic-ExpiredRequests",
                    "scorer-AllTraffic-RequestDownloadFailures",
                    "scorer-AllTraffic-ResponseUploadFailures",
                    "scorer-AllTraffic-NotificationFailures",
                ],
            },
        );
    });
});
