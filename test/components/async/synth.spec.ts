import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { mockState, stableHex } from "../../../tools/synth/mockState";
import { FixtureStack } from "../../support/fixtureStacks";
import { synthStackOnce } from "../../support/synthCli";

const DEV_ASYNC = "churn-batch-dev";
const PROD_ASYNC = "churn-batch-prod";
/** The ARN the mock gives a KMS key of that logical name, as AWS would give it a key id. */
const keyArn = (name: string) => mockState("aws:kms/key:Key", name, {}, { region: "us-east-1" }).state.arn;
/** The name the mock completes from the io bucket's bucketPrefix, as S3 would. */
const DEV_IO_BUCKET = `${DEV_ASYNC}-io-${stableHex(`${DEV_ASYNC}-io-bucket`, 26)}`;
/** Whole metric names only: InvocationsProcesssed and InvocationFailures are async metrics. */
const NOT_PUBLISHED = /\b(Invocations|InvocationsPerInstance|OverheadLatency)\b/;

interface Record_ {
    type: string;
    name: string;
    parent: string | null;
    inputs: Record<string, any>;
}

async function synthStack(stack: FixtureStack): Promise<Record_[]> {
    const run = await synthStackOnce(stack);
    assert.strictEqual(run.status, 0, run.stderr);
    return JSON.parse(fs.readFileSync(path.join(run.dir, "resources.json"), "utf8"));
}

const ASYNC_RESOURCE_TYPES = [
    "aws-native:sagemaker:Endpoint",
    "aws-native:sagemaker:EndpointConfig",
    "aws-native:sagemaker:Model",
    "aws:appautoscaling/policy:Policy",
    "aws:appautoscaling/target:Target",
    "aws:cloudwatch/dashboard:Dashboard",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:kms/key:Key",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:sns/topic:Topic",
    "aws:sns/topicPolicy:TopicPolicy",
    "sagemaker-monitoring:endpoint:AsyncEndpoint",
    "sagemaker-monitoring:storage:AsyncOutputBucket",
];

/** The component and every resource whose parent chain leads to it. */
function belongingTo(resources: Record_[], component: string): Record_[] {
    const parentOf = new Map(resources.map((r) => [r.name, r.parent]));
    const belongs = (name: string | null): boolean => name !== null && (name === component || belongs(parentOf.get(name) ?? null));
    return resources.filter((r) => belongs(r.name));
}

describe("offline synth: the async endpoints of the dev and prod fixture stacks", function () {
    this.timeout(120000);
    let dev: Record_[];
    let prod: Record_[];
    before(async () => {
        dev = await synthStack("dev");
        prod = await synthStack("prod");
    });

    it("dev: an EndpointConfig with asyncInferenceConfig (output and failure paths, success and error topics, concurrency)", () => {
        const config = dev.find((r) => r.type === "aws-native:sagemaker:EndpointConfig" && r.parent === DEV_ASYNC)!;
        const { clientConfig, outputConfig } = config.inputs.asyncInferenceConfig;
        assert.deepStrictEqual(clientConfig, { maxConcurrentInvocationsPerInstance: 4 });
        assert.deepStrictEqual(
            [outputConfig.s3OutputPath, outputConfig.s3FailurePath],
            [`s3://${DEV_IO_BUCKET}/${DEV_ASYNC}/output`, `s3://${DEV_IO_BUCKET}/${DEV_ASYNC}/failures`],
        );
        assert.deepStrictEqual(outputConfig.notificationConfig, {
            successTopic: `arn:aws:sns:us-east-1:123456789012:${DEV_ASYNC}-success-topic`,
            errorTopic: `arn:aws:sns:us-east-1:123456789012:${DEV_ASYNC}-error-topic`,
            includeInferenceResponseIn: ["ERROR_NOTIFICATION_TOPIC"],
        });
        // The output bucket's own key, not the capture key.
        const ioKey = dev.find((r) => r.type === "aws:kms/key:Key" && r.name === `${DEV_ASYNC}-io-key`)!;
        assert.strictEqual(outputConfig.kmsKeyId, keyArn(`${DEV_ASYNC}-io-key`));
        assert.strictEqual(ioKey.parent, `${DEV_ASYNC}-io`);
    });

    it("dev: target tracking on ApproximateBacklogSizePerInstance and backlog alarms with the EndpointName dimension", () => {
        const mine = belongingTo(dev, DEV_ASYNC);
        const tracking = mine.filter(
            (r) => r.type === "aws:appautoscaling/policy:Policy" && r.inputs.policyType === "TargetTrackingScaling",
        );
        assert.deepStrictEqual(
            tracking.map((p) => p.inputs.targetTrackingScalingPolicyConfiguration.customizedMetricSpecification),
            [
                {
                    metricName: "ApproximateBacklogSizePerInstance",
                    namespace: "AWS/SageMaker",
                    dimensions: [{ name: "EndpointName", value: DEV_ASYNC }],
                    statistic: "Average",
                },
            ],
        );
        const alarms = mine.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
        for (const metric of ["ApproximateBacklogSize", "ApproximateAgeOfOldestRequest"]) {
            assert.deepStrictEqual(
                alarms.filter((a) => a.inputs.metricName === metric).map((a) => [a.inputs.namespace, a.inputs.dimensions]),
                [["AWS/SageMaker", { EndpointName: DEV_ASYNC }]],
            );
        }
    });

    for (const [stack, endpoint] of [
        ["dev", DEV_ASYNC],
        ["prod", PROD_ASYNC],
    ] as const) {
        it(`${stack}: no resource of the async endpoint mentions Invocations, InvocationsPerInstance or OverheadLatency`, () => {
            const resources = stack === "dev" ? dev : prod;
            const mine = belongingTo(resources, endpoint);
            // The whole tree is searched: every kind of resource the endpoint owns, 34 resources in all (its log group and dashboard too).
            assert.deepStrictEqual([mine.length, [...new Set(mine.map((r) => r.type))].sort()], [34, ASYNC_RESOURCE_TYPES]);
            assert.deepStrictEqual(
                mine.filter((r) => NOT_PUBLISHED.test(JSON.stringify(r.inputs))).map((r) => r.name),
                [],
            );
            // The pattern itself is sound: it would catch the real-time metric, and spares AWS's async ones.
            assert.deepStrictEqual(
                ["Invocations", "InvocationsPerInstance", "OverheadLatency", "InvocationsProcesssed", "InvocationFailures"].map((m) =>
                    NOT_PUBLISHED.test(JSON.stringify({ metricName: m })),
                ),
                [true, true, true, false, false],
            );
        });
    }

    for (const [stack, endpoint, maxCapacity] of [
        ["dev", DEV_ASYNC, 2],
        ["prod", PROD_ASYNC, 6],
    ] as const) {
        it(`${stack} (min 0): a StepScaling policy and a HasBacklogWithoutCapacity alarm whose alarmActions reference it`, () => {
            const mine = belongingTo(stack === "dev" ? dev : prod, endpoint);
            const target = mine.find((r) => r.type === "aws:appautoscaling/target:Target")!;
            assert.deepStrictEqual(
                [target.inputs.resourceId, target.inputs.minCapacity, target.inputs.maxCapacity],
                [`endpoint/${endpoint}/variant/AllTraffic`, 0, maxCapacity],
            );
            const step = mine.filter((r) => r.type === "aws:appautoscaling/policy:Policy" && r.inputs.policyType === "StepScaling");
            assert.deepStrictEqual(
                step.map((p) => [
                    p.name,
                    p.inputs.resourceId,
                    p.inputs.stepScalingPolicyConfiguration.adjustmentType,
                    p.inputs.stepScalingPolicyConfiguration.stepAdjustments,
                ]),
                [
                    [
                        `${endpoint}-scaling-AllTraffic-from-zero`,
                        `endpoint/${endpoint}/variant/AllTraffic`,
                        "ChangeInCapacity",
                        [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
                    ],
                ],
            );
            // resources.json holds inputs; the policy's ARN is the mock's, derived from its logical name.
            const stepArn = `arn:aws:appautoscaling:us-east-1:123456789012:policy/${step[0].name}`;
            const triggers = mine.filter(
                (r) =>
                    r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" &&
                    r.inputs.metricName === "HasBacklogWithoutCapacity" &&
                    r.inputs.alarmActions.includes(stepArn),
            );
            assert.deepStrictEqual(
                triggers.map((a) => [
                    a.inputs.namespace,
                    a.inputs.dimensions,
                    a.inputs.statistic,
                    a.inputs.period,
                    a.inputs.threshold,
                    a.inputs.comparisonOperator,
                ]),
                [["AWS/SageMaker", { EndpointName: endpoint }, "Average", 60, 1, "GreaterThanOrEqualToThreshold"]],
            );
        });
    }
});
