import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { stableHex } from "../../tools/synth/mockState";
import { InvalidInputsError } from "../../tools/synth/runProgram";
import { contentHashedName } from "../../components/core/endpoint/physicalNames";
import { RealtimeEndpoint, RealtimeEndpointArgs } from "../../components/realtimeEndpoint/RealtimeEndpoint";
import { declared, declaredWithDependencies, ofType, resource } from "../support/pulumiMocks";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const baseArgs: RealtimeEndpointArgs = {
    model: { image: IMAGE, modelDataUrl: "s3://models-bucket/churn/model.tar.gz" },
    instanceType: "ml.m5.large",
    captureDestination: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: KEY },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
    tags: { team: "ml" },
    stackName: "dev",
};

function inputPropertiesErrors(fn: () => unknown): { propertyPath: string; reason: string }[] {
    try {
        fn();
    } catch (error: any) {
        return error.errors;
    }
    throw new Error("expected an InputPropertiesError");
}

describe("RealtimeEndpoint", () => {
    it("declares role, policy, model, endpoint config and endpoint with exact inputs", async () => {
        const resources = await declared(() => new RealtimeEndpoint("churn", baseArgs));
        assert.deepStrictEqual(
            resources.map((r) => `${r.type}::${r.name}::${r.parent}`),
            [
                "aws-native:sagemaker:Endpoint::churn-endpoint::churn",
                "aws-native:sagemaker:EndpointConfig::churn-config::churn",
                "aws-native:sagemaker:Model::churn-model-AllTraffic::churn",
                "aws:cloudwatch/dashboard:Dashboard::churn-dashboard::churn",
                "aws:cloudwatch/logGroup:LogGroup::churn-logs::churn",
                ...[
                    "cpu-utilization",
                    "disk-utilization",
                    "invocation4-xx-error-rate",
                    "invocation5-xx-errors",
                    "memory-utilization",
                    "model-latency-p99",
                    "overhead-latency-p99",
                ].map((id) => `aws:cloudwatch/metricAlarm:MetricAlarm::churn-alarm-${id}-AllTraffic::churn`),
                "aws:iam/role:Role::churn-execution-role::churn",
                "aws:iam/rolePolicy:RolePolicy::churn-execution-policy::churn",
                "sagemaker-monitoring:endpoint:RealtimeEndpoint::churn::null",
            ],
        );
        const config = resource(resources, "aws-native:sagemaker:EndpointConfig", "churn-config");
        const model = resource(resources, "aws-native:sagemaker:Model", "churn-model-AllTraffic");
        const role = resource(resources, "aws:iam/role:Role", "churn-execution-role");
        assert.strictEqual(role.outputs.arn, `arn:aws:iam::123456789012:role/churn-${stableHex("churn-execution-role", 26)}`);
        // The names hash exactly what makes the resource: the whole model, then the whole config.
        assert.strictEqual(
            model.inputs.modelName,
            contentHashedName("churn", {
                variant: "AllTraffic",
                container: model.inputs.primaryContainer,
                executionRoleArn: role.outputs.arn,
                enableNetworkIsolation: false,
                vpcConfig: undefined,
            }),
        );
        const { endpointConfigName, tags: _tags, ...configContent } = config.inputs;
        assert.strictEqual(endpointConfigName, contentHashedName("churn", configContent));
        assert.deepStrictEqual(config.inputs, {
            endpointConfigName: config.inputs.endpointConfigName,
            productionVariants: [
                {
                    variantName: "AllTraffic",
                    modelName: model.inputs.modelName,
                    instanceType: "ml.m5.large",
                    initialInstanceCount: 1,
                    initialVariantWeight: 1,
                },
            ],
            dataCaptureConfig: {
                enableCapture: true,
                initialSamplingPercentage: 100,
                destinationS3Uri: "s3://capture-bucket/datacapture",
                kmsKeyId: KEY,
                captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
                captureContentTypeHeader: { csvContentTypes: ["text/csv"], jsonContentTypes: ["application/json"] },
            },
            metricsConfig: { enableEnhancedMetrics: true, metricPublishFrequencyInSeconds: 60, enableDetailedObservability: false },
            kmsKeyId: KEY,
            tags: [{ key: "team", value: "ml" }],
        });
        assert.deepStrictEqual(model.inputs, {
            modelName: model.inputs.modelName,
            executionRoleArn: role.outputs.arn,
            primaryContainer: {
                image: IMAGE,
                modelDataUrl: "s3://models-bucket/churn/model.tar.gz",
                environment: {
                    SAGEMAKER_MONITORING_ENDPOINT_NAME: "churn",
                    SAGEMAKER_MONITORING_VARIANT_NAME: "AllTraffic",
                    SAGEMAKER_MONITORING_STACK: "dev",
                    SAGEMAKER_MONITORING_ENDPOINT_TAGS: '{"team":"ml"}',
                },
            },
            enableNetworkIsolation: false,
            tags: [{ key: "team", value: "ml" }],
        });
        assert.deepStrictEqual(resource(resources, "aws-native:sagemaker:Endpoint", "churn-endpoint").inputs, {
            endpointName: "churn",
            endpointConfigName: config.inputs.endpointConfigName,
            tags: [{ key: "team", value: "ml" }],
        });
        assert.deepStrictEqual(
            [role.inputs.namePrefix, role.inputs.description, role.inputs.tags],
            ["churn-", "SageMaker execution role of endpoint churn, scoped to its artifacts, capture prefix and keys", { team: "ml" }],
        );
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AssumeFromThisAccountOnly",
                    Effect: "Allow",
                    Principal: { Service: "sagemaker.amazonaws.com" },
                    Action: ["sts:AssumeRole"],
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ],
        });
        const policy = JSON.parse(resource(resources, "aws:iam/rolePolicy:RolePolicy", "churn-execution-policy").inputs.policy);
        assert.deepStrictEqual(
            policy.Statement.map((s: any) => [s.Sid, s.Resource]),
            [
                ["ReadModelArtifacts", ["arn:aws:s3:::models-bucket/churn/model.tar.gz"]],
                ["WriteCaptureAndOutputs", ["arn:aws:s3:::capture-bucket/datacapture/churn/*"]],
                ["EncryptWithOwnKeys", [KEY]],
                ["PullOwnImages", ["arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost"]],
                ["EcrLoginIsNotResourceScoped", ["*"]],
                ["CreateOwnLogGroup", ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn"]],
                ["WriteOwnLogs", ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn:log-stream:*"]],
                ["PublishSageMakerMetricsOnly", ["*"]],
            ],
        );
    });

    const configOnlyChanges: [string, Partial<RealtimeEndpointArgs>][] = [
        ["sampling", { dataCapture: { samplingPercentage: 50 } }],
        ["capture modes", { dataCapture: { captureModes: ["InputAndOutput"] } }],
        ["content types", { dataCapture: { jsonContentTypes: ["application/jsonlines"] } }],
        ["metrics frequency", { metrics: { publishFrequencySeconds: 10 } }],
        ["detailed observability", { metrics: { detailedObservability: true } }],
        ["instance count", { instanceCount: 3 }],
        ["instance type", { instanceType: "ml.c5.xlarge" }],
        ["volume key", { volumeKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e000000c-0000-4000-8000-00000000000c" }],
        ["capture prefix", { captureDestination: { bucketName: "capture-bucket", prefix: "dc2", kmsKeyArn: KEY } }],
    ];
    for (const [label, change] of configOnlyChanges) {
        it(`a ${label} change makes a new endpoint config name and keeps the model`, async () => {
            const before = await declared(() => new RealtimeEndpoint("churn", baseArgs));
            const after = await declared(() => new RealtimeEndpoint("churn", { ...baseArgs, ...change }));
            const names = (rs: typeof before) => [
                resource(rs, "aws-native:sagemaker:Model", "churn-model-AllTraffic").inputs.modelName,
                resource(rs, "aws-native:sagemaker:EndpointConfig", "churn-config").inputs.endpointConfigName,
            ];
            const [modelBefore, configBefore] = names(before);
            const [modelAfter, configAfter] = names(after);
            assert.deepStrictEqual([modelAfter === modelBefore, configAfter === configBefore], [true, false]);
        });
    }

    it("creates the container log group with retention and the capture key, before the endpoint", async () => {
        const { resources, dependencies } = await declaredWithDependencies(() => new RealtimeEndpoint("churn", baseArgs));
        assert.deepStrictEqual(resource(resources, "aws:cloudwatch/logGroup:LogGroup", "churn-logs").inputs, {
            name: "/aws/sagemaker/Endpoints/churn",
            retentionInDays: 30,
            kmsKeyId: KEY,
            tags: { team: "ml" },
        });
        assert.ok(
            dependencies
                .get("churn-endpoint")!
                .includes(
                    "urn:pulumi:test::sagemaker-monitoring::sagemaker-monitoring:endpoint:RealtimeEndpoint$aws:cloudwatch/logGroup:LogGroup::churn-logs",
                ),
            JSON.stringify(dependencies.get("churn-endpoint")),
        );
        const other = "arn:aws:kms:us-east-1:123456789012:key/e0000009-0000-4000-8000-000000000009";
        const configured = await declared(
            () => new RealtimeEndpoint("churn", { ...baseArgs, logs: { retentionDays: 365, kmsKeyArn: other } }),
        );
        const logs = resource(configured, "aws:cloudwatch/logGroup:LogGroup", "churn-logs").inputs;
        assert.deepStrictEqual([logs.retentionInDays, logs.kmsKeyId], [365, other]);
    });

    it("refuses a retention CloudWatch does not offer and a key that is not a KMS key ARN, at their paths", () => {
        assert.deepStrictEqual(
            inputPropertiesErrors(() => new RealtimeEndpoint("churn", { ...baseArgs, logs: { retentionDays: 31, kmsKeyArn: "nope" } })).map(
                (e) => [e.propertyPath, e.reason],
            ),
            [
                [
                    "logs.retentionDays",
                    "must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 31)",
                ],
                ["logs.kmsKeyArn", 'must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>, but it is not an ARN (got "nope")'],
            ],
        );
    });

    it("a changed model replaces model and config under new names while the endpoint name stays", async () => {
        const first = await declared(() => new RealtimeEndpoint("churn", baseArgs));
        const second = await declared(
            () =>
                new RealtimeEndpoint("churn", {
                    ...baseArgs,
                    model: { ...baseArgs.model, modelDataUrl: "s3://models-bucket/churn/v2.tar.gz" },
                }),
        );
        const names = (rs: typeof first) => [
            resource(rs, "aws-native:sagemaker:Model", "churn-model-AllTraffic").inputs.modelName,
            resource(rs, "aws-native:sagemaker:EndpointConfig", "churn-config").inputs.endpointConfigName,
            resource(rs, "aws-native:sagemaker:Endpoint", "churn-endpoint").inputs.endpointName,
        ];
        const [m1, c1, e1] = names(first);
        const [m2, c2, e2] = names(second);
        assert.notStrictEqual(m1, m2);
        assert.notStrictEqual(c1, c2);
        assert.strictEqual(e1, e2);
        assert.strictEqual(resource(second, "aws-native:sagemaker:Endpoint", "churn-endpoint").inputs.endpointConfigName, c2);
    });

    it("uses a given role, creates none, and omits the volume key on instance-store GPUs", async () => {
        const resources = await declared(
            () =>
                new RealtimeEndpoint("llm", {
                    ...baseArgs,
                    instanceType: "ml.g5.xlarge",
                    executionRoleArn: "arn:aws:iam::123456789012:role/existing",
                    variants: [
                        { name: "a", weight: 3 },
                        { name: "b", instanceType: "ml.g5.2xlarge", instanceCount: 2 },
                    ],
                }),
        );
        assert.deepStrictEqual(ofType(resources, "aws:iam/role:Role"), []);
        const config = resource(resources, "aws-native:sagemaker:EndpointConfig", "llm-config");
        assert.strictEqual(config.inputs.kmsKeyId, undefined);
        assert.deepStrictEqual(
            config.inputs.productionVariants.map((v: any) => [
                v.variantName,
                v.instanceType,
                v.initialInstanceCount,
                v.initialVariantWeight,
            ]),
            [
                ["a", "ml.g5.xlarge", 1, 3],
                ["b", "ml.g5.2xlarge", 2, 1],
            ],
        );
        assert.deepStrictEqual(
            ofType(resources, "aws-native:sagemaker:Model").map((m) => [
                m.name,
                m.inputs.executionRoleArn,
                m.inputs.primaryContainer.environment.SAGEMAKER_MONITORING_VARIANT_NAME,
            ]),
            [
                ["llm-model-a", "arn:aws:iam::123456789012:role/existing", "a"],
                ["llm-model-b", "arn:aws:iam::123456789012:role/existing", "b"],
            ],
        );
    });

    it("runs in a VPC with network isolation", async () => {
        const resources = await declared(
            () => new RealtimeEndpoint("private", { ...baseArgs, network: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] } }),
        );
        const model = resource(resources, "aws-native:sagemaker:Model", "private-model-AllTraffic");
        assert.deepStrictEqual(
            [model.inputs.enableNetworkIsolation, model.inputs.vpcConfig],
            [true, { subnets: ["subnet-1"], securityGroupIds: ["sg-1"] }],
        );
        const policy = JSON.parse(resource(resources, "aws:iam/rolePolicy:RolePolicy", "private-execution-policy").inputs.policy);
        assert.deepStrictEqual(
            policy.Statement.filter((s: any) => s.Sid.includes("Network") || s.Sid === "UseOwnSubnetsAndSecurityGroups"),
            [
                {
                    Sid: "ManageNetworkInterfacesInOwnSubnets",
                    Effect: "Allow",
                    Action: [
                        "ec2:CreateNetworkInterface",
                        "ec2:CreateNetworkInterfacePermission",
                        "ec2:DeleteNetworkInterface",
                        "ec2:DeleteNetworkInterfacePermission",
                    ],
                    Resource: ["arn:aws:ec2:us-east-1:123456789012:network-interface/*"],
                    Condition: { ArnEquals: { "ec2:Subnet": ["arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1"] } },
                },
                {
                    Sid: "UseOwnSubnetsAndSecurityGroups",
                    Effect: "Allow",
                    Action: ["ec2:CreateNetworkInterface"],
                    Resource: [
                        "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1",
                        "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1",
                    ],
                },
                {
                    Sid: "DescribeNetworkIsNotResourceScoped",
                    Effect: "Allow",
                    Action: [
                        "ec2:DescribeDhcpOptions",
                        "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeSecurityGroups",
                        "ec2:DescribeSubnets",
                        "ec2:DescribeVpcs",
                    ],
                    Resource: ["*"],
                },
            ],
        );
    });

    it("reports frequency 15, sampling 101, a name with _ and count 0 in one error, declaring nothing", async () => {
        const resources = await declared(() => {
            assert.deepStrictEqual(
                inputPropertiesErrors(
                    () =>
                        new RealtimeEndpoint("churn_dev", {
                            ...baseArgs,
                            instanceCount: 0,
                            dataCapture: { samplingPercentage: 101 },
                            metrics: { publishFrequencySeconds: 15 as never },
                        }),
                ),
                [
                    {
                        propertyPath: "name",
                        reason: 'must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, starting and ending with a letter or digit (got "churn_dev")',
                    },
                    { propertyPath: "instanceCount", reason: "must be an integer >= 1 (got 0)" },
                    { propertyPath: "dataCapture.samplingPercentage", reason: "must be an integer from 0 to 100 (got 101)" },
                    { propertyPath: "metrics.publishFrequencySeconds", reason: "must be one of 10, 30, 60, 120, 180, 240, 300 (got 15)" },
                ],
            );
        });
        assert.deepStrictEqual(resources, []);
    });

    const invalid: [string, Partial<RealtimeEndpointArgs> & { name?: string }, string, string][] = [
        [
            "endpoint name too long for derived names",
            { endpointName: "e".repeat(55) },
            "endpointName",
            `must be at most 54 characters so that derived model and endpoint-config names "<name>-<8 hex>" stay within 63 (got 55: "${"e".repeat(55)}")`,
        ],
        [
            "instance type",
            { instanceType: "m5.large" },
            "instanceType",
            'must be a SageMaker instance type "ml.<family>.<size>", e.g. "ml.m5.large" or "ml.g5.xlarge" (got "m5.large")',
        ],
        [
            "image not ECR",
            { model: { image: "nginx:latest" } },
            "model.image",
            'must be an Amazon ECR image URI <account-id>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:digest] (got "nginx:latest")',
        ],
        [
            "model data URL",
            { model: { image: IMAGE, modelDataUrl: "https://x/model.tar.gz" } },
            "model.modelDataUrl",
            'must be an S3 URI of the form s3://<bucket>/<key>, bucket 3-63 lowercase letters, digits, dots and hyphens (got "https://x/model.tar.gz")',
        ],
        [
            "capture mode",
            { dataCapture: { captureModes: ["Both" as never] } },
            "dataCapture.captureModes[0]",
            'must be one of "Input", "Output", "InputAndOutput" (got "Both")',
        ],
        [
            "repeated capture mode",
            { dataCapture: { captureModes: ["Input", "Input"] } },
            "dataCapture.captureModes",
            "must not repeat a capture mode",
        ],
        [
            "too many content types",
            { dataCapture: { csvContentTypes: Array(11).fill("text/csv") } },
            "dataCapture.csvContentTypes",
            "must be a list of at most 10 content types (got 11 entries)",
        ],
        [
            "content type shape",
            { dataCapture: { jsonContentTypes: ["json"] } },
            "dataCapture.jsonContentTypes[0]",
            'must be a MIME type "type/subtype" such as "text/csv" or "application/json" (got "json")',
        ],
        [
            "sampling fraction",
            { dataCapture: { samplingPercentage: 99.5 } },
            "dataCapture.samplingPercentage",
            "must be an integer from 0 to 100 (got 99.5)",
        ],
        [
            "role ARN",
            { executionRoleArn: "arn:aws:iam::123456789012:user/x" },
            "executionRoleArn",
            'must be an IAM role ARN arn:aws:iam::<account>:role/<name>, but its resource "user/x" is not of the form role/<name> (got "arn:aws:iam::123456789012:user/x")',
        ],
        [
            "volume key on instance store",
            { instanceType: "ml.g5.xlarge", volumeKmsKeyArn: KEY },
            "volumeKmsKeyArn",
            "must not be set when a variant uses an instance-store type (ml.g5.xlarge): AWS encrypts instance storage itself and rejects a volume KMS key",
        ],
        [
            "duplicate variant names",
            { variants: [{ name: "a" }, { name: "a" }] },
            "variants[1].name",
            'must be unique within the endpoint ("a" is used twice)',
        ],
        [
            "unnamed second variant",
            { variants: [{ name: "a" }, {}] },
            "variants[1].name",
            "is required when there is more than one variant",
        ],
        ["variant weight", { variants: [{ name: "a", weight: -1 }] }, "variants[0].weight", "must be a number from 0 to 1000 (got -1)"],
        [
            "all weights zero",
            { variants: [{ name: "a", weight: 0 }] },
            "variants",
            "weights must not all be 0: at least one variant must receive traffic",
        ],
        [
            "reserved env",
            { model: { image: IMAGE, environment: { SAGEMAKER_MONITORING_STACK: "x" } } },
            "model.environment.SAGEMAKER_MONITORING_STACK",
            "variable names starting with SAGEMAKER_MONITORING_ are reserved for endpoint metadata (SAGEMAKER_MONITORING_ENDPOINT_NAME, SAGEMAKER_MONITORING_VARIANT_NAME, SAGEMAKER_MONITORING_STACK, SAGEMAKER_MONITORING_ENDPOINT_TAGS)",
        ],
        [
            "capture prefix",
            { captureDestination: { bucketName: "capture-bucket", prefix: "a//b", kmsKeyArn: KEY } },
            "captureDestination.prefix",
            `must be 1-512 characters of S3-safe key segments (letters, digits, !_.*'()-) separated by single "/", with no leading or trailing "/" (got "a//b")`,
        ],
        [
            "tag key",
            { tags: { "aws:team": "x" } },
            "tags.aws:team",
            'tag key must not start with the reserved prefix "aws:" (got "aws:team")',
        ],
        ["empty subnets", { network: { subnetIds: [], securityGroupIds: ["sg-1"] } }, "network.subnetIds", "must list at least one ID"],
    ];
    for (const [label, override, path, reason] of invalid) {
        it(`rejects ${label} at ${path}`, () => {
            assert.deepStrictEqual(
                inputPropertiesErrors(() => new RealtimeEndpoint("churn", { ...baseArgs, ...override } as RealtimeEndpointArgs)),
                [{ propertyPath: path, reason }],
            );
        });
    }

    it("checks values known only at deploy time with the same rule, at the same path", async () => {
        await assert.rejects(
            declared(
                () =>
                    new RealtimeEndpoint("late", {
                        ...baseArgs,
                        model: { image: pulumi.output("nginx:latest"), modelDataUrl: "s3://models-bucket/m.tar.gz" },
                    }),
            ),
            (error: any) => {
                assert.ok(error instanceof InvalidInputsError);
                assert.deepStrictEqual(error.problems, [
                    {
                        propertyPath: "model.image",
                        reason: 'must be an Amazon ECR image URI <account-id>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:digest] (got "nginx:latest")',
                    },
                ]);
                assert.match(error.message, /^RealtimeEndpoint "late": 1 invalid input:\n {2}- model\.image: /);
                return true;
            },
        );
    });

    it("requires an instance type somewhere and a capture destination", () => {
        assert.deepStrictEqual(
            inputPropertiesErrors(() => new RealtimeEndpoint("churn", { model: { image: IMAGE } } as RealtimeEndpointArgs)),
            [
                {
                    propertyPath: "captureDestination",
                    reason: "is required: a CaptureBucket's destination() or { bucketName, prefix, kmsKeyArn }",
                },
                {
                    propertyPath: "alarmTopicArn",
                    reason: "is required: the SNS topic every alarm notifies, e.g. AlarmNotifications' topicArn",
                },
                {
                    propertyPath: "instanceType",
                    reason: 'is required when no variants are given (must be a SageMaker instance type "ml.<family>.<size>", e.g. "ml.m5.large" or "ml.g5.xlarge" (got undefined))',
                },
            ],
        );
    });
});
