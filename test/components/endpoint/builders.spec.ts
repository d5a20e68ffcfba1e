import * as assert from "assert";
import { buildContainerEnvironment, environmentProblems } from "../../../components/core/endpoint/containerEnvironment";
import { ecrRepositoryArn, parseEcrImage } from "../../../components/core/endpoint/containerImage";
import { buildDataCaptureConfig, endpointCapturePrefixUri } from "../../../components/core/endpoint/dataCaptureConfig";
import { buildExecutionRolePolicy, ExecutionRoleScope } from "../../../components/core/endpoint/executionRolePolicy";
import { buildMetricsConfig } from "../../../components/core/endpoint/metricsConfig";
import { canonicalJson, contentHashedName } from "../../../components/core/endpoint/physicalNames";
import { CAPTURE_DEFAULTS, METRICS_DEFAULTS } from "../../../components/core/endpoint/resolveEndpointArgs";
import { isInstanceType, usesInstanceStore } from "../../../domain/sageMakerLimits";

describe("endpoint builders", () => {
    describe("buildDataCaptureConfig", () => {
        const cases: { label: string; capture: typeof CAPTURE_DEFAULTS; expected: object }[] = [
            {
                label: "defaults: 100 %, Input and Output, CSV and JSON headers",
                capture: CAPTURE_DEFAULTS,
                expected: {
                    enableCapture: true,
                    initialSamplingPercentage: 100,
                    destinationS3Uri: "s3://b/datacapture",
                    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
                    captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
                    captureContentTypeHeader: { csvContentTypes: ["text/csv"], jsonContentTypes: ["application/json"] },
                },
            },
            {
                label: "InputAndOutput, custom types",
                capture: {
                    ...CAPTURE_DEFAULTS,
                    samplingPercentage: 50,
                    captureModes: ["InputAndOutput"],
                    csvContentTypes: ["text/csv", "text/plain"],
                    jsonContentTypes: ["application/jsonlines"],
                },
                expected: {
                    enableCapture: true,
                    initialSamplingPercentage: 50,
                    destinationS3Uri: "s3://b/datacapture",
                    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
                    captureOptions: [{ captureMode: "InputAndOutput" }],
                    captureContentTypeHeader: { csvContentTypes: ["text/csv", "text/plain"], jsonContentTypes: ["application/jsonlines"] },
                },
            },
        ];
        cases.push(
            {
                label: "an empty list leaves that header out",
                capture: { ...CAPTURE_DEFAULTS, csvContentTypes: [] },
                expected: {
                    enableCapture: true,
                    initialSamplingPercentage: 100,
                    destinationS3Uri: "s3://b/datacapture",
                    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
                    captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
                    captureContentTypeHeader: { jsonContentTypes: ["application/json"] },
                },
            },
            {
                label: "two empty lists leave the whole header out (payloads will be base64)",
                capture: { ...CAPTURE_DEFAULTS, csvContentTypes: [], jsonContentTypes: [] },
                expected: {
                    enableCapture: true,
                    initialSamplingPercentage: 100,
                    destinationS3Uri: "s3://b/datacapture",
                    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
                    captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
                    captureContentTypeHeader: undefined,
                },
            },
        );
        for (const c of cases) {
            it(c.label, () =>
                assert.deepStrictEqual(
                    buildDataCaptureConfig(
                        c.capture,
                        "s3://b/datacapture",
                        "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
                    ),
                    c.expected,
                ),
            );
        }
        it("names each endpoint's capture prefix", () =>
            assert.strictEqual(endpointCapturePrefixUri("s3://b/datacapture", "churn"), "s3://b/datacapture/churn/"));
    });

    it("buildMetricsConfig uses MetricPublishFrequencyInSeconds", () => {
        assert.deepStrictEqual(buildMetricsConfig(METRICS_DEFAULTS), {
            enableEnhancedMetrics: true,
            metricPublishFrequencyInSeconds: 60,
            enableDetailedObservability: false,
        });
        assert.deepStrictEqual(buildMetricsConfig({ enhancedMetrics: true, publishFrequencySeconds: 10, detailedObservability: true }), {
            enableEnhancedMetrics: true,
            metricPublishFrequencyInSeconds: 10,
            enableDetailedObservability: true,
        });
    });

    it("container environment carries endpoint metadata and keeps the user's variables", () => {
        assert.deepStrictEqual(
            buildContainerEnvironment({ A: "1" }, { endpointName: "e", variantName: "v", stack: "dev", tags: { z: "2", a: "1" } }),
            {
                A: "1",
                SAGEMAKER_MONITORING_ENDPOINT_NAME: "e",
                SAGEMAKER_MONITORING_VARIANT_NAME: "v",
                SAGEMAKER_MONITORING_STACK: "dev",
                SAGEMAKER_MONITORING_ENDPOINT_TAGS: '{"a":"1","z":"2"}',
            },
        );
        assert.deepStrictEqual(environmentProblems({ SAGEMAKER_MONITORING_STACK: "x", "1BAD": "v", LONG: "x".repeat(1025) }), [
            {
                key: "SAGEMAKER_MONITORING_STACK",
                reason: "variable names starting with SAGEMAKER_MONITORING_ are reserved for endpoint metadata (SAGEMAKER_MONITORING_ENDPOINT_NAME, SAGEMAKER_MONITORING_VARIANT_NAME, SAGEMAKER_MONITORING_STACK, SAGEMAKER_MONITORING_ENDPOINT_TAGS)",
            },
            { key: "1BAD", reason: "variable name must match ^[a-zA-Z_][a-zA-Z0-9_]*$ and be at most 1024 characters" },
            { key: "LONG", reason: "value must be a string of at most 1024 characters (got 1025 characters)" },
        ]);
    });

    it("content-hashed names are stable under key order and change with content", () => {
        assert.strictEqual(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), '{"a":{"c":3,"d":2},"b":1}');
        const a = contentHashedName("churn", { x: 1, y: 2 });
        assert.strictEqual(a, contentHashedName("churn", { y: 2, x: 1 }));
        assert.notStrictEqual(a, contentHashedName("churn", { x: 1, y: 3 }));
        assert.match(a, /^churn-[0-9a-f]{8}$/);
    });

    it("parses ECR images into repository ARNs", () => {
        const image = parseEcrImage("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1");
        assert.deepStrictEqual(image, { accountId: "683313688378", region: "us-east-1", repository: "sagemaker-xgboost" });
        assert.strictEqual(ecrRepositoryArn("aws", image!), "arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost");
        assert.strictEqual(parseEcrImage("docker.io/library/nginx:latest"), undefined);
    });

    it("accepts every SageMaker instance-type shape, hyphenated families included, and nothing else", () => {
        assert.deepStrictEqual(
            [
                "ml.m5.large",
                "ml.g4dn.xlarge",
                "ml.p6-b200.48xlarge",
                "ml.inf2.xlarge",
                "m5.large",
                "ml.m5",
                "ml.M5.large",
                "ml.m5.large ",
            ].map(isInstanceType),
            [true, true, true, true, false, false, false, false],
        );
    });

    it("knows which instance types use instance storage", () => {
        assert.deepStrictEqual(["ml.g5.xlarge", "ml.m5.large", "ml.p4d.24xlarge", "ml.c5.xlarge"].map(usesInstanceStore), [
            true,
            false,
            true,
            false,
        ]);
    });

    describe("buildExecutionRolePolicy", () => {
        const scope: ExecutionRoleScope = {
            partition: "aws",
            region: "us-east-1",
            accountId: "123456789012",
            endpointName: "churn",
            modelDataUrls: ["s3://models/churn/model.tar.gz", "s3://models/churn/uncompressed/"],
            modelDataKmsKeyArns: [],
            imageUris: ["683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"],
            captureDestinationUri: "s3://capture/datacapture",
            captureKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000001-0000-4000-8000-000000000001",
            writePrefixes: [],
            readPrefixes: [],
            encryptKmsKeyArns: [],
            publishTopicArns: [],
            network: undefined,
        };
        it("grants only the model's artifacts, capture prefix, keys, repositories and log group", () => {
            assert.deepStrictEqual(buildExecutionRolePolicy(scope), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ReadModelArtifacts",
                        Effect: "Allow",
                        Action: ["s3:GetObject"],
                        Resource: ["arn:aws:s3:::models/churn/model.tar.gz", "arn:aws:s3:::models/churn/uncompressed/*"],
                    },
                    {
                        Sid: "WriteCaptureAndOutputs",
                        Effect: "Allow",
                        Action: ["s3:AbortMultipartUpload", "s3:PutObject"],
                        Resource: ["arn:aws:s3:::capture/datacapture/churn/*"],
                    },
                    {
                        Sid: "EncryptWithOwnKeys",
                        Effect: "Allow",
                        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
                        Resource: ["arn:aws:kms:us-east-1:123456789012:key/e0000001-0000-4000-8000-000000000001"],
                    },
                    {
                        Sid: "PullOwnImages",
                        Effect: "Allow",
                        Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                        Resource: ["arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost"],
                    },
                    { Sid: "EcrLoginIsNotResourceScoped", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
                    {
                        Sid: "CreateOwnLogGroup",
                        Effect: "Allow",
                        Action: ["logs:CreateLogGroup"],
                        Resource: ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn"],
                    },
                    {
                        Sid: "WriteOwnLogs",
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                        Resource: ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn:log-stream:*"],
                    },
                    {
                        Sid: "PublishSageMakerMetricsOnly",
                        Effect: "Allow",
                        Action: ["cloudwatch:PutMetricData"],
                        Resource: ["*"],
                        Condition: { StringLike: { "cloudwatch:namespace": ["/aws/sagemaker/*"] } },
                    },
                ],
            });
        });
        it("adds model keys, async grants and VPC networking only when needed", () => {
            const policy = buildExecutionRolePolicy({
                ...scope,
                modelDataUrls: [],
                modelDataKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/e0000006-0000-4000-8000-000000000006"],
                writePrefixes: ["s3://out/results"],
                readPrefixes: ["s3://inbox/requests/"],
                encryptKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/e0000007-0000-4000-8000-000000000007"],
                publishTopicArns: ["arn:aws:sns:us-east-1:123456789012:ok"],
                network: { subnetIds: ["subnet-0b", "subnet-0a"], securityGroupIds: ["sg-01"], vpcId: "vpc-01" },
            });
            const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
            assert.deepStrictEqual(bySid.ReadModelArtifacts.Resource, ["arn:aws:s3:::inbox/requests/*"]);
            assert.deepStrictEqual(bySid.WriteCaptureAndOutputs.Resource, [
                "arn:aws:s3:::capture/datacapture/churn/*",
                "arn:aws:s3:::out/results/*",
            ]);
            assert.deepStrictEqual(bySid.EncryptWithOwnKeys.Resource, [
                "arn:aws:kms:us-east-1:123456789012:key/e0000001-0000-4000-8000-000000000001",
                "arn:aws:kms:us-east-1:123456789012:key/e0000007-0000-4000-8000-000000000007",
            ]);
            assert.deepStrictEqual(bySid.DecryptModelArtifacts, {
                Sid: "DecryptModelArtifacts",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: ["arn:aws:kms:us-east-1:123456789012:key/e0000006-0000-4000-8000-000000000006"],
            });
            assert.deepStrictEqual(bySid.PublishOwnNotifications.Resource, ["arn:aws:sns:us-east-1:123456789012:ok"]);
            assert.deepStrictEqual(bySid.DescribeNetworkIsNotResourceScoped.Resource, ["*"]);
            assert.deepStrictEqual(
                [bySid.ManageNetworkInterfacesInOwnSubnets, bySid.UseOwnSubnetsAndSecurityGroups],
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
                        Condition: {
                            ArnEquals: {
                                "ec2:Subnet": [
                                    "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0a",
                                    "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0b",
                                ],
                                "ec2:Vpc": "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-01",
                            },
                        },
                    },
                    {
                        Sid: "UseOwnSubnetsAndSecurityGroups",
                        Effect: "Allow",
                        Action: ["ec2:CreateNetworkInterface"],
                        Resource: [
                            "arn:aws:ec2:us-east-1:123456789012:security-group/sg-01",
                            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0a",
                            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0b",
                        ],
                    },
                ],
            );
        });
        it("conditions network interfaces on the subnets alone when the VPC is not known (an existing network)", () => {
            const policy = buildExecutionRolePolicy({ ...scope, network: { subnetIds: ["subnet-0a"], securityGroupIds: ["sg-01"] } });
            assert.deepStrictEqual(policy.Statement.find((s) => s.Sid === "ManageNetworkInterfacesInOwnSubnets")?.Condition, {
                ArnEquals: { "ec2:Subnet": ["arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0a"] },
            });
        });
    });
});
